/**
 * Keeps the record of the session in progress and saves it as it goes: the pure recorder
 * builds the record, the autosaver writes it to IndexedDB at most once a second (so a reload,
 * a closed tab or a crash loses at most the last second), and a storage failure is shown but
 * never stops the practice.
 */
import { createAutosaver, type Autosaver } from '../storage/autosaver';
import type { UnknotStore } from '../storage/db';
import type { PainRating, SessionRecord } from '../storage/schema';
import type { CheckerOutput, RepCounts } from '../techniques/types';
import { SessionRecorder, type FinishStatus, type SessionStart, type ShownCue } from './recorder';
import { countReps, summarize, type SessionSummary } from './summary';

/** How often (session time) the reactive snapshot for the page is refreshed, besides on events. */
const SNAPSHOT_EVERY_MS = 500;

export class SessionLog {
  /** The latest snapshot of the session in progress (or the finished one); null before the first. */
  record = $state.raw<SessionRecord | null>(null);
  /** The end-of-session summary, once finished. */
  summary = $state.raw<SessionSummary | null>(null);
  /** Why sessions are not being saved, when they are not. */
  storageError = $state<string | null>(null);
  /** Reps from the part of the session before a reload (resumed), added to the checker's. */
  carried = $state<RepCounts>({ total: 0, left: 0, right: 0 });
  /** The session has ended and its "how does it feel now?" is open (issue #12 check-in). */
  awaitingAfter = $state(false);

  private recorder = new SessionRecorder();
  private store: UnknotStore | null = null;
  private autosaver: Autosaver<SessionRecord> | null = null;
  private lastSnapshotT = Number.NEGATIVE_INFINITY;
  private resumeFrom: SessionRecord | null = null;

  attachStore(store: UnknotStore | null, unavailableMessage?: string): void {
    this.store = store;
    if (!store) this.storageError = unavailableMessage ?? 'Sessions cannot be saved in this browser; practice still works.';
    this.autosaver?.dispose();
    this.autosaver = this.newAutosaver();
  }

  /** One autosaver per session record: it keeps only the latest value, so two records must not share one. */
  private newAutosaver(): Autosaver<SessionRecord> | null {
    const store = this.store;
    return store
      ? createAutosaver((record) => store.saveSession(record), {
          onError: (error) => {
            this.storageError = `Saving this session failed: ${error instanceof Error ? error.message : String(error)}. Practice goes on; what was saved before is kept.`;
          },
          onSaved: () => {
            this.storageError = null;
          },
        })
      : null;
  }

  /** The reps the next `begin` starts from: the resumed session's, else none. */
  get carriedIntoNext(): RepCounts {
    return this.resumeFrom ? { ...this.carried } : { total: 0, left: 0, right: 0 };
  }

  /** The next `begin` continues this interrupted session instead of starting a new one. */
  prepareResume(saved: SessionRecord): void {
    this.resumeFrom = saved;
    this.carried = countReps(saved.reps);
  }

  begin(meta: Omit<SessionStart, 'startedAt'>, now = Date.now()): void {
    if (this.recorder.active) this.end('stopped', now);
    // Moving on to a new session without answering the last one's question skips it.
    if (this.awaitingAfter) this.answerAfter('skipped');
    if (this.record && this.autosaver) {
      // The last record's writes finish on its own saver; the new session gets a fresh one.
      const previous = this.autosaver;
      void previous.flush().finally(() => previous.dispose());
      this.autosaver = this.newAutosaver();
    }
    this.summary = null;
    if (this.resumeFrom && this.resumeFrom.techniqueId === meta.techniqueId) {
      this.recorder.continueFrom({ ...this.resumeFrom, status: 'active' }, now);
    } else {
      this.carried = { total: 0, left: 0, right: 0 };
      this.recorder.start({ ...meta, startedAt: now });
    }
    this.resumeFrom = null;
    this.lastSnapshotT = Number.NEGATIVE_INFINITY;
    this.publish();
  }

  step(output: CheckerOutput, shownCue: ShownCue | null): void {
    if (!this.recorder.active) return;
    this.recorder.step(output);
    this.recorder.cueShown(shownCue);
    // A deep copy per frame would be waste: refresh on events and twice a second.
    if (output.events.length > 0 || output.tMs - this.lastSnapshotT >= SNAPSHOT_EVERY_MS) {
      this.lastSnapshotT = output.tMs;
      this.publish();
    }
  }

  pause(): void {
    if (this.recorder.active) this.recorder.pause();
  }

  resume(): void {
    if (this.recorder.active) this.recorder.resume();
  }

  /**
   * Ends the session, saves it at once and computes the summary. `askAfter`: the user ended it
   * here and is asked how the back feels now (answerAfter), else the question is not asked.
   */
  end(status: FinishStatus, now = Date.now(), { askAfter = false }: { askAfter?: boolean } = {}): SessionRecord | null {
    if (!this.recorder.active) return null;
    const record = this.recorder.finish(status, now);
    this.record = record;
    this.summary = summarize(record);
    this.awaitingAfter = askAfter;
    this.autosaver?.update(record);
    void this.autosaver?.flush();
    return record;
  }

  /** "Stop — it hurts": ends the session now, as stopped, with the pain stop's time. */
  endForPain(now = Date.now()): SessionRecord | null {
    if (!this.recorder.active) return null;
    this.recorder.markPainStop();
    return this.end('stopped', now, { askAfter: true });
  }

  /** The after-session check-in (a rating or 'skipped'), saved into the finished record. */
  answerAfter(rating: Exclude<PainRating, null>): void {
    if (!this.awaitingAfter || !this.record) return;
    this.awaitingAfter = false;
    const record = this.recorder.setPain('after', rating);
    this.record = record;
    this.autosaver?.update(record);
    void this.autosaver?.flush();
  }

  /** Writes what is pending now (the page is being hidden or unloaded). */
  flush(): void {
    if (this.recorder.active) this.autosaver?.update(this.recorder.snapshot());
    void this.autosaver?.flush();
  }

  /** Stops saving once everything pending is written (the final record may queue behind a write in flight). */
  async dispose(): Promise<void> {
    // Leaving the page with the question open: remembered as skipped.
    if (this.awaitingAfter) this.answerAfter('skipped');
    const saver = this.autosaver;
    this.autosaver = null;
    if (!saver) return;
    if (this.recorder.active) saver.update(this.recorder.snapshot());
    await saver.flush();
    saver.dispose();
  }

  private publish(): void {
    const snapshot = this.recorder.snapshot();
    this.record = snapshot;
    this.autosaver?.update(snapshot);
  }
}
