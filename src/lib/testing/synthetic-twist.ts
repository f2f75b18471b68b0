/**
 * Synthetic front-view skeletons for the rotation techniques (seated twist, standing
 * rotation): a small rigid 3D body, rotated by named angles and projected onto the image
 * with an orthographic camera, so 2D keypoints and BlazePose-style 3D world points come
 * from the same pose and agree exactly. Pure and deterministic.
 *
 * Conventions (the same as the core's, see ../pose/keypoints):
 * - World points are metres, origin at the hip midpoint, x = image right, y = DOWN,
 *   z = AWAY from the camera (BlazePose world landmarks: smaller z is closer).
 * - The person faces the camera and the image is not mirrored, so the user's LEFT side
 *   appears on the image RIGHT: at neutral `left_shoulder.x > right_shoulder.x`.
 * - Every signed angle is POSITIVE towards the user's OWN LEFT:
 *   twisting left moves the left shoulder back (+z) and the nose towards image right;
 *   leaning left drops the left shoulder.
 */
import type { Keypoint3DMap, KeypointMap, KeypointName, PoseFrame } from '../pose/keypoints';
import { gaussian, sampleFrames, seededRandom, type FrameOptions, type Knots } from './synthetic';

export interface TwistPose {
  /** Rotation of the shoulders against the hips (the thoracic twist), degrees, + = user's left. */
  twistDeg: number;
  /** Head yaw on top of the shoulders, degrees, + = left. */
  headTurnDeg?: number;
  /** Sideways lean of the whole upper body, pivoting at the hips, degrees, + = towards the left. */
  leanDeg?: number;
  /** Yaw of the hips (and legs, and everything above) against the camera, degrees, + = left. */
  hipTurnDeg?: number;
  /** Leg layout and framing: cross-legged on the floor, or standing. Default seated. */
  posture?: 'seated' | 'standing';
  score?: number;
}

/** Body dimensions in metres. The nose sits NOSE_FORWARD_M in front of the neck's vertical axis. */
export const SYNTHETIC_BODY = {
  shoulderHalfWidth: 0.18,
  hipHalfWidth: 0.11,
  torsoLength: 0.5,
  neckHeight: 0.08,
  noseForward: 0.108,
} as const;

type P3 = { x: number; y: number; z: number };
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Yaw about the vertical axis through the origin, + = towards the user's left (+x → +z). */
function yaw(p: P3, deg: number): P3 {
  const a = rad(deg);
  return { x: p.x * Math.cos(a) - p.z * Math.sin(a), y: p.y, z: p.x * Math.sin(a) + p.z * Math.cos(a) };
}

/** Roll in the image plane about the origin, + = top towards image right (the user's left). */
function roll(p: P3, deg: number): P3 {
  const a = rad(deg);
  // (0, -1) (straight up) goes to (sin a, -cos a): the top moves to +x.
  return { x: p.x * Math.cos(a) - p.y * Math.sin(a), y: p.x * Math.sin(a) + p.y * Math.cos(a), z: p.z };
}

const add3 = (a: P3, b: P3): P3 => ({ x: a.x + b.x, y: a.y + b.y, z: a.z + b.z });

/** World (3D) points of the pose: hips at the origin. MoveNet's 17 names only. */
export function twistWorldPoints(pose: TwistPose): Partial<Record<KeypointName, P3>> {
  const B = SYNTHETIC_BODY;
  const hipYaw = pose.hipTurnDeg ?? 0;
  const shoulderYaw = hipYaw + pose.twistDeg;
  const lean = pose.leanDeg ?? 0;
  const headYaw = pose.headTurnDeg ?? 0;
  const seated = (pose.posture ?? 'seated') === 'seated';

  // Upper body: rolled by the lean (lateral flexion from the hips), then yawed about the
  // vertical axis. This order keeps the shoulder line's yaw equal to `shoulderYaw` and its
  // tilt from horizontal equal to `lean`, so each angle can be read back on its own.
  const upper = (local: P3): P3 => yaw(roll(local, lean), shoulderYaw);
  const neck: P3 = { x: 0, y: -B.torsoLength - B.neckHeight, z: 0 };
  const head = (local: P3): P3 => upper(add3(neck, yaw(local, headYaw)));
  const lower = (local: P3): P3 => yaw(local, hipYaw);

  const T = B.torsoLength;
  const S = B.shoulderHalfWidth;
  const H = B.hipHalfWidth;
  // Pairs are written for the LEFT side (+x); the right side mirrors x.
  const pair = (name: string, left: P3, place: (p: P3) => P3, mirrorX = true): [KeypointName, P3][] => [
    [`left_${name}` as KeypointName, place(left)],
    [`right_${name}` as KeypointName, place({ x: mirrorX ? -left.x : left.x, y: left.y, z: left.z })],
  ];
  const entries: [KeypointName, P3][] = [
    ['nose', head({ x: 0, y: -0.14, z: -B.noseForward })],
    ...pair('eye', { x: 0.035, y: -0.17, z: -0.085 }, head),
    ...pair('ear', { x: 0.075, y: -0.13, z: 0 }, head),
    ...pair('shoulder', { x: S, y: -T, z: 0 }, upper),
    ...pair('elbow', { x: S + 0.03, y: -T + 0.28, z: 0.02 }, upper),
    ...pair('wrist', seated ? { x: S + 0.06, y: -T + 0.5, z: -0.12 } : { x: S + 0.04, y: -T + 0.54, z: 0 }, upper),
    ...pair('hip', { x: H, y: 0, z: 0 }, lower),
    ...pair('knee', seated ? { x: 0.38, y: -0.02, z: -0.25 } : { x: 0.1, y: 0.45, z: 0 }, lower),
    // Cross-legged: each ankle tucks under the opposite knee.
    ...pair('ankle', seated ? { x: -0.12, y: 0, z: -0.35 } : { x: 0.1, y: 0.88, z: 0 }, lower),
  ];
  return Object.fromEntries(entries) as Partial<Record<KeypointName, P3>>;
}

/** Image framing per posture: frame units per metre and where the hip midpoint sits (16:9 frame). */
const FRAMING = {
  seated: { scale: 0.35, hipX: 0.5, hipY: 0.42 },
  standing: { scale: 0.28, hipX: 0.5, hipY: 0.3 },
} as const;

/** 2D keypoints: orthographic projection of the world points (drop z, scale, place). */
export function twistKeypoints(pose: TwistPose): KeypointMap {
  const { scale, hipX, hipY } = FRAMING[pose.posture ?? 'seated'];
  const score = pose.score ?? 0.9;
  const keypoints: KeypointMap = {};
  for (const [name, p] of Object.entries(twistWorldPoints(pose)) as [KeypointName, P3][]) {
    keypoints[name] = { x: hipX + scale * p.x, y: hipY + scale * p.y, score };
  }
  return keypoints;
}

/** BlazePose-style world landmarks for the same pose. */
export function twistKeypoints3D(pose: TwistPose): Keypoint3DMap {
  const score = pose.score ?? 0.9;
  const points: Keypoint3DMap = {};
  for (const [name, p] of Object.entries(twistWorldPoints(pose)) as [KeypointName, P3][]) {
    points[name] = { ...p, score };
  }
  return points;
}

export interface TwistFrameOptions extends FrameOptions {
  /** Attach 3D world points (as BlazePose does). Default false (MoveNet: 2D only). */
  with3D?: boolean;
  /** Std dev of 3D noise in metres. Default 0. */
  noise3D?: number;
}

/**
 * Samples `poseAt` like `sampleFrames` (same noise, dropouts and gaps for the 2D points),
 * optionally with 3D world points. A keypoint dropped from the 2D map is dropped from the
 * 3D map too, and gap frames carry neither, so with and without 3D see the same dropouts.
 */
export function sampleTwistFrames(poseAt: (tMs: number) => TwistPose, durationMs: number, options: TwistFrameOptions = {}): PoseFrame[] {
  const { with3D = false, noise3D = 0, ...frameOptions } = options;
  const frames = sampleFrames((tMs) => twistKeypoints(poseAt(tMs)), durationMs, frameOptions);
  if (!with3D) return frames;
  const random = seededRandom((frameOptions.seed ?? 1) + 0x3d);
  return frames.map((frame) => {
    const names = Object.keys(frame.keypoints) as KeypointName[];
    if (names.length === 0) return frame;
    const all = twistKeypoints3D(poseAt(frame.tMs));
    const keypoints3D: Keypoint3DMap = {};
    for (const name of names) {
      const p = all[name];
      if (!p) continue;
      keypoints3D[name] =
        noise3D > 0
          ? { x: p.x + noise3D * gaussian(random), y: p.y + noise3D * gaussian(random), z: p.z + noise3D * gaussian(random), score: p.score }
          : p;
    }
    return { ...frame, keypoints3D };
  });
}

/**
 * Knots for a twist session: `leadMs` of still neutral (for calibration), then for each side
 * in `sides`: turn to ±depthDeg over moveMs, hold holdMs, return over moveMs, rest restMs.
 * Values are signed like TwistPose.twistDeg (+ = left).
 */
export function twistKnots(
  sides: readonly ('left' | 'right')[],
  { depthDeg = 40, moveMs = 1500, holdMs = 6500, restMs = 1500, leadMs = 3000 } = {},
): Knots {
  const knots: [number, number][] = [[0, 0], [leadMs, 0]];
  let t = leadMs;
  for (const side of sides) {
    const target = side === 'left' ? depthDeg : -depthDeg;
    knots.push([(t += moveMs), target], [(t += holdMs), target], [(t += moveMs), 0], [(t += restMs), 0]);
  }
  return knots;
}
