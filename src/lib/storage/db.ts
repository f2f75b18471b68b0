/**
 * The only module that touches IndexedDB. Sessions, routines and routine runs live in one
 * database; every failure comes out as a StorageError with a message for people, so the
 * page can say what happened while practice goes on.
 *
 * Dexie 4 rather than idb: versioned table declarations with indexes, multi-table
 * transactions that roll back when anything inside throws (import relies on it), and
 * browser errors mapped to named classes (QuotaExceededError, VersionError …). Its size is
 * small beside the pose model.
 */
import { Dexie, type EntityTable } from 'dexie';
import { buildExport, checkExport, mergeImport, type ExportData, type MergePlan } from './export';
import { SCHEMA_VERSION, sessionV1toV2, type Routine, type RoutineRun, type SessionRecord } from './schema';

export type StorageErrorKind = 'unavailable' | 'quota' | 'blocked' | 'invalid';

export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly kind: StorageErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const STORAGE_MESSAGES: Record<Exclude<StorageErrorKind, 'invalid'>, string> = {
  unavailable:
    'This browser is not letting Unknot save anything (private browsing, or site storage turned off). You can still practise, but sessions will not be kept.',
  quota:
    'Storage for this site is full, so Unknot cannot save right now. Practice goes on and nothing saved before is lost; export and delete old sessions, or free some space, to save again.',
  blocked: 'Another Unknot tab is holding the database (perhaps an older or newer version). Close other Unknot tabs and reload this page.',
};

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
const BLOCKED_NAMES = new Set(['VersionError', 'DatabaseClosedError', 'BlockedError']);

/** The error and what it wraps (Dexie's `inner`, standard `cause`), outermost first. */
function errorChain(error: unknown): { name?: unknown; code?: unknown }[] {
  const chain: { name?: unknown; code?: unknown }[] = [];
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && chain.length < 6 && !chain.includes(current)) {
    chain.push(current);
    const wrapped = current as { inner?: unknown; cause?: unknown };
    current = wrapped.inner ?? wrapped.cause;
  }
  return chain;
}

/** Maps anything IndexedDB or Dexie throws to a StorageError. A full disk wins over whatever wraps it. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const chain = errorChain(error);
  // Legacy DOMException code 22 is QUOTA_EXCEEDED_ERR.
  if (chain.some((e) => QUOTA_NAMES.has(String(e.name)) || e.code === 22)) return new StorageError('quota', STORAGE_MESSAGES.quota, { cause: error });
  if (chain.some((e) => BLOCKED_NAMES.has(String(e.name)))) return new StorageError('blocked', STORAGE_MESSAGES.blocked, { cause: error });
  return new StorageError('unavailable', STORAGE_MESSAGES.unavailable, { cause: error });
}

async function guarded<T>(work: () => PromiseLike<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toStorageError(error);
  }
}

type UnknotDexie = Dexie & {
  sessions: EntityTable<SessionRecord, 'id'>;
  routines: EntityTable<Routine, 'id'>;
  routineRuns: EntityTable<RoutineRun, 'id'>;
  meta: EntityTable<{ key: string; value: unknown }, 'key'>;
};

function createDatabase(name: string, options: OpenOptions): UnknotDexie {
  const db = new Dexie(name, {
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  }) as UnknotDexie;
  const tables = {
    sessions: 'id, startedAt, techniqueId, status, routineRunId',
    routines: 'id',
    routineRuns: 'id, startedAt',
    meta: 'key',
  };
  db.version(1).stores(tables);
  // Each data version rewrites the stored records with the same step that upgrades export files (schema.ts).
  db.version(2)
    .stores(tables)
    .upgrade(async (tx) => {
      await tx.table('sessions').toCollection().modify((session: Record<string, unknown>) => {
        Object.assign(session, sessionV1toV2(session));
      });
      await tx.table('meta').put({ key: 'dataVersion', value: 2 });
    });
  db.on('populate', (tx) => {
    void tx.table('meta').add({ key: 'dataVersion', value: SCHEMA_VERSION });
  });
  return db;
}

export interface OpenOptions {
  /** Database name; tests use their own. */
  name?: string;
  /** An IndexedDB implementation other than the browser's (tests: fake-indexeddb). */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export type OpenResult = { ok: true; store: UnknotStore } | { ok: false; error: StorageError };

/** Opens (creating or upgrading) the database. Never throws: failure comes back as a StorageError. */
export async function openStore(options: OpenOptions = {}): Promise<OpenResult> {
  if (!options.indexedDB && typeof globalThis.indexedDB === 'undefined') {
    return { ok: false, error: new StorageError('unavailable', STORAGE_MESSAGES.unavailable) };
  }
  let db: UnknotDexie | undefined;
  try {
    const opened = createDatabase(options.name ?? 'unknot', options);
    db = opened;
    // An upgrade another tab blocks would otherwise wait forever: say so at once.
    const blocked = new Promise<never>((_, reject) => opened.on('blocked', () => reject(new StorageError('blocked', STORAGE_MESSAGES.blocked))));
    await Promise.race([opened.open(), blocked]);
    return { ok: true, store: new UnknotStore(opened) };
  } catch (error) {
    db?.close();
    return { ok: false, error: toStorageError(error) };
  }
}

export interface ImportOutcome {
  added: { sessions: number; routines: number; routineRuns: number };
  skipped: MergePlan['skipped'];
}

/** Every method rejects with a StorageError only. */
export class UnknotStore {
  constructor(private readonly db: UnknotDexie) {}

  /** Upsert: called about once a second while practising, one put. */
  saveSession(record: SessionRecord): Promise<void> {
    return guarded(async () => void (await this.db.sessions.put(record)));
  }

  getSession(id: string): Promise<SessionRecord | undefined> {
    return guarded(() => this.db.sessions.get(id));
  }

  /** Newest first; optionally one technique or one routine run. */
  listSessions(filter: { techniqueId?: string; routineRunId?: string } = {}): Promise<SessionRecord[]> {
    return guarded(async () => {
      const { sessions } = this.db;
      const records =
        filter.techniqueId !== undefined
          ? await sessions.where('techniqueId').equals(filter.techniqueId).toArray()
          : filter.routineRunId !== undefined
            ? await sessions.where('routineRunId').equals(filter.routineRunId).toArray()
            : await sessions.toArray();
      return records.filter((r) => filter.routineRunId === undefined || r.routineRunId === filter.routineRunId).sort((a, b) => b.startedAt - a.startedAt);
    });
  }

  /** Deletes and hands back the record, so "undo" can restore it exactly. */
  deleteSession(id: string): Promise<SessionRecord | undefined> {
    return guarded(() =>
      this.db.transaction('rw', this.db.sessions, async () => {
        const record = await this.db.sessions.get(id);
        if (record) await this.db.sessions.delete(id);
        return record;
      }),
    );
  }

  restoreSession(record: SessionRecord): Promise<void> {
    return this.saveSession(record);
  }

  /**
   * Sessions still 'active' in storage: cut off by a reload, a closed tab or a crash.
   * `savedBefore` (epoch ms) leaves out sessions saved since then, which may still be
   * recording in another tab (the autosaver moves `endedAt` on every second).
   */
  findInterrupted(savedBefore = Number.POSITIVE_INFINITY): Promise<SessionRecord[]> {
    return guarded(async () => {
      const active = await this.db.sessions.where('status').equals('active').toArray();
      return active.filter((record) => record.endedAt < savedBefore).sort((a, b) => b.startedAt - a.startedAt);
    });
  }

  /** Closes an interrupted session as it was saved. False when it is gone or no longer active. */
  markInterrupted(id: string): Promise<boolean> {
    return guarded(() =>
      this.db.transaction('rw', this.db.sessions, async () => {
        const record = await this.db.sessions.get(id);
        if (record?.status !== 'active') return false;
        await this.db.sessions.put({ ...record, status: 'interrupted' });
        return true;
      }),
    );
  }

  listRoutines(): Promise<Routine[]> {
    return guarded(() => this.db.routines.toArray());
  }

  getRoutine(id: string): Promise<Routine | undefined> {
    return guarded(() => this.db.routines.get(id));
  }

  saveRoutine(routine: Routine): Promise<void> {
    return guarded(async () => void (await this.db.routines.put(routine)));
  }

  /** Hands back the deleted routine for undo. Runs and sessions keep the routine's name. */
  deleteRoutine(id: string): Promise<Routine | undefined> {
    return guarded(() =>
      this.db.transaction('rw', this.db.routines, async () => {
        const routine = await this.db.routines.get(id);
        if (routine) await this.db.routines.delete(id);
        return routine;
      }),
    );
  }

  saveRoutineRun(run: RoutineRun): Promise<void> {
    return guarded(async () => void (await this.db.routineRuns.put(run)));
  }

  getRoutineRun(id: string): Promise<RoutineRun | undefined> {
    return guarded(() => this.db.routineRuns.get(id));
  }

  /** Newest first. */
  listRoutineRuns(): Promise<RoutineRun[]> {
    return guarded(async () => (await this.db.routineRuns.orderBy('startedAt').toArray()).reverse());
  }

  getMeta(key: string): Promise<unknown> {
    return guarded(async () => (await this.db.meta.get(key))?.value);
  }

  setMeta(key: string, value: unknown): Promise<void> {
    return guarded(async () => void (await this.db.meta.put({ key, value })));
  }

  /** Everything, read in one transaction so the export is consistent. */
  exportAll(): Promise<ExportData> {
    const { sessions, routines, routineRuns } = this.db;
    return guarded(() =>
      this.db.transaction('r', [sessions, routines, routineRuns], async () => ({
        sessions: await sessions.orderBy('startedAt').toArray(),
        routines: await routines.toArray(),
        routineRuns: await routineRuns.orderBy('startedAt').toArray(),
      })),
    );
  }

  /**
   * Adds what is new (by id; what is stored wins) in one transaction: if any write fails,
   * nothing is changed. Records are checked again here, so a bad one changes nothing either.
   */
  importAll(data: ExportData): Promise<ImportOutcome> {
    const checked = checkExport(buildExport(data, 0));
    if (!checked.ok) return Promise.reject(new StorageError('invalid', checked.message));
    const { sessions, routines, routineRuns } = this.db;
    return guarded(() =>
      this.db.transaction('rw', [sessions, routines, routineRuns], async () => {
        const existing = {
          sessions: new Set(await sessions.toCollection().primaryKeys()),
          routines: new Set(await routines.toCollection().primaryKeys()),
          routineRuns: new Set(await routineRuns.toCollection().primaryKeys()),
        };
        const plan = mergeImport(existing, checked.data);
        await sessions.bulkAdd(plan.sessions);
        await routines.bulkAdd(plan.routines);
        await routineRuns.bulkAdd(plan.routineRuns);
        return {
          added: { sessions: plan.sessions.length, routines: plan.routines.length, routineRuns: plan.routineRuns.length },
          skipped: plan.skipped,
        };
      }),
    );
  }

  close(): void {
    this.db.close();
  }
}
