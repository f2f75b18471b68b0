/**
 * The live practice session: wires a source (camera or video file) → pose adapter → core
 * pipeline → reactive state the page shows. Holds no logic of its own beyond the wiring.
 */
import { cameraFrameRate, closeCamera, everyVideoFrame, openCamera, CameraError } from '../camera/camera';
import { isImageFile, openImageFile } from '../camera/image-file';
import { openVideoFile, VideoFileError, type VideoClip } from '../camera/video-file';
import { readAhead } from '../camera/read-ahead';
import { DEFAULT_FRAMING } from '../coaching/framing';
import { CoachPipeline, type PipelineOutput } from '../coaching/pipeline';
import { PhaseTimeline, type PhaseSpan } from '../coaching/timeline';
import { CueVoice } from '../coaching/speech';
import { modelFilesStored } from '../offline/model-cache';
import { modelFileNames } from '../offline/model-files';
import { DetectorError, type PoseDetector, type PoseInput } from '../pose/detector';
import { openPoseDetector } from '../pose/worker-detector';
import type { PoseFrame } from '../pose/keypoints';
import { ladderFrom, ModelChooser, type ModelChoiceState, type ModelSwitch } from '../pose/model-choice';
import type { BackendId, ModelId } from '../pose/models';
import type { WasmThreadsRequest } from '../pose/wasm-threads';
import type { TechniqueDefinition, TechniqueTargets } from '../techniques/catalog';
import type { BaselineSource, CalibrationIssue, Checker, CheckerEvent, MetricSpec, RepCounts, Side } from '../techniques/types';
import { FrameTimings, RollingRate, SampleRing } from './frame-stats';
import { ScreenWake } from './screen-wake.svelte';
import { SessionLog } from './session-log.svelte';
import type { FinishStatus } from './recorder';
import type { PainRating } from '../storage/schema';

export type SessionStatus = 'loading' | 'ready' | 'running' | 'paused' | 'error';
export type SessionSource = 'camera' | 'file';
/** What was analysed from a file: a recorded video or a single photo. */
export type FileKind = 'video' | 'photo';
/**
 * What the user can do about an error: load the model again, start the camera again (after
 * allowing it, plugging one in), or choose another file.
 */
export type ErrorAction = 'reload-model' | 'restart-camera' | 'choose-file';

export interface SessionOptions {
  /** The model to load first. */
  model: ModelId;
  /**
   * Choose the model by measuring (the user has not picked one): from `model`, the most precise
   * of its family that keeps up with the camera (pose/model-choice.ts).
   */
  autoModel?: boolean;
  backend?: BackendId;
  /** WASM threads (`?threads=`); auto when absent. */
  wasmThreads?: WasmThreadsRequest;
  assetBase: string;
  /** The user's goals; the checker is built with them. */
  targets: TechniqueTargets;
  /** Set when this practice is one step of a routine run. */
  routine?: { runId: string; step: number };
  /** Media frames per second sampled when analysing a video file. */
  analysisFps?: number;
  /** BlazePose: return the person's silhouette with each pose. */
  segmentation?: boolean;
  /** A fresh silhouette every this many frames (default: the adapter's, 2); 1 for every frame. */
  segmentationEvery?: number;
  /** Look for other people in view this often (ms of media time); 0 or absent: never. */
  peopleEveryMs?: number;
  /** Run the model in a worker where the browser can (default); false: on the page's main thread. */
  worker?: boolean;
  /** At most this many frames handed to the model at once (default: as many as it takes, 2 in the worker); the bench compares 1. */
  maxFramesInFlight?: number;
  /** The user's voice settings (remembered on the device). */
  voice?: { muted: boolean; voiceUri: string | null };
}

export class PracticeSession {
  status = $state<SessionStatus>('loading');
  /** What went wrong and what to do, in the user's words. */
  error = $state<string | null>(null);
  /** The technical cause of the error (the browser's or library's message), for the details panel. */
  errorDetail = $state<string | null>(null);
  /** What can be done about the error (a Retry button), if anything. */
  errorAction = $state<ErrorAction | null>(null);
  /** A non-fatal note for the user, e.g. targets that could not be saved, or a pause while the tab was hidden. */
  notice = $state<string | null>(null);
  /** A technical note (a backend skipped or switched), for the details panel. */
  techNote = $state<string | null>(null);
  /** The pose model is loaded and can watch: Start and file analysis work only then. */
  modelReady = $state(false);
  /** Paused because the tab was hidden (not by the user): showing the tab again resumes. */
  pausedByHiddenTab = $state(false);
  source = $state<SessionSource | null>(null);
  phase = $state('neutral');
  metric = $state<number | null>(null);
  reps = $state<RepCounts>({ total: 0, left: 0, right: 0 });
  holdMs = $state(0);
  /** Sided techniques: the side being worked now. */
  side = $state<Side | null>(null);
  /** While calibrating: ms of steady neutral pose still needed; null once calibrated or not needed. */
  calibrationRemainingMs = $state<number | null>(null);
  /** While calibrating: what holds it up (moving, not facing the camera…), if anything. */
  calibrationIssue = $state<CalibrationIssue | null>(null);
  /** Where the checker's baseline came from, for the techniques that keep one. */
  baseline = $state<BaselineSource | null>(null);
  /** The user must change something (framing, position, view, another person in view): the overlay says so. */
  needsAttention = $state(false);
  fileKind = $state<FileKind | null>(null);
  /** Desk posture: time upright and time slouched so far (from the checker's output). */
  postureTimes = $state<{ uprightMs: number; slouchedMs: number } | null>(null);
  /** Width ÷ height of the file or photo being analysed, so the page can shape its stage at once. */
  frameAspect = $state<number | null>(null);
  cue = $state<string | null>(null);
  fps = $state(0);
  backend = $state<BackendId | null>(null);
  /** Where the model runs (the pose worker, or the page's main thread), once loaded. */
  modelRunsIn = $state<'worker' | 'page' | null>(null);
  counting = $state(false);
  muted = $state(false);
  /** The camera's throttle while the desk watch runs (ms between frames); null at the full rate. */
  frameIntervalMs = $state<number | null>(null);
  /** The chosen speech voice (voiceURI), null for the default. */
  voiceUri = $state<string | null>(null);
  analysisProgress = $state(0);
  /** Seconds the analysis of a video still needs, from its speed so far; null until known. */
  analysisSecondsLeft = $state<number | null>(null);
  analysisDone = $state(false);
  /** Phase spans so far; a new array each time a span starts or the analysis ends. */
  timeline = $state.raw<readonly PhaseSpan[]>([]);
  /** The smoothed pose of the latest frame, for the overlay. */
  pose = $state.raw<PoseFrame | null>(null);
  /** The model running now (the automatic choice may change it during a camera session). */
  activeModel = $state<ModelId>('lightning');
  /** What the automatic model choice measured and did; null when the user picked the model. */
  modelChoice = $state.raw<ModelChoiceState | null>(null);

  metricSpec = $state.raw<MetricSpec>() as MetricSpec;
  /** Whether the checker keeps a baseline the user can re-calibrate. */
  readonly canRecalibrate: boolean;
  /** The goals the checker was built with. */
  targets = $state.raw<TechniqueTargets>({});
  /** The session record, saved as it goes, and the summary at the end. */
  readonly log = new SessionLog();
  readonly timings = new FrameTimings();
  /** Overlay draw times (ms), reported by the overlay component. */
  readonly drawTimings = new SampleRing();
  /** The model's own ms per frame inside the pose worker (the wait before it left out); empty on the page. */
  readonly workerModelTimings = new SampleRing();
  /** Raw model output of the current analysis, downloadable as a keypoint trace. */
  rawFrames: PoseFrame[] = [];
  /** ms from start to the first frame with a person in it; NaN until then. */
  firstPoseMs = Number.NaN;

  private detector: PoseDetector | null = null;
  private readonly chooser: ModelChooser | null;
  /** A model the automatic choice loaded, taken up at the next frame (never while one is being estimated). */
  private nextDetector: PoseDetector | null = null;
  private loadingNext = false;
  /** Backends that broke during this session (e.g. a lost WebGL context); never retried. */
  private readonly failedBackends = new Set<BackendId>();
  private recovering: Promise<void> | null = null;
  private pipeline!: CoachPipeline;
  private checker!: Checker;
  private readonly phaseTimeline = new PhaseTimeline();
  private readonly voice = new CueVoice();
  /** Keeps the screen on while a camera session is open. */
  readonly wake = new ScreenWake();
  private readonly rate = new RollingRate();
  private video: HTMLVideoElement | null = null;
  /** The last frame given to the model, for the benchmark's model-only loop. */
  private lastInput: PoseInput | null = null;
  private stream: MediaStream | null = null;
  private stopFrameLoop: (() => void) | null = null;
  private releaseFile: (() => void) | null = null;
  private cameraStartedAt = 0;
  /** The camera's frame rate, from its settings (30 when it does not say). */
  private cameraFps = 30;
  private resumeWaiters: (() => void)[] = [];
  private runId = 0;
  private readonly eventListeners = new Set<(events: CheckerEvent[], output: PipelineOutput) => void>();
  private readonly outputListeners = new Set<(output: PipelineOutput) => void>();

  constructor(
    readonly technique: TechniqueDefinition,
    readonly options: SessionOptions,
  ) {
    if (!technique.createChecker) throw new Error(`${technique.name} has no checker yet`);
    this.activeModel = options.model;
    this.chooser = options.autoModel ? new ModelChooser(ladderFrom(options.model), options.model) : null;
    this.modelChoice = this.chooser?.state ?? null;
    this.setTargets(options.targets);
    this.canRecalibrate = typeof this.checker.recalibrate === 'function';
    if (options.voice) {
      this.setMuted(options.voice.muted);
      this.setVoice(options.voice.voiceUri);
    }
  }

  /** Whether Start can open the camera now: the model is loaded and no camera or analysis is running. */
  get canStart(): boolean {
    return this.modelReady && this.status !== 'loading' && (this.source === null || this.analysisDone);
  }

  /**
   * Media frames per second sampled from a video: 15 gives the same reps (per side) and phase
   * spans within 0.1 s as 30 on every recorded clip and model (src/lib/accuracy/frame-rate.test.ts,
   * worst 67 ms), at half the model time. A photo is held still at 30 so calibration gets its frames.
   */
  private analysisFpsFor(photo: boolean): number {
    return this.options.analysisFps ?? (photo ? 30 : 15);
  }

  get model(): ModelId {
    return this.activeModel;
  }

  /** Threads the model runs on (WASM; 1 elsewhere), once loaded. For the benchmark. */
  get threads(): number | null {
    return this.detector?.threads ?? null;
  }

  /** Loads the model; the page can start once status is "ready". */
  async load(): Promise<void> {
    this.status = 'loading';
    this.modelReady = false;
    this.clearError();
    const skipped: string[] = [];
    try {
      this.detector = await this.createDetector(this.activeModel, skipped);
      this.backend = this.detector.backend;
      this.modelRunsIn = this.detector.runsIn ?? 'page';
      if (skipped.length > 0) this.techNote = `Skipped: ${skipped.join(', ')}`;
      this.modelReady = true;
      this.status = 'ready';
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      // Offline, or on a network that reaches nothing (where navigator.onLine may still say
      // true), a model never stored cannot load: say so, not "check your connection" alone. A
      // server that answered (e.g. 404) is not that case.
      const unreachable = globalThis.navigator?.onLine === false || /Failed to fetch|NetworkError/.test(detail);
      if (error instanceof DetectorError && error.kind === 'model' && unreachable && (await modelFilesStored(modelFileNames(this.activeModel)).catch(() => null)) === false) {
        this.fail(
          'This pose model is not stored on this device and could not be downloaded (is there a network?), so Unknot cannot watch your movement. Choose a model stored for offline use (the home page lists them), or connect and press Retry.',
          detail,
          'reload-model',
        );
      } else if (error instanceof DetectorError && error.kind === 'model') {
        this.fail('The pose model could not be loaded, so Unknot cannot watch your movement. Check your connection to this page, then press Retry.', detail, 'reload-model');
      } else {
        this.fail('This browser could not run the pose model. Press Retry; if it fails again, try another browser (Chrome, Edge or Firefox).', detail, 'reload-model');
      }
    }
  }

  private createDetector(model: ModelId, skipped: string[]): Promise<PoseDetector> {
    return openPoseDetector({
      model,
      worker: this.options.worker,
      onWorkerUnavailable: (reason) => skipped.push(`the model runs on the page, not in a worker (${reason})`),
      backend: this.options.backend,
      wasmThreads: this.options.wasmThreads,
      assetBase: this.options.assetBase,
      exclude: [...this.failedBackends],
      segmentation: this.options.segmentation,
      segmentationEvery: this.options.segmentationEvery,
      peopleEveryMs: this.options.peopleEveryMs,
      onBackendRejected: (backend, reason) => skipped.push(`${backend} (${reason})`),
      onPeopleCounterUnavailable: (reason) => {
        this.notice = 'Unknot cannot tell this time whether someone else is in the picture: keep others out of view while you practise.';
        skipped.push(`multi-person check (${reason})`);
      },
    });
  }

  /**
   * The automatic choice asks for another model: it loads beside the running one (the camera
   * and the counts go on) and takes over at the next frame. One that cannot be loaded (e.g.
   * not stored for offline use) is not asked for again soon.
   */
  private async switchModel(change: ModelSwitch): Promise<void> {
    if (this.loadingNext || !this.chooser) return;
    this.loadingNext = true;
    try {
      const next = await this.createDetector(change.to, []);
      if (!this.detector || this.status === 'error' || this.status === 'loading') next.dispose();
      else this.nextDetector = next;
    } catch {
      this.chooser.unavailable(change.to, performance.now());
      this.modelChoice = this.chooser.state;
    } finally {
      this.loadingNext = false;
    }
  }

  /** Frames worth handing to the model before the last one is answered. */
  private framesInFlight(): number {
    return Math.max(1, Math.min(this.options.maxFramesInFlight ?? Infinity, this.detector?.framesInFlight ?? 1));
  }

  /** Between frames: the model the automatic choice loaded takes over from the running one. */
  private takeUpNextDetector(): void {
    const next = this.nextDetector;
    if (!next || !this.chooser) return;
    this.nextDetector = null;
    this.detector?.dispose();
    this.detector = next;
    this.backend = next.backend;
    this.modelRunsIn = next.runsIn ?? 'page';
    this.activeModel = next.model;
    this.chooser.switched(next.model);
    this.modelChoice = this.chooser.state;
  }

  /** The user's Retry after a failed load: everything is tried again, backends that broke included. */
  async retryLoad(): Promise<void> {
    if (this.status === 'loading' || this.detector) return;
    this.failedBackends.clear();
    await this.load();
  }

  onEvents(listener: (events: CheckerEvent[], output: PipelineOutput) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Every frame's output (the desk watch reads its time from them). */
  onOutput(listener: (output: PipelineOutput) => void): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  /**
   * `painBefore`: the check-in answered (or skipped) before this session; leave it out where
   * nobody was asked (a routine step that starts by itself).
   */
  /**
   * `frameIntervalMs`: the desk watch's throttle, one frame at most this often (timer-paced, so
   * it goes on, slower, in a background tab); leave it out to take every camera frame.
   */
  async startCamera(video: HTMLVideoElement, { painBefore = null, frameIntervalMs }: { painBefore?: PainRating; frameIntervalMs?: number } = {}): Promise<void> {
    if (!this.detector) return;
    this.teardownSource();
    this.resetCounters();
    this.video = video;
    this.source = 'camera';
    const runId = this.runId;
    try {
      // The watch asks the camera for a little more than it takes, so a frame is ready when the timer comes.
      this.stream = await openCamera(video, frameIntervalMs ? { frameRate: Math.min(30, Math.ceil(2000 / frameIntervalMs)) } : {});
    } catch (error) {
      if (runId !== this.runId) return;
      this.source = null;
      // Camera problems are recoverable: say what to do and stay ready for a retry.
      if (error instanceof CameraError) this.fail(error.message, error.detail ?? null, 'restart-camera');
      else this.fail('The camera could not be started. Press Start to try again.', String(error), 'restart-camera');
      return;
    }
    if (runId !== this.runId) return;
    this.clearError();
    this.status = 'running';
    void this.wake.keep();
    this.beginRecord('camera', painBefore);
    this.cameraStartedAt = performance.now();
    this.frameIntervalMs = frameIntervalMs ?? null;
    this.cameraFps = cameraFrameRate(this.stream);
    this.chooser?.restartJudging();
    this.stopFrameLoop = everyVideoFrame(
      video,
      async () => {
        if (this.status !== 'running') return;
        await this.processFrame(video, video.videoWidth / Math.max(1, video.videoHeight), performance.now() - this.cameraStartedAt);
      },
      { minIntervalMs: frameIntervalMs, framesInFlight: () => this.framesInFlight() },
    );
  }

  /**
   * Analyses a recorded video (or a photo, held still for a moment) frame by frame and draws
   * each analysed frame into `display`. Counters hold the final values when `analysisDone`
   * turns true.
   */
  async analyseFile(file: Blob, display: HTMLCanvasElement): Promise<void> {
    if (!this.detector) return;
    this.teardownSource();
    this.resetCounters();
    this.source = 'file';
    const photo = isImageFile(file);
    this.fileKind = photo ? 'photo' : 'video';
    // One photo has no neutral moment to calibrate from.
    if (photo) this.checker.assumeTypicalBaseline?.();
    const runId = this.runId;
    let clip: VideoClip;
    try {
      clip = photo ? await openImageFile(file) : await openVideoFile(file);
    } catch (error) {
      if (runId !== this.runId) return;
      this.source = null;
      if (error instanceof VideoFileError) this.fail(error.message, error.detail ?? null, 'choose-file');
      else this.fail('This file could not be opened. Try another recording (MP4 or WebM) or a photo (JPEG or PNG).', String(error), 'choose-file');
      return;
    }
    this.releaseFile = () => clip.dispose();
    this.clearError();
    this.status = 'running';
    // A photo is a check of one position, not a practice: it is not recorded as a session.
    if (!photo) this.beginRecord('file');
    display.width = clip.width;
    display.height = clip.height;
    this.frameAspect = clip.width / clip.height;
    const context = display.getContext('2d');
    const startedAt = performance.now();
    const fps = this.analysisFpsFor(photo);
    const total = Math.max(1, Math.floor(clip.durationS * fps));
    try {
      let index = 0;
      let pausedMs = 0;
      const analysed = () => {
        this.analysisProgress = ++index / total;
        // From the speed so far (pauses left out), once a second's worth of frames is in.
        if (!photo && index >= fps) {
          const perFrameMs = (performance.now() - startedAt - pausedMs) / index;
          this.analysisSecondsLeft = Math.max(0, ((total - index) * perFrameMs) / 1000);
        }
      };
      // Frames handed to the model and not yet answered; they finish in order.
      const inFlight: Promise<void>[] = [];
      // The next frame decodes while the model looks at this one; where the model runs in the
      // worker, the frame after goes over too, so the model never waits for the page.
      for await (const { tMs, canvas } of readAhead(clip.frames(fps))) {
        const pauseStarted = performance.now();
        await this.whilePaused();
        pausedMs += performance.now() - pauseStarted;
        if (runId !== this.runId) return;
        inFlight.push(
          this.processFrame(canvas, clip.width / clip.height, tMs, startedAt).then(() => {
            if (runId !== this.runId) return;
            context?.drawImage(canvas, 0, 0);
            analysed();
          }),
        );
        while (inFlight.length >= this.framesInFlight()) await inFlight.shift();
      }
      await Promise.all(inFlight);
    } catch (error) {
      if (runId !== this.runId) return;
      this.fail(
        'This video could not be read to the end; what was analysed up to there is kept. Try another recording, or save it again as MP4.',
        error instanceof Error ? error.message : String(error),
        'choose-file',
      );
      return;
    }
    if (runId !== this.runId) return;
    // A movement complete when the clip ends counts (e.g. it ends in the second half of a cat-cow).
    this.finishMovement(Math.round(clip.durationS * 1000));
    this.closeTimeline(Math.round(clip.durationS * 1000));
    this.log.end('completed');
    this.analysisProgress = 1;
    this.analysisSecondsLeft = 0;
    this.cue = null;
    this.analysisDone = true;
    this.status = 'ready';
  }

  /** New goals mean a new checker; only between sessions, so nothing counted is lost. */
  setTargets(targets: TechniqueTargets): void {
    if (this.source !== null) return;
    const create = this.technique.createChecker;
    if (!create) return;
    this.targets = targets;
    this.checker = create(targets);
    this.metricSpec = this.checker.metric;
    // Head and shoulders close to a laptop fill the frame by design: no "too close" there.
    this.pipeline = new CoachPipeline(this.checker, {
      framing: { ...DEFAULT_FRAMING, checkTooClose: this.technique.view !== 'front-upper-body' },
      positions: this.technique.positions,
      positionCue: this.technique.positionCue,
    });
  }

  /** Forgets the checker's baseline; the next seconds of neutral pose calibrate it again. */
  recalibrate(): void {
    this.checker.recalibrate?.();
  }

  pause(): void {
    if (this.status !== 'running') return;
    this.status = 'paused';
    this.log.pause();
    this.voice.stop();
  }

  resume(): void {
    if (this.status !== 'paused') return;
    this.pausedByHiddenTab = false;
    this.status = 'running';
    this.log.resume();
    // The gap is not a slow frame.
    this.chooser?.restartJudging();
    for (const wake of this.resumeWaiters.splice(0)) wake();
  }

  /** Space: pause a running session, resume a paused one. */
  togglePause(): void {
    if (this.status === 'running') this.pause();
    else if (this.status === 'paused') this.resume();
  }

  /**
   * The tab was hidden or shown again. Hidden, the camera sends no frames, so a running camera
   * session pauses (the hidden time is not counted as active) and resumes on return; a
   * session the user paused stays paused. The screen lock, dropped by the browser, is taken again.
   */
  setPageHidden(hidden: boolean): void {
    if (hidden) {
      if (this.source !== 'camera' || this.status !== 'running') return;
      this.pause();
      this.pausedByHiddenTab = true;
      this.notice = 'Paused while this tab was hidden; that time is not counted.';
      return;
    }
    void this.wake.restore();
    if (this.pausedByHiddenTab && this.source === 'camera') this.resume();
    this.pausedByHiddenTab = false;
  }

  /**
   * Ends the current camera session or analysis: the skeleton and the live readouts (phase,
   * metric, hold, cue) are cleared; the rep counts stay, as the summary's totals.
   */
  stop(): void {
    if (this.source !== null && this.status !== 'error') this.finishMovement();
    // The user ended a camera session here: ask how the back feels now.
    this.log.end(this.endStatus(), undefined, { askAfter: this.source === 'camera' });
    this.teardownSource();
    this.voice.stop();
    this.clearLiveReadouts();
    this.pausedByHiddenTab = false;
    if (this.status !== 'error') this.status = this.detector ? 'ready' : 'loading';
  }

  /** "Stop — it hurts": ends whatever runs at once and saves the session with the pain stop (a movement under way does not count). */
  stopForPain(): void {
    this.log.endForPain();
    this.teardownSource();
    this.voice.stop();
    this.clearLiveReadouts();
    this.pausedByHiddenTab = false;
    if (this.status !== 'error') this.status = this.detector ? 'ready' : 'loading';
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    this.voice.muted = muted;
    if (muted) this.voice.stop();
  }

  setVoice(voiceUri: string | null): void {
    this.voiceUri = voiceUri;
    this.voice.voiceUri = voiceUri;
  }

  /** Leaving the page ends the session like Stop; a reload or a closed tab does not get here (see flush). */
  /** Resolves once the session's last record is written (the store may close then). */
  dispose(): Promise<void> {
    this.log.end(this.endStatus());
    const saved = this.log.dispose();
    this.teardownSource();
    this.wake.release();
    this.voice.stop();
    this.detector?.dispose();
    this.detector = null;
    this.nextDetector?.dispose();
    this.nextDetector = null;
    return saved;
  }

  /**
   * Benchmark: the bare model on the live camera (read from the video element each time, the
   * camera still decoding beside it) with the app's own work paused, to split the app's cost
   * from what reading a live camera costs on this machine.
   */
  async timeModelOnCamera(frames: number): Promise<number[]> {
    const { detector, video } = this;
    if (!detector || !video || this.source !== 'camera') return [];
    this.pause();
    const times = await timeEstimates(detector, video, frames);
    this.resume();
    return times;
  }

  /**
   * Model-only timing loop for the benchmark: freezes the last frame into a canvas, ends the
   * session (so the camera no longer competes for the CPU) and times bare estimates on it.
   */
  async timeModelOnly(frames: number): Promise<number[]> {
    const { detector, lastInput } = this;
    if (!detector || !lastInput) return [];
    const frame = document.createElement('canvas');
    const width = lastInput instanceof HTMLVideoElement ? lastInput.videoWidth : lastInput.width;
    const height = lastInput instanceof HTMLVideoElement ? lastInput.videoHeight : lastInput.height;
    frame.width = width;
    frame.height = height;
    frame.getContext('2d')?.drawImage(lastInput, 0, 0, width, height);
    this.stop();
    return timeEstimates(detector, frame, frames);
  }

  tensorCount(): number {
    return this.detector?.tensorCount() ?? 0;
  }

  private async processFrame(input: PoseInput, aspect: number, tMs: number, startedAt = this.cameraStartedAt): Promise<void> {
    this.takeUpNextDetector();
    const detector = this.detector;
    if (!detector) return;
    const frameStart = performance.now();
    const runId = this.runId;
    this.lastInput = input;
    let raw: PoseFrame | null;
    try {
      raw = await detector.estimate(input, tMs);
    } catch (error) {
      if (runId !== this.runId || detector !== this.detector) return;
      await this.recoverFrom(detector, error);
      return;
    }
    // Another model took over while this frame was out (two frames in flight): its answer
    // is the old model's, or none (it was disposed); the new model answers the next frame.
    if (detector !== this.detector) return;
    // The model answers a moment after the frame (more so from the worker): a camera frame
    // whose answer comes after Pause or Stop is dropped, so what the user froze stays frozen.
    // A file's frames all count (the analysis waits while paused, and must stay deterministic).
    if (runId !== this.runId || (this.source === 'camera' && this.status !== 'running')) return;
    const modelDone = performance.now();
    // Frames with nobody in them stay in the trace too: a replay needs the same clock.
    if (this.source === 'file') this.rawFrames.push(raw ?? { tMs, aspect, keypoints: {} });
    if (raw && Number.isNaN(this.firstPoseMs)) this.firstPoseMs = modelDone - startedAt;
    const output = raw ? this.pipeline.process(raw) : this.pipeline.processEmpty(tMs, aspect);
    const coreDone = performance.now();
    this.apply(output);
    this.fps = Math.round(this.rate.tick(modelDone));
    const frameDone = performance.now();
    this.timings.add({ modelMs: modelDone - frameStart, coreMs: coreDone - modelDone, totalMs: frameDone - frameStart });
    const workerModelMs = detector.lastModelMs?.() ?? null;
    if (workerModelMs !== null) this.workerModelTimings.add(workerModelMs);
    // The automatic choice judges the live camera only, and not while the desk watch throttles it.
    if (this.chooser && this.source === 'camera' && this.frameIntervalMs === null) {
      // With frames in flight a frame's wall time includes its wait in the worker; what bounds
      // the rate is the model's own time there, or the page's part, whichever is longer.
      const frameMs = workerModelMs === null ? frameDone - frameStart : Math.max(workerModelMs, frameDone - modelDone);
      const change = this.chooser.observe({ tMs: frameDone, frameMs, cameraFps: this.cameraFps });
      // The page shows whole frames a second: only a change worth showing updates it, not every frame.
      const shown = this.modelChoice;
      const state = this.chooser.state;
      if (change || !shown || state.lastSwitch !== shown.lastSwitch || Math.round(state.keptFps ?? -1) !== Math.round(shown.keptFps ?? -1)) this.modelChoice = state;
      if (change) void this.switchModel(change);
    }
  }

  /** The session or clip ends: the checker counts a complete movement it has not yet counted. */
  private finishMovement(tMs?: number): void {
    const finished = this.pipeline.finish(tMs);
    if (finished && finished.events.length > 0) this.apply(finished);
  }

  private apply(output: PipelineOutput): void {
    this.phase = output.phase;
    this.metric = output.metric;
    const carried = this.log.carried;
    this.reps = carried.total === 0 ? output.reps : { total: output.reps.total + carried.total, left: output.reps.left + carried.left, right: output.reps.right + carried.right };
    this.holdMs = output.holdMs;
    this.log.step(output, output.shownCue);
    this.side = output.side ?? null;
    if ('uprightMs' in output && 'slouchedMs' in output) {
      const { uprightMs, slouchedMs } = output as { uprightMs: number; slouchedMs: number };
      this.postureTimes = { uprightMs, slouchedMs };
    }
    this.calibrationRemainingMs = output.calibrationRemainingMs ?? null;
    this.calibrationIssue = output.calibrationIssue ?? null;
    this.baseline = output.baseline ?? null;
    this.needsAttention = output.needsAttention;
    this.counting = output.counting;
    this.cue = output.shownCue?.text ?? null;
    this.pose = output.frame;
    if (output.spokenCue) this.voice.speak(output.spokenCue.text);
    this.extendTimeline(output.phase, output.tMs);
    if (output.events.length > 0) for (const listener of this.eventListeners) listener(output.events, output);
    for (const listener of this.outputListeners) listener(output);
  }

  /** Whether the user's goal for this technique is met by the reps so far. */
  get goalMet(): boolean {
    const goal = this.targets.reps;
    // Timed per side without a reps goal (self-massage): a completed hold on each side.
    if (goal === undefined && this.targets.holdSeconds !== undefined && this.technique.sided) {
      const holds = this.log.record?.holds ?? [];
      return (['left', 'right'] as const).every((side) => holds.some((hold) => hold.completed && hold.side === side));
    }
    if (goal === undefined) return true;
    return this.technique.sided ? this.reps.left >= goal && this.reps.right >= goal : this.reps.total >= goal;
  }

  /** A session the user ends with the goal met is complete; before that, stopped early. */
  private endStatus(): FinishStatus {
    return this.source === 'file' ? 'stopped' : this.goalMet ? 'completed' : 'stopped';
  }

  private beginRecord(source: SessionSource, painBefore: PainRating = null): void {
    const { id, label, unit } = this.metricSpec;
    this.log.begin({
      painBefore,
      techniqueId: this.technique.id,
      source,
      modelId: this.activeModel,
      metric: { id, label, unit },
      routineRunId: this.options.routine?.runId,
      routineStep: this.options.routine?.step,
    });
  }

  private extendTimeline(phase: string, tMs: number): void {
    if (this.phaseTimeline.add(phase, tMs)) this.timeline = [...this.phaseTimeline.spans];
  }

  private closeTimeline(endMs: number): void {
    this.phaseTimeline.close(endMs);
    this.timeline = this.phaseTimeline.spans.map((span) => ({ ...span }));
  }

  /**
   * The model failed mid-session (a lost WebGL context, an out-of-memory GPU): switch to the
   * next backend and carry on; counters are kept. Only a failure there too ends the session.
   */
  private recoverFrom(failed: PoseDetector, error: unknown): Promise<void> {
    this.recovering ??= (async () => {
      const reason = error instanceof Error ? error.message : String(error);
      // A worker that stopped is not the backend failing: the next load runs on the page.
      if (failed.runsIn !== 'worker') this.failedBackends.add(failed.backend);
      failed.dispose();
      this.detector = null;
      this.modelReady = false;
      if (this.options.backend) {
        this.stop();
        this.fail('The pose model stopped working, so the session was stopped (what you did is saved). Press Retry to load it again.', `${failed.backend}: ${reason}`, 'reload-model');
        return;
      }
      const wasRunning = this.status;
      await this.load();
      if (this.detector) {
        this.status = wasRunning;
        this.techNote = `Switched to ${this.backend} after ${failed.backend} failed (${reason}).`;
      } else {
        this.stop();
      }
    })().finally(() => {
      this.recovering = null;
    });
    return this.recovering;
  }

  /** Resolves at once when running, or when the user resumes (or stops) a paused session. */
  private whilePaused(): Promise<void> {
    if (this.status !== 'paused') return Promise.resolve();
    return new Promise<void>((resolve) => this.resumeWaiters.push(resolve));
  }

  private fail(message: string, detail: string | null = null, action: ErrorAction | null = null): void {
    this.error = message;
    this.errorDetail = detail;
    this.errorAction = action;
    this.status = 'error';
  }

  private clearError(): void {
    this.error = null;
    this.errorDetail = null;
    this.errorAction = null;
  }

  private clearLiveReadouts(): void {
    this.phase = 'neutral';
    this.metric = null;
    this.holdMs = 0;
    this.side = null;
    this.calibrationRemainingMs = null;
    this.calibrationIssue = null;
    this.baseline = null;
    this.needsAttention = false;
    this.counting = false;
    this.cue = null;
    this.pose = null;
  }

  private resetCounters(): void {
    this.runId++;
    this.pipeline.reset();
    this.rate.reset();
    this.timings.reset();
    this.drawTimings.reset();
    this.workerModelTimings.reset();
    this.rawFrames = [];
    this.firstPoseMs = Number.NaN;
    this.clearLiveReadouts();
    // A resumed session shows its reps from the first moment, not 0 until the first frame.
    this.reps = this.log.carriedIntoNext;
    this.postureTimes = null;
    this.fileKind = null;
    this.fps = 0;
    this.phaseTimeline.reset();
    this.timeline = [];
    this.analysisProgress = 0;
    this.analysisSecondsLeft = null;
    this.analysisDone = false;
  }

  private teardownSource(): void {
    this.runId++;
    this.stopFrameLoop?.();
    this.stopFrameLoop = null;
    if (this.source === 'camera') this.wake.release();
    closeCamera(this.stream, this.source === 'camera' ? this.video : null);
    this.stream = null;
    this.releaseFile?.();
    this.releaseFile = null;
    for (const wake of this.resumeWaiters.splice(0)) wake();
    this.source = null;
    this.fps = 0;
    this.frameIntervalMs = null;
  }
}

/** Benchmark: ms per bare `estimate` on `input`, back to back. */
async function timeEstimates(detector: PoseDetector, input: PoseInput, frames: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < frames; i++) {
    const start = performance.now();
    await detector.estimate(input, i * 33);
    times.push(performance.now() - start);
  }
  return times;
}
