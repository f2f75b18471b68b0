/**
 * The page's side of the pose worker: a PoseDetector whose model runs in pose.worker.ts. Each
 * frame is drawn at the model's size into an OffscreenCanvas and transferred as an ImageBitmap
 * (no copy); the pose comes back as a PoseFrame. Where workers,
 * OffscreenCanvas or the worker's set-up fail, the model runs on the page instead
 * (detector.ts), as before.
 */
import { createPoseDetector, DetectorError, inputSize, MODEL_INPUT_MAX_SIDE, type DetectorOptions, type PoseDetector, type PoseInput } from './detector';
import type { PoseFrame } from './keypoints';
import type { FromWorker, ToWorker } from './worker-protocol';

export interface OpenDetectorOptions extends DetectorOptions {
  /** Run the model in a worker where the browser can (default); false: on the page. */
  worker?: boolean;
  /** Told why the worker could not be used, when the model runs on the page instead. */
  onWorkerUnavailable?: (reason: string) => void;
}

/** A worker that once broke is not tried again in this page: the next load runs on the page. */
let workerBroken: string | null = null;

export function workerSupported(): boolean {
  return typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined' && typeof createImageBitmap === 'function';
}

/** The pose detector for this page: in the worker where possible, else on the page. */
export async function openPoseDetector(options: OpenDetectorOptions): Promise<PoseDetector> {
  const { worker = true, onWorkerUnavailable, ...detectorOptions } = options;
  if (worker && workerSupported() && workerBroken === null) {
    try {
      return await createWorkerDetector(detectorOptions);
    } catch (error) {
      // A model that cannot be fetched cannot be fetched on the page either.
      if (error instanceof DetectorError && error.kind === 'model') throw error;
      onWorkerUnavailable?.(error instanceof Error ? error.message : String(error));
    }
  } else if (worker && workerBroken !== null) {
    onWorkerUnavailable?.(workerBroken);
  }
  return { ...(await createPoseDetector(detectorOptions)), runsIn: 'page' };
}

let scratch: { canvas: OffscreenCanvas; context: OffscreenCanvasRenderingContext2D } | null = null;

/**
 * The frame as an ImageBitmap of `width`×`height`: drawn into a small OffscreenCanvas and
 * handed over without a copy (transferToImageBitmap) where the browser can; else
 * createImageBitmap's own scaling.
 */
async function snapshot(input: PoseInput, width: number, height: number): Promise<ImageBitmap> {
  if (scratch === null && typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext?.('2d') ?? null;
    if (context && typeof canvas.transferToImageBitmap === 'function') scratch = { canvas, context };
  }
  if (scratch) {
    const { canvas, context } = scratch;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    context.drawImage(input, 0, 0, width, height);
    return canvas.transferToImageBitmap();
  }
  return createImageBitmap(input, { resizeWidth: width, resizeHeight: height, resizeQuality: 'low' });
}

async function createWorkerDetector(options: DetectorOptions): Promise<PoseDetector> {
  const worker = new Worker(new URL('./pose.worker.ts', import.meta.url), { type: 'module', name: 'unknot-pose' });
  const pending = new Map<number, { resolve: (frame: PoseFrame | null) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let tensors = 0;
  let lastModelMs: number | null = null;
  let onLoaded: ((message: FromWorker) => void) | null = null;
  const send = (message: ToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);

  const fail = (reason: string) => {
    workerBroken = reason;
    for (const { reject } of pending.values()) reject(new Error(`the pose worker stopped: ${reason}`));
    pending.clear();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    const reason = event.message || 'the worker script failed';
    if (onLoaded) onLoaded({ type: 'load-failed', message: `the pose worker failed to start: ${reason}`, kind: 'backend' });
    else fail(reason);
  };
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    if (message.type === 'loaded' || message.type === 'load-failed') {
      onLoaded?.(message);
      return;
    }
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.type === 'estimated') {
      tensors = message.tensors;
      lastModelMs = message.modelMs;
      waiter.resolve(message.frame);
    } else {
      waiter.reject(new Error(message.message));
    }
  };

  const { onBackendRejected, onPeopleCounterUnavailable, ...sent } = options;
  // Model loads time out inside (60 s each); this only catches a worker that never answers.
  const loaded = await new Promise<Extract<FromWorker, { type: 'loaded' }>>((resolve, reject) => {
    const timer = setTimeout(() => onLoaded?.({ type: 'load-failed', message: 'the pose worker did not answer within 180 s', kind: 'backend' }), 180_000);
    onLoaded = (message) => {
      clearTimeout(timer);
      onLoaded = null;
      if (message.type === 'loaded') resolve(message);
      else if (message.type === 'load-failed') reject(new DetectorError(message.message, message.kind));
    };
    // The thread plan is decided from the page's cores, as it would be on the page.
    send({ type: 'load', options: { ...sent, exclude: sent.exclude ? [...sent.exclude] : undefined, logicalCores: sent.logicalCores ?? globalThis.navigator?.hardwareConcurrency } });
  }).catch((error: unknown) => {
    worker.terminate();
    throw error;
  });
  for (const [backend, reason] of loaded.rejected) onBackendRejected?.(backend, reason);
  if (loaded.peopleUnavailable !== null) onPeopleCounterUnavailable?.(loaded.peopleUnavailable);

  return {
    model: loaded.model,
    backend: loaded.backend,
    threads: loaded.threads,
    runsIn: 'worker',
    framesInFlight: 2,
    lastModelMs: () => lastModelMs,
    async estimate(input, tMs) {
      const { width, height } = inputSize(input);
      if (width === 0 || height === 0) return null;
      const scale = Math.min(1, MODEL_INPUT_MAX_SIDE / Math.max(width, height));
      const frame = await snapshot(input, Math.round(width * scale), Math.round(height * scale));
      const id = nextId++;
      return new Promise<PoseFrame | null>((resolve, reject) => {
        if (workerBroken !== null) {
          frame.close();
          reject(new Error(`the pose worker stopped: ${workerBroken}`));
          return;
        }
        pending.set(id, { resolve, reject });
        send({ type: 'estimate', id, frame, tMs }, [frame]);
      });
    },
    tensorCount: () => tensors,
    dispose: () => {
      // A frame still on its way gets nobody (not an error: nothing is wrong, the page moved on).
      for (const { resolve } of pending.values()) resolve(null);
      pending.clear();
      send({ type: 'dispose' });
      // Let it free its tensors, then make sure it is gone.
      setTimeout(() => worker.terminate(), 1000);
    },
  };
}
