/**
 * Sessions left unfinished by a closed tab, a crash or a reload that was never resumed, for
 * the home page to offer back. A session saved in the last minute may still be recording in
 * another tab, so it is left alone.
 */
import { openStore, type UnknotStore } from '../storage/db';
import type { SessionRecord } from '../storage/schema';

const QUIET_MS = 60_000;

export class UnfinishedSessions {
  sessions = $state.raw<SessionRecord[]>([]);
  private store: UnknotStore | null = null;

  async load(now = Date.now()): Promise<void> {
    const opened = await openStore();
    // No storage: nothing was saved, so nothing is unfinished; the practice pages say why.
    if (!opened.ok) return;
    this.store = opened.store;
    this.sessions = await opened.store.findInterrupted(now - QUIET_MS).catch(() => []);
  }

  /** Keeps the session as it is, marked interrupted (it stays in History). */
  async close(id: string): Promise<void> {
    this.sessions = this.sessions.filter((session) => session.id !== id);
    await this.store?.markInterrupted(id).catch(() => false);
  }

  dispose(): void {
    this.store?.close();
  }
}
