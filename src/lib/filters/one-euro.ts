/**
 * One Euro filter (Casiez, Roussel & Vogel, "1€ Filter: A Simple Speed-based Low-pass
 * Filter for Noisy Input in Interactive Systems", CHI 2012), driven by explicit
 * timestamps so it behaves the same at any (or a varying) frame rate.
 *
 * A low-pass whose cutoff rises with the signal's speed: still keypoints are smoothed
 * hard (jitter goes away), moving ones lightly (little lag).
 */

import {
  KEYPOINT_NAMES,
  type Keypoint3DMap,
  type KeypointMap,
  type KeypointName,
  type PoseFrame,
} from '../pose/keypoints';

export interface OneEuroParams {
  /** Cutoff (Hz) when the signal is still. Lower = smoother but laggier at rest. */
  minCutoffHz: number;
  /** How fast the cutoff rises with speed (per unit/s). Higher = less lag in motion. */
  beta: number;
  /** Cutoff (Hz) of the low-pass applied to the speed estimate itself. */
  dCutoffHz: number;
}

/**
 * Starting point for pose keypoints at ~30 fps in normalised frame units (and metres
 * for 3D points, which have a similar magnitude). Not tuned on recorded sessions yet:
 * revisit minCutoffHz (jitter at rest) and beta (lag in motion) against real traces.
 */
export const DEFAULT_ONE_EURO_PARAMS: Readonly<OneEuroParams> = Object.freeze({
  minCutoffHz: 1.0,
  beta: 0.3,
  dCutoffHz: 1.0,
});

/** Smoothing factor of a first-order low-pass with cutoff `cutoffHz` over `dtSeconds`. */
function smoothingFactor(cutoffHz: number, dtSeconds: number): number {
  const tau = 1 / (2 * Math.PI * cutoffHz);
  return 1 / (1 + tau / dtSeconds);
}

/** Throws a RangeError unless both cutoffs are > 0 and beta is >= 0 (NaN fails too). */
export function assertValidParams(params: OneEuroParams): void {
  if (!(params.minCutoffHz > 0) || !(params.dCutoffHz > 0)) {
    throw new RangeError('One Euro filter: minCutoffHz and dCutoffHz must be > 0');
  }
  if (!(params.beta >= 0)) throw new RangeError('One Euro filter: beta must be >= 0');
}

export class OneEuroFilter {
  private readonly minCutoffHz: number;
  private readonly beta: number;
  private readonly dCutoffHz: number;

  private hasState = false;
  private lastTMs = 0;
  private lastOutput = 0;
  private lastSpeed = 0;

  constructor(params: OneEuroParams = DEFAULT_ONE_EURO_PARAMS) {
    assertValidParams(params);
    this.minCutoffHz = params.minCutoffHz;
    this.beta = params.beta;
    this.dCutoffHz = params.dCutoffHz;
  }

  /**
   * Filters `value` sampled at `tMs` (milliseconds, any origin).
   * - First sample (or first after reset): returned as is.
   * - Same timestamp as the previous sample: the previous output, unchanged (dt = 0
   *   carries no information and would divide by zero).
   * - Earlier timestamp (a seek backwards): the filter resets and passes `value` through.
   * - Non-finite value or time: passed through without touching the state, so one bad
   *   sample cannot poison every later output.
   */
  filter(value: number, tMs: number): number {
    if (!Number.isFinite(value) || !Number.isFinite(tMs)) return value;
    if (!this.hasState || tMs < this.lastTMs) {
      this.hasState = true;
      this.lastTMs = tMs;
      this.lastOutput = value;
      this.lastSpeed = 0;
      return value;
    }
    if (tMs === this.lastTMs) return this.lastOutput;

    const dtSeconds = (tMs - this.lastTMs) / 1000;
    // Speed as in the paper: against the previous *filtered* value, then low-passed.
    const rawSpeed = (value - this.lastOutput) / dtSeconds;
    const dAlpha = smoothingFactor(this.dCutoffHz, dtSeconds);
    const speed = this.lastSpeed + dAlpha * (rawSpeed - this.lastSpeed);
    const cutoffHz = this.minCutoffHz + this.beta * Math.abs(speed);
    const alpha = smoothingFactor(cutoffHz, dtSeconds);
    const output = this.lastOutput + alpha * (value - this.lastOutput);

    this.lastTMs = tMs;
    this.lastOutput = output;
    this.lastSpeed = speed;
    return output;
  }

  /** Forgets all history; the next sample passes through. */
  reset(): void {
    this.hasState = false;
    this.lastTMs = 0;
    this.lastOutput = 0;
    this.lastSpeed = 0;
  }
}

export interface KeypointSmootherOptions {
  /** Keypoints scoring below this are unseen: omitted from the output. Default 0.3. */
  minScore?: number;
  /**
   * A keypoint unseen for longer than this (ms) starts afresh when it returns instead of
   * gliding in from where it was last seen. Default 500.
   */
  maxGapMs?: number;
  /** Filter parameters for 2D x and y. Defaults: DEFAULT_ONE_EURO_PARAMS. */
  params2D?: Partial<OneEuroParams>;
  /** Filter parameters for 3D x, y and z. Defaults: the 2D ones. */
  params3D?: Partial<OneEuroParams>;
}

/** Per-keypoint filters plus when that keypoint was last seen. */
interface TrackedPoint {
  readonly x: OneEuroFilter;
  readonly y: OneEuroFilter;
  /** Unused for 2D points; one spare object per name, created once, keeps one shape. */
  readonly z: OneEuroFilter;
  lastSeenTMs: number;
}

/**
 * One-Euro smoothing of whole pose frames, per keypoint name, with confidence gating.
 * Unseen keypoints are never invented: they are left out of the output, so downstream
 * code sees exactly what the model saw, only steadier.
 */
export class KeypointSmoother {
  private readonly minScore: number;
  private readonly maxGapMs: number;
  private readonly params2D: OneEuroParams;
  private readonly params3D: OneEuroParams;
  private readonly tracked2D = new Map<KeypointName, TrackedPoint>();
  private readonly tracked3D = new Map<KeypointName, TrackedPoint>();
  private lastFrameTMs: number | undefined;

  constructor(options: KeypointSmootherOptions = {}) {
    this.minScore = options.minScore ?? 0.3;
    this.maxGapMs = options.maxGapMs ?? 500;
    this.params2D = { ...DEFAULT_ONE_EURO_PARAMS, ...options.params2D };
    this.params3D = { ...this.params2D, ...options.params3D };
    // Fail here on bad parameters, not on the first frame.
    assertValidParams(this.params2D);
    assertValidParams(this.params3D);
  }

  /** Returns a new, smoothed frame; `frame` is not modified. */
  smooth(frame: PoseFrame): PoseFrame {
    // A seek backwards invalidates every keypoint's history at once.
    if (this.lastFrameTMs !== undefined && frame.tMs < this.lastFrameTMs) this.reset();
    this.lastFrameTMs = frame.tMs;

    const keypoints: KeypointMap = {};
    const keypoints3D: Keypoint3DMap | undefined = frame.keypoints3D ? {} : undefined;
    for (const name of KEYPOINT_NAMES) {
      const raw = frame.keypoints[name];
      if (raw !== undefined && this.isSeen(raw.score, raw.x, raw.y, 0)) {
        const point = this.track(this.tracked2D, name, frame.tMs, this.params2D);
        keypoints[name] = {
          x: point.x.filter(raw.x, frame.tMs),
          y: point.y.filter(raw.y, frame.tMs),
          score: raw.score,
        };
      }
      const raw3D = frame.keypoints3D?.[name];
      if (keypoints3D !== undefined && raw3D !== undefined && this.isSeen(raw3D.score, raw3D.x, raw3D.y, raw3D.z)) {
        const point = this.track(this.tracked3D, name, frame.tMs, this.params3D);
        keypoints3D[name] = {
          x: point.x.filter(raw3D.x, frame.tMs),
          y: point.y.filter(raw3D.y, frame.tMs),
          z: point.z.filter(raw3D.z, frame.tMs),
          score: raw3D.score,
        };
      }
    }

    const smoothed: PoseFrame = { tMs: frame.tMs, aspect: frame.aspect, keypoints };
    if (keypoints3D !== undefined) smoothed.keypoints3D = keypoints3D;
    // The silhouette and the people count pass through as they are.
    if (frame.mask) smoothed.mask = frame.mask;
    if (frame.people) smoothed.people = frame.people;
    return smoothed;
  }

  /** Forgets every keypoint's history. */
  reset(): void {
    this.tracked2D.clear();
    this.tracked3D.clear();
    this.lastFrameTMs = undefined;
  }

  private isSeen(score: number, x: number, y: number, z: number): boolean {
    return score >= this.minScore && Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z);
  }

  /**
   * The filters for `name`, created on first sight and reset when the keypoint went
   * unseen for longer than maxGapMs (so it does not glide in from a stale position).
   */
  private track(
    tracked: Map<KeypointName, TrackedPoint>,
    name: KeypointName,
    tMs: number,
    params: OneEuroParams,
  ): TrackedPoint {
    let point = tracked.get(name);
    if (point === undefined) {
      point = {
        x: new OneEuroFilter(params),
        y: new OneEuroFilter(params),
        z: new OneEuroFilter(params),
        lastSeenTMs: tMs,
      };
      tracked.set(name, point);
    } else if (tMs - point.lastSeenTMs > this.maxGapMs) {
      point.x.reset();
      point.y.reset();
      point.z.reset();
    }
    point.lastSeenTMs = tMs;
    return point;
  }
}
