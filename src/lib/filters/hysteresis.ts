/**
 * A boolean latch with two thresholds and optional dwell times, for turning a noisy
 * measurement (an angle, a distance) into a steady yes/no such as "in the cow pose".
 *
 * Two thresholds leave a dead band between them: noise that wanders inside the band
 * never toggles the state. Dwell times additionally require the toggling condition to
 * hold continuously for a while, which rejects brief spikes past a threshold.
 */

interface DwellOptions {
  /** How long (ms) the "turn on" condition must hold continuously before turning on. Default 0. */
  minOnMs?: number;
  /** How long (ms) the "turn off" condition must hold continuously before turning off. Default 0. */
  minOffMs?: number;
  /** State before the first step and after reset(). Default false. */
  initiallyOn?: boolean;
}

/** On when the value is high: on at value >= onAbove, off at value <= offBelow (onAbove > offBelow). */
export interface HysteresisAboveOptions extends DwellOptions {
  direction?: 'above';
  onAbove: number;
  offBelow: number;
}

/** On when the value is low: on at value <= onBelow, off at value >= offAbove (onBelow < offAbove). */
export interface HysteresisBelowOptions extends DwellOptions {
  direction: 'below';
  onBelow: number;
  offAbove: number;
}

export type HysteresisOptions = HysteresisAboveOptions | HysteresisBelowOptions;

export class HysteresisLatch {
  /** +1 when "on" means high values, -1 when it means low ones; thresholds are stored multiplied by it. */
  private readonly sign: 1 | -1;
  private readonly onThreshold: number;
  private readonly offThreshold: number;
  private readonly minOnMs: number;
  private readonly minOffMs: number;
  private readonly initiallyOn: boolean;

  private state: boolean;
  /** When the condition for leaving the current state started to hold; undefined if it does not. */
  private pendingSinceMs: number | undefined;

  constructor(options: HysteresisOptions) {
    if (options.direction === 'below') {
      if (!(options.onBelow < options.offAbove)) {
        throw new RangeError('HysteresisLatch: onBelow must be < offAbove');
      }
      // Negating turns "value <= onBelow" into "-value >= -onBelow": one code path for both.
      this.sign = -1;
      this.onThreshold = -options.onBelow;
      this.offThreshold = -options.offAbove;
    } else {
      if (!(options.onAbove > options.offBelow)) {
        throw new RangeError('HysteresisLatch: onAbove must be > offBelow');
      }
      this.sign = 1;
      this.onThreshold = options.onAbove;
      this.offThreshold = options.offBelow;
    }
    this.minOnMs = options.minOnMs ?? 0;
    this.minOffMs = options.minOffMs ?? 0;
    if (!(this.minOnMs >= 0) || !(this.minOffMs >= 0)) {
      throw new RangeError('HysteresisLatch: minOnMs and minOffMs must be >= 0');
    }
    this.initiallyOn = options.initiallyOn ?? false;
    this.state = this.initiallyOn;
  }

  get on(): boolean {
    return this.state;
  }

  /**
   * Feeds one measurement taken at `tMs` and returns the (possibly new) state.
   * `undefined` (or a non-finite value) means "not measured this frame": the state is
   * kept and any pending dwell starts over, since the condition was not seen to hold.
   */
  step(value: number | undefined, tMs: number): boolean {
    if (value === undefined || !Number.isFinite(value)) {
      this.pendingSinceMs = undefined;
      return this.state;
    }
    const signed = this.sign * value;
    const wantsToggle = this.state ? signed <= this.offThreshold : signed >= this.onThreshold;
    if (!wantsToggle) {
      this.pendingSinceMs = undefined;
      return this.state;
    }
    // A timestamp going backwards (a seek) restarts the dwell from here.
    if (this.pendingSinceMs === undefined || tMs < this.pendingSinceMs) this.pendingSinceMs = tMs;
    const dwellMs = this.state ? this.minOffMs : this.minOnMs;
    if (tMs - this.pendingSinceMs >= dwellMs) {
      this.state = !this.state;
      this.pendingSinceMs = undefined;
    }
    return this.state;
  }

  /** Back to the initial state with no pending dwell. */
  reset(): void {
    this.state = this.initiallyOn;
    this.pendingSinceMs = undefined;
  }
}

/**
 * A yes/no (a form fault, say) with the same dwell both ways, so one noisy frame neither
 * raises nor clears it: step it with 1 for "present" and 0 for "absent".
 */
export function dwellLatch(dwellMs: number): HysteresisLatch {
  return new HysteresisLatch({ onAbove: 1, offBelow: 0, minOnMs: dwellMs, minOffMs: dwellMs });
}
