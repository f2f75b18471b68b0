/**
 * Which body position a pose is in: standing, sitting, on all fours or lying on the back.
 * Every technique is done in one (or two) of them; the position gate (coaching/position-gate)
 * stops a checker from counting a pose that only looks like its movement in another one
 * (a cat-cow read as a chest lift, a bridge read as a cat). Pure, one frame at a time.
 *
 * Read from what every view shows, in units of the torso length (frame coordinates, y down;
 * the camera roughly level):
 * - the torso's angle to the vertical: upright (standing, sitting) below 45°, on the floor
 *   (all fours, lying) beyond 55°; in between it is not decided;
 * - on the floor: on all fours the knees are BELOW the hips (thighs hanging down) and the
 *   wrists below the shoulders (arms holding the body up); lying on the back with the knees
 *   bent the knees are at or above the hips and the wrists near shoulder height or above
 *   (hands behind the head, arms out on the floor);
 * - upright: standing, the thighs hang straight down; sitting, they point forward or out.
 *   BlazePose's 3D points see that directly (the thigh's angle to the vertical, whatever the
 *   view); in 2D a thigh pointing at the camera looks short, so 2D only decides clear cases.
 *
 * Measured on every fixture clip and photo (tests: position.test.ts on the recorded traces):
 * torso 73–82° on all fours, 76–133° lying (the bridge's hips above the shoulders), 0–36°
 * upright; knee below hip 0.66–0.9 torso lengths on all fours, −0.6 to −0.2 lying; 3D thigh
 * 3–15° from vertical standing, 39–123° sitting, 4–19° on all fours, 104–148° lying.
 */
import type { Keypoint3D, Keypoint3DMap, KeypointMap, KeypointName, PoseFrame } from '../pose/keypoints';
import { RAD_TO_DEG } from './angles';
import { mergedPair } from './side';
import type { Vec2 } from './vector';

export const BODY_POSITIONS = ['standing', 'sitting', 'all-fours', 'lying-back'] as const;
export type BodyPosition = (typeof BODY_POSITIONS)[number];

/**
 * One frame's reading: a position, or only its family when the frame cannot say more
 * (`upright`: standing or sitting, legs not seen or not clear; `on-floor`: all fours or lying).
 */
export type PositionReading = BodyPosition | 'upright' | 'on-floor';

export type PositionFamily = 'upright' | 'on-floor';

export function familyOf(reading: PositionReading): PositionFamily {
  return reading === 'standing' || reading === 'sitting' || reading === 'upright' ? 'upright' : 'on-floor';
}

/** Whether a reading is compatible with a technique's positions (a family reading fits every member). */
export function readingFits(reading: PositionReading, wanted: readonly BodyPosition[]): boolean {
  if (reading === 'upright' || reading === 'on-floor') return wanted.some((position) => familyOf(position) === reading);
  return wanted.includes(reading);
}

export interface PositionLimits {
  minScore: number;
  /** Torso within this of vertical: upright. */
  maxUprightTiltDeg: number;
  /** Torso at least this far from vertical: on the floor. */
  minFloorTiltDeg: number;
  /** On the floor, knee below the hip by at least this (× torso): all fours; at most `maxLyingKneeDrop`: lying. */
  minAllFoursKneeDrop: number;
  maxLyingKneeDrop: number;
  /** On the floor, wrist below the shoulder by at least this: all fours; at most `maxLyingWristDrop`: lying. */
  minAllFoursWristDrop: number;
  maxLyingWristDrop: number;
  /** 3D thigh angle to the vertical (0 = hanging straight down): standing below, sitting above. */
  maxStandingThighDeg: number;
  minSittingThighDeg: number;
  /** 3D thigh on the floor: all fours below (hanging down), lying above (pointing up or along the floor). */
  maxAllFoursThighDeg: number;
  minLyingThighDeg: number;
  /** 2D, upright: knee below the hip by at least this: standing; at most `maxSittingKneeDrop`: sitting. */
  minStandingKneeDrop: number;
  maxSittingKneeDrop: number;
  /** 2D, upright: ankle at most this far below the hip: sitting (cross-legged, feet tucked in). */
  maxSittingAnkleDrop: number;
}

export const DEFAULT_POSITION_LIMITS: PositionLimits = {
  minScore: 0.3,
  maxUprightTiltDeg: 45,
  minFloorTiltDeg: 55,
  minAllFoursKneeDrop: 0.45,
  maxLyingKneeDrop: 0.2,
  minAllFoursWristDrop: 0.5,
  maxLyingWristDrop: 0.4,
  maxStandingThighDeg: 25,
  minSittingThighDeg: 35,
  maxAllFoursThighDeg: 45,
  minLyingThighDeg: 75,
  minStandingKneeDrop: 0.8,
  maxSittingKneeDrop: 0.3,
  maxSittingAnkleDrop: 0.6,
};

/** The measurements behind a reading, for tests and tuning. */
export interface PositionEvidence {
  /** Torso (hip → shoulder) angle to image-up, degrees in [0, 180]. */
  torsoTiltDeg: number;
  /** Knee below hip, wrist below shoulder, ankle below hip: × torso length (y down, so + = lower). */
  kneeDrop?: number;
  wristDrop?: number;
  ankleDrop?: number;
  /** 3D thigh (hip → knee) angle to the downward vertical, degrees in [0, 180]. */
  thighDeg3D?: number;
}

export interface PositionResult {
  reading: PositionReading | undefined;
  evidence: PositionEvidence | undefined;
}

function merged3D(points: Keypoint3DMap | undefined, left: KeypointName, right: KeypointName, minScore: number): Keypoint3D | undefined {
  const ok = (p: Keypoint3D | undefined) => (p && p.score >= minScore && Number.isFinite(p.x) && Number.isFinite(p.y) && Number.isFinite(p.z) ? p : undefined);
  const a = ok(points?.[left]);
  const b = ok(points?.[right]);
  if (a && b) return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, z: (a.z + b.z) / 2, score: Math.min(a.score, b.score) };
  return a ?? b;
}

/** Thigh angle to the downward vertical in BlazePose's world points (y down), when both ends are seen. */
function thighDeg3D(points: Keypoint3DMap | undefined, minScore: number): number | undefined {
  const hip = merged3D(points, 'left_hip', 'right_hip', minScore);
  const knee = merged3D(points, 'left_knee', 'right_knee', minScore);
  if (!hip || !knee) return undefined;
  const dx = knee.x - hip.x;
  const dy = knee.y - hip.y;
  const dz = knee.z - hip.z;
  if (Math.hypot(dx, dy, dz) < 1e-6) return undefined;
  return Math.atan2(Math.hypot(dx, dz), dy) * RAD_TO_DEG;
}

const drop = (lower: Vec2 | undefined, upper: Vec2, torso: number) => (lower ? (lower.y - upper.y) / torso : undefined);

export function readPosition(frame: PoseFrame, limits: PositionLimits = DEFAULT_POSITION_LIMITS): PositionResult {
  const kp: KeypointMap = frame.keypoints;
  const { minScore } = limits;
  const shoulder = mergedPair(kp, 'left_shoulder', 'right_shoulder', minScore);
  const hip = mergedPair(kp, 'left_hip', 'right_hip', minScore);
  if (!shoulder || !hip) return { reading: undefined, evidence: undefined };
  const torso = Math.hypot(shoulder.x - hip.x, shoulder.y - hip.y);
  if (torso < 1e-6) return { reading: undefined, evidence: undefined };
  const knee = mergedPair(kp, 'left_knee', 'right_knee', minScore);
  const ankle = mergedPair(kp, 'left_ankle', 'right_ankle', minScore);
  const wrist = mergedPair(kp, 'left_wrist', 'right_wrist', minScore);
  const evidence: PositionEvidence = {
    torsoTiltDeg: Math.atan2(Math.abs(shoulder.x - hip.x), hip.y - shoulder.y) * RAD_TO_DEG,
    kneeDrop: drop(knee, hip, torso),
    wristDrop: drop(wrist, shoulder, torso),
    ankleDrop: drop(ankle, hip, torso),
    thighDeg3D: thighDeg3D(frame.keypoints3D, minScore),
  };
  const tilt = evidence.torsoTiltDeg;
  if (tilt <= limits.maxUprightTiltDeg) return { reading: readUpright(evidence, limits), evidence };
  if (tilt >= limits.minFloorTiltDeg) return { reading: readOnFloor(evidence, limits), evidence };
  return { reading: undefined, evidence };
}

function readUpright(e: PositionEvidence, limits: PositionLimits): PositionReading {
  if (e.thighDeg3D !== undefined) {
    if (e.thighDeg3D <= limits.maxStandingThighDeg) return 'standing';
    if (e.thighDeg3D >= limits.minSittingThighDeg) return 'sitting';
    return 'upright';
  }
  if (e.kneeDrop === undefined) return 'upright';
  if (e.kneeDrop <= limits.maxSittingKneeDrop) return 'sitting';
  if (e.ankleDrop !== undefined && e.ankleDrop <= limits.maxSittingAnkleDrop) return 'sitting';
  if (e.kneeDrop >= limits.minStandingKneeDrop) return 'standing';
  return 'upright';
}

/**
 * All fours or lying: the legs decide (the 3D thigh, else the knee's drop below the hip):
 * hands can be anywhere, thighs cannot. Without a clear leg reading the wrists decide; with
 * neither, the family is all the frame says.
 */
function readOnFloor(e: PositionEvidence, limits: PositionLimits): PositionReading {
  const between = (value: number | undefined, allFoursFrom: number, lyingUpTo: number): PositionReading | undefined =>
    value === undefined ? undefined : value >= allFoursFrom ? 'all-fours' : value <= lyingUpTo ? 'lying-back' : undefined;
  // The 3D thigh is an angle to the downward vertical: small (hanging down) is all fours.
  const thigh3D =
    e.thighDeg3D === undefined
      ? undefined
      : e.thighDeg3D <= limits.maxAllFoursThighDeg
        ? 'all-fours'
        : e.thighDeg3D >= limits.minLyingThighDeg
          ? 'lying-back'
          : undefined;
  return (
    thigh3D ??
    between(e.kneeDrop, limits.minAllFoursKneeDrop, limits.maxLyingKneeDrop) ??
    between(e.wristDrop, limits.minAllFoursWristDrop, limits.maxLyingWristDrop) ??
    'on-floor'
  );
}
