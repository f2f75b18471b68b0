/**
 * Cat-cow, seen from the side on all fours. A deterministic step function over frames.
 *
 * Pose models give no points along the spine. In cow the head and tailbone lift and the back
 * dips; in cat the back rounds and the chin tucks. The arch (the metric, degrees, + cow,
 * − cat) is read from two things:
 * - the head against the torso (`headArchDeg`): the elevation of the shoulder→ear line minus
 *   the elevation of the hip→shoulder line, both measured in the direction the person faces:
 *   + head raised against the back, − head dropped;
 * - the back itself, when BlazePose gives its silhouette (`backBendDeg`, ../../geometry/
 *   silhouette): how far the top edge between hips and shoulders dips (−) or rounds (+).
 * With both, the arch is their mean, the back's sign turned (a dip is cow): a cow with the
 * head held level still reads as cow from the back alone (head 7°, back −50°: 28°). Without a
 * silhouette (MoveNet) it is the head term alone, scaled by `HEAD_ONLY_SCALE` so that both
 * readings share one set of thresholds (on the recorded clip the mean spans 0.8 of the head's
 * range). Neither depends on distance to the camera or on
 * facing left or right; a three-quarter view (up to ~50° off the side) still reads. The side
 * view is read by ../../geometry/side, each left/right pair merged by score.
 */
import { HysteresisLatch } from '../../filters/hysteresis';
import { PresenceGate } from '../../filters/presence';
import { headElevationDeg, readSideView, sideViewProblem, type SideView, type SideViewLimits } from '../../geometry/side';
import { backBendDeg } from '../../geometry/silhouette';
import { TimeEma } from '../../filters/time-ema';
import { angleAtDeg, type Vec2 } from '../../geometry/vector';
import type { KeypointMap, PoseFrame } from '../../pose/keypoints';
import type { Checker, CheckerEvent, CheckerOutput, Cue, MetricSpec, RepCounts } from '../types';
import { SIDE_VIEW_FRAMING_CUES } from '../framing-cues';

export type CatCowPhase = 'cat' | 'cow' | 'neutral' | 'out-of-frame' | 'wrong-view';

export interface CatCowOptions extends SideViewLimits {
  /** Minimum keypoint score to use a point. */
  minScore: number;
  /** Enter cow at archDeg ≥ cowEnterDeg, leave it below cowExitDeg. */
  cowEnterDeg: number;
  cowExitDeg: number;
  /** Enter cat at archDeg ≤ catEnterDeg, leave it above catExitDeg. */
  catEnterDeg: number;
  catExitDeg: number;
  /** A phase must be held this long to count: a flicker is not a movement. */
  phaseDwellMs: number;
  /** Moving from one end to the other faster than this is "too fast" (breath pace is 2–3 s). */
  minTransitionMs: number;
  /** How long the "slower" cue stays after a rushed movement. */
  slowCueMs: number;
  /** After this long in one end, prompt the next breath. */
  promptAfterMs: number;
  /** Body must be missing this long before the phase says out-of-frame. */
  outOfFrameGraceMs: number;
  /**
   * The second end of a rep held this long completes it, without waiting for the user to
   * come out of it (a user who stops while holding cat still gets the rep).
   */
  repHoldMs: number;
  /** Wrist this far ahead of or behind the shoulder (× torso length) gets "hands under shoulders". */
  maxWristOffsetRatio: number;
  maxKneeOffsetRatio: number;
  /** Elbow angle below this gets "arms straight". */
  minElbowDeg: number;
  /** Time constant of the back bend's smoothing (the silhouette's edge jitters by a cell). */
  backSmoothingMs: number;
}

export const DEFAULT_CAT_COW_OPTIONS: CatCowOptions = {
  minScore: 0.3,
  // Tuned on the fixture clip's recorded keypoints and silhouettes (three models: cow +46 to
  // +58, cat −57 to −70, her easing back to rest +4 to +14) and the fixture photos (a mild cat
  // −42, tabletop −8 to +21): each end is entered well past rest and left soon after easing off.
  cowEnterDeg: 27,
  cowExitDeg: 20,
  catEnterDeg: -40,
  catExitDeg: -34,
  phaseDwellMs: 250,
  minTransitionMs: 1200,
  slowCueMs: 3000,
  promptAfterMs: 2500,
  outOfFrameGraceMs: 300,
  repHoldMs: 1500,
  maxTorsoTiltDeg: 40,
  // A three-quarter view (up to ~50° off the side) still reads; a front view spreads the
  // shoulders well past a torso length.
  maxShoulderSpreadRatio: 1,
  maxWristOffsetRatio: 0.4,
  maxKneeOffsetRatio: 0.4,
  minElbowDeg: 140,
  backSmoothingMs: 150,
};

export const CAT_COW_CUES = {
  ...SIDE_VIEW_FRAMING_CUES,
  allFours: { id: 'all-fours', text: 'Come onto your hands and knees, side-on to the camera', priority: 75 },
  slower: { id: 'slower', text: 'Slower: follow your breath', priority: 60 },
  handsUnderShoulders: { id: 'hands-under-shoulders', text: 'Hands under shoulders', priority: 45 },
  kneesUnderHips: { id: 'knees-under-hips', text: 'Knees under hips', priority: 44 },
  armsStraight: { id: 'arms-straight', text: 'Keep your arms straight', priority: 40 },
  inhaleCow: { id: 'inhale-cow', text: 'Inhale into cow: lift your head and tailbone', priority: 20 },
  exhaleCat: { id: 'exhale-cat', text: 'Exhale, round into cat: chin to chest', priority: 20 },
} as const satisfies Record<string, Cue>;

/** Reads the points the metric needs (the ears among them); lists what is missing when it cannot. */
export function readAllFoursView(keypoints: KeypointMap, minScore: number) {
  // Ears only: the ear sits near the head's pivot. The nose or eyes sit 15–30° off that line
  // and switching to them mid-movement would jump the metric.
  return readSideView(keypoints, minScore, ['ear']);
}

type AllFoursView = SideView & { ear: Vec2 };

/** The head against the torso, degrees (+ raised: cow, − dropped: cat). */
export function headArchDeg(view: Pick<AllFoursView, 'shoulder' | 'hip' | 'ear' | 'headDir'>): number {
  return headElevationDeg(view);
}

/** The head term alone stands for the arch at this scale (see the module comment). */
export const HEAD_ONLY_SCALE = 0.8;

/** The arch from the head term and, when the silhouette shows the back, the back's bend (see the module comment). */
export function archDeg(headDeg: number, backBend: number | undefined): number {
  return backBend === undefined ? HEAD_ONLY_SCALE * headDeg : (headDeg - backBend) / 2;
}

export const CAT_COW_METRIC = (options: CatCowOptions = DEFAULT_CAT_COW_OPTIONS): MetricSpec => ({
  id: 'arch-deg',
  label: 'Spine arch: + cow (back dips, head up), − cat (back rounds, chin tucks)',
  unit: '°',
  min: -70,
  max: 70,
  bands: [
    { phase: 'cat', min: -70, max: options.catEnterDeg },
    { phase: 'cow', min: options.cowEnterDeg, max: 70 },
  ],
});

type End = 'cat' | 'cow';

export class CatCowChecker implements Checker {
  readonly metric: MetricSpec;
  private readonly cowLatch: HysteresisLatch;
  private readonly catLatch: HysteresisLatch;

  private phase: CatCowPhase = 'neutral';
  private reps: RepCounts = { total: 0, left: 0, right: 0 };
  private visited = { cat: false, cow: false };
  /** Where the current rep started and its extremes, for the rep event. */
  private repStartMs: number | undefined;
  private repPeakDeg = -Infinity;
  private repTroughDeg = Infinity;
  /** The last end reached and when; drives pace and breath prompts. */
  private lastEnd: End | undefined;
  private lastEndEnteredMs = 0;
  private lastEndLeftMs: number | undefined;
  private slowCueUntilMs = -Infinity;
  private readonly presence: PresenceGate;
  private readonly backBend: TimeEma;

  constructor(private readonly options: CatCowOptions = DEFAULT_CAT_COW_OPTIONS) {
    this.metric = CAT_COW_METRIC(options);
    this.presence = new PresenceGate(options.outOfFrameGraceMs);
    this.backBend = new TimeEma(options.backSmoothingMs);
    this.cowLatch = new HysteresisLatch({ onAbove: options.cowEnterDeg, offBelow: options.cowExitDeg, minOnMs: options.phaseDwellMs });
    this.catLatch = new HysteresisLatch({
      direction: 'below',
      onBelow: options.catEnterDeg,
      offAbove: options.catExitDeg,
      minOnMs: options.phaseDwellMs,
    });
  }

  reset(): void {
    this.cowLatch.reset();
    this.catLatch.reset();
    this.phase = 'neutral';
    this.reps = { total: 0, left: 0, right: 0 };
    this.visited = { cat: false, cow: false };
    this.repStartMs = undefined;
    this.repPeakDeg = -Infinity;
    this.repTroughDeg = Infinity;
    this.lastEnd = undefined;
    this.lastEndEnteredMs = 0;
    this.lastEndLeftMs = undefined;
    this.slowCueUntilMs = -Infinity;
    this.presence.reset();
    this.backBend.reset();
  }

  step(frame: PoseFrame): CheckerOutput {
    const { tMs } = frame;
    const events: CheckerEvent[] = [];
    const { view, missing } = readAllFoursView(frame.keypoints, this.options.minScore);

    if (!view) {
      // Keep the last phase through a brief dropout; the latches keep their state too.
      const gone = this.presence.miss(tMs);
      if (gone.out) {
        if (gone.left) events.push({ type: 'outOfFrame', tMs, missing });
        this.setPhase('out-of-frame', tMs, events);
      }
      this.cowLatch.step(undefined, tMs);
      this.catLatch.step(undefined, tMs);
      return this.output(tMs, null, this.presence.inFrame ? null : CAT_COW_CUES.outOfFrame, events, false);
    }
    if (this.presence.see()) events.push({ type: 'backInFrame', tMs });

    const rawBack = frame.mask ? backBendDeg(frame.mask, frame.aspect, view.shoulder, view.hip) : undefined;
    const back = rawBack === undefined ? undefined : this.backBend.step(rawBack, tMs);
    const arch = archDeg(headArchDeg(view), back);
    const problem = sideViewProblem(view, this.options);
    if (problem) {
      // Facing the camera, or not on all fours: the arch cannot be read, so nothing counts.
      this.cowLatch.step(undefined, tMs);
      this.catLatch.step(undefined, tMs);
      this.setPhase('wrong-view', tMs, events);
      return this.output(tMs, arch, problem === 'not-side-on' ? CAT_COW_CUES.turnSideOn : CAT_COW_CUES.allFours, events, false);
    }

    const isCow = this.cowLatch.step(arch, tMs);
    const isCat = this.catLatch.step(arch, tMs);
    const next: CatCowPhase = isCow ? 'cow' : isCat ? 'cat' : 'neutral';
    if (this.repStartMs !== undefined) {
      this.repPeakDeg = Math.max(this.repPeakDeg, arch);
      this.repTroughDeg = Math.min(this.repTroughDeg, arch);
    }
    if (next !== this.phase) {
      if ((this.phase === 'cat' || this.phase === 'cow') && (next === 'neutral' || next === 'cat' || next === 'cow')) {
        this.leaveEnd(tMs, events);
      }
      if (next === 'cat' || next === 'cow') this.reachEnd(next, tMs, arch, events);
      this.setPhase(next, tMs, events);
    }
    if ((this.phase === 'cat' || this.phase === 'cow') && tMs - this.lastEndEnteredMs >= this.options.repHoldMs) this.completeRep(tMs, events);
    return this.output(tMs, arch, this.formCue(view, tMs), events, true);
  }

  private reachEnd(end: End, tMs: number, arch: number, events: CheckerEvent[]): void {
    if (this.repStartMs === undefined) {
      this.repStartMs = tMs;
      this.repPeakDeg = arch;
      this.repTroughDeg = arch;
    }
    if (this.lastEnd !== undefined && this.lastEnd !== end && this.lastEndLeftMs !== undefined) {
      // Time from leaving one end to reaching the other: the movement itself.
      if (tMs - this.lastEndLeftMs < this.options.minTransitionMs) {
        this.slowCueUntilMs = tMs + this.options.slowCueMs;
        events.push({ type: 'formFault', tMs, fault: 'too-fast' });
      }
    }
    this.visited[end] = true;
    this.lastEnd = end;
    this.lastEndEnteredMs = tMs;
  }

  /** Out of the position (or someone else in view): half a movement is dropped, counts stay. */
  interrupt(): void {
    this.cowLatch.reset();
    this.catLatch.reset();
    this.visited = { cat: false, cow: false };
    this.repStartMs = undefined;
    this.lastEnd = undefined;
    this.lastEndLeftMs = undefined;
  }

  /** The clip or session ends while the user is in the second end of a rep: that rep counts. */
  finish(tMs: number): { events: CheckerEvent[]; reps: RepCounts } {
    const events: CheckerEvent[] = [];
    if (this.phase === 'cat' || this.phase === 'cow') this.completeRep(tMs, events);
    return { events, reps: this.reps };
  }

  private leaveEnd(tMs: number, events: CheckerEvent[]): void {
    this.lastEndLeftMs = tMs;
    this.completeRep(tMs, events);
  }

  /**
   * A rep is one cow and one cat: complete when the user comes out of the second of them,
   * has held it `repHoldMs`, or the clip ends in it. Once counted, that end is spent: the
   * next rep needs a cow and a cat of its own.
   */
  private completeRep(tMs: number, events: CheckerEvent[]): void {
    if (!(this.visited.cat && this.visited.cow) || this.repStartMs === undefined) return;
    this.reps = { ...this.reps, total: this.reps.total + 1 };
    events.push({
      type: 'repCompleted',
      tMs,
      repIndex: this.reps.total,
      peakMetric: this.repPeakDeg,
      troughMetric: this.repTroughDeg,
      durationMs: tMs - this.repStartMs,
    });
    this.visited = { cat: false, cow: false };
    this.repStartMs = undefined;
  }

  private formCue(view: AllFoursView, tMs: number): Cue | null {
    const { options } = this;
    if (tMs < this.slowCueUntilMs) return CAT_COW_CUES.slower;
    if (view.wrist && Math.abs(view.wrist.x - view.shoulder.x) > options.maxWristOffsetRatio * view.torsoLength) {
      return CAT_COW_CUES.handsUnderShoulders;
    }
    if (view.knee && Math.abs(view.knee.x - view.hip.x) > options.maxKneeOffsetRatio * view.torsoLength) {
      return CAT_COW_CUES.kneesUnderHips;
    }
    if (view.elbow && view.wrist && angleAtDeg(view.shoulder, view.elbow, view.wrist) < options.minElbowDeg) {
      return CAT_COW_CUES.armsStraight;
    }
    // Breath prompts: start with cow; after settling at one end, guide to the other.
    if (this.lastEnd === undefined) return CAT_COW_CUES.inhaleCow;
    const settled = this.phase === this.lastEnd && tMs - this.lastEndEnteredMs >= options.promptAfterMs;
    const leftEnd = this.phase === 'neutral';
    if (settled || leftEnd) return this.lastEnd === 'cow' ? CAT_COW_CUES.exhaleCat : CAT_COW_CUES.inhaleCow;
    return null;
  }

  private setPhase(next: CatCowPhase, tMs: number, events: CheckerEvent[]): void {
    if (next === this.phase) return;
    events.push({ type: 'phaseChanged', tMs, from: this.phase, to: next });
    this.phase = next;
  }

  private output(tMs: number, metric: number | null, cue: Cue | null, events: CheckerEvent[], counting: boolean): CheckerOutput {
    // The "hold" in cat-cow is the time spent at the current end of the movement.
    const holdMs = this.phase === 'cat' || this.phase === 'cow' ? tMs - this.lastEndEnteredMs : 0;
    return { tMs, phase: this.phase, metric, cue, events, reps: this.reps, holdMs, counting };
  }
}
