/**
 * What a session and a history of sessions add up to: the end-of-session summary, daily
 * totals, streaks and per-technique chart series. Pure; days are local calendar days.
 */
import type { RepCounts, TechniqueId } from '../techniques/types';
import type { RepRecord, SessionRecord } from '../storage/schema';

/**
 * How a rep's range of motion is read from its metric:
 * - 'span': cat-cow moves between two opposite ends (cat −, cow +), so the range is peak − trough;
 * - 'peak': the other techniques move out from neutral to one end, so it is |peak|
 *   (twists sign their peak by side; the magnitude is the depth).
 */
export type RangeKind = 'span' | 'peak';

export function rangeKindOf(techniqueId: TechniqueId): RangeKind {
  return techniqueId === 'cat-cow' ? 'span' : 'peak';
}

export function repRange(kind: RangeKind, rep: Pick<RepRecord, 'peakMetric' | 'troughMetric'>): number {
  return kind === 'span' ? rep.peakMetric - rep.troughMetric : Math.abs(rep.peakMetric);
}

export interface SideBalance {
  left: number;
  right: number;
  /** left ÷ (left + right): 0.5 is even. */
  leftShare: number;
  leftBestRange: number | null;
  rightBestRange: number | null;
}

export interface CueCount {
  id: string;
  text: string;
  count: number;
}

export interface FaultCount {
  id: string;
  count: number;
}

export interface SessionSummary {
  reps: RepCounts;
  completedHolds: number;
  /** Over completed holds; null when there were none. */
  longestHoldMs: number | null;
  averageHoldMs: number | null;
  rangeKind: RangeKind;
  /** The best rep's range (see RangeKind), in the session's metric unit; null without reps. */
  bestRange: number | null;
  /** Null when no rep was counted on a side (unsided techniques). */
  balance: SideBalance | null;
  /** Most shown first; ties by id so the order is stable. */
  topCues: CueCount[];
  topFaults: FaultCount[];
  durationMs: number;
  timeInFrameMs: number;
  /** timeInFrame ÷ duration; null for an empty session. */
  inFrameShare: number | null;
}

const maxOrNull = (values: number[]): number | null => (values.length === 0 ? null : Math.max(...values));
const byCountThenId = (a: { id: string; count: number }, b: { id: string; count: number }) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function countReps(reps: readonly RepRecord[]): RepCounts {
  let left = 0;
  let right = 0;
  for (const rep of reps) {
    if (rep.side === 'left') left++;
    else if (rep.side === 'right') right++;
  }
  return { total: reps.length, left, right };
}

export function completedHoldMs(record: SessionRecord): number[] {
  return record.holds.filter((hold) => hold.completed).map((hold) => hold.durationMs);
}

export function bestRangeOf(record: SessionRecord): number | null {
  const kind = rangeKindOf(record.techniqueId);
  return maxOrNull(record.reps.map((rep) => repRange(kind, rep)));
}

export function summarize(record: SessionRecord, { top = 3 }: { top?: number } = {}): SessionSummary {
  const kind = rangeKindOf(record.techniqueId);
  const reps = countReps(record.reps);
  const holds = completedHoldMs(record);
  const sidedBest = (side: 'left' | 'right') => maxOrNull(record.reps.filter((rep) => rep.side === side).map((rep) => repRange(kind, rep)));
  return {
    reps,
    completedHolds: holds.length,
    longestHoldMs: maxOrNull(holds),
    averageHoldMs: holds.length === 0 ? null : holds.reduce((sum, ms) => sum + ms, 0) / holds.length,
    rangeKind: kind,
    bestRange: bestRangeOf(record),
    balance:
      reps.left + reps.right === 0
        ? null
        : { left: reps.left, right: reps.right, leftShare: reps.left / (reps.left + reps.right), leftBestRange: sidedBest('left'), rightBestRange: sidedBest('right') },
    topCues: Object.entries(record.cues)
      .map(([id, { text, count }]) => ({ id, text, count }))
      .sort(byCountThenId)
      .slice(0, top),
    topFaults: Object.entries(record.faults)
      .map(([id, count]) => ({ id, count }))
      .sort(byCountThenId)
      .slice(0, top),
    durationMs: record.durationMs,
    timeInFrameMs: record.timeInFrameMs,
    inFrameShare: record.durationMs > 0 ? record.timeInFrameMs / record.durationMs : null,
  };
}

// ——— History ———

/** The local calendar day of an epoch-ms time, as 'YYYY-MM-DD' (sorts as text). */
export function dayKey(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight at the start of a 'YYYY-MM-DD' day, epoch ms. */
export function dayStart(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date).getTime();
}

/** Calendar arithmetic in UTC so a daylight-saving change cannot skip or repeat a day. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** Sessions grouped by the day they started, newest day first, newest session first within it. */
export function sessionsByDay(records: readonly SessionRecord[]): { day: string; sessions: SessionRecord[] }[] {
  const groups = new Map<string, SessionRecord[]>();
  for (const record of [...records].sort((a, b) => b.startedAt - a.startedAt)) {
    const day = dayKey(record.startedAt);
    const group = groups.get(day);
    if (group) group.push(record);
    else groups.set(day, [record]);
  }
  return [...groups].map(([day, sessions]) => ({ day, sessions }));
}

export interface Totals {
  sessions: number;
  reps: number;
  /** Completed holds only. */
  holdMs: number;
  durationMs: number;
  timeInFrameMs: number;
}

export interface DayTotals extends Totals {
  day: string;
}

function addUp(records: readonly SessionRecord[]): Totals {
  const totals: Totals = { sessions: 0, reps: 0, holdMs: 0, durationMs: 0, timeInFrameMs: 0 };
  for (const record of records) {
    totals.sessions++;
    totals.reps += record.reps.length;
    totals.holdMs += completedHoldMs(record).reduce((sum, ms) => sum + ms, 0);
    totals.durationMs += record.durationMs;
    totals.timeInFrameMs += record.timeInFrameMs;
  }
  return totals;
}

export function totals(records: readonly SessionRecord[]): Totals & { activeDays: number } {
  return { ...addUp(records), activeDays: new Set(records.map((record) => dayKey(record.startedAt))).size };
}

/** One entry per day with at least one session, oldest first. */
export function dailyTotals(records: readonly SessionRecord[]): DayTotals[] {
  return sessionsByDay(records)
    .reverse()
    .map(({ day, sessions }) => ({ day, ...addUp(sessions) }));
}

export interface Streak {
  /** Consecutive days up to today; still alive through today when yesterday counts and today has none yet. */
  current: number;
  longest: number;
}

/** `days` are 'YYYY-MM-DD' days with at least one session (any order, repeats allowed). */
export function streak(days: Iterable<string>, today: string): Streak {
  const active = new Set(days);
  let current = 0;
  let day = active.has(today) ? today : addDays(today, -1);
  while (active.has(day)) {
    current++;
    day = addDays(day, -1);
  }
  let longest = 0;
  let run = 0;
  let previous: string | undefined;
  for (const next of [...active].sort()) {
    run = previous !== undefined && addDays(previous, 1) === next ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = next;
  }
  return { current, longest };
}

export interface SeriesPoint {
  /** The session id, or the day ('YYYY-MM-DD'). */
  key: string;
  /** Session start, or the day's local midnight, epoch ms: the chart's x. */
  at: number;
  sessions: number;
  reps: number;
  left: number;
  right: number;
  /** Completed holds, seconds. */
  holdSeconds: number;
  /** The best rep's range in the point (see RangeKind); null without reps. */
  bestRange: number | null;
}

/** One technique over time, per session or per day, oldest first. */
export function techniqueSeries(records: readonly SessionRecord[], techniqueId: TechniqueId, by: 'session' | 'day'): SeriesPoint[] {
  const own = records.filter((record) => record.techniqueId === techniqueId).sort((a, b) => a.startedAt - b.startedAt);
  const groups =
    by === 'session'
      ? own.map((record) => ({ key: record.id, at: record.startedAt, sessions: [record] }))
      : sessionsByDay(own)
          .reverse()
          .map(({ day, sessions }) => ({ key: day, at: dayStart(day), sessions }));
  return groups.map(({ key, at, sessions }) => {
    const reps = countReps(sessions.flatMap((record) => record.reps));
    const ranges = sessions.map(bestRangeOf).filter((range): range is number => range !== null);
    return {
      key,
      at,
      sessions: sessions.length,
      reps: reps.total,
      left: reps.left,
      right: reps.right,
      holdSeconds: addUp(sessions).holdMs / 1000,
      bestRange: maxOrNull(ranges),
    };
  });
}
