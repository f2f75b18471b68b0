/**
 * Counts time spent in good calibration frames: the interval since the previous frame is
 * added when both were good and the gap is short. A bad frame pauses the countdown.
 * Deterministic; time comes from the caller.
 */
export class CalibrationClock {
  private accumulatedMs = 0;
  private lastGoodMs: number | undefined;

  constructor(
    readonly durationMs: number,
    private readonly maxGapMs = 250,
  ) {}

  /** A frame good for calibration at `tMs`; returns whether calibration time is complete. */
  tick(tMs: number): boolean {
    if (this.lastGoodMs !== undefined && tMs > this.lastGoodMs && tMs - this.lastGoodMs <= this.maxGapMs) {
      this.accumulatedMs += tMs - this.lastGoodMs;
    }
    this.lastGoodMs = tMs;
    return this.done;
  }

  /** A frame not good for calibration: the countdown pauses until good frames return. */
  interrupt(): void {
    this.lastGoodMs = undefined;
  }

  get done(): boolean {
    return this.accumulatedMs >= this.durationMs;
  }

  get remainingMs(): number {
    return Math.max(0, this.durationMs - this.accumulatedMs);
  }

  reset(): void {
    this.accumulatedMs = 0;
    this.lastGoodMs = undefined;
  }
}
