/**
 * How the back feels over time, from the check-ins (issue #12), and desk posture's upright
 * share. Pure functions of the stored records, like ./view.
 *
 * Only numbers count: a skipped or unasked check-in is left out, never read as 0.
 */
import { dayKey, dayStart } from '../session/summary';
import type { PainRating, SessionRecord } from '../storage/schema';
import type { TechniqueId } from '../techniques/types';
import { spec, techniqueName, weekStart, WEEKLY_AFTER_DAYS, type ChartSpec } from './view';

const rated = (rating: PainRating): rating is number => typeof rating === 'number';
const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length);
const round1 = (value: number) => Math.round(value * 10) / 10;

export function hasCheckIns(records: readonly SessionRecord[]): boolean {
  return records.some((record) => rated(record.painBefore) || rated(record.painAfter));
}

/**
 * The weekly trend (Monday to Sunday): the average rating before and after sessions each
 * week, over the weeks with any rating. Null when there is no rating at all.
 */
export function painTrendChart(records: readonly SessionRecord[]): ChartSpec | null {
  const weeks = new Map<string, { before: number[]; after: number[] }>();
  for (const record of [...records].sort((a, b) => a.startedAt - b.startedAt)) {
    if (!rated(record.painBefore) && !rated(record.painAfter)) continue;
    const week = weekStart(dayKey(record.startedAt));
    const entry = weeks.get(week) ?? { before: [], after: [] };
    if (rated(record.painBefore)) entry.before.push(record.painBefore);
    if (rated(record.painAfter)) entry.after.push(record.painAfter);
    weeks.set(week, entry);
  }
  if (weeks.size === 0) return null;
  const keys = [...weeks.keys()].sort();
  const values = (which: 'before' | 'after') => keys.map((key) => mean(weeks.get(key)![which]));
  return spec(
    'pain',
    () => 'Pain and stiffness, weekly average (0–10)',
    '/10',
    'line',
    keys,
    [
      { label: 'Before', color: '--warn', combine: 'max', values: values('before') },
      { label: 'After', color: '--accent', combine: 'max', values: values('after') },
    ],
    1,
    'week',
  );
}

export interface PainByTechnique {
  techniqueId: TechniqueId;
  name: string;
  /** Sessions rated both before and after (the only ones compared). */
  pairs: number;
  before: number;
  after: number;
  /** after − before: negative is better. */
  change: number;
}

/** Before against after, per technique, over sessions rated both times; most practised first. */
export function painByTechnique(records: readonly SessionRecord[]): PainByTechnique[] {
  const byTechnique = new Map<TechniqueId, { before: number[]; after: number[] }>();
  for (const record of records) {
    if (!rated(record.painBefore) || !rated(record.painAfter)) continue;
    const entry = byTechnique.get(record.techniqueId) ?? { before: [], after: [] };
    entry.before.push(record.painBefore);
    entry.after.push(record.painAfter);
    byTechnique.set(record.techniqueId, entry);
  }
  return [...byTechnique.entries()]
    .map(([techniqueId, { before, after }]) => {
      const b = round1(mean(before)!);
      const a = round1(mean(after)!);
      return { techniqueId, name: techniqueName(techniqueId), pairs: before.length, before: b, after: a, change: round1(a - b) };
    })
    .sort((x, y) => y.pairs - x.pairs || (x.name < y.name ? -1 : 1));
}

export interface UprightDay {
  day: string;
  uprightMs: number;
  slouchedMs: number;
  /** upright ÷ (upright + slouched); null with no watched time. */
  share: number | null;
}

/** Desk posture's watched time per day (sessions by the day they started), oldest first. */
export function uprightByDay(records: readonly SessionRecord[]): UprightDay[] {
  const days = new Map<string, { uprightMs: number; slouchedMs: number }>();
  for (const record of records) {
    if (record.techniqueId !== 'posture' || !record.posture) continue;
    const day = dayKey(record.startedAt);
    const entry = days.get(day) ?? { uprightMs: 0, slouchedMs: 0 };
    entry.uprightMs += record.posture.uprightMs;
    entry.slouchedMs += record.posture.slouchedMs;
    days.set(day, entry);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, { uprightMs, slouchedMs }]) => {
      const total = uprightMs + slouchedMs;
      return { day, uprightMs, slouchedMs, share: total > 0 ? uprightMs / total : null };
    });
}

/**
 * The upright share per day as a chart (%), per week (time-weighted) once the history is
 * long, as the other charts; null without desk-posture time.
 */
export function uprightChart(records: readonly SessionRecord[]): ChartSpec | null {
  const days = uprightByDay(records).filter((day) => day.share !== null);
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return null;
  const weekly = (dayStart(last.day) - dayStart(first.day)) / 86_400_000 > WEEKLY_AFTER_DAYS;
  const periods = new Map<string, { uprightMs: number; slouchedMs: number }>();
  for (const day of days) {
    const key = weekly ? weekStart(day.day) : day.day;
    const entry = periods.get(key) ?? { uprightMs: 0, slouchedMs: 0 };
    entry.uprightMs += day.uprightMs;
    entry.slouchedMs += day.slouchedMs;
    periods.set(key, entry);
  }
  const keys = [...periods.keys()];
  const shares = keys.map((key) => {
    const { uprightMs, slouchedMs } = periods.get(key)!;
    return (uprightMs / (uprightMs + slouchedMs)) * 100;
  });
  return spec(
    'upright',
    (period) => `Desk posture: time upright, per ${period}`,
    '%',
    'line',
    keys,
    [{ label: 'Upright', color: '--accent', combine: 'max', values: shares }],
    0,
    weekly ? 'week' : 'day',
  );
}
