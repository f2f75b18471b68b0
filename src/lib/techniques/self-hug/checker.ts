/**
 * Self-hug, standing and facing the camera. A deterministic step function over frames.
 *
 * The user stands tall with arms by the sides for `calibrationMs` (phase `calibrating`):
 * that sets the upright baseline. A user who hugs at once is not kept waiting: after
 * `calibrationFallbackMs` in view the tallest they have looked so far (the highest head
 * points, the widest shoulders: rounding only lowers both) stands in, and the page says so.
 * Then two things are measured on every frame:
 * - `reach`: how far the wrists are from the OPPOSITE shoulders, ÷ torso length (shoulder
 *   midpoint to hip midpoint); the worse of the two arms (or the one seen). Small = hugging.
 *   Phase `hug` means the arms are crossed high (a latch on `reach`).
 * - `roundingPct` (the live metric), % = head drop + shoulders drawn in:
 *   · head drop: how much the nose, eyes and ears sank towards the shoulder line against
 *     the baseline, Σ(h₀ − h)/Σh₀ × 100, heights ÷ torso length;
 *   · shoulders in: shrink of shoulder width ÷ torso length against the baseline, × 100.
 *   E.g. chin down 40° with shoulders drawn in 15% reads ≈ 50%; arms crossed while still
 *   standing tall ≈ 0–10%. Torso length is the scale because the head and shoulders move
 *   here and the hips do not; flexing forward shortens the torso a little in the picture,
 *   which slightly understates "shoulders in" and overstates "head drop".
 * The hold (on the exhale) runs while both latches are on: hugging AND rounded, each with
 * hysteresis and a dwell. It completes at `holdMs`; a rep is a completed hold followed by
 * a release (arms uncrossed or rounding let go). A hold let go early is a `formFault`
 * 'hold-broken' and no rep.
 */
import { CalibrationClock } from '../../filters/calibration-clock';
import { HysteresisLatch } from '../../filters/hysteresis';
import { PresenceGate } from '../../filters/presence';
import { RAD_TO_DEG } from '../../geometry/angles';
import { pick } from '../../geometry/body';
import { headDropPct, medianHeights, readFrontView, scaleHeights, type FrontView, type HeadHeights } from '../../geometry/front';
import { median } from '../../geometry/stats';
import { distance, dot, midpoint, sub, type Vec2 } from '../../geometry/vector';
import type { KeypointMap, KeypointName, PoseFrame } from '../../pose/keypoints';
import type { BaselineSource, CalibrationIssue, Checker, CheckerEvent, CheckerOutput, Cue, MetricSpec, RepCounts } from '../types';

export type SelfHugPhase = 'calibrating' | 'neutral' | 'hug' | 'out-of-frame' | 'wrong-view';

export interface SelfHugOptions {
  /** Minimum keypoint score to use a point. */
  minScore: number;
  /** How long the user stands tall, arms by the sides, to set the baseline. */
  calibrationMs: number;
  /** Without that for this long (in view), the tallest frames seen so far are the baseline. */
  calibrationFallbackMs: number;
  /** Hugging at reach ≤ hugEnterRatio, no longer at ≥ hugExitRatio (× torso length). */
  hugEnterRatio: number;
  hugExitRatio: number;
  hugDwellMs: number;
  /** Rounded at roundingPct ≥ roundEnterPct, released at ≤ roundExitPct. */
  roundEnterPct: number;
  roundExitPct: number;
  /** Rounding must be held this long before the hold starts. */
  roundDwellMs: number;
  /** Either latch must be off this long to end the hold (a flicker does not break it). */
  releaseDwellMs: number;
  /** Target hold. */
  holdMs: number;
  /** Body missing this long before the phase says out-of-frame. */
  outOfFrameGraceMs: number;
  /** Shoulder width below this × torso length: the user is side-on, not facing the camera. */
  minShoulderSpreadRatio: number;
  /** Torso more than this from vertical: not standing. */
  maxTorsoLeanDeg: number;
}

export const DEFAULT_SELF_HUG_OPTIONS: SelfHugOptions = {
  minScore: 0.3,
  calibrationMs: 2000,
  calibrationFallbackMs: 4000,
  // Holding the opposite shoulders puts the wrist ≈ 0.1–0.35 torso lengths from it; arms
  // crossed on the belly ≈ 0.6; hanging ≈ 1.4. Not tuned on recorded sessions yet.
  hugEnterRatio: 0.45,
  hugExitRatio: 0.6,
  hugDwellMs: 300,
  roundEnterPct: 25,
  roundExitPct: 15,
  roundDwellMs: 500,
  releaseDwellMs: 300,
  holdMs: 5000,
  outOfFrameGraceMs: 500,
  // Front-on ≈ 0.8, rounded hug ≈ 0.65, side-on ≈ 0.1–0.2.
  minShoulderSpreadRatio: 0.35,
  maxTorsoLeanDeg: 45,
};

export const SELF_HUG_CUES = {
  outOfFrame: { id: 'out-of-frame', text: 'Step back so your head to hips are in view', priority: 90 },
  faceCamera: { id: 'face-camera', text: 'Stand facing the camera', priority: 80 },
  calibrate: { id: 'calibrate', text: 'Stand tall, arms by your sides, while we calibrate', priority: 70 },
  armsDown: { id: 'arms-down', text: 'Let your arms hang by your sides for a moment', priority: 71 },
  crossHigher: { id: 'cross-higher', text: 'Cross your arms higher: hands on the opposite shoulders', priority: 50 },
  roundBack: { id: 'round-back', text: 'Round your upper back', priority: 40 },
  breatheOut: { id: 'breathe-out', text: 'Breathe out and spread your shoulder blades', priority: 30 },
  release: { id: 'release', text: 'Well done: release and breathe in', priority: 20 },
  crossArms: { id: 'cross-arms', text: 'Cross your arms and hold your opposite shoulders', priority: 10 },
} as const satisfies Record<string, Cue>;

export interface HugView {
  front: FrontView;
  hipMid: Vec2;
  torsoLength: number;
  leftWrist: Vec2 | undefined;
  rightWrist: Vec2 | undefined;
}

export interface SelfHugBaseline {
  /** Shoulder width ÷ torso length. */
  shoulderRatio: number;
  /** Head heights ÷ torso length. */
  headHeights: HeadHeights;
}

export interface Rounding {
  headDropPct: number | null;
  shoulderInPct: number;
  /** The metric: head drop (0 when unseen) + shoulders in. */
  roundingPct: number;
}

/** CheckerOutput plus the self-hug's own readings. */
export interface SelfHugOutput extends CheckerOutput {
  phase: SelfHugPhase;
  /** Wrist-to-opposite-shoulder distance ÷ torso length; null when no wrist is seen. */
  reach: number | null;
  rounding: Rounding | null;
}

/** Head, shoulders and hips from the front, plus the wrists when seen. */
export function readHugView(keypoints: KeypointMap, minScore: number): { view?: HugView; missing: KeypointName[] } {
  const { view: front, missing } = readFrontView(keypoints, minScore);
  const leftHip = pick(keypoints, 'left_hip', minScore);
  const rightHip = pick(keypoints, 'right_hip', minScore);
  if (!leftHip) missing.push('left_hip');
  if (!rightHip) missing.push('right_hip');
  if (!front || !leftHip || !rightHip) return { missing };
  const hipMid = midpoint(leftHip, rightHip);
  const torsoLength = distance(front.shoulderMid, hipMid);
  if (torsoLength < 1e-6) return { missing: ['left_hip', 'right_hip'] };
  return {
    missing,
    view: { front, hipMid, torsoLength, leftWrist: pick(keypoints, 'left_wrist', minScore), rightWrist: pick(keypoints, 'right_wrist', minScore) },
  };
}

/** Worse arm's wrist-to-opposite-shoulder distance ÷ torso length; undefined with no wrist seen. */
export function reachRatio(view: HugView): number | undefined {
  const { front, torsoLength, leftWrist, rightWrist } = view;
  const reaches: number[] = [];
  if (leftWrist) reaches.push(distance(leftWrist, front.rightShoulder) / torsoLength);
  if (rightWrist) reaches.push(distance(rightWrist, front.leftShoulder) / torsoLength);
  return reaches.length ? Math.max(...reaches) : undefined;
}

/** Whether a wrist has crossed the body's midline towards the other side. */
export function anyWristCrossed(view: HugView): boolean {
  const { front, leftWrist, rightWrist } = view;
  const along = (p: Vec2) => dot(sub(p, front.shoulderMid), front.shoulderAxis);
  // The shoulder axis points from the right shoulder to the left one.
  return (leftWrist !== undefined && along(leftWrist) < 0) || (rightWrist !== undefined && along(rightWrist) > 0);
}

export function roundingOf(view: HugView, baseline: SelfHugBaseline): Rounding {
  const drop = headDropPct(scaleHeights(view.front.headHeights, view.torsoLength), baseline.headHeights);
  const shoulderInPct = (1 - view.front.shoulderWidth / view.torsoLength / baseline.shoulderRatio) * 100;
  return { headDropPct: drop ?? null, shoulderInPct, roundingPct: (drop ?? 0) + shoulderInPct };
}

/** The taller of a baseline so far and one frame: each head point's highest, the widest shoulders. */
export function tallerOf(so: SelfHugBaseline | undefined, view: HugView): SelfHugBaseline {
  const heights = scaleHeights(view.front.headHeights, view.torsoLength);
  const shoulderRatio = view.front.shoulderWidth / view.torsoLength;
  if (!so) return { shoulderRatio, headHeights: heights };
  const headHeights: HeadHeights = { ...so.headHeights };
  for (const [name, height] of Object.entries(heights) as [keyof HeadHeights, number][]) headHeights[name] = Math.max(headHeights[name] ?? -Infinity, height);
  return { shoulderRatio: Math.max(so.shoulderRatio, shoulderRatio), headHeights };
}

/** The upright baseline: medians over the calibration frames. */
export function selfHugBaselineFrom(samples: readonly HugView[]): SelfHugBaseline | undefined {
  const shoulderRatio = median(samples.map((s) => s.front.shoulderWidth / s.torsoLength));
  if (shoulderRatio === undefined) return undefined;
  return { shoulderRatio, headHeights: medianHeights(samples.map((s) => scaleHeights(s.front.headHeights, s.torsoLength))) };
}

export const SELF_HUG_METRIC = (options: SelfHugOptions = DEFAULT_SELF_HUG_OPTIONS): MetricSpec => ({
  id: 'rounding-pct',
  label: 'Upper-back rounding (head drop + shoulders in)',
  unit: '%',
  min: -20,
  max: 80,
  bands: [{ phase: 'hug', min: options.roundEnterPct, max: 80 }],
});

export class SelfHugChecker implements Checker {
  readonly metric: MetricSpec;
  private readonly options: SelfHugOptions;
  private readonly hugLatch: HysteresisLatch;
  private readonly roundLatch: HysteresisLatch;
  private readonly clock: CalibrationClock;
  private readonly presence: PresenceGate;

  private phase: SelfHugPhase = 'calibrating';
  private baseline: SelfHugBaseline | undefined;
  private samples: HugView[] = [];
  private reps: RepCounts = { total: 0, left: 0, right: 0 };
  /** The hold in progress: start, whether the target was reached, the rounding extremes. */
  private holdStartMs: number | undefined;
  private holdDone = false;
  private holdPeak = -Infinity;
  private holdTrough = Infinity;
  private baselineSource: BaselineSource = 'calibrated';
  /** The tallest the user has looked so far, for the fallback baseline. */
  private tallest: SelfHugBaseline | undefined;
  /** Time in view without a baseline, and the last frame seen. */
  private lookingMs = 0;
  private lastSeenMs: number | undefined;
  /** The user has been seen out of the hold since the start (or the last interruption): a hold may start. */
  private armed = false;

  constructor(options: Partial<SelfHugOptions> = {}) {
    this.options = { ...DEFAULT_SELF_HUG_OPTIONS, ...options };
    const o = this.options;
    this.metric = SELF_HUG_METRIC(o);
    this.hugLatch = new HysteresisLatch({
      direction: 'below',
      onBelow: o.hugEnterRatio,
      offAbove: o.hugExitRatio,
      minOnMs: o.hugDwellMs,
      minOffMs: o.releaseDwellMs,
    });
    this.roundLatch = new HysteresisLatch({ onAbove: o.roundEnterPct, offBelow: o.roundExitPct, minOnMs: o.roundDwellMs, minOffMs: o.releaseDwellMs });
    this.clock = new CalibrationClock(o.calibrationMs);
    this.presence = new PresenceGate(o.outOfFrameGraceMs);
  }

  reset(): void {
    this.recalibrate();
    this.phase = 'calibrating';
    this.reps = { total: 0, left: 0, right: 0 };
    this.presence.reset();
  }

  /** Drops the baseline and calibrates again from the next frames; reps so far are kept. */
  recalibrate(): void {
    this.baseline = undefined;
    this.samples = [];
    this.tallest = undefined;
    this.lookingMs = 0;
    this.lastSeenMs = undefined;
    this.clock.reset();
    this.abandonHold(undefined, []);
  }

  /** Out of the position, or someone else in view: the hold in progress is dropped, no rep. */
  interrupt(): void {
    this.abandonHold(undefined, []);
  }

  /** The clip or session ends during a hold that reached its target: that rep counts. */
  finish(tMs: number): { events: CheckerEvent[]; reps: RepCounts } {
    const events: CheckerEvent[] = [];
    if (this.holdStartMs !== undefined && this.holdDone) this.endHold(tMs, events);
    this.clearHold();
    return { events, reps: this.reps };
  }

  get calibrated(): boolean {
    return this.baseline !== undefined;
  }

  step(frame: PoseFrame): SelfHugOutput {
    const { tMs } = frame;
    const { options } = this;
    const events: CheckerEvent[] = [];
    const { view, missing } = readHugView(frame.keypoints, options.minScore);

    if (!view) {
      this.clock.interrupt();
      this.lastSeenMs = undefined;
      // Through a brief dropout the phase, the hold and the latches (dwell included) stand still.
      const gone = this.presence.miss(tMs);
      if (gone.out) {
        if (gone.left) events.push({ type: 'outOfFrame', tMs, missing });
        this.abandonHold(tMs, events);
        this.setPhase('out-of-frame', tMs, events);
      }
      return this.output(tMs, null, undefined, null, this.presence.inFrame ? null : SELF_HUG_CUES.outOfFrame, events);
    }
    if (this.presence.see()) events.push({ type: 'backInFrame', tMs });

    const reach = reachRatio(view);
    const torso = sub(view.front.shoulderMid, view.hipMid);
    const torsoLeanDeg = Math.abs(Math.atan2(torso.x, -torso.y)) * RAD_TO_DEG;
    if (view.front.shoulderWidth / view.torsoLength < options.minShoulderSpreadRatio || torsoLeanDeg > options.maxTorsoLeanDeg) {
      // Side-on or not standing: nothing can be read, nothing counts.
      this.clock.interrupt();
      this.abandonHold(tMs, events);
      this.setPhase('wrong-view', tMs, events);
      return this.output(tMs, null, reach, null, SELF_HUG_CUES.faceCamera, events);
    }

    if (!this.baseline) {
      if (this.lastSeenMs !== undefined && tMs > this.lastSeenMs) this.lookingMs += Math.min(tMs - this.lastSeenMs, 250);
      this.lastSeenMs = tMs;
      this.tallest = tallerOf(this.tallest, view);
      // Only arms-down frames calibrate "standing tall"; a hug would spoil the baseline.
      const armsDown = reach === undefined || reach >= options.hugExitRatio;
      if (armsDown) {
        this.samples.push(view);
        if (this.clock.tick(tMs)) {
          this.baseline = selfHugBaselineFrom(this.samples);
          this.baselineSource = 'calibrated';
        }
      } else {
        this.clock.interrupt();
      }
      if (!this.baseline && this.lookingMs >= options.calibrationFallbackMs && this.tallest) {
        this.baseline = this.tallest;
        this.baselineSource = 'typical';
      }
      if (!this.baseline) {
        this.setPhase('calibrating', tMs, events);
        return this.output(tMs, null, reach, null, armsDown ? SELF_HUG_CUES.calibrate : SELF_HUG_CUES.armsDown, events, armsDown ? undefined : 'arms-not-down');
      }
      this.samples = [];
    }

    const rounding = roundingOf(view, this.baseline);
    // No wrist seen: the hug latch keeps its state (and pending dwell) rather than guessing.
    const hugging = reach === undefined ? this.hugLatch.on : this.hugLatch.step(reach, tMs);
    const rounded = this.roundLatch.step(rounding.roundingPct, tMs);
    const holding = hugging && rounded;
    // A hold already on when first measured (hugging from the first frame) was not seen to
    // start: a hold may start only once the arms or the back were seen clearly out of it
    // (not merely before the latches' dwell).
    if ((reach !== undefined && reach >= options.hugExitRatio) || rounding.roundingPct <= options.roundExitPct) this.armed = true;

    if (holding && this.holdStartMs === undefined && this.armed) {
      this.holdStartMs = tMs;
      this.holdDone = false;
      this.holdPeak = rounding.roundingPct;
      this.holdTrough = rounding.roundingPct;
      events.push({ type: 'holdStarted', tMs });
    } else if (!holding && this.holdStartMs !== undefined) {
      this.endHold(tMs, events);
      this.clearHold();
    }
    if (this.holdStartMs !== undefined) {
      this.holdPeak = Math.max(this.holdPeak, rounding.roundingPct);
      this.holdTrough = Math.min(this.holdTrough, rounding.roundingPct);
      if (!this.holdDone && tMs - this.holdStartMs >= options.holdMs) {
        this.holdDone = true;
        events.push({ type: 'holdCompleted', tMs, durationMs: tMs - this.holdStartMs });
      }
    }
    this.setPhase(hugging ? 'hug' : 'neutral', tMs, events);
    return this.output(tMs, rounding.roundingPct, reach, rounding, this.formCue(view, reach, hugging), events);
  }

  /** Ends the hold in progress, if any: a rep when it reached the target, else a fault. */
  private endHold(tMs: number, events: CheckerEvent[]): void {
    if (this.holdStartMs === undefined) return;
    if (this.holdDone) {
      this.reps = { ...this.reps, total: this.reps.total + 1 };
      events.push({
        type: 'repCompleted',
        tMs,
        repIndex: this.reps.total,
        peakMetric: this.holdPeak,
        troughMetric: this.holdTrough,
        durationMs: tMs - this.holdStartMs,
      });
    } else {
      events.push({ type: 'formFault', tMs, fault: 'hold-broken' });
    }
  }

  private clearHold(): void {
    this.holdStartMs = undefined;
    this.holdDone = false;
    this.holdPeak = -Infinity;
    this.holdTrough = Infinity;
  }

  /** Out of frame, wrong view, recalibration: a new hold must build up from scratch. */
  private abandonHold(tMs: number | undefined, events: CheckerEvent[]): void {
    if (tMs !== undefined) this.endHold(tMs, events);
    this.clearHold();
    this.armed = false;
    this.hugLatch.reset();
    this.roundLatch.reset();
  }

  private formCue(view: HugView, reach: number | undefined, hugging: boolean): Cue | null {
    if (reach !== undefined && reach > this.options.hugEnterRatio && anyWristCrossed(view)) return SELF_HUG_CUES.crossHigher;
    if (this.holdStartMs !== undefined) return this.holdDone ? SELF_HUG_CUES.release : SELF_HUG_CUES.breatheOut;
    if (hugging) return SELF_HUG_CUES.roundBack;
    return SELF_HUG_CUES.crossArms;
  }

  private setPhase(next: SelfHugPhase, tMs: number, events: CheckerEvent[]): void {
    if (next === this.phase) return;
    events.push({ type: 'phaseChanged', tMs, from: this.phase, to: next });
    this.phase = next;
  }

  private output(
    tMs: number,
    metric: number | null,
    reach: number | undefined,
    rounding: Rounding | null,
    cue: Cue | null,
    events: CheckerEvent[],
    calibrationIssue?: CalibrationIssue,
  ): SelfHugOutput {
    const counting = this.phase === 'neutral' || this.phase === 'hug';
    const output: SelfHugOutput = {
      tMs,
      phase: this.phase,
      metric,
      cue,
      events,
      reps: this.reps,
      holdMs: this.holdStartMs === undefined ? 0 : tMs - this.holdStartMs,
      counting,
      reach: reach ?? null,
      rounding,
    };
    if (!this.baseline) {
      output.calibrationRemainingMs = this.clock.remainingMs;
      if (calibrationIssue) output.calibrationIssue = calibrationIssue;
    } else {
      output.baseline = this.baselineSource;
    }
    return output;
  }
}
