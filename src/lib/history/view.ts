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
import { formatDuration, formatMetric, formatSeconds, METRIC_DECIMALS, roundTo, SECONDS_DECIMALS } from '../format/numbers';

export { formatDuration, formatMetric };

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

export type ChartId = 'sessions' | 'reps' | 'hold' | 'range' | 'sides' | 'pain' | 'upright';

/** A history longer than this many days is charted by week, so bars stay readable. */
export const WEEKLY_AFTER_DAYS = 120;

export type Period = 'day' | 'week';

export interface ChartSeries {
  label: string;
  /** A CSS colour or custom property name (e.g. '--accent'), resolved when drawn. */
  color: string;
  /** One value per period in `periods`; null where there is nothing to plot (no reps, no range). */
  values: (number | null)[];
}

export interface ChartSpec {
  id: ChartId;
  title: string;
  /** Unit of the y values, for the axis and the text alternative. */
  unit: string;
  kind: 'bars' | 'line';
  /** A point per day, or per week (Monday to Sunday) when the history is long. */
  period: Period;
  /** Periods with sessions ('YYYY-MM-DD' of the day, or of the week's Monday), oldest first: the table's rows. */
  periods: string[];
  series: ChartSeries[];
  /**
   * What is drawn: every period from the first to the last (so a bar is one period wide and
   * a gap shows as a gap), x at each period's local midnight in epoch seconds (uPlot's time
   * scale), a series' value null where there were no sessions.
   */
  plot: ChartPlot;
  /** Decimals when the values are written out. */
  decimals: number;
  /** One sentence for screen readers: what the chart shows, in numbers. */
  summary: string;
}

export interface ChartPlot {
  /** Every period from the first shown to the last ('YYYY-MM-DD' of the day or the week's Monday). */
  days: string[];
  /** Each of `days` at local midnight, epoch seconds (uPlot's time scale). */
  x: number[];
  values: (number | null)[][];
  stepDays: number;
  /** The x axis from half a period before the first day to half a period after the last, epoch seconds. */
  range: [number, number];
}

/**
 * A chart of fewer days than this still spans this many, ending on its last day: one day of
 * data is one bar in a week, not a bar stretched (or squeezed) across the whole axis.
 */
export const MIN_CHART_DAYS = 7;

/** How a series adds up over a week: counts and durations add, a best is the best. */
export type Combine = 'sum' | 'max';

export interface SeriesInput extends ChartSeries {
  combine: Combine;
}

const round = roundTo;

/** The Monday of a 'YYYY-MM-DD' day's week. */
export function weekStart(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** Every day (or every `step` days) from the first to the last of `days` (sorted), inclusive. */
export function calendarDays(days: readonly string[], step = 1): string[] {
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return [];
  const all: string[] = [];
  for (let day = first; day <= last; day = addDays(day, step)) all.push(day);
  return all;
}

function periodOf(days: readonly string[]): Period {
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return 'day';
  return (dayStart(last) - dayStart(first)) / 86_400_000 > WEEKLY_AFTER_DAYS ? 'week' : 'day';
}

/** Days → weeks: each series combined over the days of a week. */
function byWeek(days: readonly string[], series: readonly SeriesInput[]): { periods: string[]; series: SeriesInput[] } {
  const periods: string[] = [];
  const index = new Map<string, number>();
  for (const day of days) {
    const week = weekStart(day);
    if (!index.has(week)) {
      index.set(week, periods.length);
      periods.push(week);
    }
  }
  return {
    periods,
    series: series.map((one) => {
      const values: (number | null)[] = periods.map(() => null);
      days.forEach((day, at) => {
        const value = one.values[at];
        if (value === null || value === undefined) return;
        const slot = index.get(weekStart(day))!;
        const sofar = values[slot] ?? null;
        values[slot] = sofar === null ? value : one.combine === 'sum' ? sofar + value : Math.max(sofar, value);
      });
      return { ...one, values };
    }),
  };
}

function chartSummary(title: string, period: Period, periods: string[], series: ChartSeries[], unit: string, decimals: number): string {
  if (periods.length === 0) return `${title}: no data.`;
  const what = period === 'day' ? 'days' : 'weeks';
  const span = periods.length === 1 ? `${period === 'day' ? 'on' : 'in the week of'} ${periods[0]}` : `over ${periods.length} ${what} from ${periods[0]} to ${periods[periods.length - 1]}`;
  const parts = series.map((one) => {
    const numbers = one.values.filter((value): value is number => value !== null);
    if (numbers.length === 0) return `${one.label}: none`;
    const max = round(Math.max(...numbers), decimals);
    const last = one.values[one.values.length - 1];
    return `${one.label}: highest ${max}${unit ? ` ${unit}` : ''}${last !== null && last !== undefined ? `, latest ${round(last, decimals)}` : ''}`;
  });
  return `${title} ${span}. ${parts.join('; ')}.`;
}

/** Periods before the first, so a short history spans MIN_CHART_DAYS (days only; weekly charts are long already). */
function withMinimumSpan(all: string[], stepDays: number): string[] {
  const first = all[0];
  if (first === undefined || stepDays !== 1 || all.length >= MIN_CHART_DAYS) return all;
  const before = Array.from({ length: MIN_CHART_DAYS - all.length }, (_, index) => addDays(first, index - (MIN_CHART_DAYS - all.length)));
  return [...before, ...all];
}

const DAY_S = 86_400;

function xRange(all: readonly string[], stepDays: number): [number, number] {
  const first = all[0];
  const last = all[all.length - 1];
  if (first === undefined || last === undefined) return [0, DAY_S];
  // Half a period either side, so the first and last bars are whole.
  const pad = (stepDays * DAY_S) / 2;
  return [dayStart(first) / 1000 - pad, dayStart(last) / 1000 + pad];
}

export interface AxisTicks {
  /** Epoch seconds of each labelled period. */
  at: number[];
  /** '6 Jan' (in the locale's order); the first tick and the first of a new year add the year on a second line. */
  labels: string[];
}

/**
 * Where the x axis is labelled: at most `maxTicks` periods, always including the last, every
 * k-th period back from it, k a round number of days or weeks. Only whole periods are
 * labelled, so a short history never shows hours and a long one never shows the same day twice.
 */
export function axisTicks(plot: Pick<ChartPlot, 'days' | 'stepDays'>, maxTicks: number, locale?: string): AxisTicks {
  const count = plot.days.length;
  const steps = plot.stepDays === 7 ? [1, 2, 4, 8, 13, 26, 52, 104, 208] : [1, 2, 7, 14, 28, 56, 91, 182, 364];
  const most = Math.max(1, Math.floor(maxTicks));
  const every = steps.find((step) => Math.ceil(count / step) <= most) ?? Math.ceil(count / most);
  const picked: string[] = [];
  for (let index = count - 1; index >= 0; index -= every) picked.unshift(plot.days[index]!);
  const dayMonth = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
  let previousYear: string | undefined;
  const labels = picked.map((day) => {
    const year = day.slice(0, 4);
    const label = dayMonth.format(new Date(dayStart(day)));
    const withYear = year !== previousYear ? `${label}\n${year}` : label;
    previousYear = year;
    return withYear;
  });
  return { at: picked.map((day) => dayStart(day) / 1000), labels };
}

/**
 * A chart from per-day values (days with sessions, oldest first). `title` gets the period:
 * 'Reps per day' or 'Reps per week'. `forcePeriod` 'week' with week keys (Mondays) charts
 * values already worked out per week.
 */
export function spec(
  id: ChartId,
  title: (period: Period) => string,
  unit: string,
  kind: ChartSpec['kind'],
  days: string[],
  input: SeriesInput[],
  decimals: number,
  forcePeriod?: Period,
): ChartSpec {
  const period = forcePeriod ?? periodOf(days);
  const grouped = period === 'week' ? byWeek(days, input) : { periods: days, series: input };
  const series = grouped.series.map(({ label, color, values }) => ({ label, color, values: values.map((value) => (value === null ? null : round(value, decimals))) }));
  const stepDays = period === 'week' ? 7 : 1;
  const all = withMinimumSpan(calendarDays(grouped.periods, stepDays), stepDays);
  const at = new Map(grouped.periods.map((key, index) => [key, index]));
  const heading = title(period);
  return {
    id,
    title: heading,
    unit,
    kind,
    period,
    periods: grouped.periods,
    series,
    plot: {
      days: all,
      x: all.map((key) => dayStart(key) / 1000),
      values: series.map((one) =>
        all.map((key) => {
          const index = at.get(key);
          return index === undefined ? null : (one.values[index] ?? null);
        }),
      ),
      stepDays,
      range: xRange(all, stepDays),
    },
    decimals,
    summary: chartSummary(heading, period, grouped.periods, series, unit, decimals),
  };
}

/** "All techniques": sessions per day (or week). */
export function overviewCharts(records: readonly SessionRecord[]): ChartSpec[] {
  if (records.length === 0) return [];
  const daily = dailyTotals(records);
  const days = daily.map((day) => day.day);
  return [
    spec('sessions', (period) => `Sessions per ${period}`, 'sessions', 'bars', days, [{ label: 'Sessions', color: '--accent', combine: 'sum', values: daily.map((day) => day.sessions) }], 0),
  ];
}

/**
 * One technique, a point per day (per week for a long history): reps, completed hold time
 * (when any hold was completed), best range of motion, and left against right for sided
 * techniques.
 */
export function techniqueCharts(records: readonly SessionRecord[], techniqueId: TechniqueId): ChartSpec[] {
  const points = techniqueSeries(records, techniqueId, 'day');
  if (points.length === 0) return [];
  const technique = findTechnique(techniqueId);
  const days = points.map((point) => point.key);
  // The newest record names the metric (a checker's metric could be renamed between versions).
  const newest = records.filter((record) => record.techniqueId === techniqueId).reduce((a, b) => (b.startedAt > a.startedAt ? b : a));
  const charts = [spec('reps', (period) => `Reps per ${period}`, 'reps', 'bars', days, [{ label: 'Reps', color: '--accent', combine: 'sum', values: points.map((point) => point.reps) }], 0)];
  const holds = points.map((point) => point.holdSeconds);
  if (holds.some((seconds) => seconds > 0)) {
    charts.push(spec('hold', (period) => `Hold time per ${period}`, 's', 'bars', days, [{ label: 'Hold time', color: '--cow', combine: 'sum', values: holds }], SECONDS_DECIMALS));
  }
  charts.push(
    spec(
      'range',
      (period) => `Best range of motion${period === 'week' ? ' each week' : ''} (${newest.metricLabel.toLowerCase()})`,
      newest.metricUnit,
      'line',
      days,
      [{ label: 'Best range', color: '--cat', combine: 'max', values: points.map((point) => point.bestRange) }],
      METRIC_DECIMALS,
    ),
  );
  if (technique?.sided) {
    charts.push(
      spec('sides', (period) => `Reps per side, per ${period}`, 'reps', 'bars', days, [
        { label: 'Left', color: '--accent', combine: 'sum', values: points.map((point) => point.left) },
        { label: 'Right', color: '--warn', combine: 'sum', values: points.map((point) => point.right) },
      ], 0),
    );
  }
  return charts;
}

export function chartsFor(records: readonly SessionRecord[], filter: TechniqueFilter): ChartSpec[] {
  return filter === 'all' ? overviewCharts(records) : techniqueCharts(records, filter);
}

// ——— Session rows ———

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
  /** '2 holds, longest 12.0 s'; null without completed holds. */
  holds: string | null;
  fromVideo: boolean;
  badge: StatusBadge;
  /** The check-in: 'pain 6 → 3', 'pain 6 before'; null when not rated. */
  checkIn: string | null;
}

const ratingText = (rating: SessionRecord['painBefore']) => (typeof rating === 'number' ? String(rating) : null);

/** 'pain 6 → 3', 'pain 6 before', 'pain 3 after'; null without a rating. */
export function checkInText(record: Pick<SessionRecord, 'painBefore' | 'painAfter'>): string | null {
  const before = ratingText(record.painBefore);
  const after = ratingText(record.painAfter);
  if (before && after) return `pain ${before} → ${after}`;
  if (before) return `pain ${before} before`;
  if (after) return `pain ${after} after`;
  return null;
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
    holds: holds.length === 0 ? null : `${plural(holds.length, 'hold')}, longest ${formatSeconds(Math.max(...holds))}`,
    fromVideo: record.source === 'file',
    badge: record.painStopMs !== null ? { text: 'Stopped: it hurt', tone: 'warn' } : statusBadge(record.status),
    checkIn: checkInText(record),
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
