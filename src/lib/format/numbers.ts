/**
 * How numbers are written for people, in one place, so the session summary, History and the
 * CSV export never disagree: metric values (degrees, percent) and hold times to one decimal,
 * session lengths in whole seconds. Pure.
 */

/** Metric values (a rep's peak, a best range) keep one decimal everywhere they are shown or exported. */
export const METRIC_DECIMALS = 1;
/** Hold times and rep times, in seconds, keep one decimal. */
export const SECONDS_DECIMALS = 1;

/**
 * Rounds half away from zero at `decimals`, as written in decimal (1.005 → 1.01, where
 * `1.005 * 100` would give 100.4999…), and never gives −0.
 */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const digits = String(Math.abs(value));
  // Already in exponent form (tiny or huge): no decimal digits to fix up.
  if (digits.includes('e')) return Number(value.toFixed(decimals)) || 0;
  const shifted = Math.round(Number(`${digits}e${decimals}`));
  const rounded = Math.sign(value) * Number(`${shifted}e-${decimals}`);
  return rounded === 0 ? 0 : rounded;
}

export const roundMetric = (value: number): number => roundTo(value, METRIC_DECIMALS);

/** Milliseconds as seconds with one decimal: 6249 → 6.2. */
export const roundSeconds = (ms: number): number => roundTo(ms / 1000, SECONDS_DECIMALS);

/** A metric value with its unit: '43°', '12.5%', '0.4 ratio'. */
export function formatMetric(value: number, unit: string): string {
  const number = String(roundMetric(value));
  if (unit === '') return number;
  return unit === '°' || unit === '%' ? `${number}${unit}` : `${number} ${unit}`;
}

/** A hold: '6.2 s'. */
export function formatSeconds(ms: number): string {
  return `${roundSeconds(ms).toFixed(SECONDS_DECIMALS)} s`;
}

/** A length of time: '45 s', '3 min 05 s', '1 h 02 min'. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Time still to wait, rounded as people say it: 'a few seconds left', 'about 40 s left', 'about 3 min left'. */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 8) return 'a few seconds left';
  if (seconds < 60) return `about ${Math.round(seconds / 5) * 5} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

/** A share of a whole as a whole percent: 0.456 → 46. */
export const wholePercent = (share: number): number => Math.round(share * 100);
