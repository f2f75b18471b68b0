/**
 * Lifts of a measured value (a hip angle, a chest lift) into a band, held there and let down
 * again. The caller decides from frame to frame whether the body is up (a hysteresis latch,
 * usually); entering the band starts a hold that completes after `holdMs`; a lift that
 * reached the band is a rep once it comes back down, with its peak, the trough it started
 * from and its duration. Deterministic; time comes from the caller. It reports what
 * happened; the caller turns that into events.
 */

/** What one step did. */
export interface LiftStep {
  /** The band was entered: a hold started. */
  holdStarted: boolean;
  /** The band was left from up (not after an interruption). */
  lowered: boolean;
  /** The hold reached `holdMs` on this step: how long it has lasted. */
  holdCompletedMs: number | undefined;
  /** A lift that reached the band came back down on this step. */
  rep: { peak: number; trough: number; durationMs: number } | undefined;
}

export class LiftTracker {
  /** Up or down at the last step; 'interrupted' after interrupt() or abandon() until the next. */
  private state: 'up' | 'down' | 'interrupted' = 'down';
  /** A lift that reached the band and has not come down yet. */
  private liftActive = false;
  private liftStartMs = 0;
  private peak = -Infinity;
  /** Lowest value since the last rep: the bottom the lift started from. */
  private trough = Infinity;
  private holdStartMs: number | undefined;
  private holdDone = false;

  /** `holdMs`: the target hold in the band. */
  constructor(private readonly holdMs: number) {}

  /** Feeds one measured value and whether the body is up (in the band) on this frame. */
  step(up: boolean, value: number, tMs: number): LiftStep {
    this.trough = Math.min(this.trough, value);
    if (this.liftActive) this.peak = Math.max(this.peak, value);
    const result: LiftStep = { holdStarted: false, lowered: false, holdCompletedMs: undefined, rep: undefined };
    const next = up ? 'up' : 'down';
    if (next !== this.state) {
      if (up) {
        if (!this.liftActive) {
          this.liftActive = true;
          this.liftStartMs = tMs;
          this.peak = value;
        }
        this.holdStartMs = tMs;
        this.holdDone = false;
        result.holdStarted = true;
      } else {
        this.endHold();
        result.lowered = this.state === 'up';
        if (this.liftActive) result.rep = this.completeRep(tMs);
      }
      this.state = next;
    }
    if (this.state === 'up' && this.holdStartMs !== undefined && !this.holdDone && tMs - this.holdStartMs >= this.holdMs) {
      this.holdDone = true;
      result.holdCompletedMs = tMs - this.holdStartMs;
    }
    return result;
  }

  /**
   * The person is out of view: the hold ends, the lift in progress is kept (seen coming down
   * later, it still counts). The next step enters or leaves the band afresh.
   */
  interrupt(): void {
    this.endHold();
    this.state = 'interrupted';
  }

  /** The view is wrong: the hold and the lift in progress are dropped. */
  abandon(): void {
    this.liftActive = false;
    this.interrupt();
  }

  /** Time in the band so far, 0 when not holding. */
  heldMs(tMs: number): number {
    return this.state === 'up' && this.holdStartMs !== undefined ? tMs - this.holdStartMs : 0;
  }

  reset(): void {
    this.state = 'down';
    this.liftActive = false;
    this.liftStartMs = 0;
    this.peak = -Infinity;
    this.trough = Infinity;
    this.endHold();
  }

  private endHold(): void {
    this.holdStartMs = undefined;
    this.holdDone = false;
  }

  private completeRep(tMs: number): LiftStep['rep'] {
    const rep = { peak: this.peak, trough: this.trough, durationMs: tMs - this.liftStartMs };
    this.liftActive = false;
    this.peak = -Infinity;
    this.trough = Infinity;
    return rep;
  }
}
