/**
 * Sessions left unfinished by a closed tab, a crash or a reload that was never resumed, for
 * the home page to offer back. A session saved in the last minute may still be recording in
 * another tab, so it is left alone.
 */
import { openStore, type OpenResult, type UnknotStore } from '../storage/db';
import type { SessionRecord } from '../storage/schema';

const QUIET_MS = 60_000;

export class UnfinishedSessions {
  sessions = $state.raw<SessionRecord[]>([]);
  /** Ids whose "close" is being written: their buttons wait. */
  closing = $state.raw<ReadonlySet<string>>(new Set());
  error = $state<string | null>(null);
  private store: UnknotStore | null = null;

  constructor(private readonly open: () => Promise<OpenResult> = openStore) {}

  async load(now = Date.now()): Promise<void> {
    const opened = await this.open();
    // No storage: nothing was saved, so nothing is unfinished; the practice pages say why.
    if (!opened.ok) return;
    this.store = opened.store;
    this.sessions = await opened.store.findInterrupted(now - QUIET_MS).catch(() => []);
  }

  /**
   * Keeps the session as it is, marked interrupted (it stays in History). The offer goes away
   * only once that is written, so leaving the page at once cannot undo it.
   */
  async close(id: string): Promise<void> {
    if (!this.store || this.closing.has(id)) return;
    this.closing = new Set([...this.closing, id]);
    try {
      await this.store.markInterrupted(id);
      this.sessions = this.sessions.filter((session) => session.id !== id);
      this.error = null;
    } catch (error) {
      this.error = `Could not close that session: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.closing = new Set([...this.closing].filter((closingId) => closingId !== id));
    }
  }

  dispose(): void {
    this.store?.close();
  }
}
