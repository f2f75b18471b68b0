/**
 * The twist depth of one frame against a neutral pose, in degrees, SIGNED: positive = the
 * user's OWN left, negative = their right. Pure (the smoother keeps a little state).
 *
 * The depth is how far the SHOULDER LINE has turned from where it faced at the neutral:
 *
 * - 3D (BlazePose: `frame.keypoints3D` has both shoulders). The yaw of the shoulder line on
 *   the horizontal (x–z) plane, minus its yaw at the neutral (without one yet: minus 0, the
 *   camera, which a user starting out faces). It carries its own sign.
 *   Not against the hips: on the real seated-twist clip BlazePose's world points turn the
 *   hips, knees and even ankles along with the shoulders (hips −50° for shoulders −57°, knees
 *   −71°) while the feet stay planted in the picture, so shoulders-minus-hips read a deep
 *   twist as 7°. Only a single photo, with no neutral to compare with, is measured against
 *   the hips (`reference: 'hips'`).
 * - 2D (MoveNet, or any frame without 3D torso points). A front camera cannot see depth, but a
 *   shoulder line turned by θ looks cos θ as wide. So depth = acos(w / w₀), where w is the
 *   shoulder distance divided by the torso length (shoulder midpoint to hip midpoint: it does
 *   not change with the twist, so distance to the camera cancels out) and w₀ is the same ratio
 *   at the neutral. The Euclidean distance is used, not the horizontal one, so a sideways lean
 *   does not read as a twist. acos is steep near 0°, so small angles are noisy (the centre and
 *   turn thresholds sit at 10–15° for that reason, with hysteresis and dwell). The width has
 *   no sign; the direction comes from the NOSE's offset from the shoulder midpoint (see
 *   `headYaw2D`).
 *
 * The hips are judged in 2D on both paths (their width against the neutral's), and only as a
 * share of the shoulders' turn: the models narrow the hips too when the shoulders turn (to
 * 0.74 of the shoulders' turn on the real clip), so only hips turning as far as the shoulders
 * mean the whole body turned.
 */
import { TimeEma } from '../../filters/time-ema';
import { acosDeg, asinDeg, wrapDeg } from '../../geometry/angles';
import type { TwistMethod, TwistOptions } from './options';
import type { TorsoReading } from './reading';

/** A neutral pose. 2D values are ratios to the torso length. */
export interface TwistNeutral {
  shoulderRatio: number;
  hipRatio: number;
  shoulderDrop: number;
  noseShift: number;
  threeD?: { twistOffsetDeg: number; shoulderYawDeg: number; hipYawDeg: number; shoulderTiltDeg: number; headYawDeg: number | undefined };
}

/**
 * A typical adult facing the camera square-on, for when there is no neutral of the user's own
 * yet (one photo; the first seconds of a user who starts moving at once). Shoulder-joint
 * distance ≈ 0.75 and hip-joint distance ≈ 0.5 of the torso length on MoveNet and BlazePose
 * keypoints; level shoulders, nose centred. No 3D part: the 3D twist is then shoulder yaw
 * minus hip yaw, baseline-free.
 */
export const TYPICAL_NEUTRAL: Readonly<TwistNeutral> = { shoulderRatio: 0.75, hipRatio: 0.5, shoulderDrop: 0, noseShift: 0 };

/** This frame's measurements against the neutral. All angles in degrees, signed + = left. */
export interface TwistMeasures {
  method: TwistMethod;
  /** Unsigned twist depth. */
  depth: number;
  /** Signed twist in 3D; undefined in 2D (the sign comes from the direction evidence). */
  signedTwist: number | undefined;
  /** Per-frame direction evidence, degrees, + = left. 3D: the twist itself; 2D: the head yaw from the nose. */
  evidence: number | undefined;
  /** Shoulder line yaw against the neutral (3D); undefined in 2D, where it is the depth with the twist's sign. */
  shoulderYaw: number | undefined;
  /** Head yaw against the neutral, signed. */
  headYaw: number | undefined;
  /** Change of the shoulder line's tilt, unsigned. */
  lean: number;
  /** Hip turn against neutral from the 2D hip width, unsigned. */
  hipTurn: number;
  /** The shoulders' turn from the 2D width, unsigned (what the hip turn is compared with). */
  shoulderTurn2D: number;
  /** Shoulder line's yaw against the camera (3D), unsigned. */
  shoulderYawToCamera: number | undefined;
}

/** The noisy inputs of the depth, smoothed over time. */
export interface SmoothedTorso {
  shoulderRatio: number;
  hipRatio: number;
  shoulderYawDeg: number | undefined;
  hipYawDeg: number | undefined;
}

/**
 * Smooths the depth's inputs. In 2D the widths are divided by a slowly smoothed torso length
 * (the body's scale only changes when the user moves nearer or further), so the hip points'
 * noise in the torso length does not reach the depth.
 */
export class TorsoSmoother {
  private readonly scale: TimeEma;
  private readonly shoulderWidth: TimeEma;
  private readonly hipWidth: TimeEma;
  private readonly shoulderYaw: TimeEma;
  private readonly hipYaw: TimeEma;

  constructor(options: Pick<TwistOptions, 'smoothingMs' | 'hipSmoothingMs' | 'scaleSmoothingMs'>) {
    this.scale = new TimeEma(options.scaleSmoothingMs);
    this.shoulderWidth = new TimeEma(options.smoothingMs);
    this.hipWidth = new TimeEma(options.hipSmoothingMs);
    this.shoulderYaw = new TimeEma(options.smoothingMs);
    this.hipYaw = new TimeEma(options.smoothingMs);
  }

  step(reading: TorsoReading, tMs: number): SmoothedTorso {
    const scale = this.scale.step(reading.torsoLength, tMs);
    const r3 = reading.threeD;
    return {
      shoulderRatio: this.shoulderWidth.step(reading.shoulderWidth, tMs) / scale,
      hipRatio: this.hipWidth.step(reading.hipWidth, tMs) / scale,
      shoulderYawDeg: r3 ? this.shoulderYaw.step(r3.shoulderYawDeg, tMs) : undefined,
      hipYawDeg: r3 ? this.hipYaw.step(r3.hipYawDeg, tMs) : undefined,
    };
  }

  reset(): void {
    for (const ema of [this.scale, this.shoulderWidth, this.hipWidth, this.shoulderYaw, this.hipYaw]) ema.reset();
  }
}

/**
 * Direction in 2D: the nose's sideways offset from the shoulder midpoint, measured along the
 * shoulder line, minus its neutral offset, read as a head yaw: asin(offset / nose reach).
 * Why this signal:
 * - in a twist the head rides on the turning thorax: even held square to the chest, the nose
 *   (≈ 11 cm in front of the neck's axis) moves sideways by ≈ 0.3 shoulder widths × sin θ,
 *   and people nearly always turn the head the same way as well (the seated twist even looks
 *   over the shoulder), which only adds to it;
 * - the nose is the steadiest point MoveNet gives from the front; ears drop out as the head turns;
 * - the alternative, comparing the left and right shoulder-to-hip extents, relies on
 *   perspective (the nearer shoulder looks a few % wider): a twist about the spine projects
 *   symmetrically in an orthographic view, so that signal drowns in keypoint noise;
 * - measuring along the shoulder line (not along image x) keeps a sideways lean from
 *   reading as a turn.
 * It fails only if the user turns the face back towards the camera while twisting. The checker
 * therefore decides a twist's side from the MEAN evidence since the depth left the centre zone,
 * corrects it if the recent evidence clearly disagrees while the twist is still below the hold
 * band, and keeps it from the start of the hold until the user is back at centre: the shoulders
 * cannot go from one side to the other without passing through full width.
 */
export function headYaw2D(reading: TorsoReading, neutral: TwistNeutral, options: Pick<TwistOptions, 'noseReachShoulderWidths'>): number | undefined {
  if (reading.noseShift === undefined) return undefined;
  const shiftShoulderWidths = (reading.noseShift - neutral.noseShift) / neutral.shoulderRatio;
  return asinDeg(shiftShoulderWidths / options.noseReachShoulderWidths);
}

/** What the 3D twist is measured against: the shoulders' own neutral direction, or (one photo) the hips. */
export type TwistReference = 'neutral' | 'hips';

export function measureTwist(
  reading: TorsoReading,
  smooth: SmoothedTorso,
  neutral: TwistNeutral,
  options: Pick<TwistOptions, 'noseReachShoulderWidths'>,
  reference: TwistReference = 'neutral',
): TwistMeasures {
  const head2D = headYaw2D(reading, neutral, options);
  const w0 = neutral.shoulderRatio;
  const shoulderTurn2D = acosDeg(smooth.shoulderRatio / w0);
  const hipTurn = acosDeg(smooth.hipRatio / neutral.hipRatio);
  const r = reading.threeD;
  if (r && smooth.shoulderYawDeg !== undefined && smooth.hipYawDeg !== undefined) {
    const n = neutral.threeD ?? { twistOffsetDeg: 0, shoulderYawDeg: 0, hipYawDeg: 0, shoulderTiltDeg: 0, headYawDeg: 0 };
    const twist = wrapDeg(smooth.shoulderYawDeg - (reference === 'hips' ? smooth.hipYawDeg : n.shoulderYawDeg));
    const headYaw = r.headYawDeg !== undefined && n.headYawDeg !== undefined ? wrapDeg(r.headYawDeg - n.headYawDeg) : head2D;
    return {
      method: '3d',
      depth: Math.abs(twist),
      signedTwist: twist,
      evidence: twist,
      shoulderYaw: twist,
      headYaw,
      lean: Math.abs(r.shoulderTiltDeg - n.shoulderTiltDeg),
      hipTurn,
      shoulderTurn2D,
      shoulderYawToCamera: Math.abs(wrapDeg(smooth.shoulderYawDeg)),
    };
  }
  return {
    method: '2d',
    depth: shoulderTurn2D,
    signedTwist: undefined,
    evidence: head2D,
    shoulderYaw: undefined,
    headYaw: head2D,
    // The vertical drop between the shoulders is W·sin(tilt) whatever the twist, so dividing
    // by the neutral width (not the foreshortened one) reads the tilt without twist error.
    lean: Math.abs(asinDeg(reading.shoulderDrop / w0) - asinDeg(neutral.shoulderDrop / w0)),
    hipTurn,
    shoulderTurn2D,
    shoulderYawToCamera: undefined,
  };
}
