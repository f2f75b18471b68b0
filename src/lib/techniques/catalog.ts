/** The techniques Unknot teaches: what to do, how the camera should see it. Pure data. */
import type { BodyPosition } from '../geometry/position';
import type { ModelId } from '../pose/models';
import { CatCowChecker } from './cat-cow/checker';
import { DEFAULT_FOAM_ROLLER_OPTIONS, FoamRollerChecker } from './foam-roller/checker';
import { PostureChecker } from './posture/checker';
import { SelfHugChecker } from './self-hug/checker';
import { SelfMassageChecker } from './self-massage/checker';
import { DEFAULT_THORACIC_EXTENSION_OPTIONS, ThoracicExtensionChecker } from './thoracic-extension/checker';
import { SEATED_TWIST_OPTIONS, STANDING_ROTATION_OPTIONS, TwistChecker } from './twist/checker';
import type { CalibrationIssue, Checker, Cue, TechniqueId } from './types';

export type CameraView = 'side' | 'front' | 'front-upper-body';

/** What a technique needs besides the camera. */
export type Equipment = 'mat' | 'foam-roller' | 'chair';

export const EQUIPMENT_LABELS: Record<Equipment, string> = { mat: 'Mat', 'foam-roller': 'Foam roller', chair: 'Chair' };

export interface TechniqueDefinition {
  id: TechniqueId;
  name: string;
  summary: string;
  view: CameraView;
  /** The body positions it is done in; in any other nothing counts (the position gate). */
  positions: readonly BodyPosition[];
  /** How to get into that position, when the user is in another (default: the position's own cue). */
  positionCue?: Cue;
  /** How to place the laptop, in a sentence. */
  setup: string;
  steps: string[];
  /** Whether reps/holds are counted per side. */
  sided: boolean;
  /** A checker exists and the practice page can coach it. */
  live: boolean;
  /** What the user aims for; each field the technique uses is user-adjustable. */
  defaultTargets: TechniqueTargets;
  /** The model this technique is coached with unless the user picks another. */
  defaultModel: ModelId;
  /** Ask BlazePose for the body's silhouette too (cat-cow reads the back's curve from it). */
  segmentation?: boolean;
  /** About how long one session at the default targets takes, in minutes; null for one that runs beside your work. */
  minutes: number | null;
  /** What it needs besides the camera (none: an empty list). */
  equipment: Equipment[];
  createChecker?: (targets: TechniqueTargets) => Checker;
  /** What one counted rep is called, singular and plural, where it is not a rep (self-massage: a stroke). */
  repNoun?: readonly [string, string];
}

/** User-adjustable goals. A field is present only where the technique uses it. */
export interface TechniqueTargets {
  /** Reps per session (per side for sided techniques); shown as progress. */
  reps?: number;
  /** How long a hold must last to count. */
  holdSeconds?: number;
  /** Desk posture: slouching this long brings an alert. */
  slouchAlertSeconds?: number;
  /** Desk posture's desk watch: a stretch break is offered after this much time at the desk. */
  breakEveryMinutes?: number;
}

export type TargetName = keyof TechniqueTargets;

/** Limits and wording for the targets form. */
export const TARGET_FIELDS: Record<TargetName, { label: string; min: number; max: number; step: number; unit: string }> = {
  reps: { label: 'Reps goal', min: 1, max: 50, step: 1, unit: 'reps' },
  holdSeconds: { label: 'Hold for', min: 1, max: 60, step: 1, unit: 's' },
  slouchAlertSeconds: { label: 'Alert after slouching for', min: 10, max: 600, step: 10, unit: 's' },
  breakEveryMinutes: { label: 'Desk watch: stretch break every', min: 5, max: 120, step: 5, unit: 'min' },
};

/** Keeps only the fields the technique uses, each clamped to its limits; anything else falls back to the default. */
export function sanitizeTargets(technique: TechniqueDefinition, input: Partial<Record<string, unknown>>): TechniqueTargets {
  const targets: TechniqueTargets = {};
  for (const name of Object.keys(technique.defaultTargets) as TargetName[]) {
    const { min, max, step } = TARGET_FIELDS[name];
    const raw = input[name];
    const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : technique.defaultTargets[name]!;
    targets[name] = Math.min(max, Math.max(min, Math.round(value / step) * step));
  }
  return targets;
}

const ms = (seconds: number | undefined, fallbackMs: number) => (seconds === undefined ? fallbackMs : seconds * 1000);

export const SAFETY_NOTE =
  'Move gently and never force a stretch. Stop if you feel sharp pain. See a doctor or physical therapist if pain is severe or persistent, or comes with numbness, tingling or weakness.';

export const VIEW_LABELS: Record<CameraView, string> = {
  side: 'Camera sees you from the side',
  front: 'Camera sees you from the front',
  'front-upper-body': 'Camera sees your head and shoulders from the front',
};

/** How each phase id reads to a person (the ids are the page contract, DESIGN.md §4). */
export const PHASE_LABELS: Record<string, string> = {
  neutral: 'Starting position',
  'out-of-frame': 'Out of view',
  'wrong-view': 'Adjust the camera',
  'wrong-position': 'Wrong position',
  'several-people': 'More than one person',
  calibrating: 'Calibrating',
  cat: 'Cat',
  cow: 'Cow',
  'twist-left': 'Twisting left',
  'twist-right': 'Twisting right',
  'hips-up': 'Hips up',
  lifted: 'Chest lifted',
  hug: 'Hugging',
  upright: 'Upright',
  slouched: 'Slouched',
  'massage-left': 'Massaging left shoulder',
  'slow-circles': 'Slow circles',
  'massage-right': 'Massaging right shoulder',
};

/** What to tell a user whose calibration is held up (the banner under the countdown). */
export const CALIBRATION_ISSUE_TEXT: Record<CalibrationIssue, string> = {
  moving: 'Hold still for a moment',
  'not-facing': 'Face the camera',
  'not-upright': 'Sit or stand up straight',
  'body-not-in-view': 'Move so your head, shoulders and hips are in view',
  'head-turned': 'Look towards the camera',
  'arms-not-down': 'Let your arms hang by your sides',
  framing: 'Adjust your distance or the light (see above)',
  'several-people': 'Only you in the picture, please',
  'wrong-position': 'Get into the starting position first',
};

export function phaseLabel(phase: string): string {
  return PHASE_LABELS[phase] ?? phase;
}

/**
 * Phases in which nothing is counted because of how the user is placed, not how they move:
 * the page shows a banner over the video with the cue that says how to fix it.
 */
export const PLACEMENT_PHASES: ReadonlySet<string> = new Set(['out-of-frame', 'wrong-view', 'wrong-position', 'several-people']);

/** The session status (page contract ids) in the user's words. */
export const STATUS_LABELS: Record<string, string> = {
  loading: 'Getting ready',
  ready: 'Ready',
  running: 'Coaching',
  paused: 'Paused',
  error: 'Needs your attention',
};

/** 'About 3 min', or 'While you work' for a technique that runs beside your work. */
export function durationLabel(technique: Pick<TechniqueDefinition, 'minutes'>): string {
  return technique.minutes === null ? 'While you work' : `About ${technique.minutes} min`;
}

/** Shorter names for the metric gauge's bands, which can be narrow. */
const BAND_LABELS: Record<string, string> = { 'twist-left': 'left', 'twist-right': 'right', 'hips-up': 'hips up', lifted: 'lifted', 'slow-circles': 'slow circles' };

export function bandLabel(phase: string): string {
  return BAND_LABELS[phase] ?? phaseLabel(phase);
}

export const TECHNIQUES: readonly TechniqueDefinition[] = [
  {
    id: 'cat-cow',
    name: 'Cat-cow',
    summary: 'Round and arch your back on all fours, slowly, with your breath.',
    view: 'side',
    positions: ['all-fours'],
    setup: 'Put the laptop on the floor a couple of metres away, side-on to your mat, so your whole body from head to knees is in view.',
    steps: [
      'Come onto your hands and knees: hands under shoulders, knees under hips, arms straight.',
      'Inhale into cow: let your belly sink, lift your head and tailbone.',
      'Exhale into cat: round your back up, tuck your chin towards your chest.',
      'Keep moving slowly with your breath, about 2–3 seconds each way.',
    ],
    sided: false,
    live: true,
    defaultTargets: { reps: 8 },
    // BlazePose's silhouette shows the back's dip or curve; lite is as fast as Lightning here.
    defaultModel: 'blazepose-lite',
    segmentation: true,
    minutes: 3,
    equipment: ['mat'],
    createChecker: () => new CatCowChecker(),
  },
  {
    id: 'seated-twist',
    name: 'Seated twist',
    summary: 'Sit tall and rotate your upper back to each side.',
    view: 'front',
    positions: ['sitting'],
    setup: 'Sit facing the camera with your head, shoulders and hips in view.',
    steps: [
      'Sit cross-legged and tall.',
      'Right hand on your left knee, left hand on the floor behind you.',
      'Inhale; as you exhale, twist gently to the left and hold a few seconds.',
      'Return to centre and repeat on the other side.',
    ],
    sided: true,
    live: true,
    defaultTargets: { reps: 3, holdSeconds: 5 },
    // BlazePose gives 3D world points: the twist is then measured against the hips, not the camera.
    defaultModel: 'blazepose-lite',
    minutes: 3,
    equipment: ['mat'],
    createChecker: (targets) => new TwistChecker({ ...SEATED_TWIST_OPTIONS, holdMs: ms(targets.holdSeconds, SEATED_TWIST_OPTIONS.holdMs) }),
  },
  {
    id: 'standing-rotation',
    name: 'Standing rotation',
    summary: 'Stand tall and turn your upper body right and left.',
    view: 'front',
    positions: ['standing'],
    setup: 'Stand facing the camera with your whole upper body and hips in view.',
    steps: ['Stand tall, feet planted hip-width apart.', 'Turn your upper body to one side and hold 15–20 seconds.', 'Return to centre and turn to the other side.'],
    sided: true,
    live: true,
    defaultTargets: { reps: 2, holdSeconds: 15 },
    defaultModel: 'blazepose-lite',
    minutes: 2,
    equipment: [],
    createChecker: (targets) =>
      new TwistChecker({ ...STANDING_ROTATION_OPTIONS, holdMs: ms(targets.holdSeconds, STANDING_ROTATION_OPTIONS.holdMs) }),
  },
  {
    id: 'foam-roller',
    name: 'Foam roller with hip lift',
    summary: 'Roll the upper back over a foam roller with your hips lifted.',
    view: 'side',
    positions: ['lying-back'],
    positionCue: { id: 'position-foam-roller', text: 'Lie on your back, the roller under your upper back, knees bent', priority: 85 },
    setup: 'Put the laptop on the floor side-on to you, so shoulders, hips and knees are in view.',
    steps: [
      'Lie with the roller across your upper back, below the shoulder blades.',
      'Cross your arms or support your head; knees bent, feet flat.',
      'Lift your hips so only your shoulder blades and feet touch down.',
      'Roll slowly back and forth over tight spots.',
    ],
    sided: false,
    live: true,
    defaultTargets: { reps: 5, holdSeconds: 3 },
    defaultModel: 'lightning',
    minutes: 4,
    equipment: ['foam-roller', 'mat'],
    createChecker: (targets) =>
      new FoamRollerChecker({ ...DEFAULT_FOAM_ROLLER_OPTIONS, holdMs: ms(targets.holdSeconds, DEFAULT_FOAM_ROLLER_OPTIONS.holdMs) }),
  },
  {
    id: 'thoracic-extension',
    name: 'Thoracic extension',
    summary: 'Lying on your back, gently lift the chest.',
    view: 'side',
    positions: ['lying-back'],
    setup: 'Put the laptop on the floor side-on to you, your whole body in view.',
    steps: ['Lie on your back, knees bent, feet flat, arms out with palms down.', 'Gently arch your upper back, lifting the chest.', 'Hold a few seconds, lower slowly, repeat.'],
    sided: false,
    live: true,
    defaultTargets: { reps: 5, holdSeconds: 3 },
    defaultModel: 'lightning',
    minutes: 3,
    equipment: ['mat'],
    createChecker: (targets) =>
      new ThoracicExtensionChecker({ ...DEFAULT_THORACIC_EXTENSION_OPTIONS, holdMs: ms(targets.holdSeconds, DEFAULT_THORACIC_EXTENSION_OPTIONS.holdMs) }),
  },
  {
    id: 'self-hug',
    name: 'Self-hug',
    summary: 'Hug yourself and round the upper back to spread the shoulder blades.',
    view: 'front',
    // The article says stand; sitting tall works the same for the upper back.
    positions: ['standing', 'sitting'],
    setup: 'Stand facing the camera, head to hips in view.',
    steps: [
      'Stand tall and cross your arms, holding the opposite shoulders.',
      'Breathe in and squeeze.',
      'Breathe out, round your upper back and let the shoulder blades spread.',
    ],
    sided: false,
    live: true,
    defaultTargets: { reps: 3, holdSeconds: 5 },
    defaultModel: 'lightning',
    minutes: 2,
    equipment: [],
    createChecker: (targets) => new SelfHugChecker({ holdMs: ms(targets.holdSeconds, 5000) }),
  },
  {
    id: 'posture',
    name: 'Desk posture',
    summary: 'Unknot watches your posture while you work and nudges you when you slouch.',
    view: 'front-upper-body',
    positions: ['sitting', 'standing'],
    positionCue: { id: 'position-desk', text: 'Sit (or stand) at your desk, facing the camera', priority: 85 },
    setup: 'Sit at your laptop as you work; your head and shoulders in view.',
    steps: [
      'Sit tall and calibrate your upright posture.',
      'Work as usual; Unknot tells you after a sustained slouch. The desk watch does this at a few frames a second, to cost little.',
      'Take the suggested stretch break.',
    ],
    sided: false,
    live: true,
    defaultTargets: { slouchAlertSeconds: 60, breakEveryMinutes: 30 },
    defaultModel: 'lightning',
    minutes: null,
    equipment: ['chair'],
    createChecker: (targets) => new PostureChecker({ alertAfterMs: ms(targets.slouchAlertSeconds, 60_000) }),
  },
  // Issue #12. Strokes are its reps (counted per side); the hold is the time on a side.
  {
    id: 'self-massage',
    name: 'Self-massage',
    summary: 'Work each shoulder and the top of the upper back with small, slow circles of the opposite hand.',
    view: 'front-upper-body',
    positions: ['sitting', 'standing'],
    setup: 'Sit or stand facing the camera, your head, shoulders and hands in view.',
    steps: [
      'Reach across: right hand on your left shoulder, fingers over the top towards the shoulder blade.',
      'Press gently and make small, slow circles, about one every two seconds.',
      'Let the shoulder you are working on relax. Keep going for about a minute.',
      'Switch hands and work the other side the same way.',
    ],
    sided: true,
    live: true,
    defaultTargets: { holdSeconds: 60 },
    defaultModel: 'lightning',
    minutes: 3,
    equipment: [],
    createChecker: (targets) => new SelfMassageChecker({ holdMs: ms(targets.holdSeconds, 60_000) }),
    repNoun: ['stroke', 'strokes'],
  },
];

export function findTechnique(id: string): TechniqueDefinition | undefined {
  return TECHNIQUES.find((technique) => technique.id === id);
}
