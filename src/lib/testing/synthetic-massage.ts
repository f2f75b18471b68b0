/**
 * Synthetic self-massage for tests: the front-view upper body of ./synthetic-front, with one
 * wrist moved onto the OPPOSITE shoulder and circling there. Pure; noise, dropouts and gaps
 * come from `sampleFrames`.
 *
 * Lengths are in shoulder widths. The circle's centre sits `inward` towards the neck and
 * `up` above the worked shoulder (the wrist of a hand whose fingers rest on top of the
 * shoulder); the wrist goes round it at `radius`, one turn per `periodMs`. Moving onto the
 * shoulder and away takes `moveMs`, along a straight line from the hand's resting place.
 */
import type { Keypoint, KeypointMap, KeypointName, PoseFrame } from '../pose/keypoints';
import type { Side } from '../techniques/types';
import { frontKeypoints, sampleFrames, type FrameOptions, type FrontPose } from './synthetic-front';

/** Sitting at the laptop, head to chest in view, arms in view. */
export const MASSAGE_SEATED: FrontPose = { shoulderWidth: 0.24, center: { x: 0.5, y: 0.26 }, hips: false, arms: true };

export interface MassageSegment {
  /** The shoulder worked in this segment, or null for hands resting. */
  side: Side | null;
  durationMs: number;
  /** Circle radius (× shoulder width); 0 holds the hand still. */
  radius?: number;
  periodMs?: number;
  /** −1 turns the other way. */
  direction?: 1 | -1;
  /** The circle's centre: towards the neck from the shoulder, and above it (× shoulder width). */
  inward?: number;
  up?: number;
  /** Back-and-forth along the shoulder line instead of circles (rubbing, scrubbing), with this amplitude. */
  rubAmplitude?: number;
  /** Both hands on the opposite shoulders (a self-hug), not circling. */
  bothHands?: boolean;
}

export interface MassageScene {
  base?: FrontPose;
  /** Time to move a hand onto a shoulder (and away) at a segment's start. */
  moveMs?: number;
  /** Whether the resting hand's wrist is in view (hanging at the side); hidden below the desk otherwise. */
  restingVisible?: boolean;
}

const WRIST: Record<Side, KeypointName> = { left: 'right_wrist', right: 'left_wrist' };
const ELBOW: Record<Side, KeypointName> = { left: 'right_elbow', right: 'left_elbow' };
const SHOULDER: Record<Side, KeypointName> = { left: 'left_shoulder', right: 'right_shoulder' };

interface Pt {
  x: number;
  y: number;
}

const lerp = (a: Pt, b: Pt, t: number): Pt => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });

/** The scene's pose at `tMs`: which segment is on, where its wrist is. */
export function massageKeypoints(segments: readonly MassageSegment[], tMs: number, scene: MassageScene = {}): KeypointMap {
  const base = scene.base ?? MASSAGE_SEATED;
  const moveMs = scene.moveMs ?? 600;
  const resting = frontKeypoints({ ...base, armsCrossed: 0 });
  const out: KeypointMap = { ...resting };
  if (!scene.restingVisible) {
    for (const name of ['left_wrist', 'right_wrist', 'left_elbow', 'right_elbow'] as const) delete out[name];
  }
  let start = 0;
  const segment = segments.find((candidate) => {
    const found = tMs < start + candidate.durationMs;
    if (!found) start += candidate.durationMs;
    return found;
  });
  if (!segment || !segment.side) return out;
  const local = tMs - start;
  const width = base.shoulderWidth ?? 0.3;

  const place = (side: Side, circling: boolean) => {
    const shoulder = resting[SHOULDER[side]]!;
    const otherShoulder = resting[SHOULDER[side === 'left' ? 'right' : 'left']]!;
    const inwardUnit = { x: (otherShoulder.x - shoulder.x) / width, y: (otherShoulder.y - shoulder.y) / width };
    const upUnit = { x: inwardUnit.y, y: -inwardUnit.x };
    // Up must point up the picture.
    const up = upUnit.y < 0 ? upUnit : { x: -upUnit.x, y: -upUnit.y };
    const at = (i: number, u: number): Pt => ({ x: shoulder.x + width * (i * inwardUnit.x + u * up.x), y: shoulder.y + width * (i * inwardUnit.y + u * up.y) });
    const centre = { i: segment.inward ?? 0.3, u: segment.up ?? 0.05 };
    let wrist = at(centre.i, centre.u);
    if (circling) {
      const phase = (2 * Math.PI * local * (segment.direction ?? 1)) / (segment.periodMs ?? 2000);
      if (segment.rubAmplitude) wrist = at(centre.i + segment.rubAmplitude * Math.sin(phase), centre.u);
      else wrist = at(centre.i + (segment.radius ?? 0.08) * Math.cos(phase), centre.u + (segment.radius ?? 0.08) * Math.sin(phase));
    }
    // Arriving and leaving: from and to the resting place (below the frame when hidden).
    const rest = resting[WRIST[side]] ?? { x: shoulder.x, y: shoulder.y + 1.3 * width };
    const inT = Math.min(1, local / moveMs);
    const outT = Math.min(1, (segment.durationMs - local) / moveMs);
    const reach = Math.min(inT, outT);
    const placed = lerp(rest, wrist, reach);
    const score = 0.9;
    out[WRIST[side]] = { x: placed.x, y: placed.y, score } satisfies Keypoint;
    // The elbow in front of the chest, below and between the shoulders.
    const elbow = lerp({ x: rest.x, y: rest.y - 0.6 * width }, at(0.7, -0.55), reach);
    out[ELBOW[side]] = { ...elbow, score };
  };

  place(segment.side, !segment.bothHands);
  if (segment.bothHands) place(segment.side === 'left' ? 'right' : 'left', false);
  return out;
}

/** Total length of a list of segments. */
export function segmentsDurationMs(segments: readonly MassageSegment[]): number {
  return segments.reduce((sum, segment) => sum + segment.durationMs, 0);
}

/** Frames of the scene from 0 to its end. */
export function sampleMassageFrames(segments: readonly MassageSegment[], frameOptions: FrameOptions = {}, scene: MassageScene = {}): PoseFrame[] {
  return sampleFrames((tMs) => massageKeypoints(segments, tMs, scene), segmentsDurationMs(segments), frameOptions);
}
