/**
 * Reading a person who faces the camera (front view): the shoulder line and the head points
 * measured against it. Shared by the desk-posture and self-hug checkers. Pure.
 *
 * Everything is on the frame's isotropic coordinates (y down) and mirror-invariant: the
 * same pose reads the same whether or not the image is flipped.
 */
import type { KeypointMap, KeypointName } from '../pose/keypoints';
import { RAD_TO_DEG } from './angles';
import { pick } from './body';
import { median } from './stats';
import { distance, dot, midpoint, sub, type Vec2 } from './vector';

export const HEAD_POINTS = ['nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear'] as const satisfies readonly KeypointName[];
export type HeadPoint = (typeof HEAD_POINTS)[number];
export type HeadHeights = Partial<Record<HeadPoint, number>>;

export interface FrontView {
  leftShoulder: Vec2;
  rightShoulder: Vec2;
  shoulderMid: Vec2;
  shoulderWidth: number;
  /** Unit vector from the right shoulder to the left one. */
  shoulderAxis: Vec2;
  /** Shoulder-line angle in degrees, + when the user's left shoulder is lower. Mirror-invariant. */
  tiltDeg: number;
  /** Height of each seen head point above the shoulder line (perpendicular), frame units. */
  headHeights: HeadHeights;
  /** Face size: distance between the ears / the eyes, when both are seen. */
  earDistance: number | undefined;
  eyeDistance: number | undefined;
}

/** Shoulders and head from the front; lists what is missing when they cannot be read. */
export function readFrontView(keypoints: KeypointMap, minScore: number): { view?: FrontView; missing: KeypointName[] } {
  const leftShoulder = pick(keypoints, 'left_shoulder', minScore);
  const rightShoulder = pick(keypoints, 'right_shoulder', minScore);
  const head: HeadHeights = {};
  const missing: KeypointName[] = [];
  if (!leftShoulder) missing.push('left_shoulder');
  if (!rightShoulder) missing.push('right_shoulder');
  const headSeen = HEAD_POINTS.filter((name) => pick(keypoints, name, minScore) !== undefined);
  if (headSeen.length === 0) missing.push('nose', 'left_ear', 'right_ear');
  if (!leftShoulder || !rightShoulder || headSeen.length === 0) return { missing };
  const shoulderWidth = distance(leftShoulder, rightShoulder);
  if (shoulderWidth < 1e-6) return { missing: ['left_shoulder', 'right_shoulder'] };
  const across = sub(leftShoulder, rightShoulder);
  const shoulderAxis = { x: across.x / shoulderWidth, y: across.y / shoulderWidth };
  // The line's normal that points up the picture (y < 0), whichever way the image is mirrored.
  const up: Vec2 = shoulderAxis.x >= 0 ? { x: shoulderAxis.y, y: -shoulderAxis.x } : { x: -shoulderAxis.y, y: shoulderAxis.x };
  const shoulderMid = midpoint(leftShoulder, rightShoulder);
  for (const name of headSeen) head[name] = dot(sub(keypoints[name]!, shoulderMid), up);
  const pairDistance = (a: KeypointName, b: KeypointName) => {
    const pa = pick(keypoints, a, minScore);
    const pb = pick(keypoints, b, minScore);
    return pa && pb ? distance(pa, pb) : undefined;
  };
  return {
    missing,
    view: {
      leftShoulder,
      rightShoulder,
      shoulderMid,
      shoulderWidth,
      shoulderAxis,
      tiltDeg: Math.atan2(leftShoulder.y - rightShoulder.y, Math.abs(leftShoulder.x - rightShoulder.x)) * RAD_TO_DEG,
      headHeights: head,
      earDistance: pairDistance('left_ear', 'right_ear'),
      eyeDistance: pairDistance('left_eye', 'right_eye'),
    },
  };
}

/** Head heights divided by a body length (so camera distance cancels). */
export function scaleHeights(heights: HeadHeights, by: number): HeadHeights {
  const out: HeadHeights = {};
  for (const name of HEAD_POINTS) {
    const h = heights[name];
    if (h !== undefined) out[name] = h / by;
  }
  return out;
}

/**
 * How much the head sank against a baseline, % of the baseline height, over the points
 * seen both now and in the baseline (Σ(h₀ − h) / Σh₀ × 100). Comparing point by point
 * keeps the value steady when a point drops out. Undefined with no point in common.
 */
export function headDropPct(now: HeadHeights, baseline: HeadHeights): number | undefined {
  let base = 0;
  let current = 0;
  for (const name of HEAD_POINTS) {
    const h0 = baseline[name];
    const h = now[name];
    if (h0 === undefined || h === undefined) continue;
    base += h0;
    current += h;
  }
  return base > 1e-9 ? ((base - current) / base) * 100 : undefined;
}

/** Per-point medians of head heights over calibration samples. */
export function medianHeights(samples: readonly HeadHeights[]): HeadHeights {
  const out: HeadHeights = {};
  for (const name of HEAD_POINTS) {
    const value = median(samples.flatMap((s) => (s[name] === undefined ? [] : [s[name]])));
    if (value !== undefined) out[name] = value;
  }
  return out;
}
