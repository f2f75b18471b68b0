/**
 * Turns a checker's output stream into a session record, frame by frame. Pure and
 * deterministic: time arrives as data (`tMs` on each output, the wall-clock start passed in),
 * nothing reads a clock, and ids come from an injected function.
 *
 * Clocks: `durationMs`, `timeInFrameMs` and every rep and hold `tMs` run on one "active time"
 * clock: the sum of gaps between consecutive frames, each capped at `maxFrameGapMs` (a stalled
 * stream or hidden tab does not inflate it) and with the gap across a pause left out.
 */
import type { CheckerEvent, CheckerOutput, Side, TechniqueId } from '../techniques/types';
import { SCHEMA_VERSION, type HoldRecord, type PainRating, type PostureTimes, type RepRecord, type SessionRecord, type SessionSource, type SessionStatus } from '../storage/schema';

export interface SessionStart {
  techniqueId: TechniqueId;
  source: SessionSource;
  modelId: string;
  /** The checker's `metric` spec (only these fields are kept). */
  metric: { id: string; label: string; unit: string };
  /** Wall clock at the start, epoch ms (the caller reads the clock, not the recorder). */
  startedAt: number;
  /** Use this id instead of a generated one. */
  id?: string;
  routineRunId?: string;
  routineStep?: number;
  /** The check-in answered before the session; null (default) when not asked. */
  painBefore?: PainRating;
}

export interface RecorderOptions {
  newId?: () => string;
  /** The most one frame-to-frame gap adds to active time. */
  maxFrameGapMs?: number;
}

export type FinishStatus = Exclude<SessionStatus, 'active'>;

/** The cue shown to the user this frame (the scheduled one), or null for none. */
export interface ShownCue {
  id: string;
  text: string;
}

const defaultNewId = (): string => globalThis.crypto.randomUUID();

interface OpenHold {
  record: HoldRecord;
  /** Frame time it opened at, so the opening frame (holdMs 0) does not close it. */
  openedAtFrame: number;
}

export class SessionRecorder {
  private readonly newId: () => string;
  private readonly maxFrameGapMs: number;

  private record: SessionRecord | undefined;
  private activeMs = 0;
  private timeInFrameMs = 0;
  /** Previous frame's time; undefined after start, resume or continueFrom (the next gap is not counted). */
  private lastFrameT: number | undefined;
  /** Wall-clock epoch of the current segment's first frame, and that frame's `tMs`. */
  private segmentStartedAt = 0;
  private segmentFirstT: number | undefined;
  private lastT: number | undefined;
  private openHold: OpenHold | undefined;
  /** Holds before this index belong to earlier reps. */
  private firstUnclaimedHold = 0;
  private lastCueId: string | null = null;
  private paused = false;
  /** Desk posture time from before a resume; the checker's own count starts again at 0. */
  private postureBase: PostureTimes = { uprightMs: 0, slouchedMs: 0 };

  constructor(options: RecorderOptions = {}) {
    this.newId = options.newId ?? defaultNewId;
    this.maxFrameGapMs = options.maxFrameGapMs ?? 1000;
  }

  get active(): boolean {
    return this.record?.status === 'active';
  }

  start(meta: SessionStart): void {
    this.record = {
      id: meta.id ?? this.newId(),
      schemaVersion: SCHEMA_VERSION,
      techniqueId: meta.techniqueId,
      source: meta.source,
      modelId: meta.modelId,
      metricId: meta.metric.id,
      metricLabel: meta.metric.label,
      metricUnit: meta.metric.unit,
      startedAt: meta.startedAt,
      endedAt: meta.startedAt,
      durationMs: 0,
      timeInFrameMs: 0,
      reps: [],
      holds: [],
      faults: {},
      cues: {},
      status: 'active',
      ...(meta.routineRunId === undefined ? {} : { routineRunId: meta.routineRunId }),
      ...(meta.routineStep === undefined ? {} : { routineStep: meta.routineStep }),
      painBefore: meta.painBefore ?? null,
      painAfter: null,
      painStopMs: null,
      posture: null,
    };
    this.postureBase = { uprightMs: 0, slouchedMs: 0 };
    this.activeMs = 0;
    this.timeInFrameMs = 0;
    this.firstUnclaimedHold = 0;
    this.beginSegment(meta.startedAt);
  }

  /**
   * Goes on recording into an earlier record (an interrupted session the user chose to
   * resume): counts and clocks carry on from where it was saved. `resumedAt` is the wall clock now.
   */
  continueFrom(saved: SessionRecord, resumedAt: number): void {
    this.record = {
      ...saved,
      reps: saved.reps.map((rep) => ({ ...rep })),
      holds: saved.holds.map((hold) => ({ ...hold })),
      faults: { ...saved.faults },
      cues: Object.fromEntries(Object.entries(saved.cues).map(([id, tally]) => [id, { ...tally }])),
      status: 'active',
      posture: saved.posture ? { ...saved.posture } : null,
    };
    this.postureBase = saved.posture ? { ...saved.posture } : { uprightMs: 0, slouchedMs: 0 };
    this.activeMs = saved.durationMs;
    this.timeInFrameMs = saved.timeInFrameMs;
    this.firstUnclaimedHold = saved.holds.length;
    this.beginSegment(resumedAt);
  }

  step(output: CheckerOutput): void {
    const record = this.record;
    if (!record || record.status !== 'active' || this.paused) return;
    const t = output.tMs;
    if (this.lastFrameT !== undefined) {
      // Frames arriving out of order (or a restarted clock) add nothing rather than going back.
      const gap = Math.min(Math.max(0, t - this.lastFrameT), this.maxFrameGapMs);
      this.activeMs += gap;
      if (output.counting) this.timeInFrameMs += gap;
    }
    this.lastFrameT = t;
    this.segmentFirstT ??= t;
    this.lastT = t;

    for (const event of output.events) this.apply(event, t);
    if (isPostureOutput(output)) {
      record.posture = { uprightMs: this.postureBase.uprightMs + output.uprightMs, slouchedMs: this.postureBase.slouchedMs + output.slouchedMs };
    }

    const open = this.openHold;
    if (open) {
      if (output.holdMs > 0) open.record.durationMs = Math.max(open.record.durationMs, output.holdMs);
      else if (open.openedAtFrame !== t) this.openHold = undefined; // let go
    }
  }

  /** Call with the cue shown this frame (or null), every frame: a cue counts once each time it appears. */
  cueShown(cue: ShownCue | null): void {
    const record = this.record;
    if (!record || record.status !== 'active' || this.paused) return;
    const id = cue?.id ?? null;
    if (id === this.lastCueId) return;
    this.lastCueId = id;
    if (!cue) return;
    const tally = record.cues[cue.id];
    record.cues[cue.id] = { text: cue.text, count: (tally?.count ?? 0) + 1 };
  }

  /** Paused time is not counted: the gap from the last frame before to the first after is left out. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.lastFrameT = undefined;
    this.lastCueId = null;
  }

  /**
   * The check-in: before (answered as the session starts) or after (once it has ended; a
   * finished record can still take its "after"). Returns the record as it is now.
   */
  setPain(when: 'before' | 'after', rating: PainRating): SessionRecord {
    const record = this.record;
    if (!record) throw new Error('SessionRecorder.setPain: start() was never called');
    if (when === 'before') record.painBefore = rating;
    else record.painAfter = rating;
    return this.snapshot();
  }

  /** "Stop — it hurts": marks when, in active session time; then finish() as usual. */
  markPainStop(): void {
    const record = this.record;
    if (record?.status === 'active') record.painStopMs = this.activeMs;
  }

  /** Ends the session. `endedAt` (wall clock, epoch ms) overrides the estimate from session time. */
  finish(status: FinishStatus, endedAt?: number): SessionRecord {
    const record = this.record;
    if (!record) throw new Error('SessionRecorder.finish: start() was never called');
    if (record.status === 'active') {
      record.status = status;
      this.openHold = undefined;
      this.sync(record);
      if (endedAt !== undefined) record.endedAt = Math.max(record.startedAt, endedAt);
    }
    return this.snapshot();
  }

  /** A copy of the record as it stands: safe to keep, save or compare while recording goes on. */
  snapshot(): SessionRecord {
    const record = this.record;
    if (!record) throw new Error('SessionRecorder.snapshot: start() was never called');
    if (record.status === 'active') this.sync(record);
    return {
      ...record,
      reps: record.reps.map((rep) => ({ ...rep })),
      holds: record.holds.map((hold) => ({ ...hold })),
      faults: { ...record.faults },
      cues: Object.fromEntries(Object.entries(record.cues).map(([id, tally]) => [id, { ...tally }])),
      posture: record.posture ? { ...record.posture } : null,
    };
  }

  private beginSegment(wallClock: number): void {
    this.segmentStartedAt = wallClock;
    this.segmentFirstT = undefined;
    this.lastT = undefined;
    this.lastFrameT = undefined;
    this.openHold = undefined;
    this.lastCueId = null;
    this.paused = false;
  }

  private sync(record: SessionRecord): void {
    record.durationMs = this.activeMs;
    record.timeInFrameMs = this.timeInFrameMs;
    const elapsed = this.segmentFirstT === undefined || this.lastT === undefined ? 0 : this.lastT - this.segmentFirstT;
    record.endedAt = Math.max(record.endedAt, this.segmentStartedAt + Math.max(0, elapsed));
  }

  /** Active-clock time of an event: events carry their frame's time, or a slightly earlier one. */
  private at(eventT: number, frameT: number): number {
    return Math.max(0, this.activeMs - Math.max(0, frameT - eventT));
  }

  private apply(event: CheckerEvent, frameT: number): void {
    const record = this.record!;
    switch (event.type) {
      case 'holdStarted': {
        const hold: HoldRecord = { tMs: this.at(event.tMs, frameT), side: event.side ?? null, durationMs: 0, completed: false };
        record.holds.push(hold);
        this.openHold = { record: hold, openedAtFrame: frameT };
        break;
      }
      case 'holdCompleted': {
        let hold = this.openHold?.record;
        if (!hold) {
          // Recording began mid-hold: keep the hold from what the event says.
          hold = { tMs: Math.max(0, this.at(event.tMs, frameT) - event.durationMs), side: event.side ?? null, durationMs: 0, completed: false };
          record.holds.push(hold);
          this.openHold = { record: hold, openedAtFrame: frameT };
        }
        hold.completed = true;
        hold.durationMs = Math.max(hold.durationMs, event.durationMs);
        break;
      }
      case 'repCompleted':
        record.reps.push(this.repFrom(event, frameT));
        break;
      case 'formFault':
        record.faults[event.fault] = (record.faults[event.fault] ?? 0) + 1;
        break;
      default:
        // Phase, side and framing changes are visible in the stream already; the record keeps outcomes.
        break;
    }
  }

  /** A rep owns the longest completed hold since the previous rep (on its side, for sided reps). */
  private repFrom(event: Extract<CheckerEvent, { type: 'repCompleted' }>, frameT: number): RepRecord {
    const record = this.record!;
    const side = event.side ?? null;
    let holdMs: number | null = null;
    for (const hold of record.holds.slice(this.firstUnclaimedHold)) {
      if (!hold.completed || (side !== null && hold.side !== null && hold.side !== side)) continue;
      holdMs = Math.max(holdMs ?? 0, hold.durationMs);
    }
    this.firstUnclaimedHold = record.holds.length;
    return {
      tMs: this.at(event.tMs, frameT),
      side,
      peakMetric: event.peakMetric,
      troughMetric: event.troughMetric,
      durationMs: event.durationMs,
      holdMs,
    };
  }
}

/** Desk posture's outputs carry its upright and slouched time. */
function isPostureOutput(output: CheckerOutput): output is CheckerOutput & PostureTimes {
  const candidate = output as Partial<PostureTimes>;
  return typeof candidate.uprightMs === 'number' && typeof candidate.slouchedMs === 'number';
}
