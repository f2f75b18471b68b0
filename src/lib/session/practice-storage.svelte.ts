/**
 * The practice page's link to storage: opens the store for the session's log, applies a
 * routine step's targets, and finds the unfinished session of this technique to offer back.
 * This tab's own unfinished session (a reload) is offered at once; another one only once it
 * has been quiet for a minute, so a session still recording in another tab is not taken over.
 */
import { allRoutines } from '../routines/routine';
import { openStore, type UnknotStore } from '../storage/db';
import { activeSessionOfThisTab, rememberActiveSession } from '../storage/preferences';
import type { SessionRecord } from '../storage/schema';
import { sanitizeTargets } from '../techniques/catalog';
import type { PracticeSession } from './practice-session.svelte';
import { countReps } from './summary';

const QUIET_MS = 60_000;

export class PracticeStorage {
  /** An unfinished session of this technique from a reload, a closed tab or a crash. */
  interrupted = $state.raw<SessionRecord | null>(null);
  private store: UnknotStore | null = null;
  private disposed = false;

  constructor(private readonly session: PracticeSession) {}

  async connect(now = Date.now()): Promise<void> {
    const opened = await openStore();
    if (this.disposed) {
      if (opened.ok) opened.store.close();
      return;
    }
    if (!opened.ok) {
      this.session.log.attachStore(null, `${opened.error.message} Practice still works; this session will not be saved.`);
      return;
    }
    this.store = opened.store;
    this.session.log.attachStore(opened.store);
    const routine = this.session.options.routine;
    if (routine) {
      await this.applyRoutineTargets(opened.store, routine.runId, routine.step);
      return;
    }
    const mine = activeSessionOfThisTab();
    const found = await opened.store.findInterrupted().catch(() => []);
    this.interrupted =
      found.find((record) => record.techniqueId === this.session.technique.id && !record.routineRunId && (record.id === mine || record.endedAt < now - QUIET_MS)) ??
      null;
  }

  /** The next session continues the unfinished one; its reps show at once. */
  resume(): void {
    const record = this.interrupted;
    if (!record) return;
    this.session.log.prepareResume(record);
    this.session.reps = countReps(record.reps);
    this.interrupted = null;
  }

  /**
   * Leaves the unfinished session as it is, marked interrupted (it stays in History). The offer
   * goes once that is written, so leaving the page at once cannot undo it; if the write fails
   * the session simply stays unfinished and is offered again later.
   */
  async close(): Promise<void> {
    const record = this.interrupted;
    if (!record) return;
    await this.store?.markInterrupted(record.id).catch(() => false);
    if (this.interrupted?.id === record.id) this.interrupted = null;
  }

  /** Called as the session's record changes: marks which session this tab is recording. */
  track(record: SessionRecord | null): void {
    if (record) rememberActiveSession(record.status === 'active' ? record.id : null);
  }

  /** Closes the store once the session's last write (`saved`) is done. */
  dispose(saved: Promise<void>): void {
    this.disposed = true;
    void saved.finally(() => this.store?.close());
  }

  /** In a routine, the step's targets (reps, hold) apply instead of the user's own for this technique. */
  private async applyRoutineTargets(store: UnknotStore, runId: string, stepIndex: number): Promise<void> {
    const run = await store.getRoutineRun(runId).catch(() => undefined);
    if (!run) return;
    const routine = allRoutines(await store.listRoutines().catch(() => [])).find((candidate) => candidate.id === run.routineId);
    const step = routine?.steps[stepIndex];
    const { technique } = this.session;
    if (!step || step.techniqueId !== technique.id) return;
    this.session.setTargets(sanitizeTargets(technique, { ...this.session.targets, ...step.target }));
  }
}
