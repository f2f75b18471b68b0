/**
 * Rate of change of a value over a sliding time window: the least-squares slope of the
 * samples in the window (far steadier under keypoint jitter than the two end samples), once
 * the window spans at least half its length. Deterministic; time comes from the caller.
 */
export class RateMeter {
  private readonly samples: { tMs: number; value: number }[] = [];

  constructor(private readonly windowMs: number) {}

  /** Adds a sample and returns the rate per second, or undefined while the window is too short. */
  step(value: number, tMs: number): number | undefined {
    const last = this.samples.at(-1);
    if (last && tMs < last.tMs) this.samples.length = 0; // a seek backwards
    this.samples.push({ tMs, value });
    while (this.samples.length > 1 && tMs - this.samples[0]!.tMs > this.windowMs) this.samples.shift();
    const first = this.samples[0]!;
    if (tMs - first.tMs < this.windowMs / 2) return undefined;
    let meanT = 0;
    let meanV = 0;
    for (const sample of this.samples) {
      meanT += sample.tMs;
      meanV += sample.value;
    }
    meanT /= this.samples.length;
    meanV /= this.samples.length;
    let covariance = 0;
    let variance = 0;
    for (const sample of this.samples) {
      covariance += (sample.tMs - meanT) * (sample.value - meanV);
      variance += (sample.tMs - meanT) ** 2;
    }
    return variance > 0 ? (covariance / variance) * 1000 : undefined;
  }

  reset(): void {
    this.samples.length = 0;
  }
}
