/**
 * The page's side of the pose worker, with the worker stood in for by a fake that speaks the
 * protocol (the real worker runs in the browser tests): frames go over scaled and transferred,
 * poses come back in order, the backend's and people counter's notes are passed on, a worker
 * that cannot start or stops falls back to the page, and a model that cannot be fetched is an
 * error, not a fallback.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PoseFrame } from './keypoints';
import type { FromWorker, ToWorker } from './worker-protocol';

const page = vi.hoisted(() => ({ created: 0 }));
vi.mock('./detector', async (original) => ({
  ...(await original<typeof import('./detector')>()),
  createPoseDetector: async () => {
    page.created++;
    return { model: 'lightning', backend: 'wasm', threads: 1, estimate: async () => null, tensorCount: () => 0, dispose: () => undefined };
  },
}));

const { openPoseDetector } = await import('./worker-detector');
const { DetectorError } = await import('./detector');

type Behaviour = 'works' | 'load-fails-model' | 'load-fails-backend' | 'script-error';
const fake = { behaviour: 'works' as Behaviour, sent: [] as { message: ToWorker; transfer: unknown[] }[], instance: null as FakeWorker | null };

class FakeWorker {
  onmessage: ((event: { data: FromWorker }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  terminated = false;
  constructor() {
    fake.instance = this;
  }
  postMessage(message: ToWorker, transfer: unknown[] = []) {
    fake.sent.push({ message, transfer });
    queueMicrotask(() => this.answer(message));
  }
  terminate() {
    this.terminated = true;
  }
  /** Fires as if the worker script threw. */
  crash(reason: string) {
    this.onerror?.({ message: reason, preventDefault: () => undefined });
  }
  private answer(message: ToWorker) {
    const reply = (data: FromWorker) => this.onmessage?.({ data });
    if (message.type === 'load') {
      if (fake.behaviour === 'script-error') this.crash('SyntaxError: bad chunk');
      else if (fake.behaviour === 'load-fails-model') reply({ type: 'load-failed', message: 'The pose model "lightning" could not be loaded: TypeError: Failed to fetch', kind: 'model' });
      else if (fake.behaviour === 'load-fails-backend') reply({ type: 'load-failed', message: 'No compute backend could start (wasm: boom)', kind: 'backend' });
      else reply({ type: 'loaded', model: message.options.model, backend: 'wasm', threads: 1, rejected: [['webgl', 'no GPU']], peopleUnavailable: 'offline' });
    } else if (message.type === 'estimate') {
      const frame: PoseFrame = { tMs: message.tMs, aspect: 4 / 3, keypoints: { nose: { x: 0.5, y: 0.2, score: 0.9 } } };
      reply({ type: 'estimated', id: message.id, frame, tensors: 42, modelMs: 30 + message.id });
    }
  }
}

const bitmaps: { width: number; height: number; options: unknown }[] = [];
const video = { width: 1280, height: 720 } as unknown as HTMLCanvasElement;

describe('openPoseDetector', () => {
  beforeEach(() => {
    fake.behaviour = 'works';
    fake.sent = [];
    page.created = 0;
    bitmaps.length = 0;
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('OffscreenCanvas', class {});
    vi.stubGlobal('createImageBitmap', async (source: { width: number; height: number }, options: { resizeWidth?: number; resizeHeight?: number }) => {
      const bitmap = { width: options.resizeWidth ?? source.width, height: options.resizeHeight ?? source.height, options, close: () => undefined };
      bitmaps.push(bitmap);
      return bitmap;
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('runs the model in the worker: frames go over scaled to the model size and transferred, poses come back', async () => {
    const rejected: string[] = [];
    const people: string[] = [];
    const detector = await openPoseDetector({
      model: 'lightning',
      assetBase: '',
      onBackendRejected: (backend, reason) => rejected.push(`${backend}: ${reason}`),
      onPeopleCounterUnavailable: (reason) => people.push(reason),
    });
    expect(detector.runsIn).toBe('worker');
    expect(page.created).toBe(0);
    expect(rejected).toEqual(['webgl: no GPU']);
    expect(people).toEqual(['offline']);
    const pose = await detector.estimate(video, 1234);
    expect(pose?.tMs).toBe(1234);
    expect(pose?.keypoints.nose?.score).toBe(0.9);
    // 1280×720 scaled to the model's 384 px longer side before it crosses.
    expect(bitmaps[0]).toMatchObject({ width: 384, height: 216 });
    const sent = fake.sent.find((entry) => entry.message.type === 'estimate')!;
    expect(sent.transfer).toEqual([bitmaps[0]]);
    expect(detector.tensorCount()).toBe(42);
    detector.dispose();
    expect(fake.sent.at(-1)?.message.type).toBe('dispose');
  });

  it('takes two frames in flight and answers them in the order they went, with the model time of each', async () => {
    const detector = await openPoseDetector({ model: 'lightning', assetBase: '' });
    expect(detector.framesInFlight).toBe(2);
    expect(detector.lastModelMs?.()).toBeNull();
    const answered: number[] = [];
    const first = detector.estimate(video, 100).then((pose) => answered.push(pose!.tMs));
    const second = detector.estimate(video, 133).then((pose) => answered.push(pose!.tMs));
    await Promise.all([first, second]);
    expect(answered).toEqual([100, 133]);
    // The second frame's id is 1: the fake worker reports 30 + id ms.
    expect(detector.lastModelMs?.()).toBe(31);
    detector.dispose();
  });

  it('falls back to the page when the worker cannot start its backend, and says why', async () => {
    fake.behaviour = 'load-fails-backend';
    const reasons: string[] = [];
    const detector = await openPoseDetector({ model: 'lightning', assetBase: '', onWorkerUnavailable: (reason) => reasons.push(reason) });
    expect(detector.runsIn).toBe('page');
    expect(page.created).toBe(1);
    expect(reasons).toEqual(['No compute backend could start (wasm: boom)']);
    expect(fake.instance?.terminated).toBe(true);
  });

  it('a model that cannot be fetched is an error, not a fallback (the page could not fetch it either)', async () => {
    fake.behaviour = 'load-fails-model';
    const error = await openPoseDetector({ model: 'lightning', assetBase: '' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DetectorError);
    expect((error as InstanceType<typeof DetectorError>).kind).toBe('model');
    expect(page.created).toBe(0);
  });

  it('worker: false, or no OffscreenCanvas, runs on the page', async () => {
    expect((await openPoseDetector({ model: 'lightning', assetBase: '', worker: false })).runsIn).toBe('page');
    vi.stubGlobal('OffscreenCanvas', undefined);
    expect((await openPoseDetector({ model: 'lightning', assetBase: '' })).runsIn).toBe('page');
    expect(page.created).toBe(2);
  });

  it('a worker script that fails to start falls back to the page', async () => {
    fake.behaviour = 'script-error';
    const reasons: string[] = [];
    const detector = await openPoseDetector({ model: 'lightning', assetBase: '', onWorkerUnavailable: (reason) => reasons.push(reason) });
    expect(detector.runsIn).toBe('page');
    expect(reasons).toEqual(['the pose worker failed to start: SyntaxError: bad chunk']);
  });

  // Last: a worker that broke is not tried again in this page (module state).
  it('a worker that stops mid-session fails the frame in flight; the next load runs on the page', async () => {
    const detector = await openPoseDetector({ model: 'lightning', assetBase: '' });
    expect(detector.runsIn).toBe('worker');
    fake.instance!.postMessage = () => undefined; // it stops answering…
    const inFlight = detector.estimate(video, 0);
    await vi.waitFor(() => expect(bitmaps).toHaveLength(1));
    fake.instance!.crash('out of memory'); // …and dies
    await expect(inFlight).rejects.toThrow('the pose worker stopped: out of memory');
    const reasons: string[] = [];
    const next = await openPoseDetector({ model: 'lightning', assetBase: '', onWorkerUnavailable: (reason) => reasons.push(reason) });
    expect(next.runsIn).toBe('page');
    expect(reasons).toEqual(['out of memory']);
  });

});
