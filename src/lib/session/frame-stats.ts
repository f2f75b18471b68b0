/** Rolling per-frame timings and rate, for the FPS readout and the benchmark. Pure. */

export class RollingRate {
  private readonly times: number[] = [];
  constructor(private readonly windowMs = 1000) {}

  /** Records an event at `tMs` and returns events per second over the window. */
  tick(tMs: number): number {
    this.times.push(tMs);
    while (this.times.length > 0 && (this.times[0] ?? tMs) < tMs - this.windowMs) this.times.shift();
    return this.rate();
  }

  rate(): number {
    if (this.times.length < 2) return 0;
    const first = this.times[0] ?? 0;
    const last = this.times[this.times.length - 1] ?? 0;
    return last > first ? ((this.times.length - 1) * 1000) / (last - first) : 0;
  }

  reset(): void {
    this.times.length = 0;
  }
}

export interface FrameTiming {
  /** The model's estimate call. */
  modelMs: number;
  /** Smoothing + features + checker + cue scheduling. */
  coreMs: number;
  /** From frame callback start to UI state updated (model + core + bookkeeping). */
  totalMs: number;
}

/** Keeps the last `capacity` frame timings in a ring, without allocating per frame. */
export class FrameTimings {
  private readonly model: Float64Array;
  private readonly core: Float64Array;
  private readonly total: Float64Array;
  private next = 0;
  count = 0;

  constructor(readonly capacity = 2000) {
    this.model = new Float64Array(capacity);
    this.core = new Float64Array(capacity);
    this.total = new Float64Array(capacity);
  }

  add(timing: FrameTiming): void {
    this.model[this.next] = timing.modelMs;
    this.core[this.next] = timing.coreMs;
    this.total[this.next] = timing.totalMs;
    this.next = (this.next + 1) % this.capacity;
    this.count++;
  }

  medians(): FrameTiming {
    return { modelMs: median(this.values(this.model)), coreMs: median(this.values(this.core)), totalMs: median(this.values(this.total)) };
  }

  private values(ring: Float64Array): Float64Array {
    return ring.slice(0, Math.min(this.count, this.capacity));
  }

  reset(): void {
    this.next = 0;
    this.count = 0;
  }
}

export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Array.from(values).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
