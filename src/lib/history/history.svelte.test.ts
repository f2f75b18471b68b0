import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StorageError, type OpenResult } from '../storage/db';
import { toJsonExport } from '../storage/export';
import { sampleRoutine, sampleSession } from '../storage/sample-records';
import type { SessionRecord } from '../storage/schema';
import { DAYS_PER_PAGE } from './view';
import { HistoryState, UNDO_MS } from './history.svelte';

const local = (year: number, month: number, date: number, hour = 9) => new Date(year, month - 1, date, hour).getTime();
const NOW = local(2025, 1, 8, 12);

const states: HistoryState[] = [];

/** A history on its own fresh IndexedDB, with a clock and a hand-run undo timer. */
function setup(seed: SessionRecord[] = [], options: { open?: () => Promise<OpenResult> } = {}) {
  const factory = new IDBFactory();
  const open = () => openStore({ indexedDB: factory, IDBKeyRange, name: 'history-test' });
  const timers: { run: () => void; ms: number; cancelled: boolean }[] = [];
  const state = new HistoryState({
    open: options.open ?? open,
    now: () => NOW,
    schedule: (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
  });
  states.push(state);
  const seeded = (async () => {
    const opened = await open();
    if (!opened.ok) throw opened.error;
    for (const record of seed) await opened.store.saveSession(record);
    opened.store.close();
  })();
  return {
    state,
    timers,
    load: async () => {
      await seeded;
      await state.load();
    },
    stored: async () => {
      const opened = await open();
      if (!opened.ok) throw opened.error;
      const list = await opened.store.listSessions();
      opened.store.close();
      return list.map((record) => record.id);
    },
  };
}

afterEach(() => {
  for (const state of states.splice(0)) state.dispose();
});

const ids = (records: { id: string }[]) => records.map((record) => record.id);

describe('HistoryState', () => {
  it('loads every session newest first, with totals, streak, days and charts for the filter', async () => {
    const { state, load } = setup([
      sampleSession({ id: 'mon', startedAt: local(2025, 1, 6) }),
      sampleSession({ id: 'tue', startedAt: local(2025, 1, 7) }),
      sampleSession({ id: 'twist', startedAt: local(2025, 1, 8), techniqueId: 'seated-twist', reps: [] }),
    ]);
    expect(state.status).toBe('loading');
    await load();
    expect(state.status).toBe('ready');
    expect(ids(state.sessions)).toEqual(['twist', 'tue', 'mon']);
    expect(state.today).toBe('2025-01-08');
    expect(state.headline).toMatchObject({ sessions: 3, reps: 4, activeDays: 3, streak: { current: 3, longest: 3 } });
    expect(state.charts.map((chart) => chart.id)).toEqual(['sessions']);

    state.setFilter('cat-cow');
    expect(ids(state.filtered)).toEqual(['tue', 'mon']);
    expect(state.headline).toMatchObject({ sessions: 2, reps: 4, streak: { current: 2, longest: 2 } });
    expect(state.days.map((day) => day.day)).toEqual(['2025-01-07', '2025-01-06']);
    expect(state.charts.map((chart) => chart.id)).toEqual(['reps', 'range']);
    expect(state.charts[0]!.series[0]!.values).toEqual([2, 2]);
  });

  it(`shows ${DAYS_PER_PAGE} days at a time`, async () => {
    const records = Array.from({ length: 45 }, (_, index) => sampleSession({ id: `s${index}`, startedAt: local(2024, 11, 1) + index * 86_400_000 }));
    const { state, load } = setup(records);
    await load();
    expect(state.visibleDays).toHaveLength(DAYS_PER_PAGE);
    expect(state.hiddenDays).toBe(45 - DAYS_PER_PAGE);
    state.showMore();
    expect(state.visibleDays).toHaveLength(45);
    expect(state.hiddenDays).toBe(0);
    state.setFilter('seated-twist');
    expect(state.dayLimit).toBe(DAYS_PER_PAGE);
  });

  it('delete takes the session out at once; undo puts it back exactly; the toast ends after UNDO_MS', async () => {
    const original = sampleSession({ id: 'a', startedAt: local(2025, 1, 7) });
    const { state, load, timers, stored } = setup([original, sampleSession({ id: 'b', startedAt: local(2025, 1, 8) })]);
    await load();
    await state.remove('a');
    expect(ids(state.sessions)).toEqual(['b']);
    expect(await stored()).toEqual(['b']);
    expect(state.pendingUndo?.record).toEqual(original);
    expect(timers.at(-1)?.ms).toBe(UNDO_MS);

    await state.undo();
    expect(state.pendingUndo).toBeNull();
    expect(ids(state.sessions)).toEqual(['b', 'a']);
    expect(await stored()).toEqual(['b', 'a']);
    expect(timers.at(-1)?.cancelled).toBe(true);

    await state.remove('b');
    timers.at(-1)!.run();
    expect(state.pendingUndo).toBeNull();
    await state.undo(); // nothing left to undo
    expect(await stored()).toEqual(['a']);
  });

  it('a second delete replaces the first one\'s toast; the first timer cannot close the second', async () => {
    const { state, load, timers } = setup([sampleSession({ id: 'a' }), sampleSession({ id: 'b', startedAt: local(2025, 1, 8) })]);
    await load();
    await state.remove('a');
    const first = timers.at(-1)!;
    await state.remove('b');
    expect(first.cancelled).toBe(true);
    first.run();
    expect(state.pendingUndo?.record.id).toBe('b');
  });

  it('imports a valid export, says how many were new, and lists them', async () => {
    const { state, load, stored } = setup([sampleSession({ id: 'here' })]);
    await load();
    const file = toJsonExport({ sessions: [sampleSession({ id: 'here' }), sampleSession({ id: 'new', startedAt: local(2025, 1, 8) })], routines: [sampleRoutine()], routineRuns: [] }, NOW);
    await state.importFile(new Blob([file]));
    expect(state.importError).toBeNull();
    expect(state.importResult).toBe('Imported 1 session, 1 already here (and 1 routine).');
    expect(ids(state.sessions)).toEqual(['new', 'here']);
    expect(await stored()).toEqual(['new', 'here']);
  });

  it('a corrupt or foreign file: an error, nothing changed', async () => {
    const { state, load, stored } = setup([sampleSession({ id: 'here' })]);
    await load();
    await state.importText('{"format":"unknot-export","schemaVersion":1,"exportedAt":1,"sessions":[{"id":"x"}],"routines":[],"routineRuns":[]}');
    expect(state.importError).toMatch(/Session 1 of 1 .*not valid.*Nothing was imported/);
    expect(state.importResult).toBeNull();
    await state.importText('not json at all');
    expect(state.importError).toMatch(/not an Unknot export/);
    expect(ids(state.sessions)).toEqual(['here']);
    expect(await stored()).toEqual(['here']);
  });

  it('exports everything as JSON and CSV, with dated file names', async () => {
    const { state, load } = setup([sampleSession({ id: 'a' })]);
    await load();
    const json = await state.exportJson();
    expect(json?.name).toBe('unknot-2025-01-08.json');
    expect(JSON.parse(json!.text)).toMatchObject({ format: 'unknot-export', exportedAt: NOW, sessions: [{ id: 'a' }] });
    const csv = await state.exportCsv();
    expect(csv?.name).toBe('unknot-2025-01-08.csv');
    expect(csv!.text.split('\r\n').filter(Boolean)).toHaveLength(3);
  });

  it('storage unavailable: says why, has no data, and every action is a no-op that explains itself', async () => {
    const error = new StorageError('unavailable', 'No storage here.');
    const { state } = setup([], { open: () => Promise.resolve({ ok: false, error }) });
    await state.load();
    expect(state.status).toBe('unavailable');
    expect(state.storageError).toBe(error);
    expect(state.canWrite).toBe(false);
    expect(await state.exportJson()).toBeNull();
    await state.importText('{}');
    expect(state.importError).toMatch(/Storage is not available/);
    await state.remove('x');
    expect(state.pendingUndo).toBeNull();
  });

  it('a store that fails while listing is reported as a storage error', async () => {
    const { state } = setup([], {
      open: async () => {
        const opened = await openStore({ indexedDB: new IDBFactory(), IDBKeyRange, name: 'broken' });
        if (!opened.ok) return opened;
        opened.store.listSessions = () => Promise.reject(new StorageError('quota', 'Full.'));
        return opened;
      },
    });
    await state.load();
    expect(state.status).toBe('unavailable');
    expect(state.storageError?.kind).toBe('quota');
  });
});
