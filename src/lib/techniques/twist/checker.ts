/**
 * Seated twist and standing rotation, seen from the front. A deterministic step function over
 * frames; time comes only from `frame.tMs`.
 *
 * The metric is the twist depth in degrees, SIGNED: positive = the user's OWN left, negative =
 * their right. The keypoints are not mirrored, so the user's left shoulder is `left_shoulder`
 * and appears on the image right; every "left/right" below is the user's own.
 *
 * Two ways to measure it, chosen per frame:
 *
 * - 3D (BlazePose: `frame.keypoints3D` has both shoulders and both hips). World points are
 *   metres with y down and z away from the camera, so the x–z plane is horizontal. The twist is
 *   the yaw of the shoulder line minus the yaw of the hip line, both projected onto that plane,
 *   minus the same difference at the calibrated neutral. This is the real thoracic rotation:
 *   it does not grow when the whole body turns on the hips, and it carries its own sign.
 * - 2D (MoveNet, or any frame without 3D torso points). A front camera cannot see depth, but a
 *   shoulder line turned by θ looks cos θ as wide. So depth = acos(w / w₀), where w is the
 *   shoulder distance divided by the torso length (shoulder midpoint to hip midpoint: it does
 *   not change with the twist, so distance to the camera cancels out) and w₀ is the same ratio
 *   at the calibrated neutral. The Euclidean distance is used, not the horizontal one, so a
 *   sideways lean does not read as a twist. Limits, by design: this is the shoulders' turn
 *   against the CAMERA, not against the hips (subtracting a hip angle read the same way would
 *   add acos's large noise near 0° to every frame), so hips that swing along are reported as a
 *   fault instead; and acos is steep near 0°, so small angles are noisy (the centre and turn
 *   thresholds sit at 10–15° for that reason, with hysteresis and dwell).
 *   The width has no sign; the direction comes from the NOSE's offset from the shoulder
 *   midpoint, measured along the shoulder line (see `headYaw2D` for why).
 *
 * Calibration comes first: ~2 s of a steady, upright, camera-facing pose records the neutral
 * (shoulder and hip width ratios, shoulder tilt, nose offset, and the 3D yaws when present).
 */
import { HysteresisLatch } from '../../filters/hysteresis';
import { PresenceGate } from '../../filters/presence';
import { TimeEma } from '../../filters/time-ema';
import { acosDeg, asinDeg, RAD_TO_DEG, wrapDeg } from '../../geometry/angles';
import { pick } from '../../geometry/body';
import { distance, midpoint } from '../../geometry/vector';
import type { Keypoint3D, Keypoint3DMap, KeypointName, PoseFrame } from '../../pose/keypoints';
import type { Checker, CheckerEvent, CheckerOutput, Cue, MetricSpec, RepCounts, Side } from '../types';

export type TwistPhase = 'calibrating' | 'neutral' | 'twist-left' | 'twist-right' | 'out-of-frame' | 'wrong-view';

/** Which measurement produced this frame's metric. */
export type TwistMethod = '3d' | '2d';

/**
 * The twist checker's output: the shared CheckerOutput plus what only this checker knows.
 * `calibrationRemainingMs` (CheckerOutput) counts down until the neutral is recorded.
 */
export interface TwistOutput extends CheckerOutput {
  phase: TwistPhase;
  /** The side of the twist in progress, null at centre or when not measured: always present here. */
  side: Side | null;
  method: TwistMethod | null;
}

export interface TwistOptions {
  /** Picks the "sit/stand" wording of the cues. */
  posture: 'seated' | 'standing';
  /** Minimum keypoint score to use a point (2D and 3D). */
  minScore: number;
  /** How long a hold must last to complete, per side. */
  holdMs: number;
  /** The hold band: entered at depth ≥ holdEnterDeg (after holdDwellMs), left at depth ≤ holdExitDeg. */
  holdEnterDeg: number;
  holdExitDeg: number;
  holdDwellMs: number;
  /** A twist (phase twist-left/right) starts at depth ≥ turnEnterDeg held turnDwellMs… */
  turnEnterDeg: number;
  turnDwellMs: number;
  /** …and ends ("back to centre") at depth ≤ centreDeg held centreDwellMs… */
  centreDeg: number;
  centreDwellMs: number;
  /**
   * …or at depth < turnEnterDeg held centreSettleMs: in 2D a neutral width calibrated 1 %
   * too wide reads ~8° at rest, and noise on top can keep a resting user above 10° for good.
   */
  centreSettleMs: number;
  /** Calibration: how long the neutral pose must be held steady. */
  calibrationMs: number;
  /** Calibration steadiness (2D): smoothed shoulder-width ratio within ±this fraction of the window's mean. */
  calibrationSteadyTolerance: number;
  /** Calibration steadiness: the shoulder midpoint may move at most this × torso length from the window's mean. */
  calibrationMaxDriftRatio: number;
  /** Calibration: leaving the neutral pose for this long restarts the countdown (shorter is noise). */
  calibrationBreakMs: number;
  /** Calibration: torso and shoulder line within this of upright / level. */
  calibrationMaxTiltDeg: number;
  /** Calibration: shoulder width ≥ this × torso length (squarely facing the camera). */
  calibrationMinShoulderRatio: number;
  /** Calibration, 3D only: shoulder and hip yaw against the camera within this. */
  calibrationMaxYawDeg: number;
  /** Calibration: nose within this many shoulder widths of the shoulder midpoint (head facing front). */
  calibrationMaxHeadShift: number;
  /** Wrong view before calibration: shoulder width below this × torso length (side-on). */
  sideOnShoulderRatio: number;
  /** Wrong view before calibration, 3D: shoulder yaw beyond this. */
  sideOnYawDeg: number;
  /** Wrong view: torso more than this from vertical (lying down, bent over). */
  maxTorsoTiltDeg: number;
  /** Wrong view after calibration: hips turned more than this (the whole body turned away). */
  maxHipTurnDeg: number;
  /** Wrong view after calibration: a "twist" beyond this is not a twist (shoulders edge-on). */
  maxTwistDeg: number;
  /** A wrong view must last this long before it counts (one odd frame is not a wrong view). */
  wrongViewDwellMs: number;
  /** Faults: sideways lean (shoulder tilt vs neutral), hips turning, head turned beyond the shoulders. */
  leanFaultDeg: number;
  hipFaultDeg: number;
  /**
   * The same in 2D, where the hip turn is acos(hip width / neutral): 15° is only 3.4 % of a
   * width that is itself the noisiest in the frame (hips are small and often covered by
   * hands or crossed legs), so 2D only flags a clear turn (25°: the width 9 % narrower).
   */
  hipFaultDeg2D: number;
  headExcessDeg: number;
  /** A fault must persist this long to be reported; it clears at threshold × faultReleaseRatio. */
  faultDwellMs: number;
  faultReleaseRatio: number;
  /** Bouncing: ≥ bounceReversals direction changes of > bounceMinDeg within bounceWindowMs while twisted. */
  bounceMinDeg: number;
  bounceReversals: number;
  bounceWindowMs: number;
  /** How long the "gently" cue stays after bouncing. */
  gentleCueMs: number;
  /** Twisting this long without reaching the band gets "twist further". */
  twistFurtherAfterMs: number;
  /** Body must be missing this long before the phase says out-of-frame. */
  outOfFrameGraceMs: number;
  /**
   * Time constant (ms) of the checker's own smoothing of the width ratios (2D) and yaws (3D),
   * on top of the pipeline's keypoint smoothing: acos turns 1 % of width noise near neutral
   * into ~8° of depth, so the width needs more calm than the overlay does.
   */
  smoothingMs: number;
  /** Time constant (ms) for the hip width: the noisiest points, and the hip fault can wait. */
  hipSmoothingMs: number;
  /** Time constant (ms) of the torso-length scale: it only changes when the user moves nearer or further. */
  scaleSmoothingMs: number;
  /**
   * Before the hold starts, a twist's side is corrected when the recent direction evidence
   * (smoothed over sideEvidenceMs) points the other way by at least sideFlipDeg. Matters in
   * 2D (head yaw from the nose); in 3D the evidence is the twist itself.
   */
  sideFlipDeg: number;
  sideEvidenceMs: number;
  /**
   * 2D head yaw model: how far the nose sits in front of the neck's turning axis, in shoulder
   * widths (≈ 11 cm for a 36 cm shoulder span). A head yawed ψ moves the nose sideways by
   * this × sin ψ. Anthropometric average; only the head-turn fault depends on it.
   */
  noseReachShoulderWidths: number;
}

const BASE_OPTIONS: Omit<TwistOptions, 'posture' | 'holdMs'> = {
  minScore: 0.3,
  holdEnterDeg: 30,
  holdExitDeg: 22,
  holdDwellMs: 200,
  turnEnterDeg: 15,
  turnDwellMs: 150,
  centreDeg: 10,
  centreDwellMs: 200,
  centreSettleMs: 600,
  calibrationMs: 2000,
  calibrationSteadyTolerance: 0.05,
  calibrationMaxDriftRatio: 0.1,
  calibrationBreakMs: 200,
  calibrationMaxTiltDeg: 12,
  calibrationMinShoulderRatio: 0.45,
  calibrationMaxYawDeg: 25,
  calibrationMaxHeadShift: 0.1,
  sideOnShoulderRatio: 0.3,
  sideOnYawDeg: 55,
  maxTorsoTiltDeg: 35,
  maxHipTurnDeg: 50,
  maxTwistDeg: 80,
  wrongViewDwellMs: 300,
  leanFaultDeg: 12,
  hipFaultDeg: 15,
  hipFaultDeg2D: 25,
  headExcessDeg: 35,
  faultDwellMs: 300,
  faultReleaseRatio: 0.75,
  bounceMinDeg: 5,
  bounceReversals: 3,
  bounceWindowMs: 2000,
  gentleCueMs: 3000,
  twistFurtherAfterMs: 1000,
  outOfFrameGraceMs: 500,
  smoothingMs: 250,
  hipSmoothingMs: 400,
  scaleSmoothingMs: 1000,
  sideFlipDeg: 10,
  sideEvidenceMs: 300,
  noseReachShoulderWidths: 0.3,
};

/** Seated twist: hold a few seconds each side (default 5 s). */
export const SEATED_TWIST_OPTIONS: TwistOptions = {
  ...BASE_OPTIONS,
  posture: 'seated',
  holdMs: 5000,
  // The seated twist puts one hand on the floor behind you, and people lean back onto it:
  // 36° on a real photo of the stretch done well. Beyond 45° it is no longer sitting tall.
  maxTorsoTiltDeg: 45,
};

/** Standing rotation: the article says hold 15–20 s each side; default 15 s. */
export const STANDING_ROTATION_OPTIONS: TwistOptions = { ...BASE_OPTIONS, posture: 'standing', holdMs: 15000 };

export const TWIST_CUES = {
  outOfFrame: { id: 'out-of-frame', text: 'Move so your head, shoulders and hips are in view', priority: 90 },
  faceCamera: { id: 'face-camera', text: 'Face the camera', priority: 80 },
  sitUpright: { id: 'sit-upright', text: 'Sit upright, facing the camera', priority: 75 },
  standUpright: { id: 'stand-upright', text: 'Stand upright, facing the camera', priority: 75 },
  calibrate: { id: 'calibrate', text: 'Face the camera, tall and still, for a moment', priority: 70 },
  gently: { id: 'gently', text: 'Gently — no bouncing', priority: 60 },
  sitTall: { id: 'sit-tall', text: "Sit tall — don't lean sideways", priority: 50 },
  standTall: { id: 'stand-tall', text: "Stand tall — don't lean sideways", priority: 50 },
  hipsSquare: { id: 'hips-square', text: 'Keep your hips square', priority: 48 },
  upperBack: { id: 'upper-back-not-head', text: 'Turn from your upper back, not only your head', priority: 46 },
  twistFurther: { id: 'twist-further', text: 'Twist a little further', priority: 30 },
  backToCentre: { id: 'back-to-centre', text: 'Good — slowly come back to centre', priority: 28 },
  otherSideLeft: { id: 'other-side-left', text: 'Now the other side: twist to your left', priority: 25 },
  otherSideRight: { id: 'other-side-right', text: 'Now the other side: twist to your right', priority: 25 },
  begin: { id: 'begin', text: 'Exhale and gently twist to one side', priority: 20 },
  hold: { id: 'hold', text: 'Hold and breathe', priority: 15 },
} as const satisfies Record<string, Cue>;

/** formFault ids. */
export type TwistFault = 'lean' | 'hips-turning' | 'head-only' | 'bouncing';

export const TWIST_METRIC = (options: TwistOptions = SEATED_TWIST_OPTIONS): MetricSpec => ({
  id: 'twist-deg',
  label: 'Twist (+ left, − right)',
  unit: '°',
  min: -60,
  max: 60,
  bands: [
    { phase: 'twist-left', min: options.holdEnterDeg, max: 60 },
    { phase: 'twist-right', min: -60, max: -options.holdEnterDeg },
  ],
});

function seen3D(keypoints: Keypoint3DMap | undefined, name: KeypointName, minScore: number): Keypoint3D | undefined {
  const point = keypoints?.[name];
  return point && point.score >= minScore && Number.isFinite(point.x) && Number.isFinite(point.y) && Number.isFinite(point.z)
    ? point
    : undefined;
}

/** Yaw of the right→left vector on the horizontal (x–z) plane, degrees; 0 = square to the camera, + = left side back. */
const yawDeg = (left: Keypoint3D, right: Keypoint3D) => Math.atan2(left.z - right.z, left.x - right.x) * RAD_TO_DEG;

/** What one frame says, before comparing it with the neutral. */
export interface TorsoReading {
  /** Shoulder distance / torso length (2D). */
  shoulderRatio: number;
  /** Hip distance / torso length (2D). */
  hipRatio: number;
  /** The same distances in frame units. */
  shoulderWidth: number;
  hipWidth: number;
  /** Torso length in frame units (2D) and the shoulder midpoint, for calibration steadiness. */
  torsoLength: number;
  shoulderMid: { x: number; y: number };
  /** Vertical drop from the left to the right shoulder / torso length (2D; + = left shoulder higher). */
  shoulderDrop: number;
  /** Torso angle from vertical, degrees (3D when present: it also sees leaning towards the camera). */
  torsoTiltDeg: number;
  /** Nose offset from the shoulder midpoint along the shoulder line (towards the left shoulder) / torso length. */
  noseShift: number | undefined;
  threeD?: {
    shoulderYawDeg: number;
    hipYawDeg: number;
    /** Shoulder line elevation, degrees, + = left shoulder higher. */
    shoulderTiltDeg: number;
    /** Yaw of the ear line, when both ears are seen. */
    headYawDeg: number | undefined;
  };
}

const REQUIRED: readonly KeypointName[] = ['left_shoulder', 'right_shoulder', 'left_hip', 'right_hip'];

/** Reads the torso; lists what is missing when it cannot. */
export function readTorso(frame: PoseFrame, minScore: number): { reading?: TorsoReading; missing: KeypointName[] } {
  const kp = frame.keypoints;
  const missing = REQUIRED.filter((name) => !pick(kp, name, minScore));
  const ls = pick(kp, 'left_shoulder', minScore);
  const rs = pick(kp, 'right_shoulder', minScore);
  const lh = pick(kp, 'left_hip', minScore);
  const rh = pick(kp, 'right_hip', minScore);
  if (!ls || !rs || !lh || !rh) return { missing };
  const shoulderMid = midpoint(ls, rs);
  const hipMid = midpoint(lh, rh);
  const torsoLength = distance(shoulderMid, hipMid);
  const shoulderWidth = distance(ls, rs);
  const hipWidth = distance(lh, rh);
  if (torsoLength < 1e-6) return { missing: ['left_shoulder', 'left_hip'] };

  let noseShift: number | undefined;
  const nose = pick(kp, 'nose', minScore);
  if (nose && shoulderWidth > 1e-9) {
    // Unit vector along the shoulder line, pointing at the left shoulder.
    const ux = (ls.x - rs.x) / shoulderWidth;
    const uy = (ls.y - rs.y) / shoulderWidth;
    noseShift = ((nose.x - shoulderMid.x) * ux + (nose.y - shoulderMid.y) * uy) / torsoLength;
  }

  const reading: TorsoReading = {
    shoulderRatio: shoulderWidth / torsoLength,
    hipRatio: hipWidth / torsoLength,
    shoulderWidth,
    hipWidth,
    torsoLength,
    shoulderMid,
    shoulderDrop: (rs.y - ls.y) / torsoLength,
    torsoTiltDeg: Math.atan2(Math.abs(shoulderMid.x - hipMid.x), hipMid.y - shoulderMid.y) * RAD_TO_DEG,
    noseShift,
  };

  const k3 = frame.keypoints3D;
  const ls3 = seen3D(k3, 'left_shoulder', minScore);
  const rs3 = seen3D(k3, 'right_shoulder', minScore);
  const lh3 = seen3D(k3, 'left_hip', minScore);
  const rh3 = seen3D(k3, 'right_hip', minScore);
  if (ls3 && rs3 && lh3 && rh3) {
    const dx = (ls3.x + rs3.x - lh3.x - rh3.x) / 2;
    const dy = (ls3.y + rs3.y - lh3.y - rh3.y) / 2;
    const dz = (ls3.z + rs3.z - lh3.z - rh3.z) / 2;
    const le3 = seen3D(k3, 'left_ear', minScore);
    const re3 = seen3D(k3, 'right_ear', minScore);
    reading.torsoTiltDeg = Math.atan2(Math.hypot(dx, dz), -dy) * RAD_TO_DEG;
    reading.threeD = {
      shoulderYawDeg: yawDeg(ls3, rs3),
      hipYawDeg: yawDeg(lh3, rh3),
      shoulderTiltDeg: Math.atan2(rs3.y - ls3.y, Math.hypot(ls3.x - rs3.x, ls3.z - rs3.z)) * RAD_TO_DEG,
      headYawDeg: le3 && re3 ? yawDeg(le3, re3) : undefined,
    };
  }
  return { reading, missing };
}

/**
 * A typical adult facing the camera square-on, for when there is nothing to calibrate from
 * (one photo). Shoulder-joint distance ≈ 0.75 and hip-joint distance ≈ 0.5 of the torso length
 * (shoulder midpoint to hip midpoint) on MoveNet and BlazePose keypoints; level shoulders,
 * nose centred. No 3D part: the 3D twist is then shoulder yaw minus hip yaw, baseline-free.
 */
export const TYPICAL_NEUTRAL: Readonly<TwistNeutral> = { shoulderRatio: 0.75, hipRatio: 0.5, shoulderDrop: 0, noseShift: 0 };

/** The calibrated neutral pose. 2D values are ratios to the torso length. */
export interface TwistNeutral {
  shoulderRatio: number;
  hipRatio: number;
  shoulderDrop: number;
  noseShift: number;
  threeD?: { twistOffsetDeg: number; shoulderYawDeg: number; hipYawDeg: number; shoulderTiltDeg: number; headYawDeg: number | undefined };
}

/** This frame's measurements against the neutral. All angles in degrees, signed + = left. */
interface Measures {
  method: TwistMethod;
  /** Unsigned twist depth. */
  depth: number;
  /** Signed twist in 3D; undefined in 2D (the sign comes from the direction evidence). */
  signedTwist: number | undefined;
  /** Per-frame direction evidence, degrees, + = left. 3D: the twist itself; 2D: the head yaw from the nose. */
  evidence: number | undefined;
  /** Shoulder line yaw against the camera (3D); undefined in 2D, where it is the depth with the twist's sign. */
  shoulderYaw: number | undefined;
  /** Head yaw against the camera, signed. */
  headYaw: number | undefined;
  /** Change of the shoulder line's tilt, unsigned. */
  lean: number;
  /** Hip turn against neutral, unsigned. */
  hipTurn: number;
}

/** The noisy inputs of the depth, smoothed over time by the checker (see TwistOptions.smoothingMs). */
interface SmoothedTorso {
  shoulderRatio: number;
  hipRatio: number;
  shoulderYawDeg: number | undefined;
  hipYawDeg: number | undefined;
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
function headYaw2D(reading: TorsoReading, neutral: TwistNeutral, options: TwistOptions): number | undefined {
  if (reading.noseShift === undefined) return undefined;
  const shiftShoulderWidths = (reading.noseShift - neutral.noseShift) / neutral.shoulderRatio;
  return asinDeg(shiftShoulderWidths / options.noseReachShoulderWidths);
}

function measure(reading: TorsoReading, smooth: SmoothedTorso, neutral: TwistNeutral, options: TwistOptions): Measures {
  const head2D = headYaw2D(reading, neutral, options);
  const r = reading.threeD;
  if (r && smooth.shoulderYawDeg !== undefined && smooth.hipYawDeg !== undefined) {
    const n = neutral.threeD ?? { twistOffsetDeg: 0, shoulderYawDeg: 0, hipYawDeg: 0, shoulderTiltDeg: 0, headYawDeg: 0 };
    const twist = wrapDeg(smooth.shoulderYawDeg - smooth.hipYawDeg - n.twistOffsetDeg);
    const headYaw = r.headYawDeg !== undefined && n.headYawDeg !== undefined ? wrapDeg(r.headYawDeg - n.headYawDeg) : head2D;
    return {
      method: '3d',
      depth: Math.abs(twist),
      signedTwist: twist,
      evidence: twist,
      shoulderYaw: wrapDeg(smooth.shoulderYawDeg - n.shoulderYawDeg),
      headYaw,
      lean: Math.abs(r.shoulderTiltDeg - n.shoulderTiltDeg),
      hipTurn: Math.abs(wrapDeg(smooth.hipYawDeg - n.hipYawDeg)),
    };
  }
  const w0 = neutral.shoulderRatio;
  return {
    method: '2d',
    depth: acosDeg(smooth.shoulderRatio / w0),
    signedTwist: undefined,
    evidence: head2D,
    shoulderYaw: undefined,
    headYaw: head2D,
    // The vertical drop between the shoulders is W·sin(tilt) whatever the twist, so dividing
    // by the neutral width (not the foreshortened one) reads the tilt without twist error.
    lean: Math.abs(asinDeg(reading.shoulderDrop / w0) - asinDeg(neutral.shoulderDrop / w0)),
    hipTurn: acosDeg(smooth.hipRatio / neutral.hipRatio),
  };
}

interface CalibrationWindow {
  startMs: number;
  n: number;
  sums: { shoulderRatio: number; hipRatio: number; shoulderDrop: number; noseShift: number; noseN: number; midX: number; midY: number; torsoLength: number };
  n3D: number;
  sums3D: { twistOffsetDeg: number; shoulderYawDeg: number; hipYawDeg: number; shoulderTiltDeg: number; headYawDeg: number; headN: number };
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

  private phase: TwistPhase = 'calibrating';
  private neutralPose: TwistNeutral | undefined;
  private window: CalibrationWindow | undefined;
  private reps: RepCounts = { total: 0, left: 0, right: 0 };
  private excursion: Excursion | undefined;
  /** Direction evidence gathered since the depth left the centre zone, before a twist starts. */
  private evidenceSum = 0;
  private evidenceN = 0;
  private readonly torsoScale: TimeEma;
  private readonly shoulderWidth: TimeEma;
  private readonly hipWidth: TimeEma;
  private readonly shoulderYaw: TimeEma;
  private readonly hipYaw: TimeEma;
  /** The shoulder-width ratio, smoothed, for the calibration's steadiness check. */
  private readonly calibrationRatio: TimeEma;
  private lastTwistSide: Side | undefined;
  private lastRepSide: Side | undefined;
  private gentleUntilMs = -Infinity;
  private readonly presence: PresenceGate;
  private wrongSinceMs: number | undefined;
  /** Since when calibration frames have been off the neutral pose. */
  private offPoseSinceMs: number | undefined;
  /** Since when the depth has stayed below turnEnterDeg (the "settled at centre" rule). */
  private belowTurnSinceMs: number | undefined;
  /** Set by assumeTypicalBaseline: hips may face any way, the twist is measured against them. */
  private hipsAreReference = false;

  constructor(private readonly options: TwistOptions = SEATED_TWIST_OPTIONS) {
    if (!(options.holdEnterDeg > options.holdExitDeg && options.holdExitDeg > options.centreDeg)) {
      throw new RangeError('TwistChecker: need holdEnterDeg > holdExitDeg > centreDeg');
    }
    this.metric = TWIST_METRIC(options);
    this.presence = new PresenceGate(options.outOfFrameGraceMs);
    this.torsoScale = new TimeEma(options.scaleSmoothingMs);
    this.shoulderWidth = new TimeEma(options.smoothingMs);
    this.hipWidth = new TimeEma(options.hipSmoothingMs);
    this.shoulderYaw = new TimeEma(options.smoothingMs);
    this.hipYaw = new TimeEma(options.smoothingMs);
    this.calibrationRatio = new TimeEma(options.smoothingMs);
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

  /** The calibrated neutral, once there is one. */
  get neutral(): Readonly<TwistNeutral> | undefined {
    return this.neutralPose;
  }

  reset(): void {
    this.reps = { total: 0, left: 0, right: 0 };
    this.lastTwistSide = undefined;
    this.lastRepSide = undefined;
    this.presence.reset();
    this.wrongSinceMs = undefined;
    this.phase = 'calibrating';
    this.neutralPose = undefined;
    this.hipsAreReference = false;
    this.window = undefined;
    this.offPoseSinceMs = undefined;
    this.resetSmoothing();
    this.abortTwist();
  }

  /**
   * For a single photo, where there is no neutral moment to calibrate from: measure against a
   * typical body, with the HIPS as the reference (a photo may be taken from any angle, so the
   * hips facing away from the camera is not a wrong view). Meant for 3D points, where the twist
   * is the shoulders' yaw against the hips' and needs no baseline; in 2D the typical widths
   * below stand in for the user's own, which is rough (people differ by ±15 %).
   */
  assumeTypicalBaseline(): void {
    this.recalibrate();
    this.neutralPose = { ...TYPICAL_NEUTRAL };
    this.hipsAreReference = true;
    this.phase = 'neutral';
  }

  /**
   * Forgets the neutral and calibrates again from the next frames (e.g. after moving the
   * camera). Rep counts are kept; a twist in progress is dropped. The phase becomes
   * `calibrating` at the next step, which reports the change.
   */
  recalibrate(): void {
    this.neutralPose = undefined;
    this.window = undefined;
    this.offPoseSinceMs = undefined;
    this.resetSmoothing();
    this.abortTwist();
  }

  step(frame: PoseFrame): TwistOutput {
    const { tMs } = frame;
    const { options } = this;
    const events: CheckerEvent[] = [];
    const { reading, missing } = readTorso(frame, options.minScore);

    if (!reading) {
      this.wrongSinceMs = undefined;
      // Ride out a brief dropout: phase, latches, hold timer and calibration window all keep.
      // The latches are not stepped at all (not even with `undefined`, which would restart
      // their dwell): with a few % of keypoints dropped per frame, a 200 ms dwell would rarely
      // see six measured frames in a row and "back at centre" would go unseen.
      const gone = this.presence.miss(tMs);
      if (gone.out) {
        if (gone.left) events.push({ type: 'outOfFrame', tMs, missing });
        this.window = undefined;
        this.offPoseSinceMs = undefined;
        this.abortTwist();
        this.setPhase('out-of-frame', tMs, events);
      }
      return this.output(tMs, null, null, this.presence.inFrame ? null : TWIST_CUES.outOfFrame, events, false);
    }
    if (this.presence.see()) events.push({ type: 'backInFrame', tMs });

    if (!this.neutralPose) return this.calibrate(reading, tMs, events);

    const m = measure(reading, this.smooth(reading, tMs), this.neutralPose, options);
    if (this.hipsAreReference) m.hipTurn = 0;
    const wrong: WrongViewReason | undefined =
      reading.torsoTiltDeg > options.maxTorsoTiltDeg
        ? 'not-upright'
        : m.hipTurn > options.maxHipTurnDeg || m.depth > options.maxTwistDeg
          ? 'side-on'
          : undefined;
    if (wrong) {
      this.wrongSinceMs ??= tMs;
      if (tMs - this.wrongSinceMs >= options.wrongViewDwellMs) {
        this.abortTwist();
        this.setPhase('wrong-view', tMs, events);
      }
      return this.output(tMs, null, m.method, this.phase === 'wrong-view' ? this.wrongViewCue(wrong) : null, events, false);
    }
    this.wrongSinceMs = undefined;
    return this.track(m, tMs, events);
  }

  /**
   * Smooths the depth's inputs. In 2D the widths are divided by a slowly smoothed torso length
   * (the body's scale only changes when the user moves nearer or further), so the hip points'
   * noise in the torso length does not reach the depth.
   */
  private smooth(reading: TorsoReading, tMs: number): SmoothedTorso {
    const scale = this.torsoScale.step(reading.torsoLength, tMs);
    const r3 = reading.threeD;
    return {
      shoulderRatio: this.shoulderWidth.step(reading.shoulderWidth, tMs) / scale,
      hipRatio: this.hipWidth.step(reading.hipWidth, tMs) / scale,
      shoulderYawDeg: r3 ? this.shoulderYaw.step(r3.shoulderYawDeg, tMs) : undefined,
      hipYawDeg: r3 ? this.hipYaw.step(r3.hipYawDeg, tMs) : undefined,
    };
  }

  private resetSmoothing(torsoLength?: number, tMs = 0): void {
    this.torsoScale.reset(torsoLength, tMs);
    for (const ema of [this.shoulderWidth, this.hipWidth, this.shoulderYaw, this.hipYaw, this.calibrationRatio]) ema.reset();
  }

  // ── calibration ──────────────────────────────────────────────────────────────────────────

  private calibrate(reading: TorsoReading, tMs: number, events: CheckerEvent[]): TwistOutput {
    const { options } = this;
    const yaw3D = reading.threeD?.shoulderYawDeg;
    const sideOn = reading.shoulderRatio < options.sideOnShoulderRatio || (yaw3D !== undefined && Math.abs(yaw3D) > options.sideOnYawDeg);
    const notUpright = reading.torsoTiltDeg > options.maxTorsoTiltDeg;
    if (sideOn || notUpright) {
      this.wrongSinceMs ??= tMs;
      if (tMs - this.wrongSinceMs >= options.wrongViewDwellMs) {
        this.window = undefined;
        this.setPhase('wrong-view', tMs, events);
      }
      const cue = this.phase === 'wrong-view' ? this.wrongViewCue(notUpright ? 'not-upright' : 'side-on') : TWIST_CUES.calibrate;
      return this.output(tMs, null, null, cue, events, false);
    }
    this.wrongSinceMs = undefined;
    this.setPhase('calibrating', tMs, events);

    const steady = this.isSteady(reading, this.window ?? this.openWindow(tMs), tMs);
    if (!this.isCalibrationPose(reading) || !steady) {
      // Left out of the neutral; only a change that lasts restarts the countdown, so one noisy
      // frame cannot keep the user calibrating forever.
      this.offPoseSinceMs ??= tMs;
      if (tMs - this.offPoseSinceMs >= options.calibrationBreakMs) this.window = undefined;
      return this.output(tMs, null, null, TWIST_CUES.calibrate, events, false);
    }
    this.offPoseSinceMs = undefined;
    if (!this.window || tMs < this.window.startMs) this.window = this.openWindow(tMs);
    this.accumulate(this.window, reading);

    if (tMs - this.window.startMs >= options.calibrationMs) {
      this.neutralPose = this.closeWindow(this.window);
      this.resetSmoothing(this.window.sums.torsoLength / this.window.n, tMs);
      this.window = undefined;
      this.setPhase('neutral', tMs, events);
      return this.output(tMs, null, null, TWIST_CUES.begin, events, true);
    }
    return this.output(tMs, null, null, TWIST_CUES.calibrate, events, false);
  }

  /** Upright, level, square to the camera, head facing front. */
  private isCalibrationPose(reading: TorsoReading): boolean {
    const { options } = this;
    const shoulderTiltDeg = reading.threeD?.shoulderTiltDeg ?? asinDeg(reading.shoulderDrop / reading.shoulderRatio);
    const r3 = reading.threeD;
    return (
      reading.torsoTiltDeg <= options.calibrationMaxTiltDeg &&
      Math.abs(shoulderTiltDeg) <= options.calibrationMaxTiltDeg &&
      reading.shoulderRatio >= options.calibrationMinShoulderRatio &&
      (reading.noseShift === undefined || Math.abs(reading.noseShift / reading.shoulderRatio) <= options.calibrationMaxHeadShift) &&
      (!r3 || (Math.abs(r3.shoulderYawDeg) <= options.calibrationMaxYawDeg && Math.abs(r3.hipYawDeg) <= options.calibrationMaxYawDeg))
    );
  }

  /**
   * Still the same pose: close to the window's running mean so far (not to its first frame,
   * which may itself be a noisy outlier that would then reject every frame after it). The
   * turn is judged on the 3D shoulder yaw when there is one, else on the smoothed 2D width
   * ratio (the per-frame ratio wobbles by several % on a noisy model).
   */
  private isSteady(reading: TorsoReading, window: CalibrationWindow, tMs: number): boolean {
    const { options } = this;
    const { n, sums } = window;
    const ratio = this.calibrationRatio.step(reading.shoulderRatio, tMs);
    if (n === 0) return true;
    const torsoLength = sums.torsoLength / n;
    const drift = Math.hypot(reading.shoulderMid.x - sums.midX / n, reading.shoulderMid.y - sums.midY / n) / torsoLength;
    if (drift > options.calibrationMaxDriftRatio) return false;
    const yaw3D = reading.threeD?.shoulderYawDeg;
    if (yaw3D !== undefined && window.n3D > 0) {
      return Math.abs(yaw3D - window.sums3D.shoulderYawDeg / window.n3D) <= options.calibrationMaxYawDeg / 3;
    }
    return Math.abs(ratio / (sums.shoulderRatio / n) - 1) <= options.calibrationSteadyTolerance;
  }

  private openWindow(tMs: number): CalibrationWindow {
    return {
      startMs: tMs,
      n: 0,
      sums: { shoulderRatio: 0, hipRatio: 0, shoulderDrop: 0, noseShift: 0, noseN: 0, midX: 0, midY: 0, torsoLength: 0 },
      n3D: 0,
      sums3D: { twistOffsetDeg: 0, shoulderYawDeg: 0, hipYawDeg: 0, shoulderTiltDeg: 0, headYawDeg: 0, headN: 0 },
    };
  }

  private accumulate(window: CalibrationWindow, reading: TorsoReading): void {
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
      sums3D.twistOffsetDeg += r.shoulderYawDeg - r.hipYawDeg;
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
  private closeWindow(window: CalibrationWindow): TwistNeutral {
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

  // ── twisting ─────────────────────────────────────────────────────────────────────────────

  private track(m: Measures, tMs: number, events: CheckerEvent[]): TwistOutput {
    const { options } = this;
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
      if (turning) this.startTwist(m, tMs, events);
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
    this.setPhase(current ? (current.side === 'left' ? 'twist-left' : 'twist-right') : 'neutral', tMs, events);
    this.trackFaults(m, tMs, events);

    const metric = m.signedTwist ?? this.sideSign(current, m.evidence) * m.depth;
    return this.output(tMs, metric, m.method, this.cue(tMs), events, true);
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

  private startTwist(m: Measures, tMs: number, events: CheckerEvent[]): void {
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
  private reviewSide(exc: Excursion, m: Measures, tMs: number, events: CheckerEvent[]): void {
    if (m.evidence === undefined || exc.sideLocked) return;
    const recent = exc.recentEvidence.step(m.evidence, tMs);
    const side: Side = recent >= 0 ? 'left' : 'right';
    if (side === exc.side || Math.abs(recent) < this.options.sideFlipDeg) return;
    exc.side = side;
    this.lastTwistSide = side;
    events.push({ type: 'sideChanged', tMs, side });
  }

  /** Back at centre: a rep if some hold in this twist was completed. */
  private endTwist(exc: Excursion, m: Measures, tMs: number, events: CheckerEvent[]): void {
    if (exc.completed) {
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
        troughMetric: m.signedTwist ?? sign * m.depth,
        durationMs: tMs - exc.startMs,
      });
    }
    this.excursion = undefined;
    this.holdLatch.reset();
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

  private trackFaults(m: Measures, tMs: number, events: CheckerEvent[]): void {
    const exc = this.excursion;
    const report = (latch: HysteresisLatch, value: number | undefined, fault: TwistFault) => {
      const was = latch.on;
      if (latch.step(value, tMs) && !was) events.push({ type: 'formFault', tMs, fault });
    };
    report(this.leanLatch, m.lean, 'lean');
    // Hips only matter while twisting: "hips turning with the shoulders".
    const hipThreshold = m.method === '3d' ? this.options.hipFaultDeg : this.options.hipFaultDeg2D;
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

  private cue(tMs: number): Cue | null {
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
    return this.lastRepSide ? this.otherSideCue(this.lastRepSide) : TWIST_CUES.begin;
  }

  private otherSideCue(done: Side): Cue {
    return done === 'left' ? TWIST_CUES.otherSideRight : TWIST_CUES.otherSideLeft;
  }

  private wrongViewCue(reason: WrongViewReason): Cue {
    if (reason === 'side-on') return TWIST_CUES.faceCamera;
    return this.options.posture === 'seated' ? TWIST_CUES.sitUpright : TWIST_CUES.standUpright;
  }

  /** Drops the twist in progress (out of frame, wrong view, recalibration): no hold, no rep. */
  private abortTwist(): void {
    this.excursion = undefined;
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

  private output(tMs: number, metric: number | null, method: TwistMethod | null, cue: Cue | null, events: CheckerEvent[], counting: boolean): TwistOutput {
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
    if (!this.neutralPose) {
      output.calibrationRemainingMs = this.window
        ? Math.max(0, this.options.calibrationMs - (tMs - this.window.startMs))
        : this.options.calibrationMs;
    }
    return output;
  }
}
