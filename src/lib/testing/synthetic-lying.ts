/**
 * Synthetic side views of a person lying on their back, for the foam-roller (hip lift,
 * roll passes) and thoracic-extension (chest lift) checkers. Pure and deterministic; use
 * `sampleFrames` and `interpolate` from ./synthetic to turn a pose schedule into frames.
 *
 * The body is built in a floor frame measured in torso lengths (shoulder joint → hip
 * joint = 1): `u` runs along the floor from the head end towards the feet, `v` is the
 * height above the floor. It is then drawn into the core's image coordinates (isotropic,
 * y down) with the head at the image left or right, at `scale` frame units per torso length.
 *
 * The foam-roller body is solved like the real movement: shoulders resting on the roller
 * and feet planted on the floor stay put while the hips lift, so the knee bend follows from
 * the hip angle and the feet's placement (it is an output, not an input; `bridgeGeometry`
 * reports it). Moving the shoulders along the floor (`travel`) is the only thing that
 * changes the shoulder-to-ankle distance, as when rolling over the roller.
 */
import type { KeypointMap, KeypointName } from '../pose/keypoints';
import { MOVENET_KEYPOINT_NAMES } from '../pose/keypoints';
import type { Knots } from './synthetic';

export { gaussian, interpolate, sampleFrames, seededRandom, type FrameOptions, type Knots } from './synthetic';

const rad = (deg: number) => (deg * Math.PI) / 180;
const deg = (radians: number) => (radians * 180) / Math.PI;

/** A point in the floor frame: u along the floor towards the feet, v up from the floor (torso lengths). */
export interface FloorPoint {
  u: number;
  v: number;
}

/** Segment lengths and heights, in torso lengths (adult proportions, roughly). */
export const LYING_BODY = {
  thigh: 0.9,
  shin: 0.9,
  /** Shoulder joint to ear. */
  neck: 0.35,
  /** Ankle joint above the floor with the foot flat. */
  ankleHeight: 0.08,
  /** Hip joint above the floor when the hips rest on it. */
  hipHeight: 0.2,
  /** Shoulder joint above the floor lying flat; on a foam roller it is `rollerHeight`. */
  shoulderHeight: 0.2,
  /** Heel behind the ankle, toes ahead of it (along the floor), both near the floor. */
  heelBack: 0.08,
  toeForward: 0.3,
  footHeight: 0.02,
} as const;

export interface LyingCommon {
  /** Which image side the head is on. Default 'left'. */
  head?: 'left' | 'right';
  /**
   * The body side nearer the camera (scored higher). Default: the side that really faces the
   * camera for a person on their back: head to the image left → their right side.
   */
  nearSide?: 'left' | 'right';
  /** Frame units per torso length. Default 0.2 (a 16:9 frame is 1 × 0.5625). */
  scale?: number;
  /** Image point under the middle of the body on the floor. Default (0.5, 0.45). */
  center?: { x: number; y: number };
  /** Rotates the whole body about the hip so the head goes up: 90 ≈ sitting or standing. Default 0. */
  uprightDeg?: number;
  /** Horizontal gap between the two shoulders / torso length (≈0 side-on; large when seen along the body). */
  shoulderSpread?: number;
  /** Heel raised this far above the floor (torso lengths), toes down: the foot is not flat. Default 0. */
  heelLift?: number;
  /** Head (ear) dropped this many degrees below the line of the torso, towards the floor. Default 0. */
  headDropDeg?: number;
  /**
   * Feet lifted off the floor by this much (torso lengths): the shin pivots up about the knee,
   * so the ankle rises towards (or past) knee level. Default 0.
   */
  feetLift?: number;
  /** Include BlazePose's heel and foot_index points. Default true. */
  feet?: boolean;
  /** Keep only MoveNet's 17 points (implies feet: false). Default false. */
  movenet?: boolean;
  /** Score of the near side's points; the far side gets 0.8 of it. Default 0.9. */
  score?: number;
}

export interface BridgePose extends LyingCommon {
  /**
   * Shoulder–hip–knee angle, degrees: 180 = hips in line with shoulders and knees (the
   * bridge); lower = hips down. Above 180 = hips pushed above that line (over-arched).
   */
  hipAngleDeg: number;
  /** Shoulder joint above the floor: 0.35 on a foam roller (default), 0.2 on the floor. */
  rollerHeight?: number;
  /** Floor distance from shoulder to ankle with travel 0, torso lengths. Default 2.0 (knees ≈ 90° in the bridge). */
  feetDistance?: number;
  /** Shoulders moved towards the head by this many torso lengths (rolling); the feet stay put. Default 0. */
  travel?: number;
}

export interface ChestLiftPose extends LyingCommon {
  /**
   * Chest lift, degrees: 180 minus the ear–shoulder–hip angle, positive when the shoulder
   * rises above the ear–hip line (the thoracic-extension metric). 0 = lying flat.
   */
  chestLiftDeg: number;
  /** Hip–knee–ankle angle with the feet planted. Default 90. */
  kneeDeg?: number;
  /** Hip joint above the floor. Default LYING_BODY.hipHeight. */
  hipHeight?: number;
}

/** Where the two circles (centre a, radius ra) and (b, rb) meet, the higher of the two points. */
function upperIntersection(a: FloorPoint, ra: number, b: FloorPoint, rb: number): FloorPoint | undefined {
  const du = b.u - a.u;
  const dv = b.v - a.v;
  const d = Math.hypot(du, dv);
  if (d === 0 || d > ra + rb || d < Math.abs(ra - rb)) return undefined;
  const along = (ra * ra - rb * rb + d * d) / (2 * d);
  const across = Math.sqrt(Math.max(0, ra * ra - along * along));
  const mu = a.u + (along * du) / d;
  const mv = a.v + (along * dv) / d;
  const p1 = { u: mu - (across * dv) / d, v: mv + (across * du) / d };
  const p2 = { u: mu + (across * dv) / d, v: mv - (across * du) / d };
  return p1.v >= p2.v ? p1 : p2;
}

/** Interior angle at `vertex` (degrees, 0–180). */
function angleAt(a: FloorPoint, vertex: FloorPoint, b: FloorPoint): number {
  const au = a.u - vertex.u;
  const av = a.v - vertex.v;
  const bu = b.u - vertex.u;
  const bv = b.v - vertex.v;
  return deg(Math.atan2(Math.abs(au * bv - av * bu), au * bu + av * bv));
}

/** Angle at `vertex` from a to b, reported above 180 when the vertex lies above the line a→b (away from the floor). */
function signedAngleAt(a: FloorPoint, vertex: FloorPoint, b: FloorPoint): number {
  const interior = angleAt(a, vertex, b);
  const t = (vertex.u - a.u) / (b.u - a.u || 1e-12);
  const lineV = a.v + t * (b.v - a.v);
  return vertex.v > lineV ? 360 - interior : interior;
}

/** Bisection for an increasing function f on [lo, hi]: the x where f(x) = target (clamped to the ends). */
function solveIncreasing(f: (x: number) => number, target: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  for (let i = 0; i < 60; i++) {
    const mid = (a + b) / 2;
    if (f(mid) < target) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

export interface BridgeGeometry {
  shoulder: FloorPoint;
  hip: FloorPoint;
  knee: FloorPoint;
  ankle: FloorPoint;
  /** Measured back from the solved body (equal to the requested one where reachable). */
  hipAngleDeg: number;
  kneeDeg: number;
  /** Knee ahead of the ankle (towards the feet), torso lengths; negative = behind it. */
  kneeAheadOfAnkle: number;
}

/**
 * Solves the foam-roller body: shoulder on the roller at u = −travel, ankle on the floor at
 * u = feetDistance, torso pitched so the shoulder–hip–knee angle is the requested one.
 */
export function bridgeGeometry(pose: BridgePose): BridgeGeometry {
  const { thigh, shin, ankleHeight } = LYING_BODY;
  const shoulder: FloorPoint = { u: -(pose.travel ?? 0), v: pose.rollerHeight ?? 0.35 };
  const ankle: FloorPoint = { u: pose.feetDistance ?? 2.0, v: ankleHeight };
  const bodyAt = (pitchDeg: number) => {
    const hip = { u: shoulder.u + Math.cos(rad(pitchDeg)), v: shoulder.v + Math.sin(rad(pitchDeg)) };
    const knee = upperIntersection(hip, thigh, ankle, shin);
    return { hip, knee };
  };
  // The hip angle grows as the torso pitches up (hips rise); search the pitches that keep the
  // hip above the floor and the knee reachable.
  const pitches: number[] = [];
  for (let p = -60; p <= 80; p += 0.5) {
    const { hip, knee } = bodyAt(p);
    if (knee && hip.v >= 0.05) pitches.push(p);
  }
  if (pitches.length === 0) throw new RangeError('bridgeGeometry: feet out of reach');
  const hipAngle = (p: number) => {
    const { hip, knee } = bodyAt(p);
    return knee ? signedAngleAt(shoulder, hip, knee) : Number.NaN;
  };
  const pitch = solveIncreasing(hipAngle, pose.hipAngleDeg, pitches[0]!, pitches[pitches.length - 1]!);
  const { hip, knee } = bodyAt(pitch);
  if (!knee) throw new RangeError('bridgeGeometry: no knee position');
  return {
    shoulder,
    hip,
    knee,
    ankle,
    hipAngleDeg: signedAngleAt(shoulder, hip, knee),
    kneeDeg: angleAt(hip, knee, ankle),
    kneeAheadOfAnkle: knee.u - ankle.u,
  };
}

export interface ChestLiftGeometry {
  ear: FloorPoint;
  shoulder: FloorPoint;
  hip: FloorPoint;
  knee: FloorPoint;
  ankle: FloorPoint;
}

/**
 * Solves the thoracic-extension body: hip on the floor at u = 1, the shoulder lifted so the
 * ear–shoulder–hip angle is 180 − chestLiftDeg with the ear at hip height (the head slides
 * a little towards the hips as the back arches), feet planted with the given knee bend.
 */
export function chestLiftGeometry(pose: ChestLiftPose): ChestLiftGeometry {
  const { thigh, shin, neck, ankleHeight } = LYING_BODY;
  const hipHeight = pose.hipHeight ?? LYING_BODY.hipHeight;
  const hip: FloorPoint = { u: 1, v: hipHeight };
  const lift = rad(pose.chestLiftDeg);
  // Triangle hip–shoulder–ear: sides 1 and `neck` around the shoulder angle π − lift.
  const hipToEar = Math.sqrt(1 + neck * neck + 2 * neck * Math.cos(lift));
  const atHip = Math.asin((neck * Math.sin(lift)) / hipToEar);
  const ear: FloorPoint = { u: hip.u - hipToEar, v: hip.v };
  const shoulder: FloorPoint = { u: hip.u - Math.cos(atHip), v: hip.v + Math.sin(atHip) };
  const kneeDeg = pose.kneeDeg ?? 90;
  const legAt = (thighDeg: number) => {
    const knee = { u: hip.u + thigh * Math.cos(rad(thighDeg)), v: hip.v + thigh * Math.sin(rad(thighDeg)) };
    const shinDir = rad(thighDeg - (180 - kneeDeg));
    return { knee, ankle: { u: knee.u + shin * Math.cos(shinDir), v: knee.v + shin * Math.sin(shinDir) } };
  };
  // With the knee bend fixed, raising the thigh raises the ankle: solve for the foot on the floor.
  const thighDeg = solveIncreasing((t) => legAt(t).ankle.v, ankleHeight, -30, 89);
  const { knee, ankle } = legAt(thighDeg);
  return { ear, shoulder, hip, knee, ankle };
}

interface Body {
  ear: FloorPoint;
  shoulder: FloorPoint;
  hip: FloorPoint;
  knee: FloorPoint;
  ankle: FloorPoint;
}

/** Draws a solved body into image keypoints with both sides, head, arms and feet. */
function draw(solved: Body, common: LyingCommon, torsoDir: FloorPoint): KeypointMap {
  let body = solved;
  const headSign = (common.head ?? 'left') === 'left' ? -1 : 1;
  const scale = common.scale ?? 0.2;
  const center = common.center ?? { x: 0.5, y: 0.45 };
  const nearSide = common.nearSide ?? (headSign < 0 ? 'right' : 'left');
  const score = common.score ?? 0.9;
  const farScore = score * 0.8;

  // Head: continue the torso line past the shoulder, then drop it towards the floor.
  const towardsHead = { u: -torsoDir.u, v: -torsoDir.v };
  const elevation = Math.atan2(towardsHead.v, -towardsHead.u) - rad(common.headDropDeg ?? 0);
  const neckLength = Math.hypot(body.ear.u - body.shoulder.u, body.ear.v - body.shoulder.v);
  const ear =
    common.headDropDeg === undefined || common.headDropDeg === 0
      ? body.ear
      : { u: body.shoulder.u - neckLength * Math.cos(elevation), v: body.shoulder.v + neckLength * Math.sin(elevation) };
  const eye = { u: ear.u - 0.06, v: ear.v + 0.1 };
  const nose = { u: ear.u - 0.1, v: ear.v + 0.13 };
  // Arms out along the floor beside the body, palms down.
  const elbow = { u: body.shoulder.u + 0.35, v: 0.1 };
  const wrist = { u: body.shoulder.u + 0.7, v: 0.06 };
  const heelLift = common.heelLift ?? 0;
  const footLift = common.feetLift ?? 0;
  if (footLift > 0) {
    const shin = Math.hypot(body.ankle.u - body.knee.u, body.ankle.v - body.knee.v);
    const rise = Math.min(shin, body.ankle.v + footLift - body.knee.v);
    const side = body.ankle.u >= body.knee.u ? 1 : -1;
    body = { ...body, ankle: { u: body.knee.u + side * Math.sqrt(shin * shin - rise * rise), v: body.knee.v + rise } };
  }
  const footBase = body.ankle.v - LYING_BODY.ankleHeight + LYING_BODY.footHeight;
  const heel = { u: body.ankle.u - LYING_BODY.heelBack, v: footBase + heelLift };
  const toe = { u: body.ankle.u + LYING_BODY.toeForward, v: footBase };
  // A raised heel pivots the foot on the toes, lifting the ankle with it.
  const ankle = { u: body.ankle.u, v: body.ankle.v + heelLift * 0.8 };

  const upright = rad(common.uprightDeg ?? 0);
  const pivot = body.hip;
  const toImage = (p: FloorPoint) => {
    // Rotate about the hip so the head end (−u) rises.
    const du = p.u - pivot.u;
    const dv = p.v - pivot.v;
    const u = pivot.u + du * Math.cos(upright) + dv * Math.sin(upright);
    const v = pivot.v - du * Math.sin(upright) + dv * Math.cos(upright);
    // Middle of the body (u ≈ 1) at the centre; u grows away from the head.
    return { x: center.x + headSign * (1 - u) * scale, y: center.y - v * scale };
  };

  const spread = ((common.shoulderSpread ?? 0) * scale) / 2;
  const entries: [KeypointName, { x: number; y: number; score: number }][] = [];
  const nearFirst = nearSide === 'left' ? 1 : -1;
  const both = (name: string, p: FloorPoint, halfGap = 0) => {
    const image = toImage(p);
    // The far side sits a touch higher in the picture (the camera is a little above the floor).
    const near = { x: image.x + nearFirst * halfGap, y: image.y + 0.003, score };
    const far = { x: image.x - nearFirst * halfGap, y: image.y - 0.003, score: farScore };
    entries.push([`left_${name}` as KeypointName, nearSide === 'left' ? near : far]);
    entries.push([`right_${name}` as KeypointName, nearSide === 'right' ? near : far]);
  };
  entries.push(['nose', { ...toImage(nose), score }]);
  both('eye', eye);
  both('ear', ear);
  both('shoulder', body.shoulder, spread);
  both('elbow', elbow);
  both('wrist', wrist);
  both('hip', body.hip, spread * 0.8);
  both('knee', body.knee);
  both('ankle', ankle);
  if ((common.feet ?? true) && !common.movenet) {
    both('heel', heel);
    both('foot_index', toe);
  }
  const map = Object.fromEntries(entries) as KeypointMap;
  if (common.movenet) {
    const keep = new Set<string>(MOVENET_KEYPOINT_NAMES);
    for (const name of Object.keys(map) as KeypointName[]) if (!keep.has(name)) delete map[name];
  }
  return map;
}

/** A person on a foam roller (or the floor), side view, hips at the given angle. */
export function bridgeKeypoints(pose: BridgePose): KeypointMap {
  const g = bridgeGeometry(pose);
  const torsoDir = { u: g.hip.u - g.shoulder.u, v: g.hip.v - g.shoulder.v };
  // Ear in line with the torso (head supported), `neck` past the shoulder.
  const ear = { u: g.shoulder.u - LYING_BODY.neck * torsoDir.u, v: g.shoulder.v - LYING_BODY.neck * torsoDir.v };
  return draw({ ...g, ear }, pose, torsoDir);
}

/** A person on their back lifting the chest, side view. */
export function chestLiftKeypoints(pose: ChestLiftPose): KeypointMap {
  const g = chestLiftGeometry(pose);
  return draw(g, pose, { u: g.hip.u - g.shoulder.u, v: g.hip.v - g.shoulder.v });
}

/**
 * Knots for `reps` slow lifts: rest at `downValue`, rise to `upValue` in `moveMs`, hold
 * `holdMs`, lower in `lowerMs` (default `moveMs`), rest `restMs`.
 */
export function liftKnots(
  reps: number,
  { downValue, upValue, moveMs = 1500, lowerMs = moveMs, holdMs = 3500, restMs = 1500, startMs = 1000 }: {
    downValue: number;
    upValue: number;
    moveMs?: number;
    lowerMs?: number;
    holdMs?: number;
    restMs?: number;
    startMs?: number;
  },
): Knots {
  const knots: [number, number][] = [
    [0, downValue],
    [startMs, downValue],
  ];
  let t = startMs;
  for (let i = 0; i < reps; i++) {
    knots.push([(t += moveMs), upValue]);
    knots.push([(t += holdMs), upValue]);
    knots.push([(t += lowerMs), downValue]);
    knots.push([(t += restMs), downValue]);
  }
  return knots;
}

/** Knots for rolling back and forth: `passes` × (out `amplitude` torso lengths, then back), each way `strokeMs`. */
export function rollKnots(passes: number, { amplitude = 0.5, strokeMs = 2000, startMs = 1000, endRestMs = 1000 } = {}): Knots {
  const knots: [number, number][] = [
    [0, 0],
    [startMs, 0],
  ];
  let t = startMs;
  for (let i = 0; i < passes; i++) {
    knots.push([(t += strokeMs), amplitude]);
    knots.push([(t += strokeMs), 0]);
  }
  knots.push([t + endRestMs, 0]);
  return knots;
}

/** The last knot's time: a schedule's duration. */
export function knotsEnd(knots: Knots): number {
  return knots[knots.length - 1]![0];
}
