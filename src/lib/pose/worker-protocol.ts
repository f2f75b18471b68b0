/**
 * Messages between the page and the pose worker (pose.worker.ts). Pure types: the page side
 * (worker-detector.ts) and the worker side share them.
 */
import type { PoseFrame } from './keypoints';
import type { BackendId, ModelId } from './models';
import type { WasmThreadsRequest } from './wasm-threads';

/** The detector options that can cross to the worker (no callbacks: their calls come back in `loaded`). */
export interface WorkerLoadOptions {
  model: ModelId;
  backend?: BackendId;
  assetBase: string;
  setupTimeoutMs?: number;
  exclude?: readonly BackendId[];
  segmentation?: boolean;
  segmentationEvery?: number;
  peopleEveryMs?: number;
  wasmThreads?: WasmThreadsRequest;
  logicalCores?: number;
}

export type ToWorker =
  | { type: 'load'; options: WorkerLoadOptions }
  /** The frame is transferred: the worker closes it. */
  | { type: 'estimate'; id: number; frame: ImageBitmap; tMs: number }
  | { type: 'dispose' };

export type FromWorker =
  | {
      type: 'loaded';
      model: ModelId;
      backend: BackendId;
      threads: number;
      /** Backends tried and given up, in order, with why. */
      rejected: [BackendId, string][];
      /** Why the people counter could not load, if it could not. */
      peopleUnavailable: string | null;
    }
  | { type: 'load-failed'; message: string; kind: 'backend' | 'model' }
  /** `modelMs`: the model's own time on this frame in the worker (not the wait before it). */
  | { type: 'estimated'; id: number; frame: PoseFrame | null; tensors: number; modelMs: number }
  | { type: 'estimate-failed'; id: number; message: string };
