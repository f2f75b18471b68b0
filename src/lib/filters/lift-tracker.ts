/**
 * Lifts of a measured value (a hip angle, a chest lift) into a band, held there and let down
 * again. The caller decides from frame to frame whether the body is up (a hysteresis latch,
 * usually) and whether it is clearly down (below the band's exit, not merely "not up yet"
 * while a latch dwells); entering the band starts a hold that completes after `holdMs`.
 * Deterministic; time comes from the caller. It reports what happened; the caller turns that
 * into events.
 *
 * A lift counts only as a whole movement, seen from rest to rest:
 * - its start must be seen: a lift may start only after the body has been down for `restMs`
 *   (at the start, and again after `abandon()`), so a clip that opens with the hips up, or
 *   on their way up, does not count them;
 * - its end must be seen: a lift that came out of the band is a rep once the body has stayed
 *   down for `restMs`; going back up before that continues the same lift. A clip that ends
 *   while the hips are still coming down does not count that lift, unless its hold was
 *   completed (`finish`).
 */

/** What one step did. */
export interface LiftStep {
  /** The band was entered: a hold started. */
  holdStarted: boolean;
  /** The band was left from up (not after an interruption). */
  lowered: boolean;
  /** The hold reached `holdMs` on this step: how long it has lasted. */
  holdCompletedMs: number | undefined;
  /** A lift that reached the band has come back down and stayed down on this step. */
  rep: { peak: number; trough: number; durationMs: number } | undefined;
}

export class LiftTracker {
  /** Up or down at the last step; 'interrupted' after interrupt() or abandon() until the next. */
  private state: 'up' | 'down' | 'interrupted' = 'down';
  /** A lift that reached the band and has not been counted yet (up, or on its way to rest). */
  private liftActive = false;
  private liftStartMs = 0;
  /** When the lift last left the band; the rep waits for the body to rest. */
  private loweredMs: number | undefined;
  private peak = -Infinity;
  /** Lowest value since the last rep: the bottom the lift started from. */
  private trough = Infinity;
  private holdStartMs: number | undefined;
  private holdDone = false;
  /** Some hold of the lift in progress reached holdMs. */
  private liftHoldDone = false;
  /** Since when the body has been clearly down without a break. */
  private downSinceMs: number | undefined;
  /** The body has rested down since the start (or the last abandon): a lift may start. */
  private armed = false;

  /** `holdMs`: the target hold in the band; `restMs`: how long down counts as rest. */
  constructor(
    private readonly holdMs: number,
    private readonly restMs = 500,
  ) {}

  /** Feeds one measured value, whether the body is up (in the band) and whether it is clearly down. */
  step(up: boolean, value: number, tMs: number, down = !up): LiftStep {
    this.trough = Math.min(this.trough, value);
    if (this.liftActive) this.peak = Math.max(this.peak, value);
    const result: LiftStep = { holdStarted: false, lowered: false, holdCompletedMs: undefined, rep: undefined };
    if (down) this.downSinceMs ??= tMs;
    else this.downSinceMs = undefined;
    const rested = this.downSinceMs !== undefined && tMs - this.downSinceMs >= this.restMs;
    if (rested) this.armed = true;

    const next = up ? 'up' : 'down';
    if (next !== this.state) {
      if (up && (this.armed || this.liftActive)) {
        if (!this.liftActive) {
          this.liftActive = true;
          this.liftStartMs = tMs;
          this.peak = value;
          this.liftHoldDone = false;
        }
        this.loweredMs = undefined;
        this.holdStartMs = tMs;
        this.holdDone = false;
        result.holdStarted = true;
      } else if (!up) {
        this.endHold();
        result.lowered = this.state === 'up';
        if (this.liftActive) this.loweredMs ??= tMs;
      }
      // Up with its start unseen: not a lift of ours; it will arm once the body rests.
      this.state = next;
    }
    if (this.state === 'up' && this.holdStartMs !== undefined && !this.holdDone && tMs - this.holdStartMs >= this.holdMs) {
      this.holdDone = true;
      this.liftHoldDone = true;
      result.holdCompletedMs = tMs - this.holdStartMs;
    }
    if (this.liftActive && this.state !== 'up' && this.loweredMs !== undefined && rested) result.rep = this.completeRep(tMs);
    return result;
  }

  /**
   * The person is out of view: the hold ends, the lift in progress is kept (seen coming down
   * later, it still counts). The next step enters or leaves the band afresh.
   */
  interrupt(): void {
    this.endHold();
    if (this.liftActive) this.loweredMs ??= Number.NEGATIVE_INFINITY;
    this.downSinceMs = undefined;
    this.state = 'interrupted';
  }

  /** The view or the position is wrong: the hold and the lift in progress are dropped; the next must start from rest. */
  abandon(): void {
    this.liftActive = false;
    this.loweredMs = undefined;
    this.armed = false;
    this.interrupt();
  }

  /**
   * The clip or session ends: a lift whose hold reached its target counts (the user held it;
   * they were not going to be seen resting after it). Returns it as a rep, once.
   */
  finish(tMs: number): LiftStep['rep'] {
    if (!this.liftActive || !this.liftHoldDone) return undefined;
    this.endHold();
    return this.completeRep(tMs);
  }

  /** Time in the band so far, 0 when not holding. */
  heldMs(tMs: number): number {
    return this.state === 'up' && this.holdStartMs !== undefined ? tMs - this.holdStartMs : 0;
  }

  reset(): void {
    this.state = 'down';
    this.armed = false;
    this.liftActive = false;
    this.liftStartMs = 0;
    this.loweredMs = undefined;
    this.liftHoldDone = false;
    this.downSinceMs = undefined;
    this.peak = -Infinity;
    this.trough = Infinity;
    this.endHold();
  }

  private endHold(): void {
    this.holdStartMs = undefined;
    this.holdDone = false;
  }

  private completeRep(tMs: number): LiftStep['rep'] {
    // From leaving the rest to leaving the band (the wait for rest is not part of the lift).
    const endMs = this.loweredMs !== undefined && Number.isFinite(this.loweredMs) ? this.loweredMs : tMs;
    const rep = { peak: this.peak, trough: this.trough, durationMs: endMs - this.liftStartMs };
    this.liftActive = false;
    this.loweredMs = undefined;
    this.liftHoldDone = false;
    this.peak = -Infinity;
    this.trough = Infinity;
    return rep;
  }
}
