/**
 * Foam roller with hip lift, seen from the side, lying on the back. A deterministic step
 * function over frames.
 *
 * The roller lies across the upper back; knees bent, feet flat; the hips lift so only the
 * shoulder blades and the feet touch down, then the body rolls slowly back and forth.
 *
 * Measurements (all from the side, image coordinates, y down; the floor is at the bottom of
 * the picture, so "up" is image-up):
 * - `hipLiftPct` (the metric, see there): how far the hips are lifted, 0 % resting on the
 *   floor, 100 % shoulders, hips and knees in a straight line; from the two below.
 * - `hipAngleDeg`: the shoulder–hip–knee angle. 180 = hips in line with the
 *   shoulders and knees (the bridge); hips resting on the floor read 131–148 on the recorded
 *   bridge clip (a roller under the shoulders lowers that a little). Reported above 180
 *   when the hip rises above the shoulder→knee line (over-arching), so the value keeps
 *   growing through the straight line instead of folding back.
 * - `kneeDeg`: the hip–knee–ankle angle (knees bent, feet flat ≈ 70–110).
 * - Roll position: shoulder-to-ankle distance over a running mean of the torso length. The
 *   feet stay planted and the shoulders stay on the roller while the hips lift, so lifting
 *   leaves it unchanged; rolling moves the shoulders along the floor and changes it.
 *   (Projecting the shoulder on the hip→shoulder direction, as first planned, swings with the
 *   torso's pitch: every hip lift would read as half a torso length of travel.) A pass is a
 *   roll of more than `passMinTravel` torso lengths one way and then as far back.
 *
 * The side view is read by ../../geometry/side (each left/right pair merged by score, since
 * pose models swap them in profile); the lying measures are ../../geometry/lying.
 */
import { dwellLatch, HysteresisLatch } from '../../filters/hysteresis';
import { LiftTracker, type LiftStep } from '../../filters/lift-tracker';
import { PresenceGate } from '../../filters/presence';
import { RateMeter } from '../../filters/rate-meter';
import { TimeEma } from '../../filters/time-ema';
import { DEFAULT_LEG_OPTIONS, feetFault, kneeAngleDeg, signedBendDeg, type LegOptions } from '../../geometry/lying';
import { headElevationDeg, readSideView, sideViewProblem, type SideView, type SideViewLimits } from '../../geometry/side';
import { distance, type Vec2 } from '../../geometry/vector';
import type { PoseFrame } from '../../pose/keypoints';
import type { Checker, CheckerEvent, CheckerOutput, Cue, MetricSpec, RepCounts } from '../types';
import { SIDE_VIEW_FRAMING_CUES } from '../framing-cues';

/**
 * Hip height above the ankles, in torso lengths (image-vertical; the camera is level). The feet
 * stay flat, so this is how far the hips are off the floor: 0.07–0.11 resting on the recorded
 * bridge clip, 0.38–0.41 at the top; 0.49–0.56 on the real foam-roller photos, where the roller
 * raises the shoulders so the hip ANGLE only reaches 136–153° with the hips clearly lifted.
 */
export function hipHeightRatio(view: Pick<SideView, 'hip' | 'ankle' | 'torsoLength'>): number | undefined {
  return view.ankle ? (view.ankle.y - view.hip.y) / view.torsoLength : undefined;
}

/** Shoulder–hip–knee angle (see the module comment): 180 = straight bridge line. */
export function hipAngleDeg(view: Pick<SideView, 'shoulder' | 'hip'> & { knee: Vec2 }): number {
  return signedBendDeg(view.shoulder, view.hip, view.knee);
}

/** The hip angle of a body resting on the floor (0 % lift) and of the straight bridge line (100 %). */
export const RESTING_HIP_ANGLE_DEG = 140;
export const STRAIGHT_HIP_ANGLE_DEG = 180;
/** Hips this many torso lengths above the feet count as 100 % (the real foam-roller photos, hips clearly up: 0.49–0.56). */
export const FULL_HIP_HEIGHT_RATIO = 0.9;

/**
 * Hip lift in %: 0 = hips on the floor, 100 = the straight line from shoulders to knees.
 * The larger of the angle's share of the way from resting (140°) to straight (180°) and the
 * hips' height above the feet as a share of 0.9 torso lengths. Either can put the hips up: the
 * angle needs no ankle and ignores camera tilt; the height still works when a roller raises the
 * shoulders and the angle never nears a straight line (the real foam-roller photos: 136–153°,
 * height 0.49–0.56). Over 100 % means over-arching. On the recorded bridge clip: resting −25 to
 * +28 %, the top of each lift 100–122 %.
 */
export function hipLiftPct(hipAngle: number, heightRatio: number | undefined): number {
  const byAngle = (hipAngle - RESTING_HIP_ANGLE_DEG) / (STRAIGHT_HIP_ANGLE_DEG - RESTING_HIP_ANGLE_DEG);
  const byHeight = heightRatio === undefined ? -Infinity : heightRatio / FULL_HIP_HEIGHT_RATIO;
  return Math.max(byAngle, byHeight) * 100;
}

/** The hip angle that reads `pct` % on the angle scale (for tests and the gauge's explanation). */
export function hipAngleForLiftPct(pct: number): number {
  return RESTING_HIP_ANGLE_DEG + (pct / 100) * (STRAIGHT_HIP_ANGLE_DEG - RESTING_HIP_ANGLE_DEG);
}

/**
 * Head against the torso line, degrees in (−180, 180]: 0 = head in line with the torso,
 * negative = head dropped back towards the floor, positive = chin tucked / head raised.
 */
export function headDropDeg(view: Pick<SideView, 'shoulder' | 'hip' | 'headDir'> & { ear: Vec2 }): number {
  let diff = headElevationDeg(view);
  if (diff > 180) diff -= 360;
  if (diff <= -180) diff += 360;
  return diff;
}

/**
 * Counts back-and-forth passes of a position: a zigzag whose turning points must be at least
 * `minTravel` apart. A pass is one roll out and back; it is counted as soon as the roll back
 * has covered `minTravel` (so the user need not stop), i.e. on the 1st, 3rd, 5th … turn.
 */
export class PassCounter {
  private low = Infinity;
  private high = -Infinity;
  private direction: 0 | 1 | -1 = 0;
  private extreme = 0;
  private turns = 0;

  constructor(private readonly minTravel: number) {}

  get passes(): number {
    return Math.floor((this.turns + 1) / 2);
  }

  /** Feeds one position; returns true when this sample completes a pass. */
  step(position: number): boolean {
    if (this.direction === 0) {
      this.low = Math.min(this.low, position);
      this.high = Math.max(this.high, position);
      if (position - this.low >= this.minTravel) this.direction = 1;
      else if (this.high - position >= this.minTravel) this.direction = -1;
      this.extreme = position;
      return false;
    }
    if ((position - this.extreme) * this.direction > 0) {
      this.extreme = position;
      return false;
    }
    if ((this.extreme - position) * this.direction < this.minTravel) return false;
    const before = this.passes;
    this.turns++;
    this.direction = this.direction === 1 ? -1 : 1;
    this.extreme = position;
    return this.passes > before;
  }

  reset(): void {
    this.low = Infinity;
    this.high = -Infinity;
    this.direction = 0;
    this.extreme = 0;
    this.turns = 0;
  }
}

export type FoamRollerPhase = 'neutral' | 'hips-up' | 'out-of-frame' | 'wrong-view';

export interface FoamRollerOptions extends LegOptions, SideViewLimits {
  /** Minimum keypoint score to use a point. */
  minScore: number;
  /** Enter hips-up at hipLiftPct ≥ hipsUpEnterPct; back to neutral at ≤ hipsUpExitPct. */
  hipsUpEnterPct: number;
  hipsUpExitPct: number;
  /** The hips must stay past a threshold this long to enter or leave hips-up: a flicker is not a lift. */
  phaseDwellMs: number;
  /** Target hold with the hips up. */
  holdMs: number;
  /** Body must be missing this long before the phase says out-of-frame. */
  outOfFrameGraceMs: number;
  /** The wrong-view condition must hold this long before the phase says wrong-view. */
  wrongViewDwellMs: number;
  /** With the hips up, knee further ahead of / behind the ankle than this × torso length: "knees over ankles". */
  maxKneeAnkleOffsetRatio: number;
  /** Head dropped below the torso line by more than this many degrees: "support your head". */
  maxHeadDropDeg: number;
  /** A roll of more than this many torso lengths one way and back is a pass. */
  passMinTravel: number;
  /** Shoulders travelling faster than this (torso lengths per second) is rolling too fast. */
  maxRollSpeed: number;
  /** Window over which the roll speed is measured. */
  rollSpeedWindowMs: number;
  /**
   * Time constant of the running torso length that roll distances are divided by. The
   * measured torso length swings with each hip lift (0.18 → 0.21 of the frame on the bridge
   * clip, +12 %) while the shoulder-to-ankle distance does not; dividing by the per-frame
   * value turned every lift into a quarter torso length of false travel.
   */
  rollScaleTauMs: number;
  /** How long "roll slowly" stays after rolling too fast. */
  slowCueMs: number;
  /** Form faults (feet, knees, head) must persist this long to be raised or cleared. */
  faultDwellMs: number;
  /** After this long with the hips down, prompt to lift them. */
  promptAfterMs: number;
}

export const DEFAULT_FOAM_ROLLER_OPTIONS: FoamRollerOptions = {
  minScore: 0.3,
  // From the recorded bridge clip (three models, after the pipeline's smoothing): resting reads
  // at most 28 % (151°, or 0.2 torso lengths high), the top of a lift 100–122 %. Entry at half
  // way (160°; 0.375 high) meets the labels' "hips above half height" within 0.4 s; the dead
  // band down to 35 % (154°) covers the jitter (±4°). The height alone reaches 50 % only off
  // the floor line (0.41 at the clip's tops: the angle decides there), on a roller (0.49–0.56).
  hipsUpEnterPct: 50,
  hipsUpExitPct: 35,
  phaseDwellMs: 200,
  holdMs: 3000,
  outOfFrameGraceMs: 400,
  wrongViewDwellMs: 300,
  maxTorsoTiltDeg: 55,
  maxShoulderSpreadRatio: 0.6,
  ...DEFAULT_LEG_OPTIONS,
  maxKneeAnkleOffsetRatio: 0.45,
  maxHeadDropDeg: 25,
  passMinTravel: 0.25,
  maxRollSpeed: 0.8,
  rollSpeedWindowMs: 400,
  rollScaleTauMs: 5000,
  slowCueMs: 2500,
  faultDwellMs: 300,
  promptAfterMs: 1000,
};

export const FOAM_ROLLER_CUES = {
  ...SIDE_VIEW_FRAMING_CUES,
  lieDown: { id: 'lie-down', text: 'Lie on your back with the roller under your upper back', priority: 75 },
  supportHead: { id: 'support-head', text: 'Support your head with your hands', priority: 65 },
  rollSlowly: { id: 'roll-slowly', text: 'Roll slowly', priority: 60 },
  feetFlat: { id: 'feet-flat', text: 'Knees bent, feet flat on the floor', priority: 45 },
  kneesOverAnkles: { id: 'knees-over-ankles', text: 'Knees over ankles', priority: 44 },
  liftHips: { id: 'lift-hips', text: 'Lift your hips', priority: 20 },
} as const satisfies Record<string, Cue>;

export const FOAM_ROLLER_METRIC = (options: FoamRollerOptions = DEFAULT_FOAM_ROLLER_OPTIONS): MetricSpec => ({
  id: 'hip-lift-pct',
  label: 'Hip lift: 0 % on the floor, 100 % shoulders, hips and knees in a line',
  unit: '%',
  min: -20,
  max: 120,
  bands: [{ phase: 'hips-up', min: options.hipsUpEnterPct, max: 120 }],
});

/** The checker's output plus what only this technique measures. */
export interface FoamRollerOutput extends CheckerOutput {
  /** Completed roll passes (out and back). */
  rollPasses: number;
  /** Shoulder-to-ankle distance / running torso length, or null when the ankle is not seen. */
  rollPosition: number | null;
  /** Shoulder travel speed, torso lengths per second, or null until measured. */
  rollSpeed: number | null;
  /** Hip–knee–ankle angle, or null when the ankle is not seen. */
  kneeDeg: number | null;
}

type Fault = 'feet' | 'knees' | 'head';

export class FoamRollerChecker implements Checker {
  readonly metric: MetricSpec;
  private readonly hipsLatch: HysteresisLatch;
  private readonly faults: Record<Fault, HysteresisLatch>;
  private readonly rollRate: RateMeter;
  private readonly passCounter: PassCounter;
  private readonly lift: LiftTracker;
  private readonly presence: PresenceGate;

  private phase: FoamRollerPhase = 'neutral';
  private phaseSinceMs = 0;
  private reps: RepCounts = { total: 0, left: 0, right: 0 };
  private slowCueUntilMs = -Infinity;
  private wrongSinceMs: number | undefined;
  private rollSpeed: number | null = null;
  /** Running torso length for roll distances. */
  private readonly rollScale: TimeEma;

  constructor(private readonly options: FoamRollerOptions = DEFAULT_FOAM_ROLLER_OPTIONS) {
    this.metric = FOAM_ROLLER_METRIC(options);
    this.hipsLatch = new HysteresisLatch({
      onAbove: options.hipsUpEnterPct,
      offBelow: options.hipsUpExitPct,
      minOnMs: options.phaseDwellMs,
      minOffMs: options.phaseDwellMs,
    });
    this.faults = { feet: dwellLatch(options.faultDwellMs), knees: dwellLatch(options.faultDwellMs), head: dwellLatch(options.faultDwellMs) };
    this.rollRate = new RateMeter(options.rollSpeedWindowMs);
    this.passCounter = new PassCounter(options.passMinTravel);
    this.lift = new LiftTracker(options.holdMs);
    this.presence = new PresenceGate(options.outOfFrameGraceMs);
    this.rollScale = new TimeEma(options.rollScaleTauMs);
  }

  reset(): void {
    this.hipsLatch.reset();
    for (const latch of Object.values(this.faults)) latch.reset();
    this.rollRate.reset();
    this.passCounter.reset();
    this.lift.reset();
    this.presence.reset();
    this.phase = 'neutral';
    this.phaseSinceMs = 0;
    this.reps = { total: 0, left: 0, right: 0 };
    this.slowCueUntilMs = -Infinity;
    this.wrongSinceMs = undefined;
    this.rollSpeed = null;
    this.rollScale.reset();
  }

  step(frame: PoseFrame): FoamRollerOutput {
    const { tMs } = frame;
    const { options } = this;
    const events: CheckerEvent[] = [];
    const { view, missing } = readSideView(frame.keypoints, options.minScore);

    if (!view || !view.knee) {
      // Keep the last phase through a brief dropout; the latch keeps its state too.
      const gone = this.presence.miss(tMs);
      if (gone.out) {
        if (gone.left) events.push({ type: 'outOfFrame', tMs, missing: view ? ['left_knee', 'right_knee'] : missing });
        this.lift.interrupt();
        this.setPhase('out-of-frame', tMs, events);
      }
      this.hipsLatch.step(undefined, tMs);
      return this.output(tMs, null, this.presence.inFrame ? null : FOAM_ROLLER_CUES.outOfFrame, events, false, view ?? undefined);
    }
    if (this.presence.see()) events.push({ type: 'backInFrame', tMs });

    const hipAngle = hipAngleDeg({ ...view, knee: view.knee });
    const lift = hipLiftPct(hipAngle, hipHeightRatio(view));
    const problem = sideViewProblem(view, options);
    if (problem) {
      this.wrongSinceMs ??= tMs;
      if (this.phase === 'wrong-view' || tMs - this.wrongSinceMs >= options.wrongViewDwellMs) {
        // Facing the camera, or sitting/standing: nothing can be read, and a lift in progress is abandoned.
        this.hipsLatch.reset();
        this.lift.abandon();
        this.setPhase('wrong-view', tMs, events);
      }
      return this.output(tMs, lift, problem === 'not-side-on' ? FOAM_ROLLER_CUES.turnSideOn : FOAM_ROLLER_CUES.lieDown, events, false, view);
    }
    this.wrongSinceMs = undefined;

    // Roll: position, speed and passes.
    const scale = this.rollScale.step(view.torsoLength, tMs);
    const rollPosition = view.ankle ? distance(view.shoulder, view.ankle) / scale : undefined;
    if (rollPosition !== undefined) {
      const rate = this.rollRate.step(rollPosition, tMs);
      this.rollSpeed = rate === undefined ? null : Math.abs(rate);
      if (this.rollSpeed !== null && this.rollSpeed > options.maxRollSpeed) {
        if (tMs >= this.slowCueUntilMs) events.push({ type: 'formFault', tMs, fault: 'rolling-too-fast' });
        this.slowCueUntilMs = tMs + options.slowCueMs;
      }
      this.passCounter.step(rollPosition);
    }

    // Hips.
    const up = this.hipsLatch.step(lift, tMs);
    const change = this.lift.step(up, lift, tMs, lift <= options.hipsUpExitPct);
    if (change.holdStarted) events.push({ type: 'holdStarted', tMs });
    if (change.rep) this.countRep(change.rep, tMs, events);
    this.setPhase(up ? 'hips-up' : 'neutral', tMs, events);
    if (change.holdCompletedMs !== undefined) events.push({ type: 'holdCompleted', tMs, durationMs: change.holdCompletedMs });

    const cue = this.formCue(view, tMs, events);
    return this.output(tMs, lift, cue, events, true, view, rollPosition);
  }

  /** Out of the technique's position: the lift in progress is dropped, the next must be seen from the floor. */
  interrupt(): void {
    this.hipsLatch.reset();
    this.lift.abandon();
  }

  /** The clip or session ends: a lift still up whose hold was completed counts. */
  finish(tMs: number): { events: CheckerEvent[]; reps: RepCounts } {
    const events: CheckerEvent[] = [];
    const rep = this.lift.finish(tMs);
    if (rep) this.countRep(rep, tMs, events);
    return { events, reps: this.reps };
  }

  /** A lift that reached the band is a rep once the hips are back down. */
  private countRep(rep: NonNullable<LiftStep['rep']>, tMs: number, events: CheckerEvent[]): void {
    this.reps = { ...this.reps, total: this.reps.total + 1 };
    events.push({ type: 'repCompleted', tMs, repIndex: this.reps.total, peakMetric: rep.peak, troughMetric: rep.trough, durationMs: rep.durationMs });
  }

  private formCue(view: SideView, tMs: number, events: CheckerEvent[]): Cue | null {
    const { options } = this;
    const { knee, ankle, ear, torsoLength } = view;
    const feetBad = feetFault(view, options) !== undefined;
    // Knees over ankles only matters with the hips up: lying down, the shin may slope either way.
    const kneesBad =
      this.phase === 'hips-up' && knee !== undefined && ankle !== undefined && Math.abs(knee.x - ankle.x) / torsoLength > options.maxKneeAnkleOffsetRatio;
    const headBad = ear !== undefined && headDropDeg({ ...view, ear }) < -options.maxHeadDropDeg;
    const raised = (fault: Fault, present: boolean, name: string): boolean => {
      const was = this.faults[fault].on;
      const now = this.faults[fault].step(present ? 1 : 0, tMs);
      if (now && !was) events.push({ type: 'formFault', tMs, fault: name });
      return now;
    };
    const head = raised('head', headBad, 'head-unsupported');
    const feet = raised('feet', feetBad, 'feet-not-flat');
    const knees = raised('knees', kneesBad, 'knees-not-over-ankles');

    if (head) return FOAM_ROLLER_CUES.supportHead;
    if (tMs < this.slowCueUntilMs) return FOAM_ROLLER_CUES.rollSlowly;
    if (feet) return FOAM_ROLLER_CUES.feetFlat;
    if (knees && this.phase === 'hips-up') return FOAM_ROLLER_CUES.kneesOverAnkles;
    if (this.phase === 'neutral' && tMs - this.phaseSinceMs >= options.promptAfterMs) return FOAM_ROLLER_CUES.liftHips;
    return null;
  }

  private setPhase(next: FoamRollerPhase, tMs: number, events: CheckerEvent[]): void {
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
    rollPosition?: number,
  ): FoamRollerOutput {
    const holdMs = this.lift.heldMs(tMs);
    const kneeDeg = kneeAngleDeg(view);
    return {
      tMs,
      phase: this.phase,
      metric,
      cue,
      events,
      reps: this.reps,
      holdMs,
      counting,
      rollPasses: this.passCounter.passes,
      rollPosition: rollPosition ?? null,
      rollSpeed: counting ? this.rollSpeed : null,
      kneeDeg,
    };
  }
}
