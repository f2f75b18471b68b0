/**
 * Counts circular massage strokes from a wrist's path. Pure and deterministic: points and
 * their times come from the caller.
 *
 * A stroke is one full turn of the wrist around the centre of its recent path. The centre
 * is an exponential moving average of the path (time constant `centreTauMs`): for a circle
 * of any speed the wrist's angle around that moving centre turns exactly as fast as around
 * the true centre (the average only shrinks the apparent radius, more for slow circles), and
 * a slow drift of the whole arm is followed instead of being read as a turn.
 *
 * The first `centreTauMs` of a path only settle the centre: no angle is counted there.
 *
 * What keeps noise and rubbing from counting:
 * - a point closer to the centre than `minRadius` adds no angle (noise around a still hand
 *   has no direction), and a jump of more than `maxStepDeg` in one frame is not a turn;
 * - back-and-forth rubbing swings the angle one way and back, so the net turn stays near 0;
 * - a completed turn must have travelled a path no longer than `maxPathRatio` × its circle
 *   (2π × mean radius): jitter piles up path without going round;
 * - a turn faster than `minStrokeMs` is scrubbing, not a slow circle: it is reported as too
 *   fast and not counted; one slower than `maxStrokeMs` starts over (half a turn now and half
 *   a turn a minute later are not a stroke).
 */
import type { Vec2 } from '../../geometry/vector';
import { TimeEma } from '../../filters/time-ema';

export interface StrokeOptions {
  /** Time constant of the path's centre. */
  centreTauMs: number;
  /** Points nearer the centre than this (in the caller's units) add no angle. */
  minRadius: number;
  /** A bigger jump of the angle in one frame is not a turn (noise, a dropout, a swap). */
  maxStepDeg: number;
  /** Turns quicker than this are scrubbing: reported, not counted. */
  minStrokeMs: number;
  /** A turn that takes longer than this starts over. */
  maxStrokeMs: number;
  /** The path of a counted turn is at most this many times its circle's circumference. */
  maxPathRatio: number;
  /** Frames further apart than this break the path (a dropout): the turn starts over. */
  maxGapMs: number;
}

export const DEFAULT_STROKE_OPTIONS: StrokeOptions = {
  centreTauMs: 600,
  minRadius: 0.03,
  maxStepDeg: 100,
  minStrokeMs: 350,
  maxStrokeMs: 6000,
  maxPathRatio: 2.2,
  maxGapMs: 400,
};

export type StrokeResult =
  | { kind: 'stroke'; durationMs: number; meanRadius: number; direction: 1 | -1 }
  | { kind: 'too-fast'; durationMs: number };

const TURN = 2 * Math.PI;

/** Wraps an angle difference into (−π, π]. */
function wrap(angle: number): number {
  let a = angle % TURN;
  if (a <= -Math.PI) a += TURN;
  else if (a > Math.PI) a -= TURN;
  return a;
}

export class StrokeTracker {
  private readonly options: StrokeOptions;
  private readonly centreX: TimeEma;
  private readonly centreY: TimeEma;
  private lastT: number | undefined;
  /** The wrist's offset from the centre at the previous frame. */
  private lastOffset: Vec2 | undefined;
  private lastAngle: number | undefined;
  /** Net angle turned since the current stroke began (signed). */
  private turned = 0;
  private turnStartMs: number | undefined;
  /** When the current unbroken path began (the centre settles from there). */
  private pathStartMs: number | undefined;
  /** Path length and radius samples of the current turn. */
  private path = 0;
  private radiusSum = 0;
  private radiusCount = 0;

  constructor(options: Partial<StrokeOptions> = {}) {
    this.options = { ...DEFAULT_STROKE_OPTIONS, ...options };
    this.centreX = new TimeEma(this.options.centreTauMs);
    this.centreY = new TimeEma(this.options.centreTauMs);
  }

  /** How far round the current turn is, 0–1 (for display and tests). */
  get progress(): number {
    return Math.min(1, Math.abs(this.turned) / TURN);
  }

  /** Feeds the wrist at `tMs`; returns a completed (or too fast) stroke, else null. */
  step(point: Vec2, tMs: number): StrokeResult | null {
    const o = this.options;
    if (this.lastT !== undefined && (tMs <= this.lastT || tMs - this.lastT > o.maxGapMs)) {
      // Time went back (a seek) or a dropout: the path is broken, start from this point.
      this.reset();
    }
    const first = this.lastT === undefined;
    const dx = point.x - this.centreX.step(point.x, tMs);
    const dy = point.y - this.centreY.step(point.y, tMs);
    // Path measured around the moving centre, like the radius, so a clean circle's ratio is 1 at any speed.
    if (this.lastOffset) this.path += Math.hypot(dx - this.lastOffset.x, dy - this.lastOffset.y);
    this.lastOffset = { x: dx, y: dy };
    this.lastT = tMs;
    this.pathStartMs ??= tMs;
    // Until the centre has settled (one time constant) the angle around it means little.
    if (first || tMs - this.pathStartMs < o.centreTauMs) {
      this.turnStartMs = tMs;
      this.path = 0;
      return null;
    }
    this.turnStartMs ??= tMs;

    const radius = Math.hypot(dx, dy);
    if (radius < o.minRadius) {
      this.lastAngle = undefined;
      return this.expire(tMs);
    }
    const angle = Math.atan2(dy, dx);
    if (this.lastAngle !== undefined) {
      const delta = wrap(angle - this.lastAngle);
      if (Math.abs(delta) * (180 / Math.PI) <= o.maxStepDeg) {
        this.turned += delta;
        this.radiusSum += radius;
        this.radiusCount++;
      }
    }
    this.lastAngle = angle;
    if (Math.abs(this.turned) < TURN) return this.expire(tMs);

    const durationMs = tMs - (this.turnStartMs ?? tMs);
    const direction: 1 | -1 = this.turned > 0 ? 1 : -1;
    const meanRadius = this.radiusCount > 0 ? this.radiusSum / this.radiusCount : 0;
    const pathRatio = meanRadius > 0 ? this.path / (TURN * meanRadius) : Infinity;
    // The next turn starts here, carrying what this one turned past a full circle.
    this.turned -= direction * TURN;
    this.turnStartMs = tMs;
    this.path = 0;
    this.radiusSum = 0;
    this.radiusCount = 0;
    if (durationMs < o.minStrokeMs) return { kind: 'too-fast', durationMs };
    if (pathRatio > o.maxPathRatio) return null;
    return { kind: 'stroke', durationMs, meanRadius, direction };
  }

  /** Forgets the path: the next point starts a new one (hand away, side changed). */
  reset(): void {
    this.centreX.reset();
    this.centreY.reset();
    this.lastT = undefined;
    this.lastOffset = undefined;
    this.lastAngle = undefined;
    this.turned = 0;
    this.turnStartMs = undefined;
    this.pathStartMs = undefined;
    this.path = 0;
    this.radiusSum = 0;
    this.radiusCount = 0;
  }

  /** A turn that has taken too long starts over from here. */
  private expire(tMs: number): null {
    if (this.turnStartMs !== undefined && tMs - this.turnStartMs > this.options.maxStrokeMs) {
      this.turned = 0;
      this.turnStartMs = tMs;
      this.path = 0;
      this.radiusSum = 0;
      this.radiusCount = 0;
    }
    return null;
  }
}
