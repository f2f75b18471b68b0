/**
 * The routines page's state: the built-in routine and the user's own, the last few runs with
 * what each achieved, saving and deleting user routines, and starting a run. Every storage
 * failure becomes a message, never a throw; without storage a routine can still be followed,
 * just not recorded.
 */
import { openStore, toStorageError, type OpenResult, type UnknotStore } from '../storage/db';
import type { Routine } from '../storage/schema';
import { StorePageState } from '../storage/store-page.svelte';
import type { TechniqueId } from '../techniques/types';
import { draftToRoutine, type RoutineDraft } from './editor';
import { summarizeRun, type RunSummary } from './plan';
import { allRoutines, DEFAULT_ROUTINE, startRoutineRun } from './routine';
import { rememberRun } from './run-cache';

/** How many past runs the page lists. */
export const RUNS_SHOWN = 5;

export interface RoutinesOptions {
  open?: () => Promise<OpenResult>;
  /** Wall clock, epoch ms. */
  now?: () => number;
  newId?: () => string;
}

export interface StartedRun {
  runId: string;
  techniqueId: TechniqueId;
  /** False when storage is unavailable: the run goes on without being saved. */
  recorded: boolean;
}

const randomId = (): string =>
  typeof globalThis.crypto?.randomUUID === 'function' ? globalThis.crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export class RoutinesState extends StorePageState {
  /** A later operation that failed (save, delete, start's write); what is shown is unchanged. */
  actionError = $state<string | null>(null);
  /** The user's own routines, by name. */
  stored = $state.raw<Routine[]>([]);
  runs = $state.raw<RunSummary[]>([]);
  /** A short confirmation after a save or delete. */
  message = $state<string | null>(null);
  /** Wall clock when the page loaded, for "Today 09:05". */
  now = $state(0);

  readonly routines = $derived(allRoutines(this.stored));

  private readonly clock: () => number;
  private readonly newId: () => string;

  constructor(options: RoutinesOptions = {}) {
    super(options.open ?? (() => openStore()));
    this.clock = options.now ?? Date.now;
    this.newId = options.newId ?? randomId;
    this.now = this.clock();
  }

  async load(): Promise<void> {
    this.now = this.clock();
    await this.openAndRead(async (store) => {
      this.stored = sortByName(await store.listRoutines());
      this.runs = await this.loadRuns(store);
    });
  }

  private async loadRuns(store: UnknotStore): Promise<RunSummary[]> {
    const runs = (await store.listRoutineRuns()).slice(0, RUNS_SHOWN);
    const routines = new Map(this.routines.map((routine) => [routine.id, routine]));
    return Promise.all(runs.map(async (run) => summarizeRun(run, routines.get(run.routineId) ?? null, await store.listSessions({ routineRunId: run.id }))));
  }

  findRoutine(id: string): Routine | undefined {
    return this.routines.find((routine) => routine.id === id);
  }

  /** Saves the draft; else says what to fix, or why storage failed. */
  async saveDraft(draft: RoutineDraft): Promise<{ ok: true; routine: Routine } | { ok: false; message: string }> {
    const checked = draftToRoutine(draft, () => `routine-${this.newId()}`);
    if (!checked.ok) return checked;
    if (!this.store) return { ok: false, message: 'Routines cannot be saved because storage is unavailable.' };
    this.busy = true;
    this.message = null;
    try {
      await this.store.saveRoutine(checked.routine);
      this.stored = sortByName([...this.stored.filter((routine) => routine.id !== checked.routine.id), checked.routine]);
      this.message = `Saved “${checked.routine.name}”.`;
      return checked;
    } catch (error) {
      return { ok: false, message: `Could not save the routine. ${toStorageError(error).message}` };
    } finally {
      this.busy = false;
    }
  }

  async remove(id: string): Promise<void> {
    if (!this.store || id === DEFAULT_ROUTINE.id) return;
    this.actionError = null;
    this.message = null;
    this.busy = true;
    try {
      const removed = await this.store.deleteRoutine(id);
      this.stored = this.stored.filter((routine) => routine.id !== id);
      // Past runs keep their routine's name; they just cannot be continued.
      this.runs = this.runs.map((summary) => (summary.run.routineId === id ? { ...summary, routine: null, resumeStep: null } : summary));
      if (removed) this.message = `Deleted “${removed.name}”.`;
    } catch (error) {
      this.actionError = `Could not delete that routine. ${toStorageError(error).message}`;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Creates the run (saved when storage works) and hands back where to go. Without storage,
   * or when the save fails, the run still starts, unrecorded, and `actionError` says so.
   */
  async start(routine: Routine): Promise<StartedRun | null> {
    const first = routine.steps[0];
    if (!first) return null;
    this.actionError = null;
    const run = startRoutineRun(routine, `run-${this.newId()}`, this.clock());
    let recorded = false;
    if (this.store) {
      this.busy = true;
      try {
        await this.store.saveRoutineRun(run);
        recorded = true;
      } catch (error) {
        this.actionError = `This run will not be recorded. ${toStorageError(error).message}`;
      } finally {
        this.busy = false;
      }
    }
    rememberRun({ run, routine, recorded });
    return { runId: run.id, techniqueId: first.techniqueId, recorded };
  }

  /** An unfinished run, picked up at `step`. */
  resume(summary: RunSummary): { runId: string; techniqueId: TechniqueId; stepIndex: number } | null {
    const step = summary.resumeStep;
    const routine = summary.routine;
    if (step === null || !routine) return null;
    const target = routine.steps[step];
    if (!target) return null;
    rememberRun({ run: summary.run, routine, recorded: this.store !== null });
    return { runId: summary.run.id, techniqueId: target.techniqueId, stepIndex: step };
  }

}

function sortByName(routines: Routine[]): Routine[] {
  return [...routines].sort((a, b) => a.name.localeCompare(b.name));
}
