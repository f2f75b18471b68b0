/**
 * What the history page shows, as pure functions of the stored records: the filter, the
 * headline numbers, the chart series (with the numbers their text alternative lists) and the
 * wording of each session row. No Svelte, DOM or storage here.
 */
import { findTechnique, TECHNIQUES } from '../techniques/catalog';
import type { TechniqueId } from '../techniques/types';
import type { ImportOutcome } from '../storage/db';
import type { SessionRecord } from '../storage/schema';
import { bestRangeOf, countReps, completedHoldMs, dailyTotals, dayKey, dayStart, streak, techniqueSeries, totals, addDays, type Streak } from '../session/summary';

export type TechniqueFilter = TechniqueId | 'all';

/** How many days of sessions the list shows at first, and how many more each "Show more" adds. */
export const DAYS_PER_PAGE = 30;

/** An export of 1,000 sessions is ~2 MB; anything this big is not ours, and reading it would stall the tab. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export function parseTechniqueFilter(value: string | null | undefined): TechniqueFilter {
  return value && TECHNIQUES.some((technique) => technique.id === value) ? (value as TechniqueId) : 'all';
}

export function techniqueName(id: string): string {
  return findTechnique(id)?.name ?? id;
}

export function filterSessions(records: readonly SessionRecord[], filter: TechniqueFilter): SessionRecord[] {
  return filter === 'all' ? [...records] : records.filter((record) => record.techniqueId === filter);
}

export interface Headline {
  sessions: number;
  reps: number;
  activeDays: number;
  holdSeconds: number;
  streak: Streak;
}

export function headline(records: readonly SessionRecord[], today: string): Headline {
  const sums = totals(records);
  return {
    sessions: sums.sessions,
    reps: sums.reps,
    activeDays: sums.activeDays,
    holdSeconds: sums.holdMs / 1000,
    streak: streak(
      records.map((record) => dayKey(record.startedAt)),
      today,
    ),
  };
}

// ——— Charts ———

export type ChartId = 'sessions' | 'reps' | 'hold' | 'range' | 'sides';

export interface ChartSeries {
  label: string;
  /** A CSS colour or custom property name (e.g. '--accent'), resolved when drawn. */
  color: string;
  /** One value per x; null where there is nothing to plot (a day without reps has no range). */
  values: (number | null)[];
}

export interface ChartSpec {
  id: ChartId;
  title: string;
  /** Unit of the y values, for the axis and the text alternative. */
  unit: string;
  kind: 'bars' | 'line';
  /** Days with sessions, 'YYYY-MM-DD', oldest first: the rows of the text alternative. */
  days: string[];
  /** Values per day in `days`, one list per series. */
  series: ChartSeries[];
  /**
   * What is drawn: every calendar day from the first to the last (so a bar is one day wide
   * and gaps show as gaps), x at each day's local midnight in epoch seconds (uPlot's time
   * scale), a series' value null on days without sessions.
   */
  plot: { x: number[]; values: (number | null)[][] };
  /** Decimals when the values are written out. */
  decimals: number;
  /** One sentence for screen readers: what the chart shows, in numbers. */
  summary: string;
}

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

function chartSummary(title: string, days: string[], series: ChartSeries[], unit: string, decimals: number): string {
  if (days.length === 0) return `${title}: no data.`;
  const span = days.length === 1 ? `on ${days[0]}` : `over ${days.length} days from ${days[0]} to ${days[days.length - 1]}`;
  const parts = series.map((one) => {
    const numbers = one.values.filter((value): value is number => value !== null);
    if (numbers.length === 0) return `${one.label}: none`;
    const max = round(Math.max(...numbers), decimals);
    const last = one.values[one.values.length - 1];
    return `${one.label}: highest ${max}${unit ? ` ${unit}` : ''}${last !== null && last !== undefined ? `, latest ${round(last, decimals)}` : ''}`;
  });
  return `${title} ${span}. ${parts.join('; ')}.`;
}

/** Every day from the first to the last of `days` (sorted), inclusive. */
export function calendarDays(days: readonly string[]): string[] {
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return [];
  const all: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) all.push(day);
  return all;
}

function spec(id: ChartId, title: string, unit: string, kind: ChartSpec['kind'], days: string[], series: ChartSeries[], decimals: number): ChartSpec {
  const rounded = series.map((one) => ({ ...one, values: one.values.map((value) => (value === null ? null : round(value, decimals))) }));
  const all = calendarDays(days);
  const at = new Map(days.map((day, index) => [day, index]));
  return {
    id,
    title,
    unit,
    kind,
    days,
    series: rounded,
    plot: {
      x: all.map((day) => dayStart(day) / 1000),
      values: rounded.map((one) =>
        all.map((day) => {
          const index = at.get(day);
          return index === undefined ? null : (one.values[index] ?? null);
        }),
      ),
    },
    decimals,
    summary: chartSummary(title, days, series, unit, decimals),
  };
}

/** "All techniques": sessions per day. */
export function overviewCharts(records: readonly SessionRecord[]): ChartSpec[] {
  if (records.length === 0) return [];
  const daily = dailyTotals(records);
  const days = daily.map((day) => day.day);
  return [spec('sessions', 'Sessions per day', 'sessions', 'bars', days, [{ label: 'Sessions', color: '--accent', values: daily.map((day) => day.sessions) }], 0)];
}

/**
 * One technique, one point per day: reps, completed hold time (when the technique holds, or
 * holds were recorded), best range of motion, and left against right for sided techniques.
 */
export function techniqueCharts(records: readonly SessionRecord[], techniqueId: TechniqueId): ChartSpec[] {
  const points = techniqueSeries(records, techniqueId, 'day');
  if (points.length === 0) return [];
  const technique = findTechnique(techniqueId);
  const days = points.map((point) => point.key);
  // The newest record names the metric (a checker's metric could be renamed between versions).
  const newest = records.filter((record) => record.techniqueId === techniqueId).reduce((a, b) => (b.startedAt > a.startedAt ? b : a));
  const unit = newest.metricUnit;
  const charts = [spec('reps', 'Reps per day', 'reps', 'bars', days, [{ label: 'Reps', color: '--accent', values: points.map((point) => point.reps) }], 0)];
  const holds = points.map((point) => point.holdSeconds);
  if (technique?.defaultTargets.holdSeconds !== undefined || holds.some((seconds) => seconds > 0)) {
    charts.push(spec('hold', 'Hold time per day', 's', 'bars', days, [{ label: 'Hold time', color: '--cow', values: holds }], 1));
  }
  charts.push(
    spec('range', `Best range of motion (${newest.metricLabel.toLowerCase()})`, unit, 'line', days, [{ label: 'Best range', color: '--cat', values: points.map((point) => point.bestRange) }], 1),
  );
  if (technique?.sided) {
    charts.push(
      spec('sides', 'Reps per side', 'reps', 'bars', days, [
        { label: 'Left', color: '--accent', values: points.map((point) => point.left) },
        { label: 'Right', color: '--warn', values: points.map((point) => point.right) },
      ], 0),
    );
  }
  return charts;
}

export function chartsFor(records: readonly SessionRecord[], filter: TechniqueFilter): ChartSpec[] {
  return filter === 'all' ? overviewCharts(records) : techniqueCharts(records, filter);
}

// ——— Session rows ———

/** '45 s', '3 min 05 s', '1 h 02 min'. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A metric value with its unit: '43°', '12.5%', '0.4 ratio'. */
export function formatMetric(value: number, unit: string): string {
  const number = String(round(value, 1));
  if (unit === '') return number;
  return unit === '°' || unit === '%' ? `${number}${unit}` : `${number} ${unit}`;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

export type StatusBadge = { text: string; tone: 'warn' | 'muted' } | null;

export function statusBadge(status: SessionRecord['status']): StatusBadge {
  switch (status) {
    case 'stopped':
      return { text: 'Stopped early', tone: 'muted' };
    case 'interrupted':
      return { text: 'Interrupted', tone: 'warn' };
    case 'active':
      return { text: 'In progress', tone: 'muted' };
    default:
      return null;
  }
}

export interface SessionRow {
  id: string;
  techniqueId: TechniqueId;
  technique: string;
  startedAt: number;
  duration: string;
  /** '8 reps', or '3 left · 2 right' for sided techniques. */
  reps: string;
  /** 'best 43°'; null without reps. */
  best: string | null;
  /** '2 holds, longest 12 s'; null without completed holds. */
  holds: string | null;
  fromVideo: boolean;
  badge: StatusBadge;
}

export function sessionRow(record: SessionRecord): SessionRow {
  const sided = findTechnique(record.techniqueId)?.sided ?? false;
  const reps = countReps(record.reps);
  const best = bestRangeOf(record);
  const holds = completedHoldMs(record);
  return {
    id: record.id,
    techniqueId: record.techniqueId,
    technique: techniqueName(record.techniqueId),
    startedAt: record.startedAt,
    duration: formatDuration(record.durationMs),
    reps: sided ? `${reps.left} left · ${reps.right} right` : plural(reps.total, 'rep'),
    best: best === null ? null : `best ${formatMetric(best, record.metricUnit)}`,
    holds: holds.length === 0 ? null : `${plural(holds.length, 'hold')}, longest ${formatDuration(Math.max(...holds))}`,
    fromVideo: record.source === 'file',
    badge: statusBadge(record.status),
  };
}

/** 'Today', 'Yesterday', else e.g. 'Monday 6 January 2025' in the given locale. */
export function dayHeading(day: string, today: string, locale?: string): string {
  if (day === today) return 'Today';
  if (day === addDays(today, -1)) return 'Yesterday';
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(dayStart(day)));
}

export function timeOfDay(epochMs: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(epochMs));
}

/** "Imported 3 sessions, 1 already here", plus routines when the file had any new ones. */
export function importMessage(outcome: ImportOutcome): string {
  const { added, skipped } = outcome;
  let message = `Imported ${plural(added.sessions, 'session')}, ${skipped.sessions} already here`;
  const extras = [
    added.routines > 0 ? plural(added.routines, 'routine') : '',
    added.routineRuns > 0 ? plural(added.routineRuns, 'routine run') : '',
  ].filter(Boolean);
  if (extras.length > 0) message += ` (and ${extras.join(' and ')})`;
  return `${message}.`;
}
