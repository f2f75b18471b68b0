/**
 * Synthetic FRONT-view skeletons for tests (self-hug standing, desk posture seated): a tiny
 * rigid-body model posed by readable parameters, projected into the core's coordinates.
 * Pure; noise, dropouts and gaps come from `sampleFrames` in ./synthetic.
 *
 * The model lives in units of the (unrounded) shoulder width, x towards the image right,
 * y up, z towards the camera, origin at the shoulder midpoint. The camera is not mirrored,
 * so the user's LEFT side appears on the image RIGHT (x > 0) as in a real front view.
 * Projection is orthographic, except that `forwardLean` enlarges the face (the one
 * perspective effect the posture checker reads). How each parameter shows up:
 * - `shoulderRounding` r: shoulder width × (1 − r); nothing else moves.
 * - `headDropDeg`: the head pitches forward about the neck base (0.1 above the shoulder
 *   line): the nose and eyes, in front of the pivot, drop a lot; the ears little.
 * - `forwardLean` g: the face (eyes, ears, nose) is scaled by (1 + g) about the ears'
 *   midpoint, so ear and eye distances grow by exactly g; head height is unchanged.
 * - `tiltDeg`: everything rotates about the shoulder midpoint, clockwise on screen for
 *   positive values, so the user's left shoulder drops: the shoulder line's angle is tiltDeg.
 * - `turnDeg`: the whole body turns about the vertical axis (80–90 = side-on).
 */
import type { Keypoint, KeypointMap, KeypointName, PoseFrame } from '../pose/keypoints';
import { interpolate, sampleFrames, type FrameOptions, type Knots } from './synthetic';

export { gaussian, interpolate, sampleFrames, seededRandom, type FrameOptions, type Knots } from './synthetic';

export interface FrontPose {
  /** 0: arms hang by the sides; 1: each wrist at the opposite shoulder (a self-hug). */
  armsCrossed?: number;
  /** Crossed wrists sit this much lower than the hug position (× shoulder width, scaled by armsCrossed). */
  wristDrop?: number;
  /** Forward pitch of the head, degrees (0 = looking straight ahead). */
  headDropDeg?: number;
  /** Fractional growth of the face: 0.2 = the face looks 20% bigger (head nearer the screen). */
  forwardLean?: number;
  /** Fractional shrink of the apparent shoulder width (shoulders drawn in / rounded). */
  shoulderRounding?: number;
  /** Sideways tilt of the shoulder line, degrees; + drops the user's left shoulder. */
  tiltDeg?: number;
  /** Body turn away from the camera, degrees. */
  turnDeg?: number;
  /** Shoulder width in frame units, and where the shoulder midpoint sits in the frame. */
  shoulderWidth?: number;
  center?: { x: number; y: number };
  /** Whether hips (and, with `arms`, elbows and wrists) are in the output. */
  hips?: boolean;
  arms?: boolean;
  score?: number;
}

/** Standing a couple of metres from the laptop, head to hips in view (self-hug). */
export const STANDING: FrontPose = { shoulderWidth: 0.12, center: { x: 0.5, y: 0.2 }, hips: true, arms: true };
/** Sitting at the laptop: head and shoulders fill the frame, hips and hands out of view. */
export const SEATED: FrontPose = { shoulderWidth: 0.3, center: { x: 0.5, y: 0.42 }, hips: false, arms: false };

interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** Torso length (shoulder midpoint to hip midpoint) in shoulder widths. */
export const SYNTHETIC_TORSO_RATIO = 1.25;
const NECK: Vec3 = { x: 0, y: 0.1, z: 0 };
/** Head points relative to the neck pivot, head upright. */
const HEAD: readonly (readonly [KeypointName, Vec3])[] = [
  ['nose', { x: 0, y: 0.3, z: 0.24 }],
  ['left_eye', { x: 0.08, y: 0.38, z: 0.17 }],
  ['right_eye', { x: -0.08, y: 0.38, z: 0.17 }],
  ['left_ear', { x: 0.19, y: 0.32, z: -0.02 }],
  ['right_ear', { x: -0.19, y: 0.32, z: -0.02 }],
];
const EARS_MID: Vec3 = { x: 0, y: 0.32, z: -0.02 };

const rad = (deg: number) => (deg * Math.PI) / 180;
const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
const lerp3 = (a: Vec3, b: Vec3, t: number): Vec3 => ({ x: lerp(a.x, b.x, t), y: lerp(a.y, b.y, t), z: lerp(a.z, b.z, t) });

/** Forward pitch about the x axis: the top of the head goes towards the camera, the nose down. */
function pitch(p: Vec3, deg: number): Vec3 {
  const c = Math.cos(rad(deg));
  const s = Math.sin(rad(deg));
  return { x: p.x, y: p.y * c - p.z * s, z: p.y * s + p.z * c };
}

/** One front-view pose in the core's coordinates (see the file header for the model). */
export function frontKeypoints(pose: FrontPose = {}): KeypointMap {
  const width = pose.shoulderWidth ?? 0.3;
  const center = pose.center ?? { x: 0.5, y: 0.42 };
  const score = pose.score ?? 0.9;
  const crossed = Math.min(1, Math.max(0, pose.armsCrossed ?? 0));
  const halfShoulder = 0.5 * (1 - (pose.shoulderRounding ?? 0));
  const turn = rad(pose.turnDeg ?? 0);
  const tilt = rad(pose.tiltDeg ?? 0);
  const lean = 1 + (pose.forwardLean ?? 0);

  const project = (p: Vec3) => {
    const x = p.x * Math.cos(turn) + p.z * Math.sin(turn);
    const dx = width * x;
    const dy = -width * p.y;
    return {
      x: center.x + dx * Math.cos(tilt) - dy * Math.sin(tilt),
      y: center.y + dx * Math.sin(tilt) + dy * Math.cos(tilt),
    };
  };
  const out: [KeypointName, Keypoint][] = [];
  const put = (name: KeypointName, p: { x: number; y: number }) => out.push([name, { x: p.x, y: p.y, score }]);

  // Head: pitch about the neck, then the face grows about the ears' midpoint.
  const headAt = (rel: Vec3) => {
    const r = pitch(rel, pose.headDropDeg ?? 0);
    return { x: NECK.x + r.x, y: NECK.y + r.y, z: NECK.z + r.z };
  };
  const earsMid = project(headAt(EARS_MID));
  for (const [name, rel] of HEAD) {
    const p = project(headAt(rel));
    put(name, { x: earsMid.x + (p.x - earsMid.x) * lean, y: earsMid.y + (p.y - earsMid.y) * lean });
  }

  put('left_shoulder', project({ x: halfShoulder, y: 0, z: 0 }));
  put('right_shoulder', project({ x: -halfShoulder, y: 0, z: 0 }));

  if (pose.arms ?? true) {
    const wristDrop = (pose.wristDrop ?? 0) * crossed;
    for (const side of [1, -1] as const) {
      const prefix = side === 1 ? 'left' : 'right';
      const hangingElbow = { x: side * 0.58, y: -0.7, z: 0 };
      const hangingWrist = { x: side * 0.6, y: -1.3, z: 0.05 };
      // Hugging: the wrist rests just inside and below the OPPOSITE shoulder, the elbow in front of the chest.
      const huggingElbow = { x: -side * 0.05, y: -0.5, z: 0.35 };
      const huggingWrist = { x: -side * (halfShoulder - 0.1), y: -0.12 - wristDrop, z: 0.2 };
      put(`${prefix}_elbow`, project(lerp3(hangingElbow, huggingElbow, crossed)));
      put(`${prefix}_wrist`, project(lerp3(hangingWrist, huggingWrist, crossed)));
    }
  }
  if (pose.hips ?? true) {
    put('left_hip', project({ x: 0.3, y: -SYNTHETIC_TORSO_RATIO, z: 0 }));
    put('right_hip', project({ x: -0.3, y: -SYNTHETIC_TORSO_RATIO, z: 0 }));
  }
  return Object.fromEntries(out) as KeypointMap;
}

/** The numeric pose parameters a test can schedule over time. */
export type FrontChannel = 'armsCrossed' | 'wristDrop' | 'headDropDeg' | 'forwardLean' | 'shoulderRounding' | 'tiltDeg' | 'turnDeg';
export type FrontChannels = Partial<Record<FrontChannel, Knots>>;

/** The pose at `tMs`: `base` with each scheduled channel interpolated. */
export function frontPoseAt(base: FrontPose, channels: FrontChannels, tMs: number): FrontPose {
  const pose: FrontPose = { ...base };
  for (const [channel, knots] of Object.entries(channels) as [FrontChannel, Knots][]) {
    pose[channel] = interpolate(knots, tMs);
  }
  return pose;
}

/** The time of the latest knot over all channels. */
export function channelsEndMs(channels: FrontChannels): number {
  let end = 0;
  for (const knots of Object.values(channels)) end = Math.max(end, knots.at(-1)?.[0] ?? 0);
  return end;
}

/** Samples a scheduled front-view pose from 0 to `durationMs` (default: the last knot). */
export function sampleFrontFrames(base: FrontPose, channels: FrontChannels, durationMs = channelsEndMs(channels), options: FrameOptions = {}): PoseFrame[] {
  return sampleFrames((tMs) => frontKeypoints(frontPoseAt(base, channels, tMs)), durationMs, options);
}

export interface SelfHugSchedule {
  /** Standing tall with arms by the sides first (covers calibration). */
  startMs?: number;
  crossMs?: number;
  roundMs?: number;
  /** Time at full rounding with the arms crossed. */
  holdMs?: number;
  releaseMs?: number;
  restMs?: number;
  headDropDeg?: number;
  shoulderRounding?: number;
}

/**
 * `reps` slow self-hugs: cross the arms, round (head drops, shoulders draw in), hold,
 * release both together, rest.
 */
export function selfHugKnots(reps: number, schedule: SelfHugSchedule = {}): FrontChannels {
  const { startMs = 3000, crossMs = 1000, roundMs = 1500, holdMs = 6000, releaseMs = 1500, restMs = 1500, headDropDeg = 40, shoulderRounding = 0.15 } = schedule;
  const arms: [number, number][] = [[0, 0], [startMs, 0]];
  const round: [number, number][] = [[0, 0], [startMs, 0]];
  let t = startMs;
  for (let i = 0; i < reps; i++) {
    t += crossMs;
    arms.push([t, 1]);
    round.push([t, 0]);
    t += roundMs;
    round.push([t, 1]);
    t += holdMs;
    round.push([t, 1]);
    arms.push([t, 1]);
    t += releaseMs;
    round.push([t, 0]);
    arms.push([t, 0]);
    t += restMs;
    round.push([t, 0]);
    arms.push([t, 0]);
  }
  return {
    armsCrossed: arms,
    headDropDeg: round.map(([tMs, v]) => [tMs, v * headDropDeg] as const),
    shoulderRounding: round.map(([tMs, v]) => [tMs, v * shoulderRounding] as const),
  };
}
