import { describe, expect, it } from 'vitest';
import { sampleRep, sampleSession } from '../storage/sample-records';
import { addDays, dailyTotals, dayKey, dayStart, sessionsByDay, streak, summarize, techniqueSeries, totals } from './summary';

/** Local-time epoch ms, so day grouping is right in any time zone the tests run in. */
const local = (year: number, month: number, date: number, hour = 9) => new Date(year, month - 1, date, hour).getTime();

describe('summarize', () => {
  it('cat-cow: range is peak − trough (cat to cow), no sides, top cues and faults by count', () => {
    const record = sampleSession({
      reps: [sampleRep({ peakMetric: 20, troughMetric: -15 }), sampleRep({ peakMetric: 18, troughMetric: -25 })],
      faults: { 'too-fast': 3, 'arms-bent': 1, 'knees-apart': 3, 'hands-forward': 2 },
      cues: { slower: { text: 'Slower', count: 4 }, 'arms-straight': { text: 'Straighten your arms', count: 1 } },
      durationMs: 60_000,
      timeInFrameMs: 45_000,
    });
    expect(summarize(record)).toEqual({
      reps: { total: 2, left: 0, right: 0 },
      completedHolds: 0,
      longestHoldMs: null,
      averageHoldMs: null,
      rangeKind: 'span',
      bestRange: 43,
      balance: null,
      topCues: [
        { id: 'slower', text: 'Slower', count: 4 },
        { id: 'arms-straight', text: 'Straighten your arms', count: 1 },
      ],
      // Ties (3 and 3) by id; only the top 3.
      topFaults: [
        { id: 'knees-apart', count: 3 },
        { id: 'too-fast', count: 3 },
        { id: 'hands-forward', count: 2 },
      ],
      durationMs: 60_000,
      timeInFrameMs: 45_000,
      inFrameShare: 0.75,
    });
  });

  it('seated twist: depth is |peak| per side, balance of reps, holds over completed ones only', () => {
    const record = sampleSession({
      techniqueId: 'seated-twist',
      reps: [
        sampleRep({ side: 'left', peakMetric: 38, troughMetric: 2 }),
        sampleRep({ side: 'right', peakMetric: -44, troughMetric: -1 }),
        sampleRep({ side: 'left', peakMetric: 41, troughMetric: 0 }),
      ],
      holds: [
        { tMs: 1000, side: 'left', durationMs: 6000, completed: true },
        { tMs: 9000, side: 'right', durationMs: 1500, completed: false },
        { tMs: 12_000, side: 'right', durationMs: 5000, completed: true },
        { tMs: 20_000, side: 'left', durationMs: 7000, completed: true },
      ],
    });
    const summary = summarize(record);
    expect(summary.reps).toEqual({ total: 3, left: 2, right: 1 });
    expect(summary.rangeKind).toBe('peak');
    expect(summary.bestRange).toBe(44);
    expect(summary.balance).toEqual({ left: 2, right: 1, leftShare: 2 / 3, leftBestRange: 41, rightBestRange: 44 });
    expect(summary.completedHolds).toBe(3);
    expect(summary.longestHoldMs).toBe(7000);
    expect(summary.averageHoldMs).toBe(6000);
  });

  it('an empty session has nulls, not zeros or NaN', () => {
    const summary = summarize(sampleSession({ reps: [], holds: [], faults: {}, cues: {}, durationMs: 0, timeInFrameMs: 0 }));
    expect(summary.bestRange).toBeNull();
    expect(summary.longestHoldMs).toBeNull();
    expect(summary.averageHoldMs).toBeNull();
    expect(summary.inFrameShare).toBeNull();
    expect(summary.topCues).toEqual([]);
  });
});

describe('days', () => {
  it('dayKey is the local calendar day; dayStart its local midnight', () => {
    expect(dayKey(local(2025, 3, 9, 0))).toBe('2025-03-09');
    expect(dayKey(local(2025, 3, 9, 23))).toBe('2025-03-09');
    expect(dayStart('2025-03-09')).toBe(local(2025, 3, 9, 0));
  });

  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-30', -30)).toBe('2025-02-28');
  });
});

describe('streak', () => {
  it('counts consecutive days up to today', () => {
    expect(streak(['2025-01-08', '2025-01-09', '2025-01-10'], '2025-01-10')).toEqual({ current: 3, longest: 3 });
  });

  it('survives a today with no session yet when yesterday has one', () => {
    expect(streak(['2025-01-08', '2025-01-09'], '2025-01-10').current).toBe(2);
  });

  it('is broken by a day with no session before yesterday', () => {
    expect(streak(['2025-01-07', '2025-01-08'], '2025-01-10').current).toBe(0);
  });

  it('longest is the longest run anywhere; repeats and order do not matter', () => {
    const days = ['2025-01-10', '2024-12-30', '2024-12-31', '2025-01-01', '2025-01-01', '2025-01-02', '2025-01-09'];
    expect(streak(days, '2025-01-10')).toEqual({ current: 2, longest: 4 });
    expect(streak([], '2025-01-10')).toEqual({ current: 0, longest: 0 });
  });
});

describe('history aggregates', () => {
  const history = [
    sampleSession({ id: 'a', startedAt: local(2025, 1, 6, 8), durationMs: 60_000, reps: [sampleRep()], holds: [] }),
    sampleSession({
      id: 'b',
      techniqueId: 'seated-twist',
      startedAt: local(2025, 1, 6, 18),
      durationMs: 90_000,
      reps: [sampleRep({ side: 'left', peakMetric: 35 }), sampleRep({ side: 'right', peakMetric: -40 })],
      holds: [
        { tMs: 0, side: 'left', durationMs: 5500, completed: true },
        { tMs: 9000, side: 'right', durationMs: 2000, completed: false },
        { tMs: 12_000, side: 'right', durationMs: 6000, completed: true },
      ],
    }),
    sampleSession({
      id: 'c',
      techniqueId: 'seated-twist',
      startedAt: local(2025, 1, 8, 7),
      durationMs: 30_000,
      reps: [sampleRep({ side: 'left', peakMetric: 42 })],
      holds: [{ tMs: 0, side: 'left', durationMs: 5000, completed: true }],
    }),
  ];

  it('groups sessions by day, newest first', () => {
    expect(sessionsByDay(history).map(({ day, sessions }) => [day, sessions.map((s) => s.id)])).toEqual([
      ['2025-01-08', ['c']],
      ['2025-01-06', ['b', 'a']],
    ]);
  });

  it('adds up each day, oldest first, and the whole history', () => {
    expect(dailyTotals(history)).toEqual([
      { day: '2025-01-06', sessions: 2, reps: 3, holdMs: 11_500, durationMs: 150_000, timeInFrameMs: 110_000 },
      { day: '2025-01-08', sessions: 1, reps: 1, holdMs: 5000, durationMs: 30_000, timeInFrameMs: 55_000 },
    ]);
    expect(totals(history)).toEqual({ sessions: 3, reps: 4, holdMs: 16_500, durationMs: 180_000, timeInFrameMs: 165_000, activeDays: 2 });
  });

  it('charts one technique per session and per day', () => {
    expect(techniqueSeries(history, 'seated-twist', 'session')).toEqual([
      { key: 'b', at: local(2025, 1, 6, 18), sessions: 1, reps: 2, left: 1, right: 1, holdSeconds: 11.5, bestRange: 40 },
      { key: 'c', at: local(2025, 1, 8, 7), sessions: 1, reps: 1, left: 1, right: 0, holdSeconds: 5, bestRange: 42 },
    ]);
    const extra = sampleSession({ id: 'd', techniqueId: 'seated-twist', startedAt: local(2025, 1, 8, 20), reps: [], holds: [] });
    expect(techniqueSeries([...history, extra], 'seated-twist', 'day')).toEqual([
      { key: '2025-01-06', at: local(2025, 1, 6, 0), sessions: 1, reps: 2, left: 1, right: 1, holdSeconds: 11.5, bestRange: 40 },
      { key: '2025-01-08', at: local(2025, 1, 8, 0), sessions: 2, reps: 1, left: 1, right: 0, holdSeconds: 5, bestRange: 42 },
    ]);
    expect(techniqueSeries(history, 'foam-roller', 'day')).toEqual([]);
  });
});
