/**
 * Framing guidance shared by every technique: is the person too far from the camera, too
 * close (cut off by the frame), or seen so unclearly (low light, backlight) that the keypoints
 * cannot be trusted? Pure; reads the RAW model output (its scores are the evidence), before
 * smoothing. Missing body parts and the wrong view are the checkers' own business.
 *
 * Thresholds come from the fixtures (units of the frame's longer side): people doing the
 * stretches at a sensible distance span 0.42–0.73 (clips and photos, both models), and the
 * median keypoint score is ≥ 0.44 on MoveNet and ≥ 0.95 on BlazePose in good light.
 */
import type { KeypointName, PoseFrame } from '../pose/keypoints';
import type { Cue } from '../techniques/types';

export type FramingIssue = 'too-far' | 'too-close' | 'low-confidence';

export interface FramingOptions {
  /** A point counts as seen from this score up. */
  minScore: number;
  /** The seen body spans less than this (longer side of its box, in frame units): too far. */
  minSpan: number;
  /** Whether filling the frame edge to edge means "too close" (not for a head-and-shoulders view). */
  checkTooClose: boolean;
  /** A seen point this close to the frame edge touches it. */
  edgeMargin: number;
  /** The median score of the upper-body points below this (someone is there, unclearly): low confidence… */
  minMedianScore: number;
  /** …provided the best of them reaches this (an upper body out of the picture scores near 0). */
  faintScore: number;
  /** An issue must last this long before it is raised, and be gone this long before it clears. */
  raiseAfterMs: number;
  clearAfterMs: number;
}

export const DEFAULT_FRAMING: FramingOptions = {
  minScore: 0.3,
  minSpan: 0.2,
  checkTooClose: true,
  edgeMargin: 0.01,
  minMedianScore: 0.25,
  faintScore: 0.15,
  raiseAfterMs: 1000,
  clearAfterMs: 500,
};

export const FRAMING_CUES: Record<FramingIssue, Cue> = {
  'too-far': { id: 'framing-too-far', text: 'Come a little closer: the camera sees you very small', priority: 95 },
  'too-close': { id: 'framing-too-close', text: 'Step back so all of you fits in the picture', priority: 95 },
  'low-confidence': { id: 'framing-low-confidence', text: 'The camera cannot see you clearly: add light in front of you', priority: 95 },
};

/**
 * Points every technique's view keeps in the picture (legs may be under a desk or out of a
 * head-and-shoulders view); in low light all of their scores sink together.
 */
const UPPER_BODY: readonly KeypointName[] = [
  'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear', 'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow',
];

/** This frame's framing problem, if any (no hysteresis; see FramingGate). */
export function framingIssue(frame: PoseFrame, options: FramingOptions = DEFAULT_FRAMING): FramingIssue | null {
  const seen = Object.values(frame.keypoints).filter((point) => point !== undefined && point.score >= options.minScore);
  // Nobody there at all is "out of frame", for the checker to say.
  if (seen.length === 0) return null;

  const upper = UPPER_BODY.map((name) => frame.keypoints[name]?.score ?? 0).sort((a, b) => a - b);
  const median = upper[Math.floor(upper.length / 2)]!;
  // Faintly there, but nothing clear: dim light, backlight, a blurred picture.
  if (median < options.minMedianScore && upper.at(-1)! >= options.faintScore) return 'low-confidence';

  const xs = seen.map((point) => point!.x);
  const ys = seen.map((point) => point!.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Coordinates are in units of the longer side: the frame is 1 × 1/aspect (landscape) or aspect × 1.
  const width = frame.aspect >= 1 ? 1 : frame.aspect;
  const height = frame.aspect >= 1 ? 1 / frame.aspect : 1;
  const m = options.edgeMargin;
  const touchesEdge = minX <= m || minY <= m || maxX >= width - m || maxY >= height - m;
  // Small and clear of the edges: far away (a body cut off by an edge is the checker's "out of frame").
  if (!touchesEdge && bodySize(frame, options.minScore, Math.max(maxX - minX, maxY - minY)) < options.minSpan) return 'too-far';

  if (options.checkTooClose && ((minX <= m && maxX >= width - m) || (minY <= m && maxY >= height - m))) return 'too-close';
  return null;
}

/** Mean position of the seen points among `names`. */
function midpoint(frame: PoseFrame, names: readonly KeypointName[], minScore: number): { x: number; y: number } | undefined {
  const seen = names.map((name) => frame.keypoints[name]).filter((point) => point !== undefined && point.score >= minScore);
  if (seen.length === 0) return undefined;
  return { x: seen.reduce((sum, p) => sum + p!.x, 0) / seen.length, y: seen.reduce((sum, p) => sum + p!.y, 0) / seen.length };
}

/**
 * How big the person looks, in frame units: the box around the seen points, or 2.5 torso
 * lengths when that is more (a head-to-hips view has no legs to widen the box; head to ankle
 * is about 2.5–3 torso lengths whichever way the body faces).
 */
function bodySize(frame: PoseFrame, minScore: number, boxSpan: number): number {
  const shoulders = midpoint(frame, ['left_shoulder', 'right_shoulder'], minScore);
  const hips = midpoint(frame, ['left_hip', 'right_hip'], minScore);
  const torso = shoulders && hips ? Math.hypot(shoulders.x - hips.x, shoulders.y - hips.y) : 0;
  return Math.max(boxSpan, 2.5 * torso);
}

/** Raises an issue only once it has lasted, clears it only once it has been gone a while. */
export class FramingGate {
  private active: FramingIssue | null = null;
  private candidate: FramingIssue | null = null;
  private candidateSinceMs = 0;

  constructor(private readonly options: FramingOptions = DEFAULT_FRAMING) {}

  get issue(): FramingIssue | null {
    return this.active;
  }

  step(frame: PoseFrame): FramingIssue | null {
    const now = framingIssue(frame, this.options);
    if (now !== this.candidate) {
      this.candidate = now;
      this.candidateSinceMs = frame.tMs;
    }
    const lasted = frame.tMs - this.candidateSinceMs;
    if (now !== this.active && lasted >= (now === null ? this.options.clearAfterMs : this.options.raiseAfterMs)) this.active = now;
    return this.active;
  }

  reset(): void {
    this.active = null;
    this.candidate = null;
    this.candidateSinceMs = 0;
  }
}
