/**
 * The routine bar's state on a practice page that is one step of a routine run: loads the run
 * and its routine, feeds the step's progress to the pure runner, announces what comes next,
 * counts the rest down and asks the page to go to the next step; ends the run (completed or
 * stopped) in storage. The only clock reads and timers of the routine feature live here.
 */
import { CueVoice } from '../coaching/speech';
import { openStore, toStorageError, type OpenResult, type UnknotStore } from '../storage/db';
import type { RoutineRun } from '../storage/schema';
import type { TechniqueId } from '../techniques/types';
import { announcementAfter, NO_PROGRESS, runnerAt } from './plan';
import { DEFAULT_ROUTINE, finishRoutineRun, type Routine, type RoutineRunner, type RoutineStep, type RunnerPhase, type StepProgress } from './routine';
import { recallRun, updateCachedRun, type CachedRun } from './run-cache';

export type BarStatus = 'loading' | 'ready' | 'missing' | 'ended';

export interface Announcer {
  muted: boolean;
  speak(text: string): void;
  stop(): void;
}

export interface RoutineBarOptions {
  runId: string;
  stepIndex: number;
  /** Goes to a step's practice page. */
  navigate: (techniqueId: TechniqueId, stepIndex: number) => void;
  open?: () => Promise<OpenResult>;
  recall?: (runId: string) => CachedRun | undefined;
  /** Monotonic ms, for the rest countdown. */
  clock?: () => number;
  /** Wall clock, epoch ms, for the run's end. */
  now?: () => number;
  voice?: Announcer;
  /** Repeats `run` every `ms` until the returned function is called. */
  every?: (run: () => void, ms: number) => () => void;
}

const TICK_MS = 200;

const defaultEvery = (run: () => void, ms: number) => {
  const timer = setInterval(run, ms);
  return () => clearInterval(timer);
};

export class RoutineBarState {
  status = $state<BarStatus>('loading');
  /** Why the bar cannot follow the run (missing), or why a save failed. */
  problem = $state<string | null>(null);
  routine = $state.raw<Routine | null>(null);
  run = $state.raw<RoutineRun | null>(null);
  /** False when storage is unavailable: the steps follow each other, nothing is saved. */
  recorded = $state(true);
  phase = $state<RunnerPhase>('practice');
  /** Said and shown: the step on arrival, then what comes next. */
  announcement = $state('');
  restRemainingMs = $state(0);
  progress = $state.raw<StepProgress>(NO_PROGRESS);
  /** The run was ended by "Stop — it hurts". */
  endedForPain = $state(false);

  readonly runId: string;
  readonly stepIndex: number;

  private runner: RoutineRunner | null = null;
  private store: UnknotStore | null = null;
  private stopTicking: (() => void) | null = null;
  private disposed = false;
  private readonly options: RoutineBarOptions;
  private readonly voice: Announcer;
  private readonly clock: () => number;
  private readonly now: () => number;
  private readonly every: NonNullable<RoutineBarOptions['every']>;

  constructor(options: RoutineBarOptions) {
    this.options = options;
    this.runId = options.runId;
    this.stepIndex = options.stepIndex;
    this.voice = options.voice ?? new CueVoice();
    this.clock = options.clock ?? (() => performance.now());
    this.now = options.now ?? Date.now;
    this.every = options.every ?? defaultEvery;
  }

  get step(): RoutineStep | undefined {
    return this.routine?.steps[this.stepIndex];
  }

  get stepCount(): number {
    return this.routine?.steps.length ?? 0;
  }

  /** The step after this one, shown while resting. */
  get nextStep(): RoutineStep | undefined {
    return this.routine?.steps[this.stepIndex + 1];
  }

  get muted(): boolean {
    return this.voice.muted;
  }

  set muted(muted: boolean) {
    this.voice.muted = muted;
  }

  async load(): Promise<void> {
    const cached = (this.options.recall ?? recallRun)(this.runId);
    const opened = await (this.options.open ?? (() => openStore()))();
    if (this.disposed) {
      if (opened.ok) opened.store.close();
      return;
    }
    let run: RoutineRun | undefined = cached?.run;
    let routine: Routine | undefined = cached?.routine;
    this.recorded = false;
    if (opened.ok) {
      this.store = opened.store;
      try {
        const stored = await opened.store.getRoutineRun(this.runId);
        if (stored) {
          run = stored;
          this.recorded = true;
          // The cached copy is the routine as started; else the routine as it is now.
          routine ??= stored.routineId === DEFAULT_ROUTINE.id ? DEFAULT_ROUTINE : await opened.store.getRoutine(stored.routineId);
        }
      } catch (error) {
        this.problem = toStorageError(error).message;
      }
    }
    if (this.disposed) return;
    if (!run) return this.fail('This routine run was not found. Start the routine again from the Routines page.');
    if (!routine) return this.fail(`The routine “${run.routineName}” no longer exists, so this run cannot go on.`);
    this.run = run;
    this.routine = routine;
    if (this.stepIndex < 0 || this.stepIndex >= routine.steps.length) return this.fail(`“${routine.name}” has no step ${this.stepIndex + 1}.`);
    if (run.status !== 'active') {
      this.status = 'ended';
      return;
    }
    this.runner = runnerAt(routine, this.stepIndex);
    this.status = 'ready';
    this.say(this.runner.announcement);
    // Progress that arrived while loading.
    this.observe(this.progress);
  }

  /** Feed the step's progress (from the page's session) as it changes. */
  observe(progress: StepProgress): void {
    this.progress = progress;
    if (this.status !== 'ready' || !this.runner || this.phase !== 'practice') return;
    if (this.runner.update(progress, this.clock())) this.afterStep('met');
  }

  /** Practising: leave this step now, without its rest. */
  skipStep(): void {
    if (this.status !== 'ready' || !this.runner || this.phase !== 'practice') return;
    this.runner.skip(this.clock());
    // Skipped work earns no rest.
    if (this.runner.phase === 'rest') this.runner.skip(this.clock());
    this.afterStep('skipped');
  }

  /** Resting: go to the next step now. */
  skipRest(): void {
    if (this.status !== 'ready' || !this.runner || this.phase !== 'rest') return;
    this.runner.skip(this.clock());
    this.goNext();
  }

  /** Ends the run here, as stopped; `'pain'`: by "Stop — it hurts", so nothing more is said aloud. */
  async end(reason?: 'pain'): Promise<void> {
    if (this.status !== 'ready') return;
    this.stopTimer();
    this.voice.stop();
    this.endedForPain = reason === 'pain';
    this.announcement = reason === 'pain' ? 'Routine stopped: it hurt.' : 'Routine ended.';
    await this.finish('stopped');
  }

  private afterStep(how: 'met' | 'skipped'): void {
    const runner = this.runner!;
    const routine = this.routine!;
    this.say(announcementAfter(routine, this.stepIndex, how));
    this.phase = runner.phase;
    if (runner.phase === 'done') {
      void this.finish('completed');
    } else if (runner.phase === 'rest') {
      this.restRemainingMs = runner.restRemainingMs(this.clock());
      this.stopTimer();
      this.stopTicking = this.every(() => this.tick(), TICK_MS);
    } else {
      this.goNext();
    }
  }

  private tick(): void {
    const runner = this.runner;
    if (!runner || this.phase !== 'rest') return this.stopTimer();
    const t = this.clock();
    this.restRemainingMs = runner.restRemainingMs(t);
    if (runner.tick(t)) this.goNext();
  }

  private goNext(): void {
    this.stopTimer();
    const runner = this.runner!;
    const step = runner.step;
    this.phase = runner.phase;
    this.restRemainingMs = 0;
    if (this.disposed || !step) return;
    this.options.navigate(step.techniqueId, runner.stepIndex);
  }

  private async finish(status: 'completed' | 'stopped'): Promise<void> {
    const run = this.run;
    if (!run) return;
    const ended = finishRoutineRun(run, status, this.now());
    this.run = ended;
    this.status = 'ended';
    this.phase = 'done';
    updateCachedRun(ended);
    if (!this.store || !this.recorded) return;
    try {
      await this.store.saveRoutineRun(ended);
    } catch (error) {
      this.problem = `The routine's end could not be saved. ${toStorageError(error).message}`;
    }
  }

  private fail(message: string): void {
    this.problem = message;
    this.status = 'missing';
  }

  private say(text: string): void {
    this.announcement = text;
    this.voice.speak(text);
  }

  private stopTimer(): void {
    this.stopTicking?.();
    this.stopTicking = null;
  }

  dispose(): void {
    this.disposed = true;
    this.stopTimer();
    this.store?.close();
    this.store = null;
  }
}
