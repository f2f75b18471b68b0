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

/** Keeps the last `capacity` frame timings, without allocating per frame. */
export class FrameTimings {
  private readonly model: SampleRing;
  private readonly core: SampleRing;
  private readonly total: SampleRing;

  constructor(readonly capacity = 2000) {
    this.model = new SampleRing(capacity);
    this.core = new SampleRing(capacity);
    this.total = new SampleRing(capacity);
  }

  /** Frames recorded since the last reset (including those the ring no longer holds). */
  get count(): number {
    return this.model.count;
  }

  add(timing: FrameTiming): void {
    this.model.add(timing.modelMs);
    this.core.add(timing.coreMs);
    this.total.add(timing.totalMs);
  }

  medians(): FrameTiming {
    return { modelMs: this.model.median(), coreMs: this.core.median(), totalMs: this.total.median() };
  }

  reset(): void {
    this.model.reset();
    this.core.reset();
    this.total.reset();
  }
}

export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Array.from(values).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The last `capacity` samples of one quantity, for a median. */
export class SampleRing {
  private readonly ring: Float64Array;
  private next = 0;
  count = 0;

  constructor(readonly capacity = 2000) {
    this.ring = new Float64Array(capacity);
  }

  add(value: number): void {
    this.ring[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    this.count++;
  }

  median(): number {
    return median(this.ring.subarray(0, Math.min(this.count, this.capacity)));
  }

  reset(): void {
    this.next = 0;
    this.count = 0;
  }
}
