import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openStore, StorageError, type OpenResult } from '../storage/db';
import { sampleSession } from '../storage/sample-records';
import { UnfinishedSessions } from './unfinished.svelte';

const NOW = 1_700_000_000_000;

async function seeded(...records: ReturnType<typeof sampleSession>[]) {
  const factory = new IDBFactory();
  const open = () => openStore({ indexedDB: factory, IDBKeyRange, name: 'unfinished-test' });
  const opened = await open();
  if (!opened.ok) throw opened.error;
  for (const record of records) await opened.store.saveSession(record);
  opened.store.close();
  return open;
}

async function statusOf(open: () => Promise<OpenResult>, id: string) {
  const opened = await open();
  if (!opened.ok) throw opened.error;
  const record = await opened.store.getSession(id);
  opened.store.close();
  return record?.status;
}

describe('UnfinishedSessions', () => {
  it('offers active sessions quiet for a minute, not finished ones or one still recording', async () => {
    const open = await seeded(
      sampleSession({ id: 'left-open', status: 'active', startedAt: NOW - 86_400_000, endedAt: NOW - 86_340_000 }),
      sampleSession({ id: 'done', status: 'completed', startedAt: NOW - 86_400_000, endedAt: NOW - 86_340_000 }),
      sampleSession({ id: 'recording-now', status: 'active', startedAt: NOW - 20_000, endedAt: NOW - 1_000 }),
    );
    const unfinished = new UnfinishedSessions(open);
    await unfinished.load(NOW);
    expect(unfinished.sessions.map((session) => session.id)).toEqual(['left-open']);
    unfinished.dispose();
  });

  it('closing writes "interrupted" before the offer goes away, so leaving at once loses nothing', async () => {
    const open = await seeded(sampleSession({ id: 'left-open', status: 'active', startedAt: NOW - 86_400_000, endedAt: NOW - 86_340_000 }));
    const unfinished = new UnfinishedSessions(open);
    await unfinished.load(NOW);
    const closing = unfinished.close('left-open');
    // Still offered (and marked busy) while the write is under way.
    expect(unfinished.sessions).toHaveLength(1);
    expect(unfinished.closing.has('left-open')).toBe(true);
    await closing;
    expect(unfinished.sessions).toHaveLength(0);
    expect(unfinished.closing.size).toBe(0);
    unfinished.dispose();
    expect(await statusOf(open, 'left-open')).toBe('interrupted');
  });

  it('a failed write keeps the offer and says why', async () => {
    const open = await seeded(sampleSession({ id: 'left-open', status: 'active', startedAt: NOW - 86_400_000, endedAt: NOW - 86_340_000 }));
    const unfinished = new UnfinishedSessions(async () => {
      const opened = await open();
      if (!opened.ok) return opened;
      opened.store.markInterrupted = () => Promise.reject(new StorageError('quota', 'Storage is full.'));
      return opened;
    });
    await unfinished.load(NOW);
    await unfinished.close('left-open');
    expect(unfinished.sessions).toHaveLength(1);
    expect(unfinished.error).toContain('Storage is full.');
    unfinished.dispose();
    expect(await statusOf(open, 'left-open')).toBe('active');
  });
});
