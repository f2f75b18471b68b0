/**
 * The automatic model choice: the most precise model that keeps up with the camera on this
 * machine, found by measuring. A pure step function over measured frames; time enters as data.
 *
 * It steps down when the model cannot keep ≥ `keepUpShare` of the camera's frame rate (and the
 * model's own time is why, not a camera that delivers fewer frames in low light), and it tries
 * the next more precise model only when that one is predicted to fit with room to spare (from
 * the measured time and a known cost ratio between the two models), and never again for a long
 * while after it once failed to keep up: so it settles instead of flapping between two models.
 */
import { median } from '../geometry/stats';
import { MODELS, type ModelId } from './models';

/** Models from the fastest to the most precise, within one family (same keypoints, same checkers' tuning). */
export type ModelLadder = readonly ModelId[];

export const BLAZEPOSE_LADDER: ModelLadder = ['blazepose-lite', 'blazepose-full', 'blazepose-heavy'];
export const MOVENET_LADDER: ModelLadder = ['lightning', 'thunder'];

/**
 * How much longer a frame takes on each model than on the one below it in its ladder, from
 * `npm run bench` (WASM, 2 cores: Lightning 25.7 ms, Thunder 94.2, BlazePose lite 22.5, full
 * 35.8, heavy 148.9). Only a prediction to decide whether a step up is worth trying: the step
 * is then measured like any other model.
 */
export const COST_OVER_PREVIOUS: Partial<Record<ModelId, number>> = {
  thunder: 3.7,
  'blazepose-full': 1.6,
  'blazepose-heavy': 4.2,
};

/**
 * The ladder a technique may climb: the BlazePose family where the checker needs 3D points or
 * the silhouette (twists, cat-cow), MoveNet otherwise, starting from the technique's default.
 */
export function ladderFrom(defaultModel: ModelId): ModelLadder {
  return BLAZEPOSE_LADDER.includes(defaultModel) ? BLAZEPOSE_LADDER : MOVENET_LADDER;
}

export interface ModelChoiceOptions {
  /** The share of the camera's frame rate a model must keep (the 0.95). */
  keepUpShare: number;
  /** Frames just after a start or a switch are not judged (first runs are slow, the camera settles). */
  settleMs: number;
  /** Judged over this much time. */
  windowMs: number;
  /** A step up is tried only after keeping up this long on the current model. */
  stepUpAfterMs: number;
  /** The predicted frame time of the next model must fit in this share of the camera's frame interval. */
  stepUpHeadroom: number;
  /** A model that failed to keep up is not tried again for this long. */
  retryAfterMs: number;
  /** A step down needs the model to take at least this share of the camera's frame interval (else the camera is what is slow). */
  modelBoundShare: number;
}

export const MODEL_CHOICE_OPTIONS: ModelChoiceOptions = {
  keepUpShare: 0.95,
  settleMs: 2000,
  windowMs: 3000,
  stepUpAfterMs: 8000,
  stepUpHeadroom: 0.8,
  retryAfterMs: 5 * 60_000,
  modelBoundShare: 0.8,
};

export interface MeasuredFrame {
  /** When the frame's processing ended, ms (any clock that only moves forward). */
  tMs: number;
  /** The whole frame: model, core and UI state (what limits the rate). */
  frameMs: number;
  /** The camera's frame rate (its settings; 30 when it does not say). */
  cameraFps: number;
}

export type SwitchReason = 'too-slow' | 'room-to-spare';

export interface ModelSwitch {
  from: ModelId;
  to: ModelId;
  reason: SwitchReason;
  /** Frames a second the current model kept, and the camera's rate, when deciding. */
  keptFps: number;
  cameraFps: number;
}

/** What the choice says to the user, e.g. in the model details. */
export interface ModelChoiceState {
  model: ModelId;
  /** The last switch, if there was one. */
  lastSwitch: ModelSwitch | null;
  /** Frames a second kept over the last window; null until measured. */
  keptFps: number | null;
  cameraFps: number | null;
}

export class ModelChooser {
  private current: ModelId;
  private sinceMs: number | undefined;
  private keepingUpSinceMs: number | undefined;
  private readonly frames: MeasuredFrame[] = [];
  /** Models that failed to keep up, and when. */
  private readonly failedAt = new Map<ModelId, number>();
  /** Models that could not be loaded, and when. */
  private readonly unavailableAt = new Map<ModelId, number>();
  private lastSwitch: ModelSwitch | null = null;
  private keptFps: number | null = null;
  private cameraFps: number | null = null;

  constructor(
    readonly ladder: ModelLadder,
    start: ModelId,
    private readonly options: ModelChoiceOptions = MODEL_CHOICE_OPTIONS,
  ) {
    if (!ladder.includes(start)) throw new Error(`${start} is not on the ladder ${ladder.join(', ')}`);
    this.current = start;
  }

  get model(): ModelId {
    return this.current;
  }

  get state(): ModelChoiceState {
    return { model: this.current, lastSwitch: this.lastSwitch, keptFps: this.keptFps, cameraFps: this.cameraFps };
  }

  /**
   * One processed camera frame. Returns the switch to make now, if any; the caller loads that
   * model and calls `switched` once it runs (or `unavailable` if it cannot be loaded).
   */
  observe(frame: MeasuredFrame): ModelSwitch | null {
    const { options } = this;
    this.sinceMs ??= frame.tMs;
    this.cameraFps = frame.cameraFps;
    if (frame.tMs - this.sinceMs < options.settleMs) return null;
    this.frames.push(frame);
    while (this.frames.length > 0 && this.frames[0]!.tMs < frame.tMs - options.windowMs) this.frames.shift();
    const first = this.frames[0]!;
    if (frame.tMs - first.tMs < options.windowMs * 0.9) return null;

    const keptFps = ((this.frames.length - 1) * 1000) / (frame.tMs - first.tMs);
    this.keptFps = keptFps;
    const intervalMs = 1000 / frame.cameraFps;
    const medianFrameMs = median(this.frames.map((f) => f.frameMs)) ?? 0;

    if (keptFps < options.keepUpShare * frame.cameraFps) {
      this.keepingUpSinceMs = undefined;
      const lower = this.neighbour(-1);
      if (lower && medianFrameMs >= options.modelBoundShare * intervalMs && !this.recently(this.unavailableAt, lower, frame.tMs)) {
        this.failedAt.set(this.current, frame.tMs);
        return this.propose(lower, 'too-slow', keptFps, frame.cameraFps);
      }
      return null;
    }

    this.keepingUpSinceMs ??= frame.tMs;
    const higher = this.neighbour(1);
    if (!higher || frame.tMs - this.keepingUpSinceMs < options.stepUpAfterMs) return null;
    if (this.recently(this.failedAt, higher, frame.tMs) || this.recently(this.unavailableAt, higher, frame.tMs)) return null;
    const predictedMs = medianFrameMs * (COST_OVER_PREVIOUS[higher] ?? Infinity);
    if (predictedMs > options.stepUpHeadroom * intervalMs) return null;
    return this.propose(higher, 'room-to-spare', keptFps, frame.cameraFps);
  }

  /** The proposed model now runs: judge it afresh. */
  switched(to: ModelId): void {
    this.current = to;
    this.restartJudging();
  }

  /** The proposed model could not be loaded (e.g. not stored for offline use): stay, and do not ask for it again soon. */
  unavailable(model: ModelId, tMs: number): void {
    this.unavailableAt.set(model, tMs);
    if (this.lastSwitch?.to === model) this.lastSwitch = null;
    this.restartJudging();
  }

  /** The camera stopped or paused: the next frames start a fresh judgement (not a slow gap). */
  restartJudging(): void {
    this.sinceMs = undefined;
    this.keepingUpSinceMs = undefined;
    this.frames.length = 0;
    this.keptFps = null;
  }

  private recently(when: ReadonlyMap<ModelId, number>, model: ModelId, tMs: number): boolean {
    const at = when.get(model);
    return at !== undefined && tMs - at < this.options.retryAfterMs;
  }

  private neighbour(direction: 1 | -1): ModelId | undefined {
    return this.ladder[this.ladder.indexOf(this.current) + direction];
  }

  private propose(to: ModelId, reason: SwitchReason, keptFps: number, cameraFps: number): ModelSwitch {
    const change: ModelSwitch = { from: this.current, to, reason, keptFps, cameraFps };
    this.lastSwitch = change;
    // Nothing more is proposed until the caller says the switch happened (or could not).
    this.sinceMs = Infinity;
    return change;
  }
}

/** What the automatic choice did, in the user's words, for the model details. */
export function modelChoiceText(state: ModelChoiceState): string {
  const rate = (fps: number) => Math.round(fps);
  const change = state.lastSwitch;
  if (change && change.to === state.model) {
    const from = MODELS[change.from].short;
    return change.reason === 'too-slow'
      ? `Chosen automatically: switched from ${from} because it kept only ${rate(change.keptFps)} of the camera's ${rate(change.cameraFps)} frames a second.`
      : `Chosen automatically: switched up from ${from}, which kept all ${rate(change.cameraFps)} frames a second with time to spare.`;
  }
  if (state.keptFps !== null && state.cameraFps !== null) {
    return `Chosen automatically: keeps ${rate(Math.min(state.keptFps, state.cameraFps))} of the camera's ${rate(state.cameraFps)} frames a second.`;
  }
  return 'Chosen automatically: measured in the first seconds of the camera.';
}
