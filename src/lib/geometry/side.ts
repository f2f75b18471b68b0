/**
 * Reading a body seen side-on (in profile): on all fours (cat-cow) or lying on the back
 * (foam roller, thoracic extension). Pure.
 *
 * In profile the left and right point of a pair nearly coincide, and single-person models
 * often swap them from frame to frame (seen on the recorded clips), so every pair is merged
 * by score: the measurements are immune to the swap and to which side faces the camera.
 */
import type { KeypointMap, KeypointName } from '../pose/keypoints';
import { pick } from './body';
import { elevationDeg, sub, type Vec2 } from './vector';

/** Score-weighted mean of a left/right pair, or the one seen, or undefined when neither is. */
export function mergedPair(keypoints: KeypointMap, left: KeypointName, right: KeypointName, minScore: number): Vec2 | undefined {
  const a = pick(keypoints, left, minScore);
  const b = pick(keypoints, right, minScore);
  if (a && b) {
    const total = a.score + b.score;
    return { x: (a.x * a.score + b.x * b.score) / total, y: (a.y * a.score + b.y * b.score) / total };
  }
  return a ?? b;
}

/** The optional parts of a side view and the keypoint pair each merges. */
const PART_PAIRS = {
  ear: ['left_ear', 'right_ear'],
  elbow: ['left_elbow', 'right_elbow'],
  wrist: ['left_wrist', 'right_wrist'],
  knee: ['left_knee', 'right_knee'],
  ankle: ['left_ankle', 'right_ankle'],
  heel: ['left_heel', 'right_heel'],
  toe: ['left_foot_index', 'right_foot_index'],
} as const satisfies Record<string, readonly [KeypointName, KeypointName]>;

export type SidePart = keyof typeof PART_PAIRS;
const SIDE_PARTS = Object.keys(PART_PAIRS) as SidePart[];

/** A body in profile, each part merged across both sides. */
export interface SideView extends Record<SidePart, Vec2 | undefined> {
  /**
   * +1 when the head is towards image right (shoulder right of hip), −1 when left. On all
   * fours that is also the way the person faces.
   */
  headDir: 1 | -1;
  shoulder: Vec2;
  hip: Vec2;
  /** Heel and toe (foot_index) are BlazePose only. */
  heel: Vec2 | undefined;
  toe: Vec2 | undefined;
  torsoLength: number;
  /** Horizontal gap between the two shoulders / torso length, when both are seen (0 otherwise). */
  shoulderSpread: number;
  /** |Elevation| of the hip→shoulder line, degrees: ≈0 lying or on all fours, ≈90 sitting or standing. */
  torsoTiltDeg: number;
}

/**
 * Reads a side view. Shoulder and hip are always required (they give the scale and the head's
 * direction); `require` names the parts the caller cannot do without, which are then listed
 * in `missing` when unseen and typed as present in the view. Missing lists the shoulders, the
 * hips, then the required parts, in that order.
 */
export function readSideView<R extends SidePart = never>(
  keypoints: KeypointMap,
  minScore: number,
  require: readonly R[] = [],
): { view?: SideView & Record<R, Vec2>; missing: KeypointName[] } {
  const shoulder = mergedPair(keypoints, 'left_shoulder', 'right_shoulder', minScore);
  const hip = mergedPair(keypoints, 'left_hip', 'right_hip', minScore);
  const parts = {} as Record<SidePart, Vec2 | undefined>;
  for (const part of SIDE_PARTS) {
    const [left, right] = PART_PAIRS[part];
    parts[part] = mergedPair(keypoints, left, right, minScore);
  }
  const missing: KeypointName[] = [];
  if (!shoulder) missing.push('left_shoulder', 'right_shoulder');
  if (!hip) missing.push('left_hip', 'right_hip');
  for (const part of require) if (!parts[part]) missing.push(...PART_PAIRS[part]);
  if (!shoulder || !hip || missing.length > 0) return { missing };
  const torso = sub(shoulder, hip);
  const torsoLength = Math.hypot(torso.x, torso.y);
  if (torsoLength < 1e-6) return { missing: ['left_shoulder', 'left_hip'] };
  const headDir: 1 | -1 = torso.x >= 0 ? 1 : -1;
  const leftShoulder = pick(keypoints, 'left_shoulder', minScore);
  const rightShoulder = pick(keypoints, 'right_shoulder', minScore);
  const view: SideView = {
    ...parts,
    headDir,
    shoulder,
    hip,
    torsoLength,
    shoulderSpread: leftShoulder && rightShoulder ? Math.abs(leftShoulder.x - rightShoulder.x) / torsoLength : 0,
    torsoTiltDeg: Math.abs(elevationDeg(torso, headDir)),
  };
  return { missing, view: view as SideView & Record<R, Vec2> };
}

/**
 * The head against the torso line, degrees: elevation of shoulder→ear minus elevation of
 * hip→shoulder, both measured towards the head. 0 = head in line with the torso, + = head
 * raised above that line (image-up), − = dropped below it. Not wrapped: in (−360, 360).
 */
export function headElevationDeg(view: Pick<SideView, 'shoulder' | 'hip' | 'headDir'> & { ear: Vec2 }): number {
  return elevationDeg(sub(view.ear, view.shoulder), view.headDir) - elevationDeg(sub(view.shoulder, view.hip), view.headDir);
}

/** How far a side view may be off before it cannot be read. */
export interface SideViewLimits {
  /** Shoulders further apart than this × torso length: the camera sees the front (or looks along the body), not the side. */
  maxShoulderSpreadRatio: number;
  /** Torso steeper than this: not on the floor (sitting or standing up). */
  maxTorsoTiltDeg: number;
}

/** Why the side view cannot be read, if it cannot: not side-on (checked first), or the torso too steep. */
export function sideViewProblem(view: Pick<SideView, 'shoulderSpread' | 'torsoTiltDeg'>, limits: SideViewLimits): 'not-side-on' | 'tilted' | undefined {
  if (view.shoulderSpread > limits.maxShoulderSpreadRatio) return 'not-side-on';
  if (view.torsoTiltDeg > limits.maxTorsoTiltDeg) return 'tilted';
  return undefined;
}
