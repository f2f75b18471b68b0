/**
 * The pose worker: the pose adapter (detector.ts, tfjs) run off the page's main thread, so the
 * camera, the overlay, speech and the UI never wait on the model. Frames arrive as transferred
 * ImageBitmaps; poses go back as plain PoseFrames, in the order the frames came.
 *
 * The page sends the next frame while this one is computed (two in flight), so the model
 * starts it the moment it is free instead of idling through the round trip to the page. The
 * frames are still computed one at a time, in order: BlazePose tracks the person from one frame
 * to the next and tfjs is not re-entrant.
 */
import { createPoseDetector, DetectorError, type PoseDetector } from './detector';
import type { BackendId } from './models';
import type { FromWorker, ToWorker } from './worker-protocol';

const scope = self as unknown as { onmessage: ((event: MessageEvent<ToWorker>) => void) | null; postMessage(message: FromWorker): void; close(): void };
let detector: PoseDetector | null = null;
/** The frames waiting, computed in turn. */
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'load') void load(message.options);
  else if (message.type === 'estimate') {
    const { id, frame, tMs } = message;
    queue = queue.then(() => estimate(id, frame, tMs));
  }
  else {
    detector?.dispose();
    detector = null;
    scope.close();
  }
};

async function load(options: Extract<ToWorker, { type: 'load' }>['options']): Promise<void> {
  const rejected: [BackendId, string][] = [];
  let peopleUnavailable: string | null = null;
  try {
    detector = await createPoseDetector({
      ...options,
      onBackendRejected: (backend, reason) => rejected.push([backend, reason]),
      onPeopleCounterUnavailable: (reason) => (peopleUnavailable = reason),
    });
    scope.postMessage({ type: 'loaded', model: detector.model, backend: detector.backend, threads: detector.threads, rejected, peopleUnavailable });
  } catch (error) {
    scope.postMessage({
      type: 'load-failed',
      message: error instanceof Error ? error.message : String(error),
      kind: error instanceof DetectorError ? error.kind : 'backend',
    });
  }
}

async function estimate(id: number, frame: ImageBitmap, tMs: number): Promise<void> {
  try {
    if (!detector) throw new Error('the pose model is not loaded');
    const started = performance.now();
    const pose = await detector.estimate(frame, tMs);
    scope.postMessage({ type: 'estimated', id, frame: pose, tensors: detector.tensorCount(), modelMs: performance.now() - started });
  } catch (error) {
    scope.postMessage({ type: 'estimate-failed', id, message: error instanceof Error ? error.message : String(error) });
  } finally {
    frame.close();
  }
}
