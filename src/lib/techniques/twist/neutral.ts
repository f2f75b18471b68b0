/**
 * Finding the user's neutral pose for the twist, without ever stalling. Pure; time comes from
 * the frames.
 *
 * - Calibration: the first `calibrationMs` of frames that are upright, level, not twisted,
 *   facing the camera (within 30°) and steady set the neutral (the
 *   window's mean, steadier than any one frame). Each frame that is not good enough says why
 *   (`CalibrationIssue`), so the page can tell the user what to change.
 * - Before that, the twist is still measured, against a provisional neutral: in 3D a typical
 *   body's (shoulders square to the hips: the 3D twist needs no baseline); in 2D the widest
 *   the shoulders have looked while facing the camera (a twist only narrows them). A user who
 *   starts twisting at once is therefore still coached and counted.
 * - After `calibrationFallbackMs` in view without a steady moment, the provisional neutral is
 *   used as the baseline (`source: 'typical'`) and calibration stops holding the phase; a
 *   later still moment at centre still calibrates (the user is re-anchored on their own
 *   neutral when they come back to centre). Once calibrated, the neutral stays until the user
 *   asks to re-calibrate: re-anchoring on every pause could creep with a slow return.
 */
import { TimeEma } from '../../filters/time-ema';
import { asinDeg, wrapDeg } from '../../geometry/angles';
import type { BaselineSource, CalibrationIssue } from '../types';
import { TYPICAL_NEUTRAL, type TwistNeutral } from './measure';
import type { TwistOptions } from './options';
import type { TorsoReading } from './reading';

export interface NeutralState {
  /** The neutral to measure against now (the user's own, or the provisional one). */
  neutral: TwistNeutral;
  source: BaselineSource;
  /** Still looking for the first neutral, within the fallback time: the phase is `calibrating` at centre. */
  calibrating: boolean;
  /** Time the current still window still needs. */
  remainingMs: number;
  /** What kept this frame from calibrating (undefined when it counted towards the window). */
  issue: CalibrationIssue | undefined;
}

interface Window {
  startMs: number;
  n: number;
  sums: { shoulderRatio: number; hipRatio: number; shoulderDrop: number; noseShift: number; noseN: number; midX: number; midY: number; torsoLength: number };
  n3D: number;
  sums3D: { twistOffsetDeg: number; shoulderYawDeg: number; hipYawDeg: number; shoulderTiltDeg: number; headYawDeg: number; headN: number };
}

type CalibrationLimits = Pick<
  TwistOptions,
  | 'calibrationMs'
  | 'calibrationMinFrames'
  | 'calibrationFallbackMs'
  | 'calibrationSteadyTolerance'
  | 'calibrationSteadyYawDeg'
  | 'calibrationMaxDriftRatio'
  | 'calibrationBreakMs'
  | 'calibrationMaxTiltDeg'
  | 'calibrationMaxTilt3DDeg'
  | 'calibrationMinShoulderRatio'
  | 'calibrationMaxTwistDeg'
  | 'calibrationMaxYawDeg'
  | 'calibrationMaxHeadYawDeg'
  | 'calibrationMaxHeadShift'
  | 'smoothingMs'
>;

/** Why a frame is not a neutral pose, or undefined when it is one (steadiness is judged separately). */
export function calibrationIssueOf(reading: TorsoReading, limits: CalibrationLimits): CalibrationIssue | undefined {
  const r3 = reading.threeD;
  const shoulderTiltDeg = r3?.shoulderTiltDeg ?? asinDeg(reading.shoulderDrop / reading.shoulderRatio);
  if (reading.torsoTiltDeg > limits.calibrationMaxTiltDeg || (r3 && r3.torsoTiltDeg > limits.calibrationMaxTilt3DDeg)) return 'not-upright';
  if (Math.abs(shoulderTiltDeg) > limits.calibrationMaxTiltDeg) return 'not-upright';
  if (r3) {
    if (Math.abs(r3.shoulderYawDeg) > limits.calibrationMaxYawDeg || Math.abs(r3.hipYawDeg) > limits.calibrationMaxYawDeg) return 'not-facing';
    if (Math.abs(wrapDeg(r3.shoulderYawDeg - r3.hipYawDeg)) > limits.calibrationMaxTwistDeg) return 'not-facing';
    if (r3.headYawDeg !== undefined && Math.abs(wrapDeg(r3.headYawDeg - r3.shoulderYawDeg)) > limits.calibrationMaxHeadYawDeg) return 'head-turned';
    return undefined;
  }
  // 2D: only a square-on view gives the neutral width; the nose says where the head points.
  if (reading.shoulderRatio < limits.calibrationMinShoulderRatio) return 'not-facing';
  if (reading.noseShift !== undefined && Math.abs(reading.noseShift / reading.shoulderRatio) > limits.calibrationMaxHeadShift) return 'head-turned';
  return undefined;
}

export class NeutralFinder {
  private calibrated: TwistNeutral | undefined;
  private fixed: TwistNeutral | undefined;
  private window: Window | undefined;
  private offPoseSinceMs: number | undefined;
  /** Time the person has been in view while there was no calibrated neutral. */
  private lookingMs = 0;
  private lastSeenMs: number | undefined;
  /** 2D: the widest facing shoulders seen so far (smoothed ratio) and the frame's other values. */
  private widest: TwistNeutral | undefined;
  /** The 2D shoulder ratio, smoothed, for the steadiness check. */
  private readonly ratio: TimeEma;

  constructor(private readonly limits: CalibrationLimits) {
    this.ratio = new TimeEma(limits.smoothingMs);
  }

  /** The neutral in use now: the user's own, else the provisional one. */
  get current(): TwistNeutral {
    return this.fixed ?? this.calibrated ?? this.widest ?? TYPICAL_NEUTRAL;
  }

  /** The user's own neutral, once there is one. */
  get own(): Readonly<TwistNeutral> | undefined {
    return this.fixed ? undefined : this.calibrated;
  }

  /**
   * Notes a frame's 2D shoulders (`smoothedShoulderRatio`: the checker's smoothed ratio) for
   * the widest-shoulders estimate, before the frame is measured against `current`.
   */
  observe(reading: TorsoReading, smoothedShoulderRatio: number): void {
    if (this.fixed || this.calibrated) return;
    const poseIssue = calibrationIssueOf(reading, this.limits);
    if (poseIssue === undefined || poseIssue === 'head-turned') this.noteWidest(reading, smoothedShoulderRatio);
  }

  /**
   * One frame with the torso in view, after `observe`. `atCentre`: no twist in progress and
   * the depth at centre, so a still moment now may set the neutral.
   */
  step(reading: TorsoReading, tMs: number, atCentre: boolean): NeutralState {
    const { limits } = this;
    if (this.fixed || this.calibrated) return this.state(undefined);
    if (this.lastSeenMs !== undefined && tMs > this.lastSeenMs) this.lookingMs += Math.min(tMs - this.lastSeenMs, 250);
    this.lastSeenMs = tMs;

    const poseIssue = calibrationIssueOf(reading, limits);
    const ratio = this.ratio.step(reading.shoulderRatio, tMs);
    // A twist in progress (against the neutral used now) is no neutral: the window waits for
    // the user to come back to centre. A 2D twist held still could otherwise pass for one.
    const issue = poseIssue ?? (atCentre ? this.steadinessIssue(reading, ratio, tMs) : 'moving');
    if (issue !== undefined) {
      // Only a change that lasts restarts the countdown: one noisy frame cannot keep the user calibrating.
      this.offPoseSinceMs ??= tMs;
      if (tMs - this.offPoseSinceMs >= limits.calibrationBreakMs) this.window = undefined;
      return this.state(issue, tMs);
    }
    this.offPoseSinceMs = undefined;
    if (!this.window || tMs < this.window.startMs) this.window = openWindow(tMs);
    accumulate(this.window, reading);
    // A whole second of frames, and enough of them: a slow first frame (the model warming up)
    // must not make a still second out of two frames.
    if (tMs - this.window.startMs >= limits.calibrationMs && this.window.n >= limits.calibrationMinFrames) {
      this.calibrated = closeWindow(this.window);
      this.window = undefined;
    }
    return this.state(undefined, tMs);
  }

  /** No torso this frame: the still window is broken, the fallback clock waits. */
  miss(tMs: number): NeutralState {
    this.lastSeenMs = undefined;
    if (this.fixed || this.calibrated) return this.state(undefined);
    this.offPoseSinceMs ??= tMs;
    if (tMs - this.offPoseSinceMs >= this.limits.calibrationBreakMs) this.window = undefined;
    return this.state('body-not-in-view', tMs);
  }

  /** A photo: no still moment to calibrate from; a typical body stands in for good. */
  assumeTypical(): void {
    this.reset();
    this.fixed = { ...TYPICAL_NEUTRAL };
  }

  /** Forget the neutral and look again (after moving the camera, say). */
  recalibrate(): void {
    this.calibrated = undefined;
    this.fixed = undefined;
    this.window = undefined;
    this.offPoseSinceMs = undefined;
    this.lookingMs = 0;
    this.lastSeenMs = undefined;
    this.widest = undefined;
    this.ratio.reset();
  }

  reset(): void {
    this.recalibrate();
  }

  private state(issue: CalibrationIssue | undefined, tMs?: number): NeutralState {
    const neutral = this.current;
    const source: BaselineSource = this.calibrated && !this.fixed ? 'calibrated' : 'typical';
    const calibrating = !this.fixed && !this.calibrated && this.lookingMs < this.limits.calibrationFallbackMs;
    const remainingMs = this.window && tMs !== undefined ? Math.max(0, this.limits.calibrationMs - (tMs - this.window.startMs)) : this.limits.calibrationMs;
    return { neutral, source, calibrating, remainingMs, issue };
  }

  /** Still the same pose: close to the running mean of the window so far (not its first frame, which may be an outlier). */
  private steadinessIssue(reading: TorsoReading, smoothedRatio: number, tMs: number): CalibrationIssue | undefined {
    const window = this.window;
    if (!window || window.n === 0 || tMs < window.startMs) return undefined;
    const { limits } = this;
    const { n, sums } = window;
    const torsoLength = sums.torsoLength / n;
    const drift = Math.hypot(reading.shoulderMid.x - sums.midX / n, reading.shoulderMid.y - sums.midY / n) / torsoLength;
    if (drift > limits.calibrationMaxDriftRatio) return 'moving';
    const yaw3D = reading.threeD?.shoulderYawDeg;
    if (yaw3D !== undefined && window.n3D > 0) {
      return Math.abs(yaw3D - window.sums3D.shoulderYawDeg / window.n3D) <= limits.calibrationSteadyYawDeg ? undefined : 'moving';
    }
    return Math.abs(smoothedRatio / (sums.shoulderRatio / n) - 1) <= limits.calibrationSteadyTolerance ? undefined : 'moving';
  }

  private noteWidest(reading: TorsoReading, smoothedShoulderRatio: number): void {
    if (this.widest && smoothedShoulderRatio <= this.widest.shoulderRatio) return;
    this.widest = {
      shoulderRatio: smoothedShoulderRatio,
      hipRatio: reading.hipRatio,
      shoulderDrop: reading.shoulderDrop,
      noseShift: reading.noseShift ?? 0,
    };
  }
}

function openWindow(tMs: number): Window {
  return {
    startMs: tMs,
    n: 0,
    sums: { shoulderRatio: 0, hipRatio: 0, shoulderDrop: 0, noseShift: 0, noseN: 0, midX: 0, midY: 0, torsoLength: 0 },
    n3D: 0,
    sums3D: { twistOffsetDeg: 0, shoulderYawDeg: 0, hipYawDeg: 0, shoulderTiltDeg: 0, headYawDeg: 0, headN: 0 },
  };
}

function accumulate(window: Window, reading: TorsoReading): void {
  const { sums, sums3D } = window;
  window.n++;
  sums.shoulderRatio += reading.shoulderRatio;
  sums.hipRatio += reading.hipRatio;
  sums.shoulderDrop += reading.shoulderDrop;
  sums.midX += reading.shoulderMid.x;
  sums.midY += reading.shoulderMid.y;
  sums.torsoLength += reading.torsoLength;
  if (reading.noseShift !== undefined) {
    sums.noseShift += reading.noseShift;
    sums.noseN++;
  }
  const r = reading.threeD;
  if (r) {
    window.n3D++;
    sums3D.twistOffsetDeg += wrapDeg(r.shoulderYawDeg - r.hipYawDeg);
    sums3D.shoulderYawDeg += r.shoulderYawDeg;
    sums3D.hipYawDeg += r.hipYawDeg;
    sums3D.shoulderTiltDeg += r.shoulderTiltDeg;
    if (r.headYawDeg !== undefined) {
      sums3D.headYawDeg += r.headYawDeg;
      sums3D.headN++;
    }
  }
}

/** The neutral is the window's mean: steadier than any one frame. */
function closeWindow(window: Window): TwistNeutral {
  const { n, sums, n3D, sums3D } = window;
  const neutral: TwistNeutral = {
    shoulderRatio: sums.shoulderRatio / n,
    hipRatio: sums.hipRatio / n,
    shoulderDrop: sums.shoulderDrop / n,
    noseShift: sums.noseN > 0 ? sums.noseShift / sums.noseN : 0,
  };
  if (n3D > 0) {
    neutral.threeD = {
      twistOffsetDeg: sums3D.twistOffsetDeg / n3D,
      shoulderYawDeg: sums3D.shoulderYawDeg / n3D,
      hipYawDeg: sums3D.hipYawDeg / n3D,
      shoulderTiltDeg: sums3D.shoulderTiltDeg / n3D,
      headYawDeg: sums3D.headN > 0 ? sums3D.headYawDeg / sums3D.headN : undefined,
    };
  }
  return neutral;
}
