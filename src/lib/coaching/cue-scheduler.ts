/**
 * Turns the checker's per-frame cue candidate into what the user sees and hears: one cue at
 * a time, no flicker, no nagging. Pure; time comes in with each call.
 */
import type { Cue } from '../techniques/types';

export interface CueSchedulerOptions {
  /** A candidate must persist this long before it is shown (a one-frame glitch is not a cue). */
  settleMs: number;
  /** A shown cue stays at least this long unless a more important one arrives. */
  minShowMs: number;
  /** The same cue is not spoken again within this time. */
  repeatCooldownMs: number;
}

export const DEFAULT_CUE_SCHEDULER_OPTIONS: CueSchedulerOptions = {
  settleMs: 400,
  minShowMs: 2500,
  repeatCooldownMs: 8000,
};

export interface ScheduledCue {
  /** The cue on screen now, or null. */
  shown: Cue | null;
  /** Set on the frame a cue should be spoken aloud. */
  speak: Cue | null;
}

export class CueScheduler {
  private shown: Cue | null = null;
  private shownSinceMs = 0;
  private pending: Cue | null = null;
  private pendingSinceMs = 0;
  private readonly lastSpokenMs = new Map<string, number>();

  constructor(private readonly options: CueSchedulerOptions = DEFAULT_CUE_SCHEDULER_OPTIONS) {}

  step(candidate: Cue | null, tMs: number): ScheduledCue {
    if (candidate?.id !== this.pending?.id) {
      this.pending = candidate;
      this.pendingSinceMs = tMs;
    }
    // "No cue" must settle too, so a single frame without one does not blank the screen.
    const settled = tMs - this.pendingSinceMs >= this.options.settleMs;
    const shownFor = tMs - this.shownSinceMs;
    let speak: Cue | null = null;

    if (settled && this.pending && this.pending.id !== this.shown?.id) {
      const outranks = this.shown === null || this.pending.priority > this.shown.priority;
      if (outranks || shownFor >= this.options.minShowMs) {
        this.shown = this.pending;
        this.shownSinceMs = tMs;
        const lastSpoken = this.lastSpokenMs.get(this.shown.id);
        if (lastSpoken === undefined || tMs - lastSpoken >= this.options.repeatCooldownMs) {
          speak = this.shown;
          this.lastSpokenMs.set(this.shown.id, tMs);
        }
      }
    } else if (settled && this.pending === null && this.shown !== null && shownFor >= this.options.minShowMs) {
      this.shown = null;
      this.shownSinceMs = tMs;
    }
    return { shown: this.shown, speak };
  }

  reset(): void {
    this.shown = null;
    this.pending = null;
    this.shownSinceMs = 0;
    this.pendingSinceMs = 0;
    this.lastSpokenMs.clear();
  }
}
