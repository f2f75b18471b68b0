/**
 * The history page's state: opens the store, keeps every session in memory (1,000 sessions
 * are ~2 MB and filter in well under a frame), and derives what the page shows. Deleting
 * takes the record out at once and keeps it for an undo; export and import go through the
 * storage module's checked paths. Every storage failure becomes a message, never a throw.
 */
import { openStore, toStorageError, type OpenResult, type UnknotStore } from '../storage/db';
import { exportFileName, parseImport, toCsv, toJsonExport } from '../storage/export';
import type { SessionRecord } from '../storage/schema';
import { StorePageState } from '../storage/store-page.svelte';
import { dayKey, sessionsByDay } from '../session/summary';
import { painByTechnique, painTrendChart, uprightByDay, uprightChart } from './pain';
import { chartsFor, DAYS_PER_PAGE, filterSessions, headline, importMessage, MAX_IMPORT_BYTES, type TechniqueFilter } from './view';

export const UNDO_MS = 8000;

export interface HistoryOptions {
  open?: () => Promise<OpenResult>;
  /** Wall clock, epoch ms (for "today", streaks and export dates). */
  now?: () => number;
  /** Schedules the undo toast's end; returns a cancel function. */
  schedule?: (run: () => void, ms: number) => () => void;
  filter?: TechniqueFilter;
}

export interface PendingUndo {
  record: SessionRecord;
  /** Counts up with each delete, so a late timer cannot close a newer toast. */
  serial: number;
}

export interface DownloadFile {
  name: string;
  type: string;
  text: string;
}

const defaultSchedule = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export class HistoryState extends StorePageState {
  /** A later operation that failed (delete, undo, export, import's write); the data is unchanged. */
  actionError = $state<string | null>(null);
  /** Every stored session, newest first. */
  sessions = $state.raw<SessionRecord[]>([]);
  filter = $state<TechniqueFilter>('all');
  dayLimit = $state(DAYS_PER_PAGE);
  pendingUndo = $state.raw<PendingUndo | null>(null);
  importResult = $state<string | null>(null);
  importError = $state<string | null>(null);
  /** 'YYYY-MM-DD', local: set when the page opens and on each load. */
  today = $state('');

  readonly filtered = $derived(filterSessions(this.sessions, this.filter));
  readonly days = $derived(sessionsByDay(this.filtered));
  readonly visibleDays = $derived(this.days.slice(0, this.dayLimit));
  readonly hiddenDays = $derived(Math.max(0, this.days.length - this.dayLimit));
  readonly headline = $derived(headline(this.filtered, this.today));
  readonly charts = $derived(chartsFor(this.filtered, this.filter));
  /** The check-ins (issue #12): the weekly trend and before against after per technique. */
  readonly painChart = $derived(painTrendChart(this.filtered));
  readonly painRows = $derived(painByTechnique(this.filtered));
  /** Desk posture's upright share: today's, and the chart (shown with all techniques or desk posture). */
  readonly uprightToday = $derived(uprightByDay(this.sessions).find((day) => day.day === this.today) ?? null);
  readonly uprightChart = $derived(this.filter === 'all' || this.filter === 'posture' ? uprightChart(this.sessions) : null);

  private readonly clock: () => number;
  private readonly schedule: NonNullable<HistoryOptions['schedule']>;
  private cancelUndoTimer: (() => void) | null = null;
  private serial = 0;

  constructor(options: HistoryOptions = {}) {
    super(options.open ?? (() => openStore()));
    this.clock = options.now ?? Date.now;
    this.schedule = options.schedule ?? defaultSchedule;
    this.filter = options.filter ?? 'all';
    this.today = dayKey(this.clock());
  }

  async load(): Promise<void> {
    this.today = dayKey(this.clock());
    await this.openAndRead(async (store) => {
      this.sessions = await store.listSessions();
    });
  }

  setFilter(filter: TechniqueFilter): void {
    this.filter = filter;
    this.dayLimit = DAYS_PER_PAGE;
  }

  showMore(): void {
    this.dayLimit += DAYS_PER_PAGE;
  }

  /** Deletes at once; the record stays in memory for UNDO_MS so "Undo" can put it back. */
  async remove(id: string): Promise<void> {
    if (!this.store) return;
    this.actionError = null;
    try {
      const record = await this.store.deleteSession(id);
      this.sessions = this.sessions.filter((session) => session.id !== id);
      if (record) this.offerUndo(record);
    } catch (error) {
      this.actionError = `Could not delete that session. ${toStorageError(error).message}`;
    }
  }

  async undo(): Promise<void> {
    const pending = this.pendingUndo;
    if (!this.store || !pending) return;
    this.closeUndo();
    try {
      await this.store.restoreSession(pending.record);
      this.sessions = [...this.sessions.filter((session) => session.id !== pending.record.id), pending.record].sort((a, b) => b.startedAt - a.startedAt);
    } catch (error) {
      this.actionError = `Could not restore that session. ${toStorageError(error).message}`;
    }
  }

  closeUndo(): void {
    this.cancelUndoTimer?.();
    this.cancelUndoTimer = null;
    this.pendingUndo = null;
  }

  private offerUndo(record: SessionRecord): void {
    this.cancelUndoTimer?.();
    const serial = ++this.serial;
    this.pendingUndo = { record, serial };
    this.cancelUndoTimer = this.schedule(() => {
      if (this.pendingUndo?.serial === serial) {
        this.pendingUndo = null;
        this.cancelUndoTimer = null;
      }
    }, UNDO_MS);
  }

  /** Everything stored (sessions, routines, runs), as the JSON export file. */
  async exportJson(): Promise<DownloadFile | null> {
    return this.exporting(async (store, now) => ({
      name: exportFileName(now, 'json'),
      type: 'application/json',
      text: toJsonExport(await store.exportAll(), now),
    }));
  }

  /** Every session's reps, one row each. */
  async exportCsv(): Promise<DownloadFile | null> {
    return this.exporting(async (store, now) => ({
      name: exportFileName(now, 'csv'),
      type: 'text/csv;charset=utf-8',
      text: toCsv((await store.exportAll()).sessions),
    }));
  }

  private async exporting(make: (store: UnknotStore, now: number) => Promise<DownloadFile>): Promise<DownloadFile | null> {
    if (!this.store) return null;
    this.actionError = null;
    try {
      return await make(this.store, this.clock());
    } catch (error) {
      this.actionError = `Could not export. ${toStorageError(error).message}`;
      return null;
    }
  }

  /** Reads an export file; on any problem says so and changes nothing. */
  async importFile(file: Blob): Promise<void> {
    if (file.size > MAX_IMPORT_BYTES) {
      this.importResult = null;
      this.importError = 'This file is far too large to be an Unknot export. Nothing was imported.';
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      this.importResult = null;
      this.importError = 'Could not read that file. Nothing was imported.';
      return;
    }
    await this.importText(text);
  }

  async importText(text: string): Promise<void> {
    this.importResult = null;
    this.importError = null;
    if (!this.store) {
      this.importError = 'Storage is not available in this browser, so nothing can be imported.';
      return;
    }
    const parsed = parseImport(text);
    if (!parsed.ok) {
      this.importError = parsed.message;
      return;
    }
    this.busy = true;
    try {
      const outcome = await this.store.importAll(parsed.data);
      this.sessions = await this.store.listSessions();
      this.importResult = importMessage(outcome);
    } catch (error) {
      const storageError = toStorageError(error);
      this.importError = storageError.kind === 'invalid' ? storageError.message : `Nothing was imported. ${storageError.message}`;
    } finally {
      this.busy = false;
    }
  }

  override dispose(): void {
    this.closeUndo();
    super.dispose();
  }
}
