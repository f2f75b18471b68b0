/** The only module that touches media devices: opens the webcam and explains failures. */

export type CameraErrorKind = 'denied' | 'missing' | 'busy' | 'unsupported' | 'unknown';

export class CameraError extends Error {
  constructor(
    readonly kind: CameraErrorKind,
    message: string,
    /** What the browser said, for the technical details: the message itself is for people. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'CameraError';
  }
}

const MESSAGES: Record<CameraErrorKind, string> = {
  denied:
    'Camera access was blocked. Allow the camera for this site in your browser (the camera icon in the address bar), then press Start again. Nothing leaves your device.',
  missing: 'No camera was found. Plug one in or enable it, then press Start again. You can also analyse a recorded video or a photo instead.',
  busy: 'The camera is in use by another app or tab. Close it there, then press Start again.',
  unsupported: 'This browser cannot open a camera here (it needs a secure https:// or localhost page). You can still analyse a recorded video or a photo.',
  unknown: 'The camera could not be started. Check that no other app is using it, then press Start again.',
};

export function cameraErrorFrom(error: unknown): CameraError {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new CameraError('denied', MESSAGES.denied);
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return new CameraError('missing', MESSAGES.missing);
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new CameraError('busy', MESSAGES.busy);
    default:
      return new CameraError('unknown', MESSAGES.unknown, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
}

/**
 * Opens the user-facing camera and plays it into `video`. `frameRate`: what to ask the camera
 * for (30 by default; the desk watch asks for a few, so the camera and its decoding cost
 * little too, not only the model). A camera that cannot go that low gives what it can.
 */
export async function openCamera(video: HTMLVideoElement, { frameRate = 30 }: { frameRate?: number } = {}): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('unsupported', MESSAGES.unsupported);
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      // Width only: the camera keeps its own aspect ratio instead of being cropped to 4:3.
      video: { facingMode: 'user', width: { ideal: 640 }, frameRate: { ideal: frameRate } },
    });
  } catch (error) {
    throw cameraErrorFrom(error);
  }
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play();
  await waitForDimensions(video);
  return stream;
}

/** The frame rate the camera runs at, from its settings; 30 (what it was asked for) when it does not say. */
export function cameraFrameRate(stream: MediaStream): number {
  const rate = stream.getVideoTracks?.()[0]?.getSettings().frameRate;
  return rate !== undefined && rate > 0 ? rate : 30;
}

export function closeCamera(stream: MediaStream | null, video: HTMLVideoElement | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
  if (video) video.srcObject = null;
}

function waitForDimensions(video: HTMLVideoElement): Promise<void> {
  if (video.videoWidth > 0) return Promise.resolve();
  return new Promise((resolve) => video.addEventListener('loadedmetadata', () => resolve(), { once: true }));
}

export interface FrameLoopOptions {
  /**
   * Throttled (the desk watch): one frame at most every this many ms, timer-paced, whatever
   * the camera's rate. Timers keep running in a background tab (browsers slow them to about
   * once a second there), where video-frame callbacks stop altogether.
   */
  minIntervalMs?: number;
  /**
   * How many frames may be handled at once (read each time, as the model can change): 1
   * (default) for a model on the page; 2 for the pose worker, which computes one frame while
   * the next waits there. Handlers finish in the order they started only if `onFrame` does.
   */
  framesInFlight?: () => number;
  /** Timer functions and clock, for tests. */
  timer?: IntervalTimer;
}

export interface IntervalTimer {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realIntervalTimer: IntervalTimer = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

/** The throttled loop: the next frame `intervalMs` after the last one began (or at once if it ran long). */
function everyInterval(onFrame: (nowMs: number) => Promise<void>, intervalMs: number, timer: IntervalTimer = realIntervalTimer): () => void {
  let stopped = false;
  let handle: unknown;
  const tick = async () => {
    if (stopped) return;
    const startedAt = timer.now();
    try {
      await onFrame(startedAt);
    } finally {
      if (!stopped) handle = timer.setTimeout(() => void tick(), Math.max(0, intervalMs - (timer.now() - startedAt)));
    }
  };
  void tick();
  return () => {
    stopped = true;
    timer.clearTimeout(handle);
  };
}

/**
 * Calls `onFrame` once per new camera frame (requestVideoFrameCallback where available), at
 * most `framesInFlight()` at a time (1 unless told): a slow model skips frames instead of
 * queueing them.
 *
 * The frame callback stays registered while `onFrame` runs. A frame that arrives while all
 * slots are taken is already on the video element when one frees, so it is taken at once;
 * waiting for the *next* frame instead idles for up to a frame (33 ms) each time the model
 * runs long, which cost 2–5 of every 30 frames on a 2-core laptop. Only the newest waiting
 * frame is taken.
 */
export function everyVideoFrame(
  video: HTMLVideoElement,
  onFrame: (nowMs: number) => Promise<void>,
  options: FrameLoopOptions = {},
): () => void {
  if (options.minIntervalMs !== undefined && options.minIntervalMs > 0) return everyInterval(onFrame, options.minIntervalMs, options.timer);
  const slots = () => Math.max(1, options.framesInFlight?.() ?? 1);
  let stopped = false;
  let running = 0;
  let waitingFrameAt: number | null = null;
  const hasVfc = 'requestVideoFrameCallback' in video;
  const listen = () => {
    if (stopped) return;
    if (hasVfc) video.requestVideoFrameCallback((now) => onNewFrame(now));
    else requestAnimationFrame((now) => onNewFrame(now));
  };
  const onNewFrame = (nowMs: number) => {
    if (stopped) return;
    listen();
    if (running >= slots()) waitingFrameAt = nowMs;
    else void run(nowMs);
  };
  const run = async (nowMs: number) => {
    running += 1;
    try {
      await onFrame(nowMs);
    } finally {
      running -= 1;
    }
    if (stopped || waitingFrameAt === null || running >= slots()) return;
    const frameAt = waitingFrameAt;
    waitingFrameAt = null;
    void run(frameAt);
  };
  listen();
  return () => {
    stopped = true;
  };
}
