/**
 * The pose adapter: the only module that imports tfjs. It picks a backend (with fallback
 * and a set-up timeout), loads weights from the app's own origin, and turns the library's
 * pixel keypoints into the core's named, resolution-independent PoseFrame. It runs in the
 * pose worker (pose.worker.ts, the usual case) or on the page (the fallback), so it uses no
 * DOM beyond what a worker has: canvases are OffscreenCanvas there.
 */
import type * as PoseDetection from '@tensorflow-models/pose-detection';
import type * as Tf from '@tensorflow/tfjs';
import { isKeypointName, type Keypoint3DMap, type KeypointMap, type PersonSighting, type PoseFrame, type SegmentationMask } from './keypoints';
import { MaskCadence, SEGMENTATION_EVERY } from './mask-cadence';
import { BACKEND_IDS, type BackendId, type ModelId } from './models';
import { planWasmThreads, type WasmThreadPlan, type WasmThreadsRequest } from './wasm-threads';

export type PoseInput = HTMLVideoElement | HTMLImageElement | HTMLCanvasElement | ImageBitmap;

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
/** What the models are given: the input, or a scaled copy of it. */
type ModelInput = PoseInput | OffscreenCanvas;
/** tfjs and pose-detection read an OffscreenCanvas like a canvas (getContext, width, height); their types predate it. */
const asPixels = (input: ModelInput) => input as PoseInput;

/** A 2D canvas on the page, or an OffscreenCanvas in a worker (no document there). */
function makeCanvas(width: number, height: number): { canvas: HTMLCanvasElement | OffscreenCanvas; context: Canvas2D | null } {
  if (typeof document === 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    return { canvas, context: canvas.getContext('2d', { willReadFrequently: true }) };
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return { canvas, context: canvas.getContext('2d', { willReadFrequently: true }) };
}

const isVideo = (input: unknown): input is HTMLVideoElement => typeof HTMLVideoElement !== 'undefined' && input instanceof HTMLVideoElement;
const isImage = (input: unknown): input is HTMLImageElement => typeof HTMLImageElement !== 'undefined' && input instanceof HTMLImageElement;

export interface PoseDetector {
  readonly model: ModelId;
  readonly backend: BackendId;
  /** Threads the WASM backend computes on (1 when single-threaded or on another backend). */
  readonly threads: number;
  /** Estimates the pose in `input`; `tMs` is the media time, used as the frame's clock. */
  estimate(input: PoseInput, tMs: number): Promise<PoseFrame | null>;
  /** Live tensors held by tfjs: flat over time means no leak. */
  tensorCount(): number;
  dispose(): void;
  /** Where the model runs: in the pose worker, or on the page's main thread (the fallback). */
  readonly runsIn?: 'worker' | 'page';
  /**
   * Frames worth handing over before the last one is answered (1 when absent). The worker
   * takes 2: the next one waits there while one is computed, so the model never idles for
   * the round trip. Answers come in the order the frames went.
   */
  readonly framesInFlight?: number;
  /** The model's own time on the last frame answered, ms, where it runs apart from the page: what bounds the rate there. */
  lastModelMs?(): number | null;
}

export interface DetectorOptions {
  model: ModelId;
  /** Force one backend; when absent the best working one is chosen. */
  backend?: BackendId;
  /** URL prefix under which `models/` and `wasm/` are served (the app's base path). */
  assetBase: string;
  /** How long one backend may take to initialise before we give up on it. */
  setupTimeoutMs?: number;
  /** Told about each backend that was tried and failed, for the UI and the logs. */
  onBackendRejected?: (backend: BackendId, reason: string) => void;
  /** Backends not to try (one that already failed mid-session). */
  exclude?: readonly BackendId[];
  /** BlazePose only: also return the person's silhouette (`PoseFrame.mask`). */
  segmentation?: boolean;
  /** A fresh silhouette every this many frames, the last reused between (mask-cadence.ts); default SEGMENTATION_EVERY. */
  segmentationEvery?: number;
  /**
   * Run the multi-person detector (MoveNet MultiPose) on a frame at most this often (media
   * time), to tell when more than one person is in view (`PoseFrame.people`). 0 or absent: off.
   */
  peopleEveryMs?: number;
  /** Told when the multi-person model cannot load: the detector works on without it. */
  onPeopleCounterUnavailable?: (reason: string) => void;
  /** WASM threads: `auto` (default) decides from isolation and cores; see wasm-threads.ts. */
  wasmThreads?: WasmThreadsRequest;
  /** The machine's cores as the page sees them (the worker is told the page's figure); navigator's by default. */
  logicalCores?: number;
}

export class DetectorError extends Error {
  constructor(
    message: string,
    readonly kind: 'backend' | 'model',
  ) {
    super(message);
    this.name = 'DetectorError';
  }
}

interface Libraries {
  tf: typeof Tf;
  poseDetection: typeof PoseDetection;
}

let librariesPromise: Promise<Libraries> | undefined;
function loadLibraries(assetBase: string, wasmThreads: WasmThreadsRequest, logicalCores: number): Promise<Libraries> {
  librariesPromise ??= (async () => {
    const [tf, poseDetection, wasm] = await Promise.all([
      import('@tensorflow/tfjs'),
      import('@tensorflow-models/pose-detection'),
      import('@tensorflow/tfjs-backend-wasm'),
    ]);
    // WASM binaries come from our own origin (copied from the npm package at install).
    wasm.setWasmPaths(`${assetBase}/wasm/`);
    configureWasmThreads(tf, wasm, wasmThreads, logicalCores);
    return { tf, poseDetection };
  })();
  return librariesPromise;
}

// ---- WASM threads: decided once, before the WASM backend first starts -------------------

type WasmModule = typeof import('@tensorflow/tfjs-backend-wasm');
let wasmThreadPlan: WasmThreadPlan = { threaded: false, reason: 'not configured' };
let wasmModule: WasmModule | undefined;

function configureWasmThreads(tf: typeof Tf, wasm: WasmModule, request: WasmThreadsRequest, logicalCores: number): void {
  wasmModule = wasm;
  wasmThreadPlan = planWasmThreads(request, {
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    logicalCores,
  });
  // tfjs takes its threaded binary whenever SharedArrayBuffer exists; only the plan may say yes.
  if (wasmThreadPlan.threaded) wasm.setThreadsCount(wasmThreadPlan.threads);
  else tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

/**
 * The threaded backend once never started (DESIGN.md §6): after its set-up timed out or
 * failed, register the WASM backend afresh, single-threaded, so the caller can try it again.
 * Returns false when there is nothing to fall back to.
 */
function fallBackToSingleThreadWasm(tf: typeof Tf): boolean {
  const factory = tf.findBackendFactory('wasm');
  if (!wasmThreadPlan.threaded || !factory) return false;
  wasmThreadPlan = { threaded: false, reason: 'the threaded backend did not start' };
  tf.removeBackend('wasm');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  tf.registerBackend('wasm', factory, 2); // 2: the priority tfjs-backend-wasm registers with
  return true;
}

function wasmThreadsInUse(): number {
  if (!wasmThreadPlan.threaded || !wasmModule) return 1;
  try {
    return wasmModule.getThreadsCount();
  } catch {
    return 1;
  }
}

// ------------------------------------------------------------------------------------------

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Whether a backend is worth trying here. A software GPU (SwiftShader, llvmpipe) runs the
 * models ~10x slower than WASM, so automatic choice skips WebGL/WebGPU on one.
 */
async function hasHardwareGpu(kind: 'webgl' | 'webgpu'): Promise<boolean> {
  if (kind === 'webgpu') {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (!gpu) return false;
    try {
      const adapter = (await gpu.requestAdapter()) as { info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string } } | null;
      if (!adapter) return false;
      const info = adapter.info;
      if (info?.isFallbackAdapter) return false;
      return !/swiftshader/i.test(`${info?.vendor ?? ''} ${info?.architecture ?? ''}`);
    } catch {
      return false;
    }
  }
  const canvas = typeof document === 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | WebGL2RenderingContext | null;
  if (!gl) return false;
  const debugInfo = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = debugInfo ? String(gl.getParameter(debugInfo.UNMASKED_RENDERER_WEBGL)) : '';
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return !/swiftshader|llvmpipe|softpipe|software/i.test(renderer);
}

async function activateBackend(tf: typeof Tf, backend: BackendId, timeoutMs: number): Promise<void> {
  if (backend === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  try {
    const ok = await withTimeout(tf.setBackend(backend), timeoutMs, `${backend} set-up`);
    if (!ok) throw new Error(`${backend} is not supported in this browser`);
    await withTimeout(tf.ready(), timeoutMs, `${backend} ready`);
  } catch (error) {
    if (backend !== 'wasm' || !fallBackToSingleThreadWasm(tf)) throw error;
    await activateBackend(tf, backend, timeoutMs);
  }
}

function createModel(
  poseDetection: typeof PoseDetection,
  model: ModelId,
  assetBase: string,
  segmentation: boolean,
): Promise<PoseDetection.PoseDetector> {
  const models = `${assetBase}/models`;
  // The library's own smoothing is off: the core smooths (One Euro) with the frame's own
  // timestamps, so video-file analysis stays deterministic.
  if (model === 'lightning' || model === 'thunder') {
    return poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
      modelType:
        model === 'lightning'
          ? poseDetection.movenet.modelType.SINGLEPOSE_LIGHTNING
          : poseDetection.movenet.modelType.SINGLEPOSE_THUNDER,
      modelUrl: `${models}/movenet-${model}.json`,
      enableSmoothing: false,
    });
  }
  const modelType = model.replace('blazepose-', '') as 'lite' | 'full' | 'heavy';
  return poseDetection.createDetector(poseDetection.SupportedModels.BlazePose, {
    runtime: 'tfjs',
    modelType,
    enableSmoothing: false,
    enableSegmentation: segmentation,
    smoothSegmentation: false,
    detectorModelUrl: `${models}/blazepose-detector.json`,
    landmarkModelUrl: `${models}/blazepose-${modelType}.json`,
  });
}

/** The pixel size of what the model is given (a video's intrinsic size, not its layout size). */
export function inputSize(input: ModelInput): { width: number; height: number } {
  if (isVideo(input)) return { width: input.videoWidth, height: input.videoHeight };
  if (isImage(input)) return { width: input.naturalWidth, height: input.naturalHeight };
  return { width: input.width, height: input.height };
}

/** Converts the library's pose (pixels of the input) to the core's frame. */
export function toPoseFrame(pose: PoseDetection.Pose, width: number, height: number, tMs: number): PoseFrame {
  const longSide = Math.max(width, height);
  const keypoints: KeypointMap = {};
  for (const point of pose.keypoints) {
    if (point.name === undefined || !isKeypointName(point.name)) continue;
    keypoints[point.name] = { x: point.x / longSide, y: point.y / longSide, score: point.score ?? 0 };
  }
  const frame: PoseFrame = { tMs, aspect: width / height, keypoints };
  if (pose.keypoints3D) {
    const keypoints3D: Keypoint3DMap = {};
    for (const point of pose.keypoints3D) {
      if (point.name === undefined || !isKeypointName(point.name)) continue;
      keypoints3D[point.name] = { x: point.x, y: point.y, z: point.z ?? 0, score: point.score ?? 0 };
    }
    frame.keypoints3D = keypoints3D;
  }
  return frame;
}

/** Candidate backends in order of preference for this machine. */
async function backendCandidates(forced: BackendId | undefined): Promise<BackendId[]> {
  if (forced) return [forced];
  const candidates: BackendId[] = [];
  if (await hasHardwareGpu('webgpu')) candidates.push('webgpu');
  if (await hasHardwareGpu('webgl')) candidates.push('webgl');
  candidates.push('wasm', 'cpu');
  return candidates;
}

export async function createPoseDetector(options: DetectorOptions): Promise<PoseDetector> {
  const { model, assetBase } = options;
  const segmentation = (options.segmentation ?? false) && model.startsWith('blazepose');
  const setupTimeoutMs = options.setupTimeoutMs ?? 15_000;
  let libraries: Libraries;
  try {
    libraries = await loadLibraries(assetBase, options.wasmThreads ?? 'auto', options.logicalCores ?? (navigator.hardwareConcurrency || 1));
  } catch (error) {
    throw new DetectorError(`Could not load the pose library: ${String(error)}`, 'model');
  }
  const { tf, poseDetection } = libraries;

  const failures: string[] = [];
  const excluded = new Set(options.exclude ?? []);
  for (const backend of await backendCandidates(options.backend)) {
    if (!BACKEND_IDS.includes(backend) || excluded.has(backend)) continue;
    try {
      await activateBackend(tf, backend, setupTimeoutMs);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      failures.push(`${backend}: ${reason}`);
      options.onBackendRejected?.(backend, reason);
      continue;
    }
    let detector: PoseDetection.PoseDetector;
    try {
      detector = await withTimeout(createModel(poseDetection, model, assetBase, segmentation), 60_000, 'model load');
    } catch (error) {
      // A model that fails to load fails on every backend: report it as such.
      throw new DetectorError(`The pose model "${model}" could not be loaded: ${String(error)}`, 'model');
    }
    let people: PeopleCounter | undefined;
    if (options.peopleEveryMs) {
      // Without it the session still runs, only blind to a second person (offline with the
      // file not stored, say): the caller is told.
      try {
        people = await withTimeout(PeopleCounter.load(tf, assetBase, options.peopleEveryMs), 60_000, 'multi-person model load');
      } catch (error) {
        options.onPeopleCounterUnavailable?.(error instanceof Error ? error.message : String(error));
      }
    }
    return wrapDetector(tf, detector, model, backend, segmentation, options.segmentationEvery ?? SEGMENTATION_EVERY, people);
  }
  throw new DetectorError(`No compute backend could start (${failures.join('; ')})`, 'backend');
}

/**
 * Frames are scaled down to this longer side before the model sees them. The models work at
 * 192–256 px; reading a full 640×1138 frame into a tensor cost ~10 ms a frame more than a
 * 320 px copy on a 2-core CPU (33.8 vs 23.9 ms for Lightning), for a ~0.1 ms draw.
 */
export const MODEL_INPUT_MAX_SIDE = 384;

function wrapDetector(
  tf: typeof Tf,
  detector: PoseDetection.PoseDetector,
  model: ModelId,
  backend: BackendId,
  segmentation: boolean,
  segmentationEvery: number,
  people: PeopleCounter | undefined,
): PoseDetector {
  const { canvas: scratch, context: scratchContext } = makeCanvas(1, 1);
  const masks = new MaskCadence(segmentationEvery);
  return {
    model,
    backend,
    threads: backend === 'wasm' ? wasmThreadsInUse() : 1,
    async estimate(input, tMs) {
      const { width, height } = inputSize(input);
      if (width === 0 || height === 0) return null;
      const scale = Math.min(1, MODEL_INPUT_MAX_SIDE / Math.max(width, height));
      let modelInput: ModelInput = input;
      if (scale < 1 && scratchContext) {
        const scaledWidth = Math.round(width * scale);
        const scaledHeight = Math.round(height * scale);
        if (scratch.width !== scaledWidth || scratch.height !== scaledHeight) {
          scratch.width = scaledWidth;
          scratch.height = scaledHeight;
        }
        scratchContext.drawImage(input, 0, 0, scaledWidth, scaledHeight);
        modelInput = scratch;
      } else if (isVideo(input) && (input.width !== width || input.height !== height)) {
        // BlazePose sizes a <video> by its width/height attributes, not its intrinsic size;
        // without them it finds no pose (DESIGN.md §6).
        input.width = width;
        input.height = height;
      }
      const { width: modelWidth, height: modelHeight } = inputSize(modelInput);
      // A fresh silhouette only every `segmentationEvery` frames (mask-cadence.ts): the library reads
      // its enableSegmentation flag on each call, so it is set per frame.
      const freshMask = segmentation && masks.due(tMs);
      if (segmentation) (detector as unknown as { enableSegmentation: boolean }).enableSegmentation = freshMask;
      const poses = await detector.estimatePoses(asPixels(modelInput), { flipHorizontal: false, maxPoses: 1 }, tMs);
      const pose = poses[0];
      const sightings = people?.due(tMs) ? await people.find(modelInput, modelWidth, modelHeight, tMs) : undefined;
      if (!pose) {
        masks.forget();
        disposeMasks(poses);
        // Nobody for the single-person model, but the people count still matters (e.g. 0).
        return sightings ? { tMs, aspect: modelWidth / modelHeight, keypoints: {}, people: sightings } : null;
      }
      // Normalised by the longer side, keypoints do not depend on the size the model saw.
      const frame = toPoseFrame(pose, modelWidth, modelHeight, tMs);
      const mask = !segmentation ? undefined : freshMask ? masks.fresh(pose.segmentation ? await coarseMask(tf, pose.segmentation.mask) : undefined) : masks.reuse();
      if (mask) frame.mask = mask;
      disposeMasks(poses);
      if (sightings) frame.people = sightings;
      return frame;
    },
    tensorCount: () => tf.memory().numTensors,
    dispose: () => {
      detector.dispose();
      people?.dispose();
    },
  };
}

/** Longer side of the coarse silhouette grid handed to the core. */
export const MASK_GRID_MAX_SIDE = 96;

/** BlazePose's full-frame mask, scaled down to a small grid of 0–255 person probabilities. */
async function coarseMask(tf: typeof Tf, mask: NonNullable<PoseDetection.Pose["segmentation"]>["mask"]): Promise<SegmentationMask | undefined> {
  const rgba = (await mask.toTensor()) as Tf.Tensor3D;
  const [height = 0, width = 0] = rgba.shape;
  if (width === 0 || height === 0) {
    rgba.dispose();
    return undefined;
  }
  const scale = MASK_GRID_MAX_SIDE / Math.max(width, height);
  const gridWidth = Math.max(1, Math.round(width * scale));
  const gridHeight = Math.max(1, Math.round(height * scale));
  const grid = tf.tidy(() => {
    const probability = tf.slice(rgba, [0, 0, 0], [height, width, 1]);
    const small = tf.image.resizeBilinear(probability, [gridHeight, gridWidth], true);
    return tf.cast(tf.clipByValue(tf.mul(small, 255), 0, 255), 'int32');
  });
  rgba.dispose();
  const values = await grid.data();
  grid.dispose();
  return { width: gridWidth, height: gridHeight, data: Uint8Array.from(values) };
}

/** Masks the library made for poses we do not use (or after reading) hold tensors: free them. */
function disposeMasks(poses: PoseDetection.Pose[]): void {
  for (const pose of poses) {
    const mask = pose.segmentation?.mask as { mask?: Tf.Tensor } | undefined;
    mask?.mask?.dispose();
  }
}

/**
 * MoveNet MultiPose (Lightning), run every so often to count the people in view. Its graph
 * takes a 256×256 int32 picture; the frame is letterboxed into it. Output [1, 6, 56]: per
 * person 17 × (y, x, score), then the box (ymin, xmin, ymax, xmax) and the person's score,
 * all in the letterboxed square's 0–1 units.
 */
class PeopleCounter {
  private static readonly SIZE = 256;
  private static readonly MIN_PERSON_SCORE = 0.25;
  private lastRunMs = -Infinity;
  private readonly square: HTMLCanvasElement | OffscreenCanvas;
  private readonly squareContext: Canvas2D | null;

  private constructor(
    private readonly tf: typeof Tf,
    private readonly graph: Tf.GraphModel,
    private readonly everyMs: number,
  ) {
    const { canvas, context } = makeCanvas(PeopleCounter.SIZE, PeopleCounter.SIZE);
    this.square = canvas;
    this.squareContext = context;
  }

  static async load(tf: typeof Tf, assetBase: string, everyMs: number): Promise<PeopleCounter> {
    const graph = await tf.loadGraphModel(`${assetBase}/models/movenet-multipose.json`);
    return new PeopleCounter(tf, graph, everyMs);
  }

  /** Whether it is time to look again (media time; a jump backwards, e.g. a new clip, runs it at once). */
  due(tMs: number): boolean {
    return tMs < this.lastRunMs || tMs - this.lastRunMs >= this.everyMs;
  }

  async find(input: ModelInput, width: number, height: number, tMs: number): Promise<PersonSighting[] | undefined> {
    const context = this.squareContext;
    if (!context) return undefined;
    this.lastRunMs = tMs;
    const size = PeopleCounter.SIZE;
    const scale = size / Math.max(width, height);
    const drawnWidth = width * scale;
    const drawnHeight = height * scale;
    context.fillStyle = '#000';
    context.fillRect(0, 0, size, size);
    context.drawImage(input, 0, 0, drawnWidth, drawnHeight);
    const { tf } = this;
    const output = tf.tidy(() => {
      const pixels = tf.browser.fromPixels(asPixels(this.square));
      return this.graph.execute(tf.expandDims(tf.cast(pixels, 'int32'), 0)) as Tf.Tensor;
    });
    const values = await output.data();
    output.dispose();
    // The frame's longer side spans the square, so square units are already frame units
    // (coordinates divided by the longer side, like every keypoint).
    const sightings: PersonSighting[] = [];
    for (let person = 0; person < 6; person++) {
      const row = person * 56;
      const score = values[row + 55] ?? 0;
      if (score < PeopleCounter.MIN_PERSON_SCORE) continue;
      const [ymin = 0, xmin = 0, ymax = 0, xmax = 0] = [values[row + 51], values[row + 52], values[row + 53], values[row + 54]];
      sightings.push({
        box: { minX: xmin, minY: ymin, maxX: xmax, maxY: ymax },
        score,
      });
    }
    return sightings;
  }

  dispose(): void {
    this.graph.dispose();
  }
}
