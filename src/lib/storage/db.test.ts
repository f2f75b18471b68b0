import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dexie } from 'dexie';
import * as v from 'valibot';
import { STORAGE_MESSAGES, StorageError, openStore, toStorageError, type UnknotStore } from './db';
import { sampleRoutine, sampleRoutineRun, sampleSession } from './sample-records';
import { SessionRecordSchema, type SessionRecord } from './schema';

const openedStores: UnknotStore[] = [];

/** A fresh, empty IndexedDB per test. */
async function freshStore(factory: IDBFactory = new IDBFactory()): Promise<UnknotStore> {
  const opened = await openStore({ indexedDB: factory, IDBKeyRange });
  if (!opened.ok) throw opened.error;
  openedStores.push(opened.store);
  return opened.store;
}

const session = (id: string, overrides: Partial<SessionRecord> = {}) => sampleSession({ id, ...overrides });
const ids = (records: { id: string }[]) => records.map((record) => record.id);

afterEach(() => {
  vi.restoreAllMocks();
  for (const store of openedStores.splice(0)) store.close();
});

describe('sessions', () => {
  it('saves (upserting), gets and lists newest first, optionally by technique', async () => {
    const store = await freshStore();
    await store.saveSession(session('old', { startedAt: 1000 }));
    await store.saveSession(session('new', { startedAt: 3000, techniqueId: 'seated-twist' }));
    await store.saveSession(session('mid', { startedAt: 2000 }));
    await store.saveSession(session('mid', { startedAt: 2000, durationMs: 99 })); // the autosaver's next write
    expect(ids(await store.listSessions())).toEqual(['new', 'mid', 'old']);
    expect(ids(await store.listSessions({ techniqueId: 'cat-cow' }))).toEqual(['mid', 'old']);
    expect((await store.getSession('mid'))?.durationMs).toBe(99);
    expect(await store.getSession('missing')).toBeUndefined();
  });

  it('lists the sessions of one routine run', async () => {
    const store = await freshStore();
    await store.saveSession(session('a', { routineRunId: 'run-1', routineStep: 0, startedAt: 1 }));
    await store.saveSession(session('b', { routineRunId: 'run-1', routineStep: 1, startedAt: 2 }));
    await store.saveSession(session('c', { routineRunId: 'run-2', routineStep: 0 }));
    await store.saveSession(session('d'));
    expect(ids(await store.listSessions({ routineRunId: 'run-1' }))).toEqual(['b', 'a']);
  });

  it('delete hands the record back, and restore puts it back exactly (undo)', async () => {
    const store = await freshStore();
    const original = session('s1');
    await store.saveSession(original);
    const deleted = await store.deleteSession('s1');
    expect(deleted).toEqual(original);
    expect(await store.listSessions()).toEqual([]);
    await store.restoreSession(deleted!);
    expect(await store.getSession('s1')).toEqual(original);
    expect(await store.deleteSession('never-there')).toBeUndefined();
  });

  it('finds sessions left active by a crash, leaves recent ones (another tab) out, and closes them', async () => {
    const store = await freshStore();
    await store.saveSession(session('crashed', { status: 'active', endedAt: 10_000 }));
    await store.saveSession(session('live-elsewhere', { status: 'active', endedAt: 59_000 }));
    await store.saveSession(session('done', { status: 'completed' }));
    expect(ids(await store.findInterrupted())).toEqual(expect.arrayContaining(['crashed', 'live-elsewhere']));
    expect(ids(await store.findInterrupted(60_000 - 10_000))).toEqual(['crashed']);
    expect(await store.markInterrupted('crashed')).toBe(true);
    expect((await store.getSession('crashed'))?.status).toBe('interrupted');
    expect(await store.markInterrupted('crashed')).toBe(false);
    expect(await store.markInterrupted('done')).toBe(false);
    expect(ids(await store.findInterrupted())).toEqual(['live-elsewhere']);
  });

  it('keeps data across closing and reopening, and notes the data version', async () => {
    const factory = new IDBFactory();
    const first = await freshStore(factory);
    await first.saveSession(session('kept'));
    first.close();
    const second = await freshStore(factory);
    expect(ids(await second.listSessions())).toEqual(['kept']);
    expect(await second.getMeta('dataVersion')).toBe(2);
  });
});

describe('upgrading a version 1 database', () => {
  it('rewrites every stored session to version 2 with the check-in fields "not asked", and notes the new version', async () => {
    const factory = new IDBFactory();
    // The database exactly as the version 1 app declared and filled it.
    const old = new Dexie('unknot', { indexedDB: factory, IDBKeyRange });
    old.version(1).stores({ sessions: 'id, startedAt, techniqueId, status, routineRunId', routines: 'id', routineRuns: 'id, startedAt', meta: 'key' });
    await old.open();
    const { painBefore: _b, painAfter: _a, painStopMs: _p, posture: _q, ...v1 } = sampleSession({ id: 'from-v1' });
    await old.table('sessions').put({ ...v1, schemaVersion: 1 });
    await old.table('meta').put({ key: 'dataVersion', value: 1 });
    old.close();

    const store = await freshStore(factory);
    const upgraded = await store.getSession('from-v1');
    expect(upgraded).toMatchObject({ id: 'from-v1', schemaVersion: 2, painBefore: null, painAfter: null, painStopMs: null, posture: null, reps: v1.reps });
    expect(v.safeParse(SessionRecordSchema, upgraded).success).toBe(true);
    expect(await store.getMeta('dataVersion')).toBe(2);
  });
});

describe('routines and runs', () => {
  it('routines CRUD, with the deleted routine handed back', async () => {
    const store = await freshStore();
    await store.saveRoutine(sampleRoutine({ id: 'r1', name: 'Morning' }));
    await store.saveRoutine(sampleRoutine({ id: 'r1', name: 'Morning, renamed' }));
    expect((await store.listRoutines()).map((r) => r.name)).toEqual(['Morning, renamed']);
    expect((await store.getRoutine('r1'))?.name).toBe('Morning, renamed');
    expect((await store.deleteRoutine('r1'))?.id).toBe('r1');
    expect(await store.listRoutines()).toEqual([]);
  });

  it('routine runs, newest first', async () => {
    const store = await freshStore();
    await store.saveRoutineRun(sampleRoutineRun({ id: 'first', startedAt: 1 }));
    await store.saveRoutineRun(sampleRoutineRun({ id: 'second', startedAt: 2, endedAt: null, status: 'active' }));
    expect(ids(await store.listRoutineRuns())).toEqual(['second', 'first']);
    expect((await store.getRoutineRun('second'))?.status).toBe('active');
  });
});

describe('export and import', () => {
  it('exports everything and imports it into another database without duplicates', async () => {
    const source = await freshStore();
    await source.saveSession(session('s1', { startedAt: 1 }));
    await source.saveSession(session('s2', { startedAt: 2 }));
    await source.saveRoutine(sampleRoutine());
    await source.saveRoutineRun(sampleRoutineRun());
    const exported = await source.exportAll();
    expect(ids(exported.sessions)).toEqual(['s1', 's2']);

    const target = await freshStore();
    await target.saveSession(session('s2', { startedAt: 2, durationMs: 5 })); // already there: stays as it is
    expect(await target.importAll(exported)).toEqual({
      added: { sessions: 1, routines: 1, routineRuns: 1 },
      skipped: { sessions: 1, routines: 0, routineRuns: 0 },
    });
    expect(await target.importAll(exported)).toEqual({
      added: { sessions: 0, routines: 0, routineRuns: 0 },
      skipped: { sessions: 2, routines: 1, routineRuns: 1 },
    });
    expect(ids(await target.listSessions())).toEqual(['s2', 's1']);
    expect((await target.getSession('s2'))?.durationMs).toBe(5);
  });

  it('a bad record changes nothing and says which one', async () => {
    const store = await freshStore();
    await store.saveSession(session('existing'));
    const bad = { ...session('bad'), durationMs: 'long' } as unknown as SessionRecord;
    const error = await store.importAll({ sessions: [session('good'), bad], routines: [], routineRuns: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).kind).toBe('invalid');
    expect((error as StorageError).message).toContain('Session 2 of 2 (“bad”) is not valid: its field “durationMs” should be a number, not "long".');
    expect(ids(await store.listSessions())).toEqual(['existing']);
  });

  it('is one transaction: a write failing midway (routines) leaves the sessions written before it undone', async () => {
    const store = await freshStore();
    const quota = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    // Fail every write to the routines store, as a full disk would halfway through an import.
    for (const method of ['add', 'put'] as const) {
      const original = IDBObjectStore.prototype[method];
      vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
        return this.name === 'routines' ? quota() : original.apply(this, args);
      });
    }
    const error = await store.importAll({ sessions: [session('s1'), session('s2')], routines: [sampleRoutine()], routineRuns: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).kind).toBe('quota');
    vi.restoreAllMocks();
    expect(await store.listSessions()).toEqual([]);
    expect(await store.listRoutines()).toEqual([]);
  });
});

describe('errors', () => {
  it('a full disk on save comes back as kind "quota" with a clear message, and what was stored stays', async () => {
    const store = await freshStore();
    await store.saveSession(session('before'));
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error = await store.saveSession(session('after')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).kind).toBe('quota');
    expect((error as StorageError).message).toBe(STORAGE_MESSAGES.quota);
    vi.restoreAllMocks();
    expect(ids(await store.listSessions())).toEqual(['before']);
  });

  it('maps quota errors however they are wrapped', () => {
    expect(toStorageError(new DOMException('full', 'QuotaExceededError')).kind).toBe('quota');
    expect(toStorageError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } }).kind).toBe('quota');
    expect(toStorageError(new Error('aborted', { cause: { name: 'NS_ERROR_DOM_QUOTA_REACHED' } })).kind).toBe('quota');
    expect(toStorageError({ name: 'Error', code: 22 }).kind).toBe('quota');
    expect(toStorageError({ name: 'VersionError' }).kind).toBe('blocked');
    expect(toStorageError(new Error('anything else')).kind).toBe('unavailable');
  });

  it('no IndexedDB at all (private mode in some browsers): "unavailable", without throwing', async () => {
    const broken = {
      open() {
        throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
      },
    } as unknown as IDBFactory;
    const opened = await openStore({ indexedDB: broken, IDBKeyRange });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error.kind).toBe('unavailable');
    expect(opened.error.message).toBe(STORAGE_MESSAGES.unavailable);
  });

  it('an upgrade blocked by another tab holding an older version open: "blocked", at once', async () => {
    const factory = new IDBFactory();
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open('unknot', 1); // version 1 < Dexie's 10 for its version(1)
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    old.onversionchange = null; // an old tab that does not give way
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {}); // Dexie warns about the block too
    const opened = await openStore({ indexedDB: factory, IDBKeyRange });
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.error.kind).toBe('blocked');
    expect(warn).toHaveBeenCalledWith("Upgrade 'unknot' blocked by other connection holding version 0.1");
    old.close();
  });
});
