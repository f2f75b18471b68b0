/**
 * Thoracic extension lying on the back, seen from the side. A deterministic step function
 * over frames.
 *
 * On the back, knees bent, feet flat, arms out palms down: gently arch the upper back so the
 * chest lifts, hold a few seconds, lower slowly.
 *
 * The metric, `chestLiftDeg`: pose models give no points along the spine, but when the upper
 * back arches, the chest and shoulders rise while the head and hips stay on the floor. So the
 * shoulder leaves the straight line from the ear to the hip. chestLiftDeg = 180° minus the
 * ear–shoulder–hip angle, positive when the shoulder rises above the ear→hip line (away from
 * the floor), negative below it. Lying flat it reads ≈ 0; a 4–5 cm lift of the shoulders on a
 * 50 cm torso reads ≈ 20° (the short shoulder–ear arm makes it sensitive). It does not depend
 * on the distance to the camera or on which side the head is. Lifting the hips (a bridge) or
 * the head (a crunch) moves it negative, so neither counts as a chest lift. Tipping the head
 * far back lowers the ear and reads as a small lift; the entry threshold sits above that.
 * Its zero depends a little on the person and on a pillow: `baselineDeg` is subtracted so a
 * calibration step can set it.
 */
import { dwellLatch, HysteresisLatch } from '../../filters/hysteresis';
import { LiftTracker, type LiftStep } from '../../filters/lift-tracker';
import { PresenceGate } from '../../filters/presence';
import { RateMeter } from '../../filters/rate-meter';
import { DEFAULT_LEG_OPTIONS, feetFault, kneeAngleDeg, signedBendDeg, type LegOptions } from '../../geometry/lying';
import { readSideView, sideViewProblem, type SideView, type SideViewLimits } from '../../geometry/side';
import type { Vec2 } from '../../geometry/vector';
import type { PoseFrame } from '../../pose/keypoints';
import type { Checker, CheckerEvent, CheckerOutput, Cue, MetricSpec, RepCounts } from '../types';
import { SIDE_VIEW_FRAMING_CUES } from '../framing-cues';

export type ThoracicExtensionPhase = 'neutral' | 'lifted' | 'out-of-frame' | 'wrong-view';

export interface ThoracicExtensionOptions extends LegOptions, SideViewLimits {
  /** Minimum keypoint score to use a point. */
  minScore: number;
  /** Subtracted from the raw chest lift (the person's own flat reading). */
  baselineDeg: number;
  /** Enter lifted at chestLiftDeg ≥ liftedEnterDeg; back to neutral at ≤ liftedExitDeg. */
  liftedEnterDeg: number;
  liftedExitDeg: number;
  /** The chest must stay past a threshold this long to enter or leave lifted: a flicker is not a lift. */
  phaseDwellMs: number;
  /** Target hold with the chest lifted. */
  holdMs: number;
  /** Lowering faster than this (degrees per second) is "too fast". */
  maxLowerDegPerS: number;
  /** Window over which the lowering speed is measured. */
  rateWindowMs: number;
  /** After leaving the lifted phase, the lowering is watched this much longer (it goes on below the exit threshold). */
  lowerWatchMs: number;
  /** How long "lower slowly" stays after lowering too fast. */
  slowCueMs: number;
  /** Body must be missing this long before the phase says out-of-frame. */
  outOfFrameGraceMs: number;
  /** The wrong-view condition must hold this long before the phase says wrong-view. */
  wrongViewDwellMs: number;
  /** The feet fault must persist this long to be raised or cleared. */
  faultDwellMs: number;
  /** After this long lying flat, prompt the next lift. */
  promptAfterMs: number;
}

export const DEFAULT_THORACIC_EXTENSION_OPTIONS: ThoracicExtensionOptions = {
  minScore: 0.3,
  baselineDeg: 0,
  // No recorded clip of this movement yet: set from the geometry (a gentle 3–5 cm lift reads
  // 13–21°; keypoint jitter of ~1 % of the frame on the short ear–shoulder arm is ±3–4°).
  liftedEnterDeg: 12,
  liftedExitDeg: 6,
  phaseDwellMs: 250,
  holdMs: 3000,
  maxLowerDegPerS: 40,
  rateWindowMs: 300,
  lowerWatchMs: 1500,
  slowCueMs: 2500,
  outOfFrameGraceMs: 400,
  wrongViewDwellMs: 300,
  maxTorsoTiltDeg: 45,
  maxShoulderSpreadRatio: 0.6,
  ...DEFAULT_LEG_OPTIONS,
  faultDwellMs: 300,
  promptAfterMs: 1000,
};

export const THORACIC_EXTENSION_CUES = {
  ...SIDE_VIEW_FRAMING_CUES,
  lieDown: { id: 'lie-down', text: 'Lie on your back, knees bent, side-on to the camera', priority: 75 },
  lowerSlowly: { id: 'lower-slowly', text: 'Lower slowly', priority: 60 },
  feetFlat: { id: 'feet-flat', text: 'Keep your feet flat', priority: 45 },
  liftChest: { id: 'lift-chest', text: 'Lift the chest gently', priority: 20 },
} as const satisfies Record<string, Cue>;

export const THORACIC_EXTENSION_METRIC = (options: ThoracicExtensionOptions = DEFAULT_THORACIC_EXTENSION_OPTIONS): MetricSpec => ({
  id: 'chest-lift-deg',
  label: 'Chest lift (shoulder above the ear–hip line)',
  unit: '°',
  min: -10,
  max: 40,
  bands: [{ phase: 'lifted', min: options.liftedEnterDeg, max: 40 }],
});

/** Chest lift in degrees (see the module comment), before the baseline is subtracted. */
export function chestLiftDeg(view: { ear: Vec2; shoulder: Vec2; hip: Vec2 }): number {
  return signedBendDeg(view.ear, view.shoulder, view.hip) - 180;
}

/** The checker's output plus what only this technique measures. */
export interface ThoracicExtensionOutput extends CheckerOutput {
  /** Speed of the chest lift, degrees per second (negative while lowering), or null until measured. */
  liftRateDegPerS: number | null;
  /** Hip–knee–ankle angle, or null when the knee or ankle is not seen. */
  kneeDeg: number | null;
}

export class ThoracicExtensionChecker implements Checker {
  readonly metric: MetricSpec;
  private readonly liftLatch: HysteresisLatch;
  private readonly feetLatch: HysteresisLatch;
  private readonly rate: RateMeter;
  private readonly lift: LiftTracker;
  private readonly presence: PresenceGate;

  private phase: ThoracicExtensionPhase = 'neutral';
  private phaseSinceMs = 0;
  private reps: RepCounts = { total: 0, left: 0, right: 0 };
  /** When the lifted phase was last left; the lowering is watched for a while after. */
  private leftLiftedMs = -Infinity;
  private slowCueUntilMs = -Infinity;
  private wrongSinceMs: number | undefined;
  private liftRate: number | null = null;

  constructor(private readonly options: ThoracicExtensionOptions = DEFAULT_THORACIC_EXTENSION_OPTIONS) {
    this.metric = THORACIC_EXTENSION_METRIC(options);
    this.liftLatch = new HysteresisLatch({
      onAbove: options.liftedEnterDeg,
      offBelow: options.liftedExitDeg,
      minOnMs: options.phaseDwellMs,
      minOffMs: options.phaseDwellMs,
    });
    this.feetLatch = dwellLatch(options.faultDwellMs);
    this.rate = new RateMeter(options.rateWindowMs);
    this.lift = new LiftTracker(options.holdMs);
    this.presence = new PresenceGate(options.outOfFrameGraceMs);
  }

  reset(): void {
    this.liftLatch.reset();
    this.feetLatch.reset();
    this.rate.reset();
    this.lift.reset();
    this.presence.reset();
    this.phase = 'neutral';
    this.phaseSinceMs = 0;
    this.reps = { total: 0, left: 0, right: 0 };
    this.leftLiftedMs = -Infinity;
    this.slowCueUntilMs = -Infinity;
    this.wrongSinceMs = undefined;
    this.liftRate = null;
  }

  step(frame: PoseFrame): ThoracicExtensionOutput {
    const { tMs } = frame;
    const { options } = this;
    const events: CheckerEvent[] = [];
    const { view, missing } = readSideView(frame.keypoints, options.minScore);

    if (!view || !view.ear) {
      const gone = this.presence.miss(tMs);
      if (gone.out) {
        if (gone.left) events.push({ type: 'outOfFrame', tMs, missing: view ? ['left_ear', 'right_ear'] : missing });
        this.lift.interrupt();
        this.setPhase('out-of-frame', tMs, events);
      }
      this.liftLatch.step(undefined, tMs);
      this.rate.reset();
      return this.output(tMs, null, this.presence.inFrame ? null : THORACIC_EXTENSION_CUES.outOfFrame, events, false, view);
    }
    if (this.presence.see()) events.push({ type: 'backInFrame', tMs });

    const lift = chestLiftDeg({ ear: view.ear, shoulder: view.shoulder, hip: view.hip }) - options.baselineDeg;
    const problem = sideViewProblem(view, options);
    if (problem) {
      this.wrongSinceMs ??= tMs;
      if (this.phase === 'wrong-view' || tMs - this.wrongSinceMs >= options.wrongViewDwellMs) {
        this.liftLatch.reset();
        this.lift.abandon();
        this.rate.reset();
        this.setPhase('wrong-view', tMs, events);
      }
      return this.output(tMs, lift, problem === 'not-side-on' ? THORACIC_EXTENSION_CUES.turnSideOn : THORACIC_EXTENSION_CUES.lieDown, events, false, view);
    }
    this.wrongSinceMs = undefined;

    const rate = this.rate.step(lift, tMs);
    this.liftRate = rate ?? null;
    const lifted = this.liftLatch.step(lift, tMs);
    const change = this.lift.step(lifted, lift, tMs, lift <= options.liftedExitDeg);
    if (change.holdStarted) events.push({ type: 'holdStarted', tMs });
    if (change.lowered) this.leftLiftedMs = tMs;
    if (change.rep) this.countRep(change.rep, tMs, events);
    this.setPhase(lifted ? 'lifted' : 'neutral', tMs, events);
    if (change.holdCompletedMs !== undefined) events.push({ type: 'holdCompleted', tMs, durationMs: change.holdCompletedMs });

    // Lowering: watched while lifted and for a while after leaving the band.
    const lowering = this.phase === 'lifted' || tMs - this.leftLiftedMs <= options.lowerWatchMs;
    if (lowering && rate !== undefined && rate < -options.maxLowerDegPerS) {
      if (tMs >= this.slowCueUntilMs) events.push({ type: 'formFault', tMs, fault: 'lowered-too-fast' });
      this.slowCueUntilMs = tMs + options.slowCueMs;
    }

    const feetWas = this.feetLatch.on;
    const feetBad = this.feetLatch.step(feetFault(view, options) !== undefined ? 1 : 0, tMs);
    if (feetBad && !feetWas) events.push({ type: 'formFault', tMs, fault: 'feet-not-flat' });

    let cue: Cue | null = null;
    if (tMs < this.slowCueUntilMs) cue = THORACIC_EXTENSION_CUES.lowerSlowly;
    else if (feetBad) cue = THORACIC_EXTENSION_CUES.feetFlat;
    else if (this.phase === 'neutral' && tMs - this.phaseSinceMs >= options.promptAfterMs) cue = THORACIC_EXTENSION_CUES.liftChest;
    return this.output(tMs, lift, cue, events, true, view);
  }

  /** Out of the technique's position: the lift in progress is dropped, the next must be seen from the floor. */
  interrupt(): void {
    this.liftLatch.reset();
    this.lift.abandon();
  }

  /** The clip or session ends: a lift still up whose hold was completed counts. */
  finish(tMs: number): { events: CheckerEvent[]; reps: RepCounts } {
    const events: CheckerEvent[] = [];
    const rep = this.lift.finish(tMs);
    if (rep) this.countRep(rep, tMs, events);
    return { events, reps: this.reps };
  }

  /** A lift that reached the band is a rep once the chest is lowered out of it. */
  private countRep(rep: NonNullable<LiftStep['rep']>, tMs: number, events: CheckerEvent[]): void {
    this.reps = { ...this.reps, total: this.reps.total + 1 };
    events.push({ type: 'repCompleted', tMs, repIndex: this.reps.total, peakMetric: rep.peak, troughMetric: rep.trough, durationMs: rep.durationMs });
  }

  private setPhase(next: ThoracicExtensionPhase, tMs: number, events: CheckerEvent[]): void {
    if (next === this.phase) return;
    events.push({ type: 'phaseChanged', tMs, from: this.phase, to: next });
    this.phase = next;
    this.phaseSinceMs = tMs;
  }

  private output(
    tMs: number,
    metric: number | null,
    cue: Cue | null,
    events: CheckerEvent[],
    counting: boolean,
    view: SideView | undefined,
  ): ThoracicExtensionOutput {
    const holdMs = this.lift.heldMs(tMs);
    return { tMs, phase: this.phase, metric, cue, events, reps: this.reps, holdMs, counting, liftRateDegPerS: counting ? this.liftRate : null, kneeDeg: kneeAngleDeg(view) };
  }
}
