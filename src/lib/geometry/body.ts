/**
 * Body-size helpers on a KeypointMap. A keypoint counts as "seen" only when it is
 * present, has finite coordinates and its score is at least `minScore`.
 */

import type { Keypoint, KeypointMap, KeypointName } from '../pose/keypoints';
import { distance, midpoint, type Vec2 } from './vector';

/** Confidence below which a keypoint is treated as not seen. */
export const DEFAULT_MIN_SCORE = 0.3;

export type BodySide = 'left' | 'right';

export interface BoundingBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Torso lengths shorter than this (in frame units) are degenerate and give no scale. */
const MIN_TORSO_LENGTH = 1e-6;

/** The keypoint if it is seen, else undefined. */
export function pick(
  keypoints: KeypointMap,
  name: KeypointName,
  minScore: number = DEFAULT_MIN_SCORE,
): Keypoint | undefined {
  const point = keypoints[name];
  if (point === undefined) return undefined;
  if (!(point.score >= minScore)) return undefined; // also rejects a NaN score
  if (!Number.isFinite(point.x) || !Number.isFinite(point.y)) return undefined;
  return point;
}

/**
 * Midpoint of two keypoints, or undefined unless BOTH are seen. Strict on purpose:
 * falling back to the one seen point would silently move the "midpoint" by half a
 * shoulder width, which downstream features would read as real motion.
 */
export function midpointOf(
  keypoints: KeypointMap,
  a: KeypointName,
  b: KeypointName,
  minScore: number = DEFAULT_MIN_SCORE,
): Vec2 | undefined {
  const pointA = pick(keypoints, a, minScore);
  const pointB = pick(keypoints, b, minScore);
  if (pointA === undefined || pointB === undefined) return undefined;
  return midpoint(pointA, pointB);
}

const SAME_SIDE_TORSO_PAIRS: readonly (readonly [KeypointName, KeypointName])[] = [
  ['left_shoulder', 'left_hip'],
  ['right_shoulder', 'right_hip'],
];

/**
 * Shoulder-to-hip length in frame units. Uses the shoulder midpoint to hip midpoint
 * when all four are seen; otherwise (a side view, where the far side is hidden) the
 * same-side shoulder–hip pair whose weaker score is higher. Undefined when neither
 * works or the length is degenerate (≈ 0).
 */
export function torsoLength(
  keypoints: KeypointMap,
  minScore: number = DEFAULT_MIN_SCORE,
): number | undefined {
  const shoulderMid = midpointOf(keypoints, 'left_shoulder', 'right_shoulder', minScore);
  const hipMid = midpointOf(keypoints, 'left_hip', 'right_hip', minScore);
  if (shoulderMid !== undefined && hipMid !== undefined) {
    const length = distance(shoulderMid, hipMid);
    if (length > MIN_TORSO_LENGTH) return length;
  }

  let bestLength: number | undefined;
  let bestScore = -Infinity;
  for (const [shoulderName, hipName] of SAME_SIDE_TORSO_PAIRS) {
    const shoulder = pick(keypoints, shoulderName, minScore);
    const hip = pick(keypoints, hipName, minScore);
    if (shoulder === undefined || hip === undefined) continue;
    const length = distance(shoulder, hip);
    // A pair is only as trustworthy as its weaker point. (Both pairs can only be complete
    // here when the midpoint distance above was degenerate; usually one pair is left.)
    const pairScore = Math.min(shoulder.score, hip.score);
    if (length > MIN_TORSO_LENGTH && pairScore > bestScore) {
      bestScore = pairScore;
      bestLength = length;
    }
  }
  return bestLength;
}

/**
 * The length features divide by so that camera distance does not matter.
 * Currently the torso length (stable across the stretches we coach: arms and legs move,
 * the torso's length barely does).
 */
export function bodyScale(
  keypoints: KeypointMap,
  minScore: number = DEFAULT_MIN_SCORE,
): number | undefined {
  return torsoLength(keypoints, minScore);
}

const LEFT_SIDE_NAMES: readonly KeypointName[] = ['left_shoulder', 'left_hip', 'left_knee', 'left_ear'];
const RIGHT_SIDE_NAMES: readonly KeypointName[] = ['right_shoulder', 'right_hip', 'right_knee', 'right_ear'];

function summedScore(keypoints: KeypointMap, names: readonly KeypointName[]): number {
  let total = 0;
  for (const name of names) {
    const score = keypoints[name]?.score;
    if (score !== undefined && Number.isFinite(score)) total += score;
  }
  return total;
}

/**
 * Which body side faces the camera in a side view: the side whose shoulder, hip, knee
 * and ear scores sum higher (the far side is occluded, so the model is less sure of it).
 * Missing keypoints count as 0. Ties go to 'left' so the answer is deterministic.
 */
export function visibleSide(keypoints: KeypointMap): BodySide {
  return summedScore(keypoints, RIGHT_SIDE_NAMES) > summedScore(keypoints, LEFT_SIDE_NAMES)
    ? 'right'
    : 'left';
}

/** Bounds of the seen keypoints, or undefined when none is seen. */
export function boundingBox(
  keypoints: KeypointMap,
  minScore: number = DEFAULT_MIN_SCORE,
): BoundingBox | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let seenAny = false;
  for (const name of Object.keys(keypoints) as KeypointName[]) {
    const point = pick(keypoints, name, minScore);
    if (point === undefined) continue;
    seenAny = true;
    if (point.x < minX) minX = point.x;
    if (point.y < minY) minY = point.y;
    if (point.x > maxX) maxX = point.x;
    if (point.y > maxY) maxY = point.y;
  }
  return seenAny ? { minX, minY, maxX, maxY } : undefined;
}
