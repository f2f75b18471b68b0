/** What every technique checker consumes and produces. Pure types. */
import type { KeypointName, PoseFrame } from '../pose/keypoints';

export type TechniqueId =
  | 'seated-twist'
  | 'standing-rotation'
  | 'cat-cow'
  | 'foam-roller'
  | 'thoracic-extension'
  | 'self-hug'
  | 'posture'
  | 'self-massage';

export type Side = 'left' | 'right';

/**
 * Phase ids shared by all checkers; each technique adds its own (DESIGN.md §4). The pipeline
 * sets `wrong-position` (the body is not in the technique's position) and `several-people`.
 */
export type SharedPhase = 'neutral' | 'out-of-frame' | 'wrong-view' | 'calibrating' | 'wrong-position' | 'several-people';

/**
 * Why calibration is not getting on, so the page can say what to change: the user is moving,
 * not facing the camera, not upright, part of the body is out of view, the head is turned,
 * the arms are not down; or the pipeline's gates: framing (too far, too close, too dark),
 * several people, the wrong position.
 */
export type CalibrationIssue =
  | 'moving'
  | 'not-facing'
  | 'not-upright'
  | 'body-not-in-view'
  | 'head-turned'
  | 'arms-not-down'
  | 'framing'
  | 'several-people'
  | 'wrong-position';

/** Where a checker's baseline came from: the user's own still moment, or a typical body (none was seen yet). */
export type BaselineSource = 'calibrated' | 'typical';

export interface Cue {
  id: string;
  text: string;
  /** Higher wins when several apply at once. Safety and framing outrank form. */
  priority: number;
}

export type CheckerEvent =
  | { type: 'phaseChanged'; tMs: number; from: string; to: string }
  | { type: 'repCompleted'; tMs: number; repIndex: number; side?: Side; peakMetric: number; troughMetric: number; durationMs: number }
  | { type: 'holdStarted'; tMs: number; side?: Side }
  | { type: 'holdCompleted'; tMs: number; side?: Side; durationMs: number }
  | { type: 'sideChanged'; tMs: number; side: Side }
  | { type: 'formFault'; tMs: number; fault: string }
  | { type: 'outOfFrame'; tMs: number; missing: KeypointName[] }
  | { type: 'backInFrame'; tMs: number };

export interface MetricBand {
  /** Phase id this band stands for. */
  phase: string;
  min: number;
  max: number;
}

export interface MetricSpec {
  id: string;
  label: string;
  unit: string;
  /** Gauge range. */
  min: number;
  max: number;
  bands: MetricBand[];
  /** The value does not change sign with the side worked (a pace): the gauge is never mirrored. */
  unsigned?: boolean;
}

export interface RepCounts {
  total: number;
  left: number;
  right: number;
}

export interface CheckerOutput {
  tMs: number;
  phase: string;
  /** Live metric, or null when it cannot be measured in this frame. */
  metric: number | null;
  /** The most important cue for this frame, before scheduling (one at a time, cooldowns). */
  cue: Cue | null;
  events: CheckerEvent[];
  reps: RepCounts;
  /** Current hold, 0 when not holding. */
  holdMs: number;
  /** Whether the pose this frame is good enough to count (framing and view right). */
  counting: boolean;
  /** Sided techniques: the side being worked now, null at centre or when unknown. */
  side?: Side | null;
  /** Checkers with a baseline: how long the user must still hold the neutral pose (countdown); absent once calibrated. */
  calibrationRemainingMs?: number;
  /** While calibrating: what keeps it from getting on, if anything. */
  calibrationIssue?: CalibrationIssue;
  /** Checkers with a baseline: where the one in use came from (absent while there is none). */
  baseline?: BaselineSource;
}

/** A deterministic step function over frames: same frames in, same outputs out. */
export interface Checker {
  readonly metric: MetricSpec;
  step(frame: PoseFrame): CheckerOutput;
  reset(): void;
  /**
   * The body left the technique's position (or someone else stepped in): drop the movement
   * in progress (a hold, a lift, half a cat-cow) without counting it; counts and baseline stay.
   */
  interrupt?(tMs: number): void;
  /**
   * The clip or the session ends at `tMs`: count a movement that is complete but was not yet
   * counted (e.g. the second end of a cat-cow reached, a hold completed, not yet released).
   * Returns the events (usually a repCompleted) and the counts after them.
   */
  finish?(tMs: number): { events: CheckerEvent[]; reps: RepCounts };
  /** Checkers with a calibrated baseline: forget it and calibrate again from the next frames. */
  recalibrate?(): void;
  /**
   * Checkers with a calibrated baseline, for a single photo (no neutral to calibrate from):
   * measure against a typical body instead. Absent where a typical baseline would mislead.
   */
  assumeTypicalBaseline?(): void;
}
