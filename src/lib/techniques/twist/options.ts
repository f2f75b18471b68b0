/** The twist checkers' settings, cues and metric (seated twist, standing rotation). Pure data. */
import type { Cue, MetricSpec } from '../types';

export type TwistPhase = 'calibrating' | 'neutral' | 'twist-left' | 'twist-right' | 'out-of-frame' | 'wrong-view';

/** Which measurement produced this frame's metric. */
export type TwistMethod = '3d' | '2d';

/** formFault ids. */
export type TwistFault = 'lean' | 'hips-turning' | 'head-only' | 'bouncing';

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
  /** Calibration: how long the neutral pose must be held steady (the stillest second)… */
  calibrationMs: number;
  /** …over at least this many frames. */
  calibrationMinFrames: number;
  /**
   * Without a steady neutral for this long (the person in view), a typical baseline is used
   * and the page says so; a later still moment at centre still calibrates.
   */
  calibrationFallbackMs: number;
  /** Calibration steadiness (2D): smoothed shoulder-width ratio within ±this fraction of the window's mean. */
  calibrationSteadyTolerance: number;
  /** Calibration steadiness (3D): shoulder yaw within ±this of the window's mean. */
  calibrationSteadyYawDeg: number;
  /** Calibration steadiness: the shoulder midpoint may move at most this × torso length from the window's mean. */
  calibrationMaxDriftRatio: number;
  /** Calibration: leaving the neutral pose for this long restarts the countdown (shorter is noise). */
  calibrationBreakMs: number;
  /** Calibration: torso and shoulder line within this of upright / level (2D picture). */
  calibrationMaxTiltDeg: number;
  /** Calibration, 3D: the torso within this of vertical (BlazePose's 3D reads a tilted camera as lean). */
  calibrationMaxTilt3DDeg: number;
  /** Calibration, 2D: shoulder width ≥ this × torso length (squarely facing the camera). */
  calibrationMinShoulderRatio: number;
  /** Calibration, 3D: shoulders within this of the hips (not twisted). */
  calibrationMaxTwistDeg: number;
  /** Calibration, 3D: shoulders and hips within this of square to the camera (a slight angle is fine). */
  calibrationMaxYawDeg: number;
  /** Calibration: the head facing the way the shoulders do (3D: ear line within this; 2D: the nose shift below). */
  calibrationMaxHeadYawDeg: number;
  /** Calibration, 2D: nose within this many shoulder widths of the shoulder midpoint (head facing front). */
  calibrationMaxHeadShift: number;
  /**
   * Wrong view, at centre before there is a baseline of the user's own: side-on to the camera
   * (2D shoulder width below this × torso length; 3D shoulders turned beyond sideOnYawDeg). A
   * deep twist looks the same from the front, so once twisting only maxTwistDeg applies.
   */
  sideOnShoulderRatio: number;
  sideOnYawDeg: number;
  /** Wrong view: torso more than this from vertical (lying down, bent over). */
  maxTorsoTiltDeg: number;
  /** Wrong view: a "twist" beyond this is not a twist (a misread at edge-on shoulders). */
  maxTwistDeg: number;
  /** A wrong view must last this long before it counts (one odd frame is not a wrong view). */
  wrongViewDwellMs: number;
  /** Faults: sideways lean (shoulder tilt vs neutral), head turned beyond the shoulders. */
  leanFaultDeg: number;
  headExcessDeg: number;
  /**
   * Hips turning with the shoulders: the 2D hip turn (acos of the hip width against the
   * neutral's) beyond hipFaultDeg AND beyond hipFaultShare of the shoulders' 2D turn. The
   * hips are the noisiest points in the frame, and the models narrow them along with a twist
   * (0.74 of the shoulders' turn on the real clip), so only turning as one body is flagged.
   */
  hipFaultDeg: number;
  hipFaultShare: number;
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
  calibrationMs: 1000,
  calibrationMinFrames: 10,
  calibrationFallbackMs: 4000,
  calibrationSteadyTolerance: 0.05,
  calibrationSteadyYawDeg: 6,
  calibrationMaxDriftRatio: 0.1,
  calibrationBreakMs: 200,
  calibrationMaxTiltDeg: 12,
  // A standing person photographed from above reads ~17° in BlazePose's 3D (lucapomer_mountain).
  calibrationMaxTilt3DDeg: 25,
  calibrationMinShoulderRatio: 0.45,
  calibrationMaxTwistDeg: 15,
  // The twist is read against where the shoulders faced at rest; a user sitting at an angle
  // of up to 30° calibrates there (a three-quarter view, 45° on yogan_sukhasana, is asked to face the camera).
  calibrationMaxYawDeg: 30,
  calibrationMaxHeadYawDeg: 30,
  // Looking a little aside is still a neutral (0.18 on fedb_middle-back-stretch-0).
  calibrationMaxHeadShift: 0.25,
  sideOnShoulderRatio: 0.3,
  sideOnYawDeg: 55,
  maxTorsoTiltDeg: 35,
  // A deep seated twist turns the shoulders 80–90° from the camera (seated-twist-front.mp4).
  maxTwistDeg: 110,
  wrongViewDwellMs: 300,
  leanFaultDeg: 12,
  headExcessDeg: 35,
  hipFaultDeg: 25,
  hipFaultShare: 0.9,
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

/**
 * Standing rotation: the article says hold 15–20 s each side; default 15 s. Standing, the
 * pelvis turns along with the trunk (the feet stay planted, the hips follow), so the hips may
 * turn further before "keep your hips square".
 */
export const STANDING_ROTATION_OPTIONS: TwistOptions = { ...BASE_OPTIONS, posture: 'standing', holdMs: 15000, hipFaultDeg: 35 };

export const TWIST_CUES = {
  outOfFrame: { id: 'out-of-frame', text: 'Move so your head, shoulders and hips are in view', priority: 90 },
  faceCamera: { id: 'face-camera', text: 'Face the camera', priority: 80 },
  sitUpright: { id: 'sit-upright', text: 'Sit upright, facing the camera', priority: 75 },
  standUpright: { id: 'stand-upright', text: 'Stand upright, facing the camera', priority: 75 },
  lookAtCamera: { id: 'look-at-camera', text: 'Look towards the camera for a moment', priority: 72 },
  holdStill: { id: 'hold-still', text: 'Hold still for a moment, facing the camera', priority: 71 },
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

export const TWIST_METRIC = (options: TwistOptions = SEATED_TWIST_OPTIONS): MetricSpec => ({
  id: 'twist-deg',
  label: 'Twist: how far your shoulders have turned from facing forward (+ left, − right)',
  unit: '°',
  min: -90,
  max: 90,
  bands: [
    { phase: 'twist-left', min: options.holdEnterDeg, max: 90 },
    { phase: 'twist-right', min: -90, max: -options.holdEnterDeg },
  ],
});
