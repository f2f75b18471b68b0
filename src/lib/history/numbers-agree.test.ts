/**
 * The session summary, the History row and the CSV export write the same session's numbers the
 * same way (one rounding rule, format/numbers), so a user comparing them sees one value.
 */
import { describe, expect, it } from 'vitest';
import { formatMetric, formatSeconds } from '../format/numbers';
import { summarize } from '../session/summary';
import { toCsv } from '../storage/export';
import { sampleRep, sampleSession } from '../storage/sample-records';
import { sessionRow } from './view';

describe('summary, History and CSV agree', () => {
  const record = sampleSession({
    techniqueId: 'seated-twist',
    metricUnit: '°',
    reps: [sampleRep({ side: 'left', peakMetric: 41.26, troughMetric: 0.04, holdMs: 6249 }), sampleRep({ side: 'right', peakMetric: -38.04, troughMetric: 0 })],
    holds: [{ tMs: 0, side: 'left', durationMs: 6249, completed: true }],
  });

  it('best depth and longest hold read the same in the summary and the History row', () => {
    const summary = summarize(record);
    const row = sessionRow(record);
    expect(formatMetric(summary.bestRange!, record.metricUnit)).toBe('41.3°');
    expect(row.best).toBe(`best ${formatMetric(summary.bestRange!, record.metricUnit)}`);
    expect(formatSeconds(summary.longestHoldMs!)).toBe('6.2 s');
    expect(row.holds).toBe(`1 hold, longest ${formatSeconds(summary.longestHoldMs!)}`);
  });

  it('the CSV carries the same rounded peak and hold as the app shows', () => {
    const [, first] = toCsv([record]).replace(/^\uFEFF/, '').split('\r\n');
    const cells = first!.split(',');
    expect(cells[7]).toBe('41.3');
    expect(cells[8]).toBe('0');
    expect(cells[11]).toBe('6.2');
  });
});
