/**
 * PracticeSession's own wiring, with the model and the camera stood in for (the real ones run
 * in the browser tests): a model that fails to load and Retry, Stop clearing the live view, a
 * hidden tab pausing and resuming, the screen lock, and a resumed session's reps shown at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PoseFrame } from '../pose/keypoints';
import { sampleSession, sampleRep } from '../storage/sample-records';
import { findTechnique } from '../techniques/catalog';
import { allFoursKeypoints, catCowKnots, interpolate, sampleFrames } from '../testing/synthetic';

const camera = vi.hoisted(() => ({ onFrame: null as null | ((now: number) => Promise<void>), open: 0 }));
const detector = vi.hoisted(() => ({
  failLoads: 0,
  /** Why a failing load fails (what tfjs says). */
  failCause: 'TypeError: Failed to fetch',
  frames: [] as PoseFrame[],
  next: 0,
  /** A fake clock (performance.now) that each estimate moves on by its model's cost. */
  clockMs: 0,
  costMs: {} as Record<string, number>,
  disposed: [] as string[],
  /** Frames the fake takes at once (the pose worker's 2); its answers then come a tick later, in order. */
  framesInFlight: 1,
  /** Answer on the clock the session gave (a file's media time), not the synthetic frame's own. */
  mediaTime: false,
  outstanding: 0,
  mostOutstanding: 0,
}));

vi.mock('../pose/detector', async (original) => {
  const real = await original<typeof import('../pose/detector')>();
  return {
    ...real,
    createPoseDetector: async ({ model }: { model: string }) => {
      if (detector.failLoads > 0) {
        detector.failLoads--;
        throw new real.DetectorError(`The pose model "${model}" could not be loaded: ${detector.failCause}`, 'model');
      }
      return {
        model,
        backend: 'wasm',
        framesInFlight: detector.framesInFlight,
        estimate: async (_input: unknown, tMs: number) => {
          detector.clockMs += detector.costMs[model] ?? 0;
          const recorded = detector.frames[detector.next++ % detector.frames.length] ?? null;
          const frame = detector.mediaTime && recorded ? { ...recorded, tMs } : recorded;
          if (detector.framesInFlight === 1) return frame;
          // Like the worker: answered a tick later, in the order asked.
          detector.outstanding++;
          detector.mostOutstanding = Math.max(detector.mostOutstanding, detector.outstanding);
          await new Promise((resolve) => setTimeout(resolve, 1));
          detector.outstanding--;
          return frame;
        },
        tensorCount: () => 0,
        dispose: () => detector.disposed.push(model),
      };
    },
  };
});

vi.mock('../camera/camera', async (original) => ({
  ...(await original<typeof import('../camera/camera')>()),
  openCamera: async () => {
    camera.open++;
    return { getTracks: () => [] } as unknown as MediaStream;
  },
  closeCamera: () => undefined,
  everyVideoFrame: (_video: HTMLVideoElement, onFrame: (now: number) => Promise<void>) => {
    camera.onFrame = onFrame;
    return () => {
      camera.onFrame = null;
    };
  },
}));

/** A recorded video as the session reads it: `durationS` of frames at whatever rate it asks. */
const clip = vi.hoisted(() => ({ durationS: 0 }));
vi.mock('../camera/video-file', async (original) => ({
  ...(await original<typeof import('../camera/video-file')>()),
  openVideoFile: async () => ({
    durationS: clip.durationS,
    width: 640,
    height: 480,
    async *frames(fps: number) {
      for (let i = 0; i < Math.floor(clip.durationS * fps); i++) {
        yield { tMs: Math.round((i * 1000) / fps), canvas: { width: 640, height: 480 } as HTMLCanvasElement };
      }
    },
    dispose: () => undefined,
  }),
}));

const { PracticeSession } = await import('./practice-session.svelte');

const catCow = findTechnique('cat-cow')!;
const video = { videoWidth: 640, videoHeight: 480 } as HTMLVideoElement;
/** Two synthetic cat-cow reps, side-on, 30 frames a second. */
const knots = catCowKnots(2);
const frames = sampleFrames((tMs) => allFoursKeypoints({ archDeg: interpolate(knots, tMs) }), knots[knots.length - 1]![0]);

async function feed(count: number) {
  for (let i = 0; i < count; i++) await camera.onFrame?.(i * 33);
}

/** A 30 fps camera on the fake clock: the next frame is taken when it arrives, or at once if it came while the model ran. */
async function feedFor(durationMs: number) {
  const end = detector.clockMs + durationMs;
  let nextArrival = detector.clockMs;
  while (detector.clockMs < end) {
    detector.clockMs = Math.max(detector.clockMs, nextArrival);
    await camera.onFrame?.(detector.clockMs);
    nextArrival += 1000 / 30;
    while (nextArrival + 1000 / 30 <= detector.clockMs) nextArrival += 1000 / 30;
  }
}

function fakeWakeLock() {
  const state = { held: 0, requests: 0 };
  const api = {
    request: async () => {
      state.requests++;
      state.held++;
      const handle = {
        released: false,
        release: async () => {
          if (!handle.released) state.held--;
          handle.released = true;
        },
        addEventListener: () => undefined,
      };
      return handle;
    },
  };
  return { api, state };
}

describe('PracticeSession', () => {
  beforeEach(() => {
    detector.failLoads = 0;
    detector.failCause = 'TypeError: Failed to fetch';
    detector.frames = frames;
    detector.next = 0;
    detector.clockMs = 0;
    detector.costMs = {};
    detector.disposed = [];
    detector.framesInFlight = 1;
    detector.mediaTime = false;
    detector.outstanding = 0;
    detector.mostOutstanding = 0;
    camera.onFrame = null;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('a model that fails to load: words for people, the cause apart, Start off; Retry loads it', async () => {
    detector.failLoads = 1;
    const session = new PracticeSession(catCow, { model: 'lightning', assetBase: '', targets: { reps: 8 } });
    await session.load();
    expect(session.status).toBe('error');
    expect(session.error).toMatch(/^The pose model could not be loaded.*press Retry\.$/);
    expect(session.error).not.toMatch(/TypeError|fetch/);
    expect(session.errorDetail).toContain('TypeError: Failed to fetch');
    expect(session.errorAction).toBe('reload-model');
    expect(session.canStart).toBe(false);
    await session.startCamera(video);
    expect(camera.open).toBe(0);

    await session.retryLoad();
    expect(session.status).toBe('ready');
    expect([session.error, session.errorDetail, session.errorAction]).toEqual([null, null, null]);
    expect(session.canStart).toBe(true);
  });

  it('a model not stored on this device that cannot be fetched says so (navigator.onLine aside); a server that answered does not', async () => {
    // Cache Storage with no models in it.
    vi.stubGlobal('caches', { has: async () => false });
    detector.failLoads = 1;
    const unreachable = new PracticeSession(catCow, { model: 'lightning', assetBase: '', targets: { reps: 8 } });
    await unreachable.load();
    expect(unreachable.error).toMatch(/^This pose model is not stored on this device and could not be downloaded/);
    detector.failLoads = 1;
    detector.failCause = 'Error: Request to /models/movenet-lightning.json failed with status code 404.';
    const answered = new PracticeSession(catCow, { model: 'lightning', assetBase: '', targets: { reps: 8 } });
    await answered.load();
    expect(answered.error).toMatch(/^The pose model could not be loaded/);
  });

  it('Stop clears the skeleton and the live readouts, keeps the reps and ends the record', async () => {
    const session = new PracticeSession(catCow, { model: 'lightning', assetBase: '', targets: { reps: 8 } });
    await session.load();
    await session.startCamera(video);
    expect(session.status).toBe('running');
    await feed(frames.length);
    expect(session.pose).not.toBeNull();
    expect(session.metric).not.toBeNull();
    const reps = session.reps.total;
    expect(reps).toBeGreaterThan(0);

    session.stop();
    expect(session.status).toBe('ready');
    expect(session.pose).toBeNull();
    expect([session.phase, session.metric, session.holdMs, session.cue, session.counting]).toEqual(['neutral', null, 0, null, false]);
    expect(session.reps.total).toBe(reps);
    expect(session.log.summary?.reps.total).toBe(reps);
    expect(session.canStart).toBe(true);
  });

  it('a hidden tab pauses a running camera session with a notice, and showing it resumes; a session the user paused stays paused', async () => {
    const session = new PracticeSession(catCow, { model: 'lightning', assetBase: '', targets: { reps: 8 } });
    await session.load();
    await session.startCamera(video);
    await feed(10);
    session.setPageHidden(true);
    expect(session.status).toBe('paused');
    expect(session.pausedByHiddenTab).toBe(true);
    expect(session.notice).toBe('Paused while this tab was hidden; that time is not counted.');
    // Frames while paused are not processed.
    const before = detector.next;
    await feed(5);
    expect(detector.next).toBe(before);
    session.setPageHidden(false);
    expect(session.status).toBe('running');
    expect(session.pausedByHiddenTab).toBe(false);

    session.pause();
    session.setPageHidden(true);
    session.setPageHidden(false);
    expect(session.status).toBe('paused');
    session.togglePause();
    expect(session.status).toBe('running');
  });

  it('keeps the screen on while the camera runs, gives the lock back on Stop', async () => {
    const wake = fakeWakeLock();
    vi.stubGlobal('navigator', { wakeLock: wake.api });
    const session = new PracticeSession(catCow, { model: 'lightning', assetBase: '', targets: { reps: 8 } });
    await session.load();
    expect(session.wake.supported).toBe(true);
    await session.startCamera(video);
    await vi.waitFor(() => expect(session.wake.held).toBe(true));
    expect(wake.state.held).toBe(1);
    session.stop();
    expect(session.wake.held).toBe(false);
    expect(wake.state.held).toBe(0);
  });

  it('a resumed session shows its carried reps from the moment the camera starts', async () => {
    const session = new PracticeSession(catCow, { model: 'lightning', assetBase: '', targets: { reps: 8 } });
    await session.load();
    session.log.prepareResume(sampleSession({ status: 'active', reps: [sampleRep(), sampleRep(), sampleRep()] }));
    await session.startCamera(video);
    expect(session.reps.total).toBe(3);
    await feed(frames.length);
    expect(session.reps.total).toBeGreaterThan(3);
  });

  it('a video file through a model that takes two frames at once (the worker) gives the same trace and counts as one at a time', async () => {
    const display = { width: 0, height: 0, getContext: () => null } as unknown as HTMLCanvasElement;
    const file = new Blob(['not read by the fake'], { type: 'video/mp4' });
    detector.mediaTime = true;
    const analyse = async (inFlight: number) => {
      detector.framesInFlight = inFlight;
      detector.next = 0;
      // The fake model answers frame i with synthetic frame i; the file samples at 15 fps, so
      // the synthetic 30 fps frames play at half speed: the movement is slower, the counts the same.
      clip.durationS = Math.floor(frames.length / 15);
      const session = new PracticeSession(catCow, { model: 'lightning', assetBase: '', targets: { reps: 8 } });
      await session.load();
      await session.analyseFile(file, display);
      expect(session.analysisDone).toBe(true);
      return { reps: session.reps, times: session.rawFrames.map((frame) => frame.tMs), progress: session.analysisProgress };
    };
    const oneAtATime = await analyse(1);
    const two = await analyse(2);
    expect(detector.mostOutstanding).toBe(2);
    expect(oneAtATime.reps.total).toBeGreaterThan(0);
    expect(two.reps).toEqual(oneAtATime.reps);
    // Every sampled frame, each once, in media order.
    expect(two.times).toEqual(oneAtATime.times);
    expect(two.times.length).toBe(clip.durationS * 15);
    expect(two.progress).toBe(1);
  });

  it('voice settings come from the options', () => {
    const session = new PracticeSession(catCow, { model: 'lightning', assetBase: '', targets: { reps: 8 }, voice: { muted: true, voiceUri: 'Daniel' } });
    expect(session.muted).toBe(true);
    expect(session.voiceUri).toBe('Daniel');
  });

  describe('the automatic model choice', () => {
    // The bench machine's frame times: BlazePose full cannot keep 30 fps, lite can.
    const benchCosts = { 'blazepose-full': 42, 'blazepose-lite': 28 };

    it('steps down from a model that cannot keep up, between two frames, and goes on counting', async () => {
      vi.spyOn(performance, 'now').mockImplementation(() => detector.clockMs);
      detector.costMs = benchCosts;
      const session = new PracticeSession(catCow, { model: 'blazepose-full', autoModel: true, assetBase: '', targets: { reps: 8 } });
      await session.load();
      await session.startCamera(video);
      await feedFor(3000);
      expect(session.activeModel).toBe('blazepose-full');
      const repsBefore = session.reps.total;
      await feedFor(5000);
      await vi.waitFor(() => expect(session.activeModel).toBe('blazepose-lite'));
      expect(detector.disposed).toEqual(['blazepose-full']);
      expect(session.model).toBe('blazepose-lite');
      expect(session.modelChoice?.lastSwitch).toMatchObject({ from: 'blazepose-full', to: 'blazepose-lite', reason: 'too-slow' });
      // The counts go on across the switch.
      await feedFor(20_000);
      expect(session.reps.total).toBeGreaterThan(repsBefore);
      expect(session.activeModel).toBe('blazepose-lite');
      session.stop();
    });

    it("the user's own pick is never changed", async () => {
      vi.spyOn(performance, 'now').mockImplementation(() => detector.clockMs);
      detector.costMs = benchCosts;
      const session = new PracticeSession(catCow, { model: 'blazepose-full', assetBase: '', targets: { reps: 8 } });
      await session.load();
      await session.startCamera(video);
      await feedFor(20_000);
      expect(session.activeModel).toBe('blazepose-full');
      expect(session.modelChoice).toBeNull();
      expect(detector.disposed).toEqual([]);
      session.stop();
    });

    it('a model that cannot be loaded leaves the running one in place', async () => {
      vi.spyOn(performance, 'now').mockImplementation(() => detector.clockMs);
      detector.costMs = benchCosts;
      const session = new PracticeSession(catCow, { model: 'blazepose-full', autoModel: true, assetBase: '', targets: { reps: 8 } });
      await session.load();
      await session.startCamera(video);
      detector.failLoads = 1;
      await feedFor(10_000);
      await vi.waitFor(() => expect(detector.failLoads).toBe(0));
      await feedFor(10_000);
      expect(session.activeModel).toBe('blazepose-full');
      expect(session.status).toBe('running');
      expect(session.error).toBeNull();
      expect(session.modelChoice?.lastSwitch).toBeNull();
      session.stop();
    });
  });
});
