import { describe, expect, it } from 'vitest';
import { sampleRep, sampleSession } from '../storage/sample-records';
import type { SessionRecord } from '../storage/schema';
import { dayKey, dayStart } from '../session/summary';
import {
  WEEKLY_AFTER_DAYS,
  MIN_CHART_DAYS,
  axisTicks,
  calendarDays,
  overviewCharts,
  weekStart,
  chartsFor,
  dayHeading,
  filterSessions,
  formatDuration,
  formatMetric,
  headline,
  importMessage,
  parseTechniqueFilter,
  sessionRow,
  statusBadge,
  techniqueCharts,
} from './view';

/** Local-time epoch ms, so day grouping is right in any time zone the tests run in. */
const local = (year: number, month: number, date: number, hour = 9) => new Date(year, month - 1, date, hour).getTime();

const twist = (id: string, startedAt: number, reps: SessionRecord['reps'], overrides: Partial<SessionRecord> = {}) =>
  sampleSession({ id, techniqueId: 'seated-twist', metricId: 'twistDeg', metricLabel: 'Twist', startedAt, reps, ...overrides });

describe('filter', () => {
  it('reads a technique id from the address, anything else is "all"', () => {
    expect(parseTechniqueFilter('cat-cow')).toBe('cat-cow');
    expect(parseTechniqueFilter('seated-twist')).toBe('seated-twist');
    expect(parseTechniqueFilter('nope')).toBe('all');
    expect(parseTechniqueFilter(null)).toBe('all');
    expect(parseTechniqueFilter('')).toBe('all');
  });

  it('keeps one technique, or all', () => {
    const records = [sampleSession({ id: 'a' }), twist('b', local(2025, 1, 7), [])];
    expect(filterSessions(records, 'all').map((r) => r.id)).toEqual(['a', 'b']);
    expect(filterSessions(records, 'seated-twist').map((r) => r.id)).toEqual(['b']);
    expect(filterSessions(records, 'posture')).toEqual([]);
  });
});

describe('headline', () => {
  it('totals and streaks over the given records', () => {
    const records = [
      sampleSession({ id: 'a', startedAt: local(2025, 1, 6) }),
      sampleSession({ id: 'b', startedAt: local(2025, 1, 7) }),
      sampleSession({ id: 'c', startedAt: local(2025, 1, 7, 18), reps: [sampleRep()] }),
      sampleSession({ id: 'd', startedAt: local(2025, 1, 9), holds: [{ tMs: 0, side: null, durationMs: 5000, completed: true }] }),
    ];
    expect(headline(records, '2025-01-10')).toEqual({
      sessions: 4,
      reps: 7,
      activeDays: 3,
      holdSeconds: 5,
      streak: { current: 1, longest: 2 },
    });
    expect(headline([], '2025-01-10')).toEqual({ sessions: 0, reps: 0, activeDays: 0, holdSeconds: 0, streak: { current: 0, longest: 0 } });
  });
});

describe('charts', () => {
  it('"all": one sessions-per-day bar chart, days oldest first, x in epoch seconds', () => {
    const records = [
      sampleSession({ id: 'a', startedAt: local(2025, 1, 7) }),
      twist('b', local(2025, 1, 7, 12), []),
      sampleSession({ id: 'c', startedAt: local(2025, 1, 5) }),
    ];
    const [chart, ...rest] = chartsFor(records, 'all');
    expect(rest).toEqual([]);
    expect(chart).toMatchObject({ id: 'sessions', kind: 'bars', period: 'day', periods: ['2025-01-05', '2025-01-07'] });
    expect(chart!.series).toEqual([{ label: 'Sessions', color: '--accent', values: [1, 2] }]);
    // Drawn over every calendar day, so bars are a day wide and a day off is a gap; a short
    // history still spans a week, ending on its last day.
    const week = ['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05', '2025-01-06', '2025-01-07'];
    expect(chart!.plot).toEqual({
      days: week,
      x: week.map((day) => dayStart(day) / 1000),
      values: [[null, null, null, null, 1, null, 2]],
      stepDays: 1,
      range: [dayStart('2025-01-01') / 1000 - 43_200, dayStart('2025-01-07') / 1000 + 43_200],
    });
    expect(chart!.summary).toBe('Sessions per day over 2 days from 2025-01-05 to 2025-01-07. Sessions: highest 2 sessions, latest 2.');
    expect(chartsFor([], 'all')).toEqual([]);
  });

  it('cat-cow: reps, range (peak − trough, best of the day), no hold chart without holds, no sides', () => {
    const records = [
      sampleSession({ id: 'a', startedAt: local(2025, 1, 6), reps: [sampleRep({ peakMetric: 20, troughMetric: -15 })] }),
      sampleSession({ id: 'b', startedAt: local(2025, 1, 6, 19), reps: [sampleRep({ peakMetric: 25, troughMetric: -15 }), sampleRep()] }),
      sampleSession({ id: 'c', startedAt: local(2025, 1, 8), reps: [] }),
      twist('other', local(2025, 1, 7), [sampleRep({ side: 'left' })]),
    ];
    const charts = techniqueCharts(records, 'cat-cow');
    expect(charts.map((chart) => chart.id)).toEqual(['reps', 'range']);
    const [reps, range] = charts;
    expect(reps!.periods).toEqual(['2025-01-06', '2025-01-08']);
    expect(reps!.series[0]!.values).toEqual([3, 0]);
    expect(range!.title).toBe('Best range of motion (spine arch)');
    expect(range!.unit).toBe('°');
    expect(range!.series[0]!.values).toEqual([40, null]);
    expect(range!.plot.values).toEqual([[null, null, null, null, 40, null, null]]);
  });

  it('a sided technique with holds: reps, hold seconds, |peak| range and left against right', () => {
    const records = [
      twist('a', local(2025, 2, 1), [sampleRep({ side: 'left', peakMetric: 35.26 }), sampleRep({ side: 'right', peakMetric: -41.04 }), sampleRep({ side: 'left', peakMetric: 30 })], {
        holds: [
          { tMs: 0, side: 'left', durationMs: 5250, completed: true },
          { tMs: 9000, side: 'right', durationMs: 2000, completed: false },
        ],
      }),
      twist('b', local(2025, 2, 3), [sampleRep({ side: 'right', peakMetric: -44 })]),
    ];
    const charts = techniqueCharts(records, 'seated-twist');
    expect(charts.map((chart) => chart.id)).toEqual(['reps', 'hold', 'range', 'sides']);
    const byId = Object.fromEntries(charts.map((chart) => [chart.id, chart]));
    expect(byId['reps']!.series[0]!.values).toEqual([3, 1]);
    expect(byId['hold']!.series[0]!.values).toEqual([5.3, 0]);
    expect(byId['range']!.series[0]!.values).toEqual([41, 44]);
    expect(byId['sides']!.series.map((series) => [series.label, series.values])).toEqual([
      ['Left', [2, 0]],
      ['Right', [1, 1]],
    ]);
    expect(byId['sides']!.summary).toContain('Left: highest 2 reps, latest 0; Right: highest 1 reps, latest 1');
  });

  it('one day of data: the axis spans that week and ends on the day, not years ahead', () => {
    const [chart] = chartsFor([sampleSession({ startedAt: local(2025, 1, 6, 9) })], 'all');
    const [from, to] = chart!.plot.range;
    expect((to - from) / 86_400).toBeCloseTo(MIN_CHART_DAYS, 1);
    expect(to).toBe(dayStart('2025-01-06') / 1000 + 43_200);
    expect(chart!.plot.values).toEqual([[null, null, null, null, null, null, 1]]);
    const ticks = axisTicks(chart!.plot, 10, 'en-GB');
    expect(ticks.labels).toEqual(['31 Dec\n2024', '1 Jan\n2025', '2 Jan', '3 Jan', '4 Jan', '5 Jan', '6 Jan']);
    expect(ticks.at[ticks.at.length - 1]).toBe(dayStart('2025-01-06') / 1000);
  });

  it('axis ticks: at most the room allows, every round number of days back from the last, never inside a day', () => {
    const days = calendarDays(['2025-01-01', '2025-03-31']);
    const ticks = axisTicks({ days, stepDays: 1 }, 8, 'en-GB');
    expect(ticks.at.length).toBeLessThanOrEqual(8);
    expect(ticks.labels[ticks.labels.length - 1]).toBe('31 Mar');
    // Every 14 days: 90 days / 14 → 7 labels.
    const gaps = ticks.at.slice(1).map((at, index) => Math.round((at - ticks.at[index]!) / 86_400));
    expect(new Set(gaps)).toEqual(new Set([14]));
    const weeks = calendarDays(['2023-01-02', '2025-01-06'], 7);
    const weekly = axisTicks({ days: weeks, stepDays: 7 }, 6, 'en-GB');
    expect(weekly.at.length).toBeLessThanOrEqual(6);
    expect(weekly.labels.filter((label) => label.includes('\n')).map((label) => label.split('\n')[1])).toEqual(['2023', '2024', '2025']);
    expect(axisTicks({ days: ['2025-01-06'], stepDays: 1 }, 0.5, 'en-GB').labels).toEqual(['6 Jan\n2025']);
  });

  it('a history longer than WEEKLY_AFTER_DAYS is charted by week (Monday to Sunday): counts add up, a best is the best', () => {
    const records = [
      sampleSession({ id: 'a', startedAt: local(2025, 1, 6), reps: [sampleRep({ peakMetric: 30, troughMetric: -10 })] }), // Monday
      sampleSession({ id: 'b', startedAt: local(2025, 1, 12), reps: [sampleRep(), sampleRep()] }), // Sunday, same week
      sampleSession({ id: 'c', startedAt: local(2025, 1, 13), reps: [sampleRep()] }), // next Monday
      sampleSession({ id: 'd', startedAt: local(2025, 1, 6) + (WEEKLY_AFTER_DAYS + 1) * 86_400_000, reps: [] }),
    ];
    const [reps, range] = techniqueCharts(records, 'cat-cow');
    const lastWeek = weekStart(dayKey(records[3]!.startedAt));
    expect(reps).toMatchObject({ title: 'Reps per week', period: 'week', periods: ['2025-01-06', '2025-01-13', lastWeek] });
    expect(reps!.series[0]!.values).toEqual([3, 1, 0]);
    expect(range!.title).toBe('Best range of motion each week (spine arch)');
    expect(range!.series[0]!.values).toEqual([40, 35, null]);
    expect(reps!.plot.stepDays).toBe(7);
    expect(reps!.plot.x).toHaveLength(calendarDays(['2025-01-06', lastWeek], 7).length);
    expect(reps!.plot.values[0]!.slice(0, 3)).toEqual([3, 1, null]);
    expect(overviewCharts(records)[0]!.series[0]!.values).toEqual([2, 1, 1]);
  });

  it('weekStart is the Monday', () => {
    expect(weekStart('2025-01-06')).toBe('2025-01-06');
    expect(weekStart('2025-01-12')).toBe('2025-01-06');
    expect(weekStart('2025-03-02')).toBe('2025-02-24');
  });

  it('a technique with no sessions has no charts', () => {
    expect(techniqueCharts([sampleSession()], 'posture')).toEqual([]);
  });
});

describe('calendarDays', () => {
  it('fills the days between, across a month and a daylight-saving change', () => {
    expect(calendarDays([])).toEqual([]);
    expect(calendarDays(['2025-03-29'])).toEqual(['2025-03-29']);
    expect(calendarDays(['2025-03-29', '2025-04-01'])).toEqual(['2025-03-29', '2025-03-30', '2025-03-31', '2025-04-01']);
  });
});

describe('session rows', () => {
  it('formats durations and metrics', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(44_600)).toBe('45 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatMetric(43, '°')).toBe('43°');
    expect(formatMetric(12.46, '%')).toBe('12.5%');
    expect(formatMetric(0.4, 'ratio')).toBe('0.4 ratio');
    expect(formatMetric(3, '')).toBe('3');
  });

  it('an unsided session: total reps and best range; a sided one: reps per side', () => {
    expect(sessionRow(sampleSession())).toMatchObject({
      technique: 'Cat-cow',
      duration: '1 min 00 s',
      reps: '2 reps',
      best: 'best 42°',
      holds: null,
      fromVideo: false,
      badge: null,
    });
    const sided = sessionRow(
      twist('t', local(2025, 1, 1), [sampleRep({ side: 'left', peakMetric: 30 }), sampleRep({ side: 'right', peakMetric: -35 }), sampleRep({ side: 'left' })], {
        source: 'file',
        status: 'stopped',
        holds: [
          { tMs: 0, side: 'left', durationMs: 6000, completed: true },
          { tMs: 0, side: 'right', durationMs: 12_000, completed: true },
        ],
      }),
    );
    expect(sided).toMatchObject({ technique: 'Seated twist', reps: '2 left · 1 right', best: 'best 35°', holds: '2 holds, longest 12.0 s', fromVideo: true });
    expect(sided.badge).toEqual({ text: 'Stopped early', tone: 'muted' });
    expect(sessionRow(sampleSession({ reps: [sampleRep()] })).reps).toBe('1 rep');
    expect(sessionRow(sampleSession({ reps: [] })).best).toBeNull();
  });

  it('the check-in and a pain stop show on the row', () => {
    expect(sessionRow(sampleSession()).checkIn).toBeNull();
    expect(sessionRow(sampleSession({ painBefore: 6, painAfter: 3 })).checkIn).toBe('pain 6 → 3');
    expect(sessionRow(sampleSession({ painBefore: 6, painAfter: 'skipped' })).checkIn).toBe('pain 6 before');
    expect(sessionRow(sampleSession({ painBefore: 'skipped', painAfter: 0 })).checkIn).toBe('pain 0 after');
    expect(sessionRow(sampleSession({ status: 'stopped', painStopMs: 5000 })).badge).toEqual({ text: 'Stopped: it hurt', tone: 'warn' });
  });

  it('badges: stopped, interrupted and in progress; none for completed', () => {
    expect(statusBadge('completed')).toBeNull();
    expect(statusBadge('interrupted')).toEqual({ text: 'Interrupted', tone: 'warn' });
    expect(statusBadge('active')?.text).toBe('In progress');
  });

  it('day headings: today, yesterday, else the date', () => {
    expect(dayHeading('2025-01-06', '2025-01-06')).toBe('Today');
    expect(dayHeading('2025-01-05', '2025-01-06')).toBe('Yesterday');
    expect(dayHeading('2025-01-01', '2025-01-06', 'en-GB')).toMatch(/^Wednesday,? 1 January 2025$/) // ICU versions differ on the comma;
  });
});

describe('import message', () => {
  it('says what was added and what was already here', () => {
    const none = { sessions: 0, routines: 0, routineRuns: 0 };
    expect(importMessage({ added: { ...none, sessions: 3 }, skipped: { ...none, sessions: 1 } })).toBe('Imported 3 sessions, 1 already here.');
    expect(importMessage({ added: { ...none, sessions: 1 }, skipped: none })).toBe('Imported 1 session, 0 already here.');
    expect(importMessage({ added: { sessions: 0, routines: 1, routineRuns: 2 }, skipped: { ...none, sessions: 4 } })).toBe(
      'Imported 0 sessions, 4 already here (and 1 routine and 2 routine runs).',
    );
  });
});
