/**
 * Degree helpers for pose angles. Pure.
 *
 * The trigonometric inverses clamp their argument first: a ratio of measured lengths that
 * noise pushed a hair past ±1 should read as the limiting angle, not as NaN.
 */

export const RAD_TO_DEG = 180 / Math.PI;

const clamp = (value: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, value));

/** asin in degrees, in [−90, 90]; the argument is clamped to [−1, 1]. */
export function asinDeg(value: number): number {
  return Math.asin(clamp(value, -1, 1)) * RAD_TO_DEG;
}

/** acos in degrees, in [0, 180]; the argument is clamped to [−1, 1]. */
export function acosDeg(value: number): number {
  return Math.acos(clamp(value, -1, 1)) * RAD_TO_DEG;
}

/** Any angle in degrees, wrapped into (−180, 180]. */
export function wrapDeg(deg: number): number {
  const wrapped = ((((deg + 180) % 360) + 360) % 360) - 180;
  return wrapped === -180 ? 180 : wrapped;
}
