/**
 * Synthetic skeletons for tests: readable keypoint sequences built from joint angles over
 * time, with seeded noise and dropouts, so checkers get exact, repeatable tests. Pure.
 */
import type { KeypointMap, KeypointName, PoseFrame } from '../pose/keypoints';

/** Seeded PRNG (mulberry32): the same seed gives the same noise on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal sample from a uniform source (Box–Muller). */
export function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const rad = (deg: number) => (deg * Math.PI) / 180;

export interface AllFoursPose {
  /** Head elevation against the torso, degrees: + cow, − cat (the cat-cow metric). */
  archDeg: number;
  /** +1: the person faces image right; −1: left. */
  facing?: 1 | -1;
  /** Torso elevation above horizontal (0 on all fours, 90 standing). */
  torsoTiltDeg?: number;
  /** Horizontal gap between left and right shoulders / torso length (≈0 side-on, ≈1 front-on). */
  shoulderSpread?: number;
  /** Wrist offset ahead of the shoulder / torso length. */
  wristOffset?: number;
  /** Elbow bend: 180 is a straight arm. */
  elbowDeg?: number;
  score?: number;
}

/** One side-view all-fours pose, body-size ≈ 0.3 of the frame, in the core's coordinates. */
export function allFoursKeypoints(pose: AllFoursPose): KeypointMap {
  const facing = pose.facing ?? 1;
  const tilt = rad(pose.torsoTiltDeg ?? 0);
  const torsoLength = 0.3;
  const hip = { x: 0.5 - (facing * torsoLength) / 2, y: 0.5 };
  const shoulder = { x: hip.x + facing * torsoLength * Math.cos(tilt), y: hip.y - torsoLength * Math.sin(tilt) };
  const neckAngle = tilt + rad(pose.archDeg);
  const ear = { x: shoulder.x + facing * 0.1 * Math.cos(neckAngle), y: shoulder.y - 0.1 * Math.sin(neckAngle) };
  const wristX = shoulder.x + facing * (pose.wristOffset ?? 0) * torsoLength;
  const wrist = { x: wristX, y: shoulder.y + 0.2 };
  // Elbow: straight arm puts it halfway; a bend pushes it backwards.
  const bend = rad(180 - (pose.elbowDeg ?? 180)) / 2;
  const elbow = { x: (shoulder.x + wrist.x) / 2 - facing * 0.1 * Math.sin(bend), y: (shoulder.y + wrist.y) / 2 };
  const knee = { x: hip.x, y: hip.y + 0.2 };
  const spread = ((pose.shoulderSpread ?? 0) * torsoLength) / 2;
  const score = pose.score ?? 0.9;
  const both = (name: string, point: { x: number; y: number }, halfGap = 0.004): [KeypointName, { x: number; y: number; score: number }][] => [
    [`left_${name}` as KeypointName, { x: point.x - halfGap, y: point.y, score }],
    [`right_${name}` as KeypointName, { x: point.x + halfGap, y: point.y, score: score * 0.8 }],
  ];
  return Object.fromEntries([
    ['nose', { x: ear.x + facing * 0.05, y: ear.y + 0.02, score }],
    ...both('ear', ear),
    ...both('shoulder', shoulder, Math.max(0.004, spread)),
    ...both('elbow', elbow),
    ...both('wrist', wrist),
    ...both('hip', hip, Math.max(0.004, spread * 0.8)),
    ...both('knee', knee),
    ...both('ankle', { x: knee.x - facing * 0.25, y: knee.y }),
  ]) as KeypointMap;
}

/** A piecewise-linear schedule: [tMs, value] knots. */
export type Knots = readonly (readonly [number, number])[];

export function interpolate(knots: Knots, tMs: number): number {
  const first = knots[0];
  if (!first) throw new Error('no knots');
  if (tMs <= first[0]) return first[1];
  for (let i = 1; i < knots.length; i++) {
    const [t1, v1] = knots[i]!;
    const [t0, v0] = knots[i - 1]!;
    if (tMs <= t1) return v0 + ((v1 - v0) * (tMs - t0)) / (t1 - t0);
  }
  return knots[knots.length - 1]![1];
}

/**
 * Knots for `reps` slow cat-cow cycles: neutral, then cow, neutral, cat, neutral … each end
 * held `holdMs`, each move taking `moveMs`.
 */
export function catCowKnots(reps: number, { cowDeg = 45, catDeg = -65, moveMs = 1500, holdMs = 1500, startMs = 500 } = {}): Knots {
  const knots: [number, number][] = [[0, 0], [startMs, 0]];
  let t = startMs;
  for (let i = 0; i < reps; i++) {
    for (const target of [cowDeg, 0, catDeg, 0]) {
      t += moveMs;
      knots.push([t, target]);
      if (target !== 0) {
        t += holdMs;
        knots.push([t, target]);
      }
    }
  }
  knots.push([t + 1000, 0]);
  return knots;
}

export interface FrameOptions {
  fps?: number;
  /** Std dev of positional noise, in frame units. */
  noise?: number;
  /** Probability that any one keypoint is missing from a frame. */
  dropRate?: number;
  /** Intervals [startMs, endMs) where the whole person is missing. */
  gaps?: readonly (readonly [number, number])[];
  seed?: number;
  aspect?: number;
}

/** Samples `poseAt` at `fps` from 0 to `durationMs`, adding noise and dropouts. */
export function sampleFrames(poseAt: (tMs: number) => KeypointMap, durationMs: number, options: FrameOptions = {}): PoseFrame[] {
  const { fps = 30, noise = 0, dropRate = 0, gaps = [], seed = 1, aspect = 16 / 9 } = options;
  const random = seededRandom(seed);
  const frames: PoseFrame[] = [];
  for (let i = 0; (i * 1000) / fps <= durationMs; i++) {
    const tMs = Math.round((i * 1000) / fps);
    if (gaps.some(([start, end]) => tMs >= start && tMs < end)) {
      frames.push({ tMs, aspect, keypoints: {} });
      continue;
    }
    const keypoints: KeypointMap = {};
    for (const [name, point] of Object.entries(poseAt(tMs)) as [KeypointName, { x: number; y: number; score: number }][]) {
      if (dropRate > 0 && random() < dropRate) continue;
      keypoints[name] = { x: point.x + noise * gaussian(random), y: point.y + noise * gaussian(random), score: point.score };
    }
    frames.push({ tMs, aspect, keypoints });
  }
  return frames;
}
