/**
 * Seated twist and standing rotation, seen from the front: the state machine. A deterministic
 * step function over frames; time comes only from `frame.tMs`.
 *
 * The metric is the twist depth in degrees, SIGNED: + = the user's OWN left, − = their right
 * (./measure: 3D shoulders against hips when BlazePose gives world points, else the 2D
 * shoulder width against the neutral's). The neutral comes from ./neutral, which never stalls:
 * a twist is measured from the first frame, calibration only refines the baseline.
 *
 * A twist starts when the depth passes `turnEnterDeg`, its side decided by the direction
 * evidence; a hold runs while the depth stays in the band; returning to centre after a
 * completed hold is a rep on that side. A twist whose start was not seen (the user was not
 * seen at centre first: a clip that opens mid-twist, or just back in view) does not count.
 */
import { HysteresisLatch } from '../../filters/hysteresis';
import { PresenceGate } from '../../filters/presence';
import { TimeEma } from '../../filters/time-ema';
import type { PoseFrame } from '../../pose/keypoints';
import type { CalibrationIssue, Checker, CheckerEvent, CheckerOutput, Cue, MetricSpec, RepCounts, Side } from '../types';
import { measureTwist, TorsoSmoother, type TwistMeasures, type TwistNeutral } from './measure';
import { NeutralFinder, type NeutralState } from './neutral';
import { SEATED_TWIST_OPTIONS, TWIST_CUES, TWIST_METRIC, type TwistFault, type TwistMethod, type TwistOptions, type TwistPhase } from './options';
import { readTorso } from './reading';

export { readTorso, type TorsoReading } from './reading';
export { TYPICAL_NEUTRAL, type TwistNeutral } from './measure';
export { SEATED_TWIST_OPTIONS, STANDING_ROTATION_OPTIONS, TWIST_CUES, TWIST_METRIC } from './options';
export type { TwistFault, TwistMethod, TwistOptions, TwistPhase } from './options';

/** The twist checker's output: the shared CheckerOutput plus what only this checker knows. */
export interface TwistOutput extends CheckerOutput {
  phase: TwistPhase;
  /** The side of the twist in progress, null at centre or when not measured: always present here. */
  side: Side | null;
  method: TwistMethod | null;
}

interface Excursion {
  side: Side;
  startMs: number;
  peakDepth: number;
  /** Start of the hold in progress, if in the band. */
  holdStartMs: number | undefined;
  /** The hold in progress already reached holdMs. */
  holdDone: boolean;
  /** Some hold in this twist reached holdMs: returning to centre completes a rep. */
  completed: boolean;
  /** Set when the first hold starts: the side can no longer be corrected. */
  sideLocked: boolean;
  /** Recent direction evidence, smoothed (for correcting the side). */
  recentEvidence: TimeEma;
  /** Bounce detector: direction of travel (+1 deeper, −1 back), its last extreme, reversal times. */
  bounceDir: 1 | -1;
  bounceExtreme: number;
  reversals: number[];
}

type WrongViewReason = 'side-on' | 'not-upright';

export class TwistChecker implements Checker {
  readonly metric: MetricSpec;
  private readonly turnLatch: HysteresisLatch;
  private readonly holdLatch: HysteresisLatch;
  private readonly leanLatch: HysteresisLatch;
  private readonly hipLatch: HysteresisLatch;
  private readonly headLatch: HysteresisLatch;
  private readonly finder: NeutralFinder;
  private readonly smoother: TorsoSmoother;
  private readonly presence: PresenceGate;

  private phase: TwistPhase = 'calibrating';
  private reps: RepCounts = { total: 0, left: 0, right: 0 };
  private excursion: Excursion | undefined;
  /** Direction evidence gathered since the depth left the centre zone, before a twist starts. */
  private evidenceSum = 0;
  private evidenceN = 0;
  private lastTwistSide: Side | undefined;
  private lastRepSide: Side | undefined;
  private gentleUntilMs = -Infinity;
  private wrongSinceMs: number | undefined;
  /** Since when the depth has stayed below turnEnterDeg (the "settled at centre" rule). */
  private belowTurnSinceMs: number | undefined;
  /** Set by assumeTypicalBaseline: hips may face any way, the twist is measured against them. */
  private hipsAreReference = false;
  /** The user has been seen at centre since the start (or since the view was lost): a twist may start. */
  private armed = false;

  constructor(private readonly options: TwistOptions = SEATED_TWIST_OPTIONS) {
    if (!(options.holdEnterDeg > options.holdExitDeg && options.holdExitDeg > options.centreDeg)) {
      throw new RangeError('TwistChecker: need holdEnterDeg > holdExitDeg > centreDeg');
    }
    this.metric = TWIST_METRIC(options);
    this.presence = new PresenceGate(options.outOfFrameGraceMs);
    this.finder = new NeutralFinder(options);
    this.smoother = new TorsoSmoother(options);
    this.turnLatch = new HysteresisLatch({
      onAbove: options.turnEnterDeg,
      offBelow: options.centreDeg,
      minOnMs: options.turnDwellMs,
      minOffMs: options.centreDwellMs,
    });
    this.holdLatch = new HysteresisLatch({ onAbove: options.holdEnterDeg, offBelow: options.holdExitDeg, minOnMs: options.holdDwellMs });
    const faultLatch = (threshold: number) =>
      new HysteresisLatch({ onAbove: threshold, offBelow: threshold * options.faultReleaseRatio, minOnMs: options.faultDwellMs });
    this.leanLatch = faultLatch(options.leanFaultDeg);
    // Fed the hip turn as a fraction of its threshold, which differs between 3D and 2D.
    this.hipLatch = faultLatch(1);
    this.headLatch = faultLatch(options.headExcessDeg);
  }

  /** The user's own calibrated neutral, once there is one. */
  get neutral(): Readonly<TwistNeutral> | undefined {
    return this.finder.own;
  }

  reset(): void {
    this.reps = { total: 0, left: 0, right: 0 };
    this.lastTwistSide = undefined;
    this.lastRepSide = undefined;
    this.presence.reset();
    this.wrongSinceMs = undefined;
    this.phase = 'calibrating';
    this.hipsAreReference = false;
    this.finder.reset();
    this.smoother.reset();
    this.abortTwist();
  }

  /**
   * For a single photo, where there is no neutral moment to calibrate from: measure against a
   * typical body, with the HIPS as the reference (a photo may be taken from any angle, so the
   * hips facing away from the camera is not a wrong view). Meant for 3D points, where the twist
   * is the shoulders' yaw against the hips' and needs no baseline; in 2D the typical widths
   * stand in for the user's own, which is rough (people differ by ±15 %).
   */
  assumeTypicalBaseline(): void {
    this.recalibrate();
    this.finder.assumeTypical();
    this.hipsAreReference = true;
    this.armed = true;
    this.phase = 'neutral';
  }

  /**
   * Forgets the neutral and calibrates again from the next frames (e.g. after moving the
   * camera). Rep counts are kept; a twist in progress is dropped.
   */
  recalibrate(): void {
    this.finder.recalibrate();
    this.smoother.reset();
    this.abortTwist();
  }

  /** Out of the position, or someone else in view: the twist in progress is dropped. */
  interrupt(): void {
    this.abortTwist();
  }

  /** The session or clip ends: a twist whose hold was completed counts, though not back at centre yet. */
  finish(tMs: number): { events: CheckerEvent[]; reps: RepCounts } {
    const events: CheckerEvent[] = [];
    const exc = this.excursion;
    if (exc?.completed) this.countRep(exc, tMs, events, undefined);
    this.excursion = undefined;
    return { events, reps: this.reps };
  }

  step(frame: PoseFrame): TwistOutput {
    const { tMs } = frame;
    const { options } = this;
    const events: CheckerEvent[] = [];
    const { reading, missing } = readTorso(frame, options.minScore);

    if (!reading) {
      this.wrongSinceMs = undefined;
      const state = this.finder.miss(tMs);
      // Ride out a brief dropout: phase, latches and hold timer all keep. The latches are not
      // stepped at all (not even with `undefined`, which would restart their dwell): with a
      // few % of keypoints dropped per frame, a 200 ms dwell would rarely see six measured
      // frames in a row and "back at centre" would go unseen.
      const gone = this.presence.miss(tMs);
      if (gone.out) {
        if (gone.left) events.push({ type: 'outOfFrame', tMs, missing });
        this.abortTwist();
        this.setPhase('out-of-frame', tMs, events);
      }
      return this.output(tMs, null, null, this.presence.inFrame ? null : TWIST_CUES.outOfFrame, events, false, state);
    }
    if (this.presence.see()) events.push({ type: 'backInFrame', tMs });

    const smooth = this.smoother.step(reading, tMs);
    const reference = this.hipsAreReference ? 'hips' : 'neutral';
    this.finder.observe(reading, smooth.shoulderRatio);
    const before = this.finder.current;
    let m = measureTwist(reading, smooth, before, options, reference);
    // A still moment may set (or re-anchor) the neutral only at centre. Before the user's own
    // neutral, 3D has only the camera to compare with, so a user sitting at a slight angle
    // could never be "at centre": there the calibration's own checks (shoulders within 30° of
    // the camera and square to the hips, held still) decide.
    const atCentre = !this.excursion && ((m.method === '3d' && !this.finder.own) || m.depth < options.centreDeg);
    const state = this.finder.step(reading, tMs, atCentre);
    if (state.neutral !== before) m = measureTwist(reading, smooth, state.neutral, options, reference);
    if (this.hipsAreReference) m.hipTurn = 0;

    const wrong = this.wrongView(m, reading.shoulderRatio, reading.threeD?.torsoTiltDeg ?? reading.torsoTiltDeg);
    if (wrong) {
      this.wrongSinceMs ??= tMs;
      if (tMs - this.wrongSinceMs >= options.wrongViewDwellMs) {
        this.abortTwist();
        this.setPhase('wrong-view', tMs, events);
      }
      return this.output(tMs, null, m.method, this.phase === 'wrong-view' ? this.wrongViewCue(wrong) : null, events, false, state);
    }
    this.wrongSinceMs = undefined;
    return this.track(m, tMs, events, state);
  }

  /**
   * Not upright; a "twist" too deep to be one; or side-on to the camera at centre before the
   * user has a neutral of their own (a deep twist looks side-on too, so not while twisting).
   */
  private wrongView(m: TwistMeasures, shoulderRatio: number, torsoTiltDeg: number): WrongViewReason | undefined {
    const { options } = this;
    if (torsoTiltDeg > options.maxTorsoTiltDeg) return 'not-upright';
    if (m.depth > options.maxTwistDeg) return 'side-on';
    if (this.hipsAreReference || this.finder.own || this.excursion) return undefined;
    const sideOn = m.shoulderYawToCamera !== undefined ? m.shoulderYawToCamera > options.sideOnYawDeg : shoulderRatio < options.sideOnShoulderRatio;
    return sideOn && !this.armed ? 'side-on' : undefined;
  }

  // ── twisting ─────────────────────────────────────────────────────────────────────────────

  private track(m: TwistMeasures, tMs: number, events: CheckerEvent[], state: NeutralState): TwistOutput {
    const { options } = this;
    if (m.depth <= options.centreDeg) this.armed = true;
    if (m.depth < options.turnEnterDeg) this.belowTurnSinceMs ??= tMs;
    else this.belowTurnSinceMs = undefined;
    let turning = this.turnLatch.step(m.depth, tMs);
    if (turning && this.belowTurnSinceMs !== undefined && tMs - this.belowTurnSinceMs >= options.centreSettleMs) {
      this.turnLatch.reset();
      turning = false;
    }
    const holding = this.holdLatch.step(m.depth, tMs);

    if (!this.excursion) {
      if (m.depth > options.centreDeg) {
        if (m.evidence !== undefined) {
          this.evidenceSum += m.evidence;
          this.evidenceN++;
        }
      } else {
        this.evidenceSum = 0;
        this.evidenceN = 0;
      }
      if (turning && this.armed) this.startTwist(m, tMs, events);
    }

    const exc = this.excursion;
    if (exc) {
      if (!turning) {
        this.endTwist(exc, m, tMs, events);
      } else {
        exc.peakDepth = Math.max(exc.peakDepth, m.depth);
        this.reviewSide(exc, m, tMs, events);
        this.trackHold(exc, holding, tMs, events);
        this.trackBounce(exc, m.depth, tMs, events);
      }
    }

    const current = this.excursion;
    this.setPhase(current ? (current.side === 'left' ? 'twist-left' : 'twist-right') : state.calibrating ? 'calibrating' : 'neutral', tMs, events);
    this.trackFaults(m, tMs, events);

    const metric = m.signedTwist ?? this.sideSign(current, m.evidence) * m.depth;
    const cue = !current && state.calibrating ? this.calibrationCue(state.issue) : this.cue(tMs, turning);
    return this.output(tMs, metric, m.method, cue, events, true, state);
  }

  /**
   * The 2D metric's sign: the twist's side; between twists the direction evidence when it says
   * something (≥ 1°), else the last twist's side, so the small residual depth on the way back
   * to centre keeps the sign it had.
   */
  private sideSign(exc: Excursion | undefined, evidence: number | undefined): 1 | -1 {
    const side = exc?.side ?? (evidence !== undefined && Math.abs(evidence) >= 1 ? (evidence > 0 ? 'left' : 'right') : this.lastTwistSide);
    return side === 'right' ? -1 : 1;
  }

  private startTwist(m: TwistMeasures, tMs: number, events: CheckerEvent[]): void {
    // The mean evidence while the depth rose past the centre zone; this frame's as a fallback.
    const evidence = this.evidenceN > 0 ? this.evidenceSum / this.evidenceN : (m.evidence ?? 0);
    const side: Side = evidence >= 0 ? 'left' : 'right';
    if (this.lastTwistSide !== undefined && this.lastTwistSide !== side) events.push({ type: 'sideChanged', tMs, side });
    this.lastTwistSide = side;
    this.excursion = {
      side,
      startMs: tMs,
      peakDepth: m.depth,
      holdStartMs: undefined,
      holdDone: false,
      completed: false,
      sideLocked: false,
      recentEvidence: new TimeEma(this.options.sideEvidenceMs),
      bounceDir: 1,
      bounceExtreme: m.depth,
      reversals: [],
    };
    this.excursion.recentEvidence.reset(evidence, tMs);
    this.evidenceSum = 0;
    this.evidenceN = 0;
  }

  /**
   * Corrects the side of a twist that started on misleading evidence (2D: noise, or the head
   * turned the other way at first), until the first hold starts; from then on the side is fixed.
   */
  private reviewSide(exc: Excursion, m: TwistMeasures, tMs: number, events: CheckerEvent[]): void {
    if (m.evidence === undefined || exc.sideLocked) return;
    const recent = exc.recentEvidence.step(m.evidence, tMs);
    const side: Side = recent >= 0 ? 'left' : 'right';
    if (side === exc.side || Math.abs(recent) < this.options.sideFlipDeg) return;
    exc.side = side;
    this.lastTwistSide = side;
    events.push({ type: 'sideChanged', tMs, side });
  }

  /** Back at centre: a rep if some hold in this twist was completed. */
  private endTwist(exc: Excursion, m: TwistMeasures, tMs: number, events: CheckerEvent[]): void {
    if (exc.completed) this.countRep(exc, tMs, events, m);
    this.excursion = undefined;
    this.holdLatch.reset();
  }

  private countRep(exc: Excursion, tMs: number, events: CheckerEvent[], m: TwistMeasures | undefined): void {
    const side = exc.side;
    this.reps = { ...this.reps, total: this.reps.total + 1, [side]: this.reps[side] + 1 };
    this.lastRepSide = side;
    const sign = side === 'left' ? 1 : -1;
    events.push({
      type: 'repCompleted',
      tMs,
      repIndex: this.reps.total,
      side,
      peakMetric: sign * exc.peakDepth,
      troughMetric: m ? (m.signedTwist ?? sign * m.depth) : sign * exc.peakDepth,
      durationMs: tMs - exc.startMs,
    });
  }

  private trackHold(exc: Excursion, holding: boolean, tMs: number, events: CheckerEvent[]): void {
    if (holding && exc.holdStartMs === undefined) {
      exc.holdStartMs = tMs;
      exc.sideLocked = true;
      exc.holdDone = false;
      events.push({ type: 'holdStarted', tMs, side: exc.side });
    } else if (!holding && exc.holdStartMs !== undefined) {
      // Left the band: finished if holdDone, else broken (no event, no rep from this hold).
      exc.holdStartMs = undefined;
      exc.holdDone = false;
    }
    if (exc.holdStartMs !== undefined && !exc.holdDone && tMs - exc.holdStartMs >= this.options.holdMs) {
      exc.holdDone = true;
      exc.completed = true;
      events.push({ type: 'holdCompleted', tMs, side: exc.side, durationMs: tMs - exc.holdStartMs });
    }
  }

  /** Zigzag on the depth: a reversal is a move of > bounceMinDeg back from the last extreme. */
  private trackBounce(exc: Excursion, depth: number, tMs: number, events: CheckerEvent[]): void {
    const { options } = this;
    // Only while really twisted: near the centre the 2D depth (acos) is too noisy to read
    // direction changes of a few degrees.
    if (depth < options.holdExitDeg) return;
    const travel = exc.bounceDir * (depth - exc.bounceExtreme);
    if (travel > 0) {
      exc.bounceExtreme = depth;
      return;
    }
    if (-travel <= options.bounceMinDeg) return;
    exc.bounceDir = exc.bounceDir === 1 ? -1 : 1;
    exc.bounceExtreme = depth;
    exc.reversals = exc.reversals.filter((t) => tMs - t <= options.bounceWindowMs && t <= tMs);
    exc.reversals.push(tMs);
    if (exc.reversals.length >= options.bounceReversals) {
      // Reported once per bout; each further reversal keeps the cue up a while longer.
      if (tMs >= this.gentleUntilMs) events.push({ type: 'formFault', tMs, fault: 'bouncing' satisfies TwistFault });
      this.gentleUntilMs = tMs + options.gentleCueMs;
    }
  }

  private trackFaults(m: TwistMeasures, tMs: number, events: CheckerEvent[]): void {
    const exc = this.excursion;
    const report = (latch: HysteresisLatch, value: number | undefined, fault: TwistFault) => {
      const was = latch.on;
      if (latch.step(value, tMs) && !was) events.push({ type: 'formFault', tMs, fault });
    };
    report(this.leanLatch, m.lean, 'lean');
    // Hips only matter while twisting, and only turning as far as the shoulders have: the
    // whole body turned. (Against the twist's peak: on the way back the smoothed hip width
    // lags the shoulders'.)
    const shoulderTurn = Math.max(m.shoulderTurn2D, exc?.peakDepth ?? 0);
    const hipThreshold = Math.max(this.options.hipFaultDeg, this.options.hipFaultShare * shoulderTurn);
    report(this.hipLatch, exc ? m.hipTurn / hipThreshold : 0, 'hips-turning');
    // How far the head is turned beyond the shoulders, in the head's direction. Checked only
    // below the hold band: at a good depth, looking over the shoulder is part of the stretch.
    let headExcess: number | undefined;
    if (m.headYaw !== undefined) {
      const headSign = m.headYaw >= 0 ? 1 : -1;
      const shoulderYaw = m.shoulderYaw ?? (exc ? (exc.side === 'left' ? 1 : -1) * m.depth : headSign * m.depth);
      headExcess = exc?.holdStartMs !== undefined ? 0 : Math.abs(m.headYaw) - Math.max(0, headSign * shoulderYaw);
    }
    report(this.headLatch, headExcess, 'head-only');
  }

  // ── cues and output ──────────────────────────────────────────────────────────────────────

  private cue(tMs: number, turning: boolean): Cue | null {
    const seated = this.options.posture === 'seated';
    if (tMs < this.gentleUntilMs) return TWIST_CUES.gently;
    if (this.leanLatch.on) return seated ? TWIST_CUES.sitTall : TWIST_CUES.standTall;
    if (this.hipLatch.on) return TWIST_CUES.hipsSquare;
    if (this.headLatch.on) return TWIST_CUES.upperBack;
    const exc = this.excursion;
    if (exc) {
      if (exc.completed) return TWIST_CUES.backToCentre;
      if (exc.holdStartMs !== undefined) return TWIST_CUES.hold;
      // Give the movement a moment to arrive before asking for more.
      return tMs - exc.startMs >= this.options.twistFurtherAfterMs ? TWIST_CUES.twistFurther : null;
    }
    // Turned, but the start of it was not seen (or the user sits turned away): face the camera first.
    if (turning && !this.armed) return TWIST_CUES.faceCamera;
    if (!this.lastRepSide) return TWIST_CUES.begin;
    return this.lastRepSide === 'left' ? TWIST_CUES.otherSideRight : TWIST_CUES.otherSideLeft;
  }

  /** What to tell a user whose calibration is not getting on. */
  private calibrationCue(issue: CalibrationIssue | undefined): Cue {
    const seated = this.options.posture === 'seated';
    switch (issue) {
      case 'moving':
        return TWIST_CUES.holdStill;
      case 'not-facing':
        return TWIST_CUES.faceCamera;
      case 'not-upright':
        return seated ? TWIST_CUES.sitUpright : TWIST_CUES.standUpright;
      case 'head-turned':
        return TWIST_CUES.lookAtCamera;
      default:
        return TWIST_CUES.calibrate;
    }
  }

  private wrongViewCue(reason: WrongViewReason): Cue {
    if (reason === 'side-on') return TWIST_CUES.faceCamera;
    return this.options.posture === 'seated' ? TWIST_CUES.sitUpright : TWIST_CUES.standUpright;
  }

  /** Drops the twist in progress (out of frame, wrong view, recalibration): no hold, no rep; the next must start from centre. */
  private abortTwist(): void {
    this.excursion = undefined;
    this.armed = false;
    this.evidenceSum = 0;
    this.evidenceN = 0;
    this.belowTurnSinceMs = undefined;
    this.gentleUntilMs = -Infinity;
    for (const latch of [this.turnLatch, this.holdLatch, this.leanLatch, this.hipLatch, this.headLatch]) latch.reset();
  }

  private setPhase(next: TwistPhase, tMs: number, events: CheckerEvent[]): void {
    if (next === this.phase) return;
    events.push({ type: 'phaseChanged', tMs, from: this.phase, to: next });
    this.phase = next;
  }

  private output(
    tMs: number,
    metric: number | null,
    method: TwistMethod | null,
    cue: Cue | null,
    events: CheckerEvent[],
    counting: boolean,
    state: NeutralState,
  ): TwistOutput {
    const exc = this.excursion;
    const output: TwistOutput = {
      tMs,
      phase: this.phase,
      metric,
      cue,
      events,
      reps: this.reps,
      holdMs: exc?.holdStartMs !== undefined ? tMs - exc.holdStartMs : 0,
      counting,
      side: exc?.side ?? null,
      method,
    };
    output.baseline = state.source;
    if (state.calibrating && !exc) {
      output.calibrationRemainingMs = state.remainingMs;
      if (state.issue) output.calibrationIssue = state.issue;
    }
    return output;
  }
}
