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

/** Phase ids shared by all checkers; each technique adds its own (DESIGN.md §4). */
export type SharedPhase = 'neutral' | 'out-of-frame' | 'wrong-view' | 'calibrating';

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
}

/** A deterministic step function over frames: same frames in, same outputs out. */
export interface Checker {
  readonly metric: MetricSpec;
  step(frame: PoseFrame): CheckerOutput;
  reset(): void;
  /** Checkers with a calibrated baseline: forget it and calibrate again from the next frames. */
  recalibrate?(): void;
  /**
   * Checkers with a calibrated baseline, for a single photo (no neutral to calibrate from):
   * measure against a typical body instead. Absent where a typical baseline would mislead.
   */
  assumeTypicalBaseline?(): void;
}
