/**
 * Exponential smoothing with a time constant, driven by frame time, so it behaves the same
 * at any (or a varying) frame rate: each sample pulls the value towards it by 1 − e^(−dt/τ).
 * Deterministic; time comes from the caller.
 */
export class TimeEma {
  private value: number | undefined;
  private lastMs = 0;

  constructor(private readonly tauMs: number) {}

  /** Feeds `x` sampled at `tMs` and returns the smoothed value. */
  step(x: number, tMs: number): number {
    const dt = tMs - this.lastMs;
    // First value, or time went backwards (a seek): start from here.
    if (this.value === undefined || dt < 0 || this.tauMs <= 0) this.value = x;
    else this.value += (1 - Math.exp(-dt / this.tauMs)) * (x - this.value);
    this.lastMs = tMs;
    return this.value;
  }

  /** Starts over from `value` at `tMs`, or (no value) from the next sample. */
  reset(value?: number, tMs = 0): void {
    this.value = value;
    this.lastMs = tMs;
  }
}
