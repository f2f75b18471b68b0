/**
 * Self-massage, facing the camera (upper body): one hand on the opposite shoulder or upper
 * back, small slow circles, about a minute a side. A deterministic step function over frames;
 * time comes only from `frame.tMs`.
 *
 * What is read (./hand.ts): each wrist against the OPPOSITE shoulder, in shoulder widths.
 * A hand is "on" a shoulder when its wrist is within `reachEnter` of it, above chest height
 * (no lower than `chestDrop` under the shoulder line) and across the body's midline; a latch
 * with hysteresis and dwell times both ways turns that into a steady yes/no per side. Phase
 * `massage-left` means the user's LEFT shoulder is being worked (by the right hand).
 *
 * Time and strokes count only while exactly one hand is on a shoulder:
 * - a *visit* to a side is the checker's hold: it starts when the hand arrives (holdStarted),
 *   its time runs only while the hand is there, survives the hand leaving for up to
 *   `visitGraceMs` (to shift the hand), completes at `holdMs` (holdCompleted: "other side
 *   now"), and ends when the other side starts or the hand stays away longer;
 * - a *stroke* is one full turn of the wrist around the centre of its recent path
 *   (./stroke-tracker.ts); each is a `repCompleted` on that side, its metric the stroke pace.
 * The live metric is the pace of the last few strokes, in strokes a minute.
 *
 * Both hands on the opposite shoulders (a self-hug) count nothing: "one hand at a time".
 * Pressure cannot be seen by a camera: "press gently" is a reminder while the hand is still,
 * not a measurement.
 */
import { HysteresisLatch } from '../../filters/hysteresis';
import { PresenceGate } from '../../filters/presence';
import type { PoseFrame } from '../../pose/keypoints';
import type { Checker, CheckerEvent, CheckerOutput, Cue, MetricSpec, RepCounts, Side } from '../types';
import { readMassageView, type HandReading, type MassageView } from './hand';
import { DEFAULT_STROKE_OPTIONS, StrokeTracker, type StrokeOptions } from './stroke-tracker';

export type SelfMassagePhase = 'neutral' | 'massage-left' | 'massage-right' | 'out-of-frame';

export interface SelfMassageOptions {
  minScore: number;
  /** Hand on the shoulder at reach ≤ reachEnter, off at ≥ reachExit (× shoulder width). */
  reachEnter: number;
  reachExit: number;
  /** The wrist may be at most this far below the shoulder line (× shoulder width): above the chest. */
  chestDrop: number;
  /** The wrist must be at least this far past the midline towards the worked shoulder. */
  minCrossed: number;
  handOnMs: number;
  handOffMs: number;
  /** A wrist unseen this long counts as gone (a wrist briefly lost keeps its state). */
  wristLostMs: number;
  /** The hand away from its side longer than this ends the visit. */
  visitGraceMs: number;
  /** Time on each side to aim for. */
  holdMs: number;
  /** Strokes quicker than this (but counted) bring "slow circles". */
  fastStrokeMs: number;
  /** The hand on the shoulder without a stroke this long brings "press gently, small circles". */
  stillMs: number;
  /** How many recent strokes the pace is read over. */
  paceStrokes: number;
  /** "Slow circles" stays this long after a too-fast stroke. */
  slowCueMs: number;
  /** Frames further apart than this add no time (a paused or stalled camera). */
  maxFrameGapMs: number;
  outOfFrameGraceMs: number;
  strokes: StrokeOptions;
}

export const DEFAULT_SELF_MASSAGE_OPTIONS: SelfMassageOptions = {
  minScore: 0.3,
  // Fingers on the top of the shoulder or the upper back put the wrist ≈ 0.2–0.55 shoulder
  // widths from that shoulder (a hand is ≈ half a shoulder width long). Synthetic only: no
  // recorded self-massage yet.
  reachEnter: 0.65,
  reachExit: 0.85,
  chestDrop: 0.4,
  minCrossed: 0,
  handOnMs: 400,
  handOffMs: 700,
  wristLostMs: 700,
  visitGraceMs: 5000,
  holdMs: 60_000,
  fastStrokeMs: 900,
  stillMs: 4000,
  paceStrokes: 3,
  slowCueMs: 3000,
  maxFrameGapMs: 1000,
  outOfFrameGraceMs: 1000,
  strokes: DEFAULT_STROKE_OPTIONS,
};

export const SELF_MASSAGE_CUES = {
  outOfFrame: { id: 'out-of-frame', text: 'Sit so your head, shoulders and hands are in view', priority: 90 },
  oneHand: { id: 'one-hand', text: 'One hand at a time: let the other arm rest', priority: 60 },
  otherSide: { id: 'other-side', text: 'Other side now: switch hands', priority: 55 },
  bothDone: { id: 'both-done', text: 'Both sides done: well done', priority: 50 },
  slowCircles: { id: 'slow-circles', text: 'Slow circles: about one every two seconds', priority: 45 },
  pressGently: { id: 'press-gently', text: 'Press gently and make small circles', priority: 40 },
  handHigher: { id: 'hand-higher', text: 'Higher: fingers on top of the opposite shoulder', priority: 30 },
  relax: { id: 'relax', text: 'Relax the shoulder you are working on', priority: 20 },
  placeHand: { id: 'place-hand', text: 'Reach across: one hand on the opposite shoulder', priority: 10 },
} as const satisfies Record<string, Cue>;

export const SELF_MASSAGE_METRIC = (options: SelfMassageOptions = DEFAULT_SELF_MASSAGE_OPTIONS): MetricSpec => ({
  id: 'stroke-pace',
  label: 'Stroke pace (circles a minute)',
  unit: '/min',
  min: 0,
  max: 120,
  // Slow circles: one every 1–4 s. Above that "slow circles" is cued.
  bands: [{ phase: 'slow-circles', min: 15, max: Math.round(60_000 / options.fastStrokeMs) }],
  unsigned: true,
});

/** CheckerOutput plus what the massage page can show. */
export interface SelfMassageOutput extends CheckerOutput {
  phase: SelfMassagePhase;
  /** Time the hand has spent on each side this session (all visits). */
  sideTimeMs: Record<Side, number>;
  /** Sides whose visit reached the target this session. */
  sidesDone: Record<Side, boolean>;
  /** The hand working now, as read this frame; null when none. */
  hand: HandReading | null;
  /** How far round the current stroke is, 0–1. */
  strokeProgress: number;
}

interface Visit {
  side: Side;
  activeMs: number;
  done: boolean;
  /** When the hand left (the visit still open), undefined while it is there. */
  awaySinceMs: number | undefined;
  /** Last stroke (or the arrival) on this visit: for "press gently". */
  lastStrokeMs: number;
  firstStrokeMs: number | undefined;
}

const other = (side: Side): Side => (side === 'left' ? 'right' : 'left');

export class SelfMassageChecker implements Checker {
  readonly metric: MetricSpec;
  private readonly options: SelfMassageOptions;
  private readonly latches: Record<Side, HysteresisLatch>;
  private readonly lastSeen: Record<Side, number | undefined> = { left: undefined, right: undefined };
  private readonly tracker: StrokeTracker;
  private readonly presence: PresenceGate;

  private phase: SelfMassagePhase = 'neutral';
  private reps: RepCounts = { total: 0, left: 0, right: 0 };
  private visit: Visit | undefined;
  private sideTimeMs: Record<Side, number> = { left: 0, right: 0 };
  private sidesDone: Record<Side, boolean> = { left: false, right: false };
  private recentStrokeMs: number[] = [];
  private tooFastAtMs: number | undefined;
  private lastT: number | undefined;

  constructor(options: Partial<SelfMassageOptions> = {}) {
    this.options = { ...DEFAULT_SELF_MASSAGE_OPTIONS, ...options, strokes: { ...DEFAULT_STROKE_OPTIONS, ...options.strokes } };
    const o = this.options;
    this.metric = SELF_MASSAGE_METRIC(o);
    const latch = () => new HysteresisLatch({ direction: 'below', onBelow: o.reachEnter, offAbove: o.reachExit, minOnMs: o.handOnMs, minOffMs: o.handOffMs });
    this.latches = { left: latch(), right: latch() };
    this.tracker = new StrokeTracker(o.strokes);
    this.presence = new PresenceGate(o.outOfFrameGraceMs);
  }

  reset(): void {
    this.latches.left.reset();
    this.latches.right.reset();
    this.lastSeen.left = undefined;
    this.lastSeen.right = undefined;
    this.tracker.reset();
    this.presence.reset();
    this.phase = 'neutral';
    this.reps = { total: 0, left: 0, right: 0 };
    this.visit = undefined;
    this.sideTimeMs = { left: 0, right: 0 };
    this.sidesDone = { left: false, right: false };
    this.recentStrokeMs = [];
    this.tooFastAtMs = undefined;
    this.lastT = undefined;
  }

  step(frame: PoseFrame): SelfMassageOutput {
    const { tMs } = frame;
    const o = this.options;
    const events: CheckerEvent[] = [];
    const dt = this.lastT === undefined || tMs <= this.lastT || tMs - this.lastT > o.maxFrameGapMs ? 0 : tMs - this.lastT;
    this.lastT = tMs;
    const { view, missing } = readMassageView(frame.keypoints, o.minScore);

    if (!view) {
      // Through a brief dropout the phase, the latches and the visit stand still.
      const gone = this.presence.miss(tMs);
      if (gone.out) {
        if (gone.left) events.push({ type: 'outOfFrame', tMs, missing });
        this.handAway(tMs, events);
        this.latches.left.reset();
        this.latches.right.reset();
        this.setPhase('out-of-frame', tMs, events);
      }
      return this.output(tMs, null, this.presence.inFrame ? null : SELF_MASSAGE_CUES.outOfFrame, events);
    }
    if (this.presence.see()) events.push({ type: 'backInFrame', tMs });

    const on = { left: this.handOn('left', view, tMs), right: this.handOn('right', view, tMs) };
    const bothOn = on.left && on.right;
    const side: Side | null = bothOn ? null : on.left ? 'left' : on.right ? 'right' : null;

    if (side) this.handOnSide(side, view.hands[side], tMs, dt, events);
    else this.handAway(tMs, events);
    this.setPhase(side ? (side === 'left' ? 'massage-left' : 'massage-right') : 'neutral', tMs, events);

    const hand = side ? (view.hands[side] ?? null) : null;
    return this.output(tMs, hand, this.cue(tMs, view, side, bothOn), events);
  }

  /** The hand latch for one side, fed with the wrist's reach when it is where a massaging hand can be. */
  private handOn(side: Side, view: MassageView, tMs: number): boolean {
    const o = this.options;
    const hand = view.hands[side];
    const latch = this.latches[side];
    if (!hand) {
      const seen = this.lastSeen[side];
      // Briefly unseen: keep the state; unseen for long: gone.
      if (seen !== undefined && tMs - seen < o.wristLostMs) return latch.on;
      return latch.step(o.reachExit + 1, tMs);
    }
    this.lastSeen[side] = tMs;
    const placed = hand.height >= -o.chestDrop && hand.crossed >= o.minCrossed;
    return latch.step(placed ? hand.reach : o.reachExit + 1, tMs);
  }

  private handOnSide(side: Side, hand: HandReading | undefined, tMs: number, dt: number, events: CheckerEvent[]): void {
    const o = this.options;
    if (this.visit && this.visit.side !== side) this.endVisit(tMs, events);
    if (!this.visit) {
      this.visit = { side, activeMs: 0, done: false, awaySinceMs: undefined, lastStrokeMs: tMs, firstStrokeMs: undefined };
      this.tracker.reset();
      this.recentStrokeMs = [];
      events.push({ type: 'sideChanged', tMs, side });
      events.push({ type: 'holdStarted', tMs, side });
    } else if (this.visit.awaySinceMs !== undefined) {
      // Back after shifting the hand: the visit goes on, the stroke in progress does not.
      this.visit.awaySinceMs = undefined;
      this.visit.lastStrokeMs = tMs;
      this.tracker.reset();
    } else {
      this.visit.activeMs += dt;
      this.sideTimeMs[side] += dt;
    }
    const visit = this.visit;
    if (!visit.done && visit.activeMs >= o.holdMs) {
      visit.done = true;
      this.sidesDone[side] = true;
      events.push({ type: 'holdCompleted', tMs, side, durationMs: visit.activeMs });
    }
    // A wrist briefly unseen while the latch holds: time goes on, the path waits for it.
    if (!hand) return;
    const stroke = this.tracker.step(hand.offset, tMs);
    if (!stroke) return;
    if (stroke.kind === 'too-fast') {
      this.tooFastAtMs = tMs;
      return;
    }
    if (stroke.durationMs < o.fastStrokeMs) this.tooFastAtMs = tMs;
    visit.lastStrokeMs = tMs;
    visit.firstStrokeMs ??= tMs;
    this.recentStrokeMs = [...this.recentStrokeMs, stroke.durationMs].slice(-o.paceStrokes);
    const pace = 60_000 / stroke.durationMs;
    this.reps = { ...this.reps, total: this.reps.total + 1, [side]: this.reps[side] + 1 };
    events.push({ type: 'repCompleted', tMs, repIndex: this.reps.total, side, peakMetric: pace, troughMetric: pace, durationMs: stroke.durationMs });
  }

  /** No hand on a shoulder this frame: the visit waits, then ends after the grace. */
  private handAway(tMs: number, events: CheckerEvent[]): void {
    const visit = this.visit;
    if (!visit) return;
    if (visit.awaySinceMs === undefined) {
      visit.awaySinceMs = tMs;
      this.tracker.reset();
    } else if (tMs - visit.awaySinceMs >= this.options.visitGraceMs) {
      this.endVisit(tMs, events);
    }
  }

  /** Ends the visit; a visit let go before its target is kept by the recorder as not completed. */
  private endVisit(tMs: number, events: CheckerEvent[]): void {
    if (!this.visit) return;
    if (!this.visit.done) events.push({ type: 'formFault', tMs, fault: 'side-short' });
    this.visit = undefined;
    this.tracker.reset();
    this.recentStrokeMs = [];
  }

  private cue(tMs: number, view: MassageView, side: Side | null, bothOn: boolean): Cue | null {
    const o = this.options;
    const C = SELF_MASSAGE_CUES;
    if (bothOn) return C.oneHand;
    const visit = this.visit;
    if (visit?.done) return this.sidesDone[other(visit.side)] ? C.bothDone : C.otherSide;
    if (side && visit) {
      if (this.tooFastAtMs !== undefined && tMs - this.tooFastAtMs < o.slowCueMs) return C.slowCircles;
      if (visit.firstStrokeMs === undefined || tMs - visit.lastStrokeMs >= o.stillMs) return C.pressGently;
      return C.relax;
    }
    // No hand on a shoulder. One crossed over but too low: guide it up.
    for (const hand of Object.values(view.hands)) {
      if (hand && hand.crossed >= o.minCrossed && hand.height < -o.chestDrop && hand.reach < o.reachExit + o.chestDrop) return C.handHigher;
    }
    if (visit) return null; // shifting the hand: say nothing for a moment
    if (this.sidesDone.left && this.sidesDone.right) return C.bothDone;
    return C.placeHand;
  }

  private setPhase(next: SelfMassagePhase, tMs: number, events: CheckerEvent[]): void {
    if (next === this.phase) return;
    events.push({ type: 'phaseChanged', tMs, from: this.phase, to: next });
    this.phase = next;
  }

  private output(tMs: number, hand: HandReading | null, cue: Cue | null, events: CheckerEvent[]): SelfMassageOutput {
    const massaging = this.phase === 'massage-left' || this.phase === 'massage-right';
    const strokes = this.recentStrokeMs;
    const pace = massaging && strokes.length > 0 ? (60_000 * strokes.length) / strokes.reduce((sum, ms) => sum + ms, 0) : null;
    return {
      tMs,
      phase: this.phase,
      metric: pace,
      cue,
      events,
      reps: this.reps,
      holdMs: this.visit?.activeMs ?? 0,
      counting: this.phase !== 'out-of-frame',
      side: this.visit?.side ?? null,
      sideTimeMs: { ...this.sideTimeMs },
      sidesDone: { ...this.sidesDone },
      hand,
      strokeProgress: massaging ? this.tracker.progress : 0,
    };
  }
}
