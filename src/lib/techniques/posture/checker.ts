/**
 * Desk posture, seen from the front by the laptop camera while the user works: head and
 * shoulders in view, hips usually not (nothing here needs them). A deterministic step
 * function over frames; time comes only from `frame.tMs`.
 *
 * The user first sits upright for `calibrationMs` (phase `calibrating`); that becomes the
 * baseline, and every later frame is measured against it. Four components, each compared
 * with the baseline (all on the frame's isotropic coordinates, mirror-invariant):
 * - `headDropPct`: how much the head points (nose, eyes, ears) sank towards the shoulder
 *   line: Σ baseline height − Σ height over Σ baseline height, heights measured
 *   perpendicular to the shoulder line and divided by the shoulder width, × 100. Looking
 *   down drops the nose and eyes most; a forward head drops everything a little.
 * - `leanPct`: face-size growth (ear distance, else eye distance) against the baseline,
 *   × 100: the head came nearer the screen. Absolute frame units on purpose: leaning in
 *   enlarges the face, not the ratio to the shoulders. Moving the chair nearer reads as a
 *   lean too: recalibrate after moving the laptop or chair.
 * - `roundingPct`: shoulder-width shrink against the baseline, × 100 (shoulders drawn in).
 * - `tiltDeg`: shoulder-line angle minus the baseline's, + when the user's LEFT shoulder
 *   is lower (so a tilted camera cancels out).
 * The live metric, `slouchScore`, is the worst component as a percentage of its own
 * threshold: 100 = at the slouch threshold of the component that is furthest off
 * (e.g. 150 = the head dropped 1.5× its threshold). A latch with hysteresis and a dwell
 * turns it into `upright` / `slouched`, so a glance at the keyboard is not a slouch.
 * A slouch held for `alertAfterMs` raises `formFault` 'sustained-slouch' once (again only
 * after `realertAfterMs` more), and after an alert the user is pointed to a stretch break.
 *
 * The front-view reading is ../../geometry/front (shared with the self-hug checker).
 */
import { CalibrationClock } from '../../filters/calibration-clock';
import { HysteresisLatch } from '../../filters/hysteresis';
import { PresenceGate } from '../../filters/presence';
import { headDropPct, medianHeights, readFrontView, scaleHeights, type FrontView, type HeadHeights } from '../../geometry/front';
import { median } from '../../geometry/stats';
import type { PoseFrame } from '../../pose/keypoints';
import type { Checker, CheckerEvent, CheckerOutput, Cue, MetricSpec, RepCounts } from '../types';

export type PosturePhase = 'calibrating' | 'upright' | 'slouched' | 'out-of-frame';

export interface PostureOptions {
  /** Minimum keypoint score to use a point. */
  minScore: number;
  /** How long the user sits upright, in view, to set the baseline. */
  calibrationMs: number;
  /** Each component's slouch threshold: at this value it alone scores 100. */
  headDropPct: number;
  leanPct: number;
  roundingPct: number;
  tiltDeg: number;
  /** Slouched at slouchScore ≥ enterScore, upright again at ≤ exitScore. */
  enterScore: number;
  exitScore: number;
  /** The score must stay past enterScore this long to count as a slouch (a glance down is not). */
  slouchDwellMs: number;
  /** …and below exitScore this long to count as sitting up again. */
  uprightDwellMs: number;
  /** A slouch held this long (from when the phase turned `slouched`) raises the alert. */
  alertAfterMs: number;
  /** While the same slouch goes on, alert again after this much longer. */
  realertAfterMs: number;
  /** After an alert, "sit tall" is the cue for this long before more specific advice. */
  alertCueMs: number;
  /** After an alert, once upright again, the stretch-break suggestion shows this long. */
  breakCueMs: number;
  /** Head or shoulders missing this long before the phase says out-of-frame. */
  outOfFrameGraceMs: number;
  /** Gaps between frames longer than this are not added to upright/slouched time (paused camera). */
  maxFrameGapMs: number;
}

export const DEFAULT_POSTURE_OPTIONS: PostureOptions = {
  minScore: 0.3,
  calibrationMs: 3000,
  // Not tuned on recorded sessions yet. On the synthetic model a 30° head pitch gives a
  // head drop of ≈ 23%, a 15° glance ≈ 9%.
  headDropPct: 20,
  leanPct: 15,
  roundingPct: 10,
  tiltDeg: 8,
  enterScore: 100,
  exitScore: 70,
  slouchDwellMs: 3000,
  uprightDwellMs: 1000,
  alertAfterMs: 60_000,
  realertAfterMs: 120_000,
  alertCueMs: 5000,
  breakCueMs: 20_000,
  outOfFrameGraceMs: 1000,
  maxFrameGapMs: 1000,
};

export const POSTURE_CUES = {
  outOfFrame: { id: 'out-of-frame', text: 'Sit so your head and shoulders are in view', priority: 90 },
  calibrate: { id: 'calibrate', text: 'Sit tall and look at the screen while we calibrate', priority: 70 },
  sitTall: { id: 'sit-tall', text: 'Sit tall: bring your head back over your shoulders', priority: 70 },
  screenAtEyeLevel: { id: 'screen-at-eye-level', text: 'Screen at eye level: raise it so you look straight ahead', priority: 65 },
  levelShoulders: { id: 'level-shoulders', text: 'Level your shoulders', priority: 60 },
  stretchBreak: { id: 'stretch-break', text: 'Time for a stretch: try cat-cow or a seated twist', priority: 40 },
} as const satisfies Record<string, Cue>;

export interface PostureBaseline {
  shoulderWidth: number;
  tiltDeg: number;
  /** Head heights ÷ shoulder width. */
  headHeights: HeadHeights;
  earDistance: number | undefined;
  eyeDistance: number | undefined;
}

export interface PostureComponents {
  headDropPct: number | null;
  leanPct: number | null;
  roundingPct: number;
  tiltDeg: number;
}

export type PostureComponent = 'head-drop' | 'lean' | 'rounding' | 'tilt';

/** CheckerOutput plus what the posture page shows. */
export interface PostureOutput extends CheckerOutput {
  phase: PosturePhase;
  /** Time spent upright / slouched since calibration (out-of-frame and calibration time excluded). */
  uprightMs: number;
  slouchedMs: number;
  /** This frame's components against the baseline; null while calibrating or unseen. */
  components: PostureComponents | null;
  /** The component furthest past its threshold (drives the specific cue). */
  dominant: PostureComponent | null;
}

export function baselineFrom(samples: readonly FrontView[]): PostureBaseline | undefined {
  const shoulderWidth = median(samples.map((s) => s.shoulderWidth));
  const tiltDeg = median(samples.map((s) => s.tiltDeg));
  if (shoulderWidth === undefined || tiltDeg === undefined) return undefined;
  return {
    shoulderWidth,
    tiltDeg,
    headHeights: medianHeights(samples.map((s) => scaleHeights(s.headHeights, s.shoulderWidth))),
    earDistance: median(samples.flatMap((s) => (s.earDistance === undefined ? [] : [s.earDistance]))),
    eyeDistance: median(samples.flatMap((s) => (s.eyeDistance === undefined ? [] : [s.eyeDistance]))),
  };
}

export function postureComponents(view: FrontView, baseline: PostureBaseline): PostureComponents {
  const drop = headDropPct(scaleHeights(view.headHeights, view.shoulderWidth), baseline.headHeights);
  // Ears are further apart (less relative noise) than the eyes; fall back to the eyes.
  let lean: number | undefined;
  if (view.earDistance !== undefined && baseline.earDistance) lean = (view.earDistance / baseline.earDistance - 1) * 100;
  else if (view.eyeDistance !== undefined && baseline.eyeDistance) lean = (view.eyeDistance / baseline.eyeDistance - 1) * 100;
  return {
    headDropPct: drop ?? null,
    leanPct: lean ?? null,
    roundingPct: (1 - view.shoulderWidth / baseline.shoulderWidth) * 100,
    tiltDeg: view.tiltDeg - baseline.tiltDeg,
  };
}

/** The worst component as % of its own threshold, and which one it is. */
export function slouchScore(c: PostureComponents, options: PostureOptions): { score: number; dominant: PostureComponent } {
  const ratios: [PostureComponent, number][] = [
    ['tilt', Math.abs(c.tiltDeg) / options.tiltDeg],
    ['rounding', c.roundingPct / options.roundingPct],
  ];
  if (c.leanPct !== null) ratios.push(['lean', c.leanPct / options.leanPct]);
  if (c.headDropPct !== null) ratios.push(['head-drop', c.headDropPct / options.headDropPct]);
  let best = ratios[0]!;
  for (const entry of ratios) if (entry[1] > best[1]) best = entry;
  return { score: Math.max(0, best[1] * 100), dominant: best[0] };
}

export const POSTURE_METRIC = (options: PostureOptions = DEFAULT_POSTURE_OPTIONS): MetricSpec => ({
  id: 'slouch-score',
  label: 'Slouch (100 = threshold of the worst sign)',
  unit: '%',
  min: 0,
  max: 200,
  bands: [
    { phase: 'upright', min: 0, max: options.exitScore },
    { phase: 'slouched', min: options.enterScore, max: 200 },
  ],
});

const NO_REPS: RepCounts = Object.freeze({ total: 0, left: 0, right: 0 });

export class PostureChecker implements Checker {
  readonly metric: MetricSpec;
  private readonly options: PostureOptions;
  private readonly latch: HysteresisLatch;
  private readonly clock: CalibrationClock;
  private readonly presence: PresenceGate;

  private phase: PosturePhase = 'calibrating';
  private baseline: PostureBaseline | undefined;
  private samples: FrontView[] = [];
  private uprightMs = 0;
  private slouchedMs = 0;
  private lastTMs: number | undefined;
  /** The current slouch: when the phase turned `slouched`, and its alerts. */
  private slouchedSinceMs = 0;
  private lastAlertMs: number | undefined;
  /** Set when the user sits up after an alerted slouch: the break cue runs from here. */
  private breakCueFromMs: number | undefined;

  constructor(options: Partial<PostureOptions> = {}) {
    this.options = { ...DEFAULT_POSTURE_OPTIONS, ...options };
    this.metric = POSTURE_METRIC(this.options);
    this.latch = new HysteresisLatch({
      onAbove: this.options.enterScore,
      offBelow: this.options.exitScore,
      minOnMs: this.options.slouchDwellMs,
      minOffMs: this.options.uprightDwellMs,
    });
    // Frames up to maxFrameGapMs apart still calibrate: the desk watch runs at 2–5 fps (issue #12).
    this.clock = new CalibrationClock(this.options.calibrationMs, this.options.maxFrameGapMs);
    this.presence = new PresenceGate(this.options.outOfFrameGraceMs);
  }

  /** Everything back to a fresh session: no baseline, no time counted. */
  reset(): void {
    this.recalibrate();
    this.phase = 'calibrating';
    this.uprightMs = 0;
    this.slouchedMs = 0;
    this.lastTMs = undefined;
    this.presence.reset();
    this.breakCueFromMs = undefined;
  }

  /**
   * Drops the baseline and calibrates again from the next frames (after moving the chair
   * or laptop). Upright/slouched time so far is kept; a slouch in progress is forgotten.
   */
  recalibrate(): void {
    this.baseline = undefined;
    this.samples = [];
    this.clock.reset();
    this.latch.reset();
    this.lastAlertMs = undefined;
    // The phase turns `calibrating` on the next step (phaseChanged is emitted there).
  }

  get calibrated(): boolean {
    return this.baseline !== undefined;
  }

  step(frame: PoseFrame): PostureOutput {
    const { tMs } = frame;
    const events: CheckerEvent[] = [];
    this.countTime(tMs);
    const { view, missing } = readFrontView(frame.keypoints, this.options.minScore);

    if (!view) {
      this.clock.interrupt();
      // Through a brief dropout the phase and the latch (with its pending dwell) stand still.
      const gone = this.presence.miss(tMs);
      if (gone.out) {
        if (gone.left) events.push({ type: 'outOfFrame', tMs, missing });
        // Leaving the desk ends any slouch: coming back starts afresh.
        this.latch.reset();
        this.lastAlertMs = undefined;
        this.setPhase('out-of-frame', tMs, events);
      }
      return this.output(tMs, null, null, this.presence.inFrame ? null : POSTURE_CUES.outOfFrame, events);
    }
    if (this.presence.see()) events.push({ type: 'backInFrame', tMs });

    if (!this.baseline) {
      this.samples.push(view);
      if (this.clock.tick(tMs)) this.baseline = baselineFrom(this.samples);
      if (!this.baseline) {
        this.setPhase('calibrating', tMs, events);
        return this.output(tMs, null, null, POSTURE_CUES.calibrate, events);
      }
      this.samples = [];
    }

    const components = postureComponents(view, this.baseline);
    const { score, dominant } = slouchScore(components, this.options);
    const next: PosturePhase = this.latch.step(score, tMs) ? 'slouched' : 'upright';
    if (next !== this.phase) {
      if (next === 'slouched') {
        this.slouchedSinceMs = tMs;
        this.lastAlertMs = undefined;
      } else if (this.phase === 'slouched' && this.lastAlertMs !== undefined) {
        this.breakCueFromMs = tMs;
      }
      this.setPhase(next, tMs, events);
    }
    if (this.phase === 'slouched') {
      const due =
        this.lastAlertMs === undefined
          ? tMs - this.slouchedSinceMs >= this.options.alertAfterMs
          : tMs - this.lastAlertMs >= this.options.realertAfterMs;
      if (due) {
        this.lastAlertMs = tMs;
        events.push({ type: 'formFault', tMs, fault: 'sustained-slouch' });
      }
    }
    return this.output(tMs, { components, dominant }, score, this.cue(tMs, dominant), events);
  }

  private cue(tMs: number, dominant: PostureComponent): Cue | null {
    if (this.phase === 'slouched' && this.lastAlertMs !== undefined) {
      if (tMs - this.lastAlertMs < this.options.alertCueMs) return POSTURE_CUES.sitTall;
      if (dominant === 'head-drop') return POSTURE_CUES.screenAtEyeLevel;
      if (dominant === 'tilt') return POSTURE_CUES.levelShoulders;
      return POSTURE_CUES.sitTall;
    }
    if (this.phase === 'upright' && this.breakCueFromMs !== undefined && tMs - this.breakCueFromMs < this.options.breakCueMs) {
      return POSTURE_CUES.stretchBreak;
    }
    return null;
  }

  /** Credits the time since the previous frame to the phase the user was in during it. */
  private countTime(tMs: number): void {
    const last = this.lastTMs;
    this.lastTMs = tMs;
    if (last === undefined || tMs <= last || tMs - last > this.options.maxFrameGapMs) return;
    if (this.phase === 'upright') this.uprightMs += tMs - last;
    else if (this.phase === 'slouched') this.slouchedMs += tMs - last;
  }

  private setPhase(next: PosturePhase, tMs: number, events: CheckerEvent[]): void {
    if (next === this.phase) return;
    events.push({ type: 'phaseChanged', tMs, from: this.phase, to: next });
    this.phase = next;
  }

  private output(
    tMs: number,
    measured: { components: PostureComponents; dominant: PostureComponent } | null,
    metric: number | null,
    cue: Cue | null,
    events: CheckerEvent[],
  ): PostureOutput {
    const counting = this.phase === 'upright' || this.phase === 'slouched';
    const output: PostureOutput = {
      tMs,
      phase: this.phase,
      metric,
      cue,
      events,
      reps: NO_REPS,
      holdMs: 0,
      counting,
      uprightMs: this.uprightMs,
      slouchedMs: this.slouchedMs,
      components: measured?.components ?? null,
      dominant: measured?.dominant ?? null,
    };
    if (!this.baseline) {
      output.calibrationRemainingMs = this.clock.remainingMs;
      // Any frame in view calibrates; only being out of view holds it up.
      if (!measured && !this.presence.inFrame) output.calibrationIssue = 'body-not-in-view';
    } else {
      output.baseline = 'calibrated';
    }
    return output;
  }
}
