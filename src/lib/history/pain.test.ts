import { describe, expect, it } from 'vitest';
import { sampleSession } from '../storage/sample-records';
import type { SessionRecord } from '../storage/schema';
import { hasCheckIns, painByTechnique, painTrendChart, uprightByDay, uprightChart } from './pain';

/** Local time, so days and weeks are the user's own. 6 Jan 2025 is a Monday. */
const at = (day: number, hour = 9) => new Date(2025, 0, day, hour).getTime();
const s = (id: string, day: number, overrides: Partial<SessionRecord> = {}) => sampleSession({ id, startedAt: at(day), endedAt: at(day) + 60_000, ...overrides });

describe('pain trend per week', () => {
  it('averages before and after each Monday-to-Sunday week, leaving skipped and unasked out', () => {
    const records = [
      s('a', 6, { painBefore: 6, painAfter: 4 }),
      s('b', 8, { painBefore: 'skipped', painAfter: 2 }),
      s('c', 12, { painBefore: 5, painAfter: null }), // Sunday: same week
      s('d', 14, { painBefore: 3, painAfter: 1 }),
      s('e', 15), // never asked
    ];
    const chart = painTrendChart(records)!;
    expect(chart.period).toBe('week');
    expect(chart.periods).toEqual(['2025-01-06', '2025-01-13']);
    expect(chart.series.map((one) => [one.label, one.values])).toEqual([
      ['Before', [5.5, 3]],
      ['After', [3, 1]],
    ]);
    expect(chart.summary).toContain('Before: highest 5.5 /10, latest 3');
  });

  it('is null without any rating', () => {
    expect(painTrendChart([s('a', 6), s('b', 7, { painBefore: 'skipped', painAfter: 'skipped' })])).toBeNull();
    expect(hasCheckIns([s('a', 6, { painAfter: 'skipped' })])).toBe(false);
    expect(hasCheckIns([s('a', 6, { painAfter: 0 })])).toBe(true);
  });
});

describe('before against after, per technique', () => {
  it('compares only sessions rated both times; most practised first', () => {
    const rows = painByTechnique([
      s('a', 6, { painBefore: 6, painAfter: 3 }),
      s('b', 7, { painBefore: 4, painAfter: 4 }),
      s('c', 7, { painBefore: 7, painAfter: null }),
      s('d', 8, { techniqueId: 'self-massage', painBefore: 5, painAfter: 2 }),
      s('e', 9, { techniqueId: 'posture', painBefore: 'skipped', painAfter: 1 }),
    ]);
    expect(rows).toEqual([
      { techniqueId: 'cat-cow', name: 'Cat-cow', pairs: 2, before: 5, after: 3.5, change: -1.5 },
      { techniqueId: 'self-massage', name: 'Self-massage', pairs: 1, before: 5, after: 2, change: -3 },
    ]);
  });
});

describe('desk posture upright share', () => {
  const desk = (id: string, day: number, uprightMs: number, slouchedMs: number) => s(id, day, { techniqueId: 'posture', reps: [], posture: { uprightMs, slouchedMs } });

  it('adds the day\'s watches up into one share', () => {
    const days = uprightByDay([desk('a', 6, 30 * 60_000, 10 * 60_000), desk('b', 6, 10 * 60_000, 0), desk('c', 7, 0, 0), s('other', 6)]);
    expect(days).toEqual([
      { day: '2025-01-06', uprightMs: 40 * 60_000, slouchedMs: 10 * 60_000, share: 0.8 },
      { day: '2025-01-07', uprightMs: 0, slouchedMs: 0, share: null },
    ]);
    const chart = uprightChart([desk('a', 6, 3000, 1000), desk('b', 8, 1000, 1000)])!;
    expect(chart.periods).toEqual(['2025-01-06', '2025-01-08']);
    expect(chart.series[0]!.values).toEqual([75, 50]);
  });

  it('weekly for a long history, weighted by time', () => {
    const chart = uprightChart([desk('a', 6, 9000, 1000), desk('b', 7, 0, 10_000), desk('late', 6 + 200, 1, 0)])!;
    expect(chart.period).toBe('week');
    expect(chart.series[0]!.values[0]).toBe(45);
  });

  it('is null without desk-posture time', () => {
    expect(uprightChart([s('a', 6)])).toBeNull();
  });
});
