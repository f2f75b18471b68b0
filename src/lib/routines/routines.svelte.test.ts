import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StorageError, type OpenResult } from '../storage/db';
import { sampleRep, sampleRoutine, sampleRoutineRun, sampleSession } from '../storage/sample-records';
import { draftFromRoutine, newDraft } from './editor';
import { DEFAULT_ROUTINE } from './routine';
import { RoutinesState, RUNS_SHOWN } from './routines.svelte';
import { forgetAllRuns, recallRun } from './run-cache';

const NOW = new Date(2025, 0, 8, 12).getTime();
const states: RoutinesState[] = [];

function setup(seed: (store: import('../storage/db').UnknotStore) => Promise<void> = async () => {}) {
  const factory = new IDBFactory();
  const open = () => openStore({ indexedDB: factory, IDBKeyRange, name: 'routines-test' });
  let ids = 0;
  const state = new RoutinesState({ open, now: () => NOW, newId: () => `id${++ids}` });
  states.push(state);
  const seeded = (async () => {
    const opened = await open();
    if (!opened.ok) throw opened.error;
    await seed(opened.store);
    opened.store.close();
  })();
  return {
    state,
    load: async () => {
      await seeded;
      await state.load();
    },
    stored: async () => {
      const opened = await open();
      if (!opened.ok) throw opened.error;
      const result = { routines: await opened.store.listRoutines(), runs: await opened.store.listRoutineRuns() };
      opened.store.close();
      return result;
    },
  };
}

afterEach(() => {
  for (const state of states.splice(0)) state.dispose();
  forgetAllRuns();
});

describe('RoutinesState', () => {
  it('lists the built-in routine first, then the stored ones by name, and the last runs with their parts done', async () => {
    const { state, load } = setup(async (store) => {
      await store.saveRoutine(sampleRoutine({ id: 'b', name: 'Zebra' }));
      await store.saveRoutine(sampleRoutine({ id: 'a', name: 'Alpha' }));
      for (let index = 0; index < RUNS_SHOWN + 2; index++) {
        await store.saveRoutineRun(sampleRoutineRun({ id: `run-${index}`, routineId: 'a', startedAt: NOW - (10 - index) * 60_000 }));
      }
      await store.saveSession(sampleSession({ id: 's', routineRunId: 'run-6', routineStep: 0, reps: Array.from({ length: 5 }, () => sampleRep()) }));
    });
    expect(state.status).toBe('loading');
    await load();
    expect(state.status).toBe('ready');
    expect(state.routines.map((routine) => routine.name)).toEqual(['Upper-back reset', 'Alpha', 'Zebra']);
    expect(state.runs.map((summary) => summary.run.id)).toEqual(['run-6', 'run-5', 'run-4', 'run-3', 'run-2']);
    expect(state.runs[0]).toMatchObject({ partsDone: 1, totalParts: 2 });
  });

  it('saves a new routine and an edit of it; a bad draft is not saved and says why', async () => {
    const { state, load, stored } = setup();
    await load();
    const bad = await state.saveDraft({ ...newDraft(), name: '' });
    expect(bad).toEqual({ ok: false, message: 'Give the routine a name.' });
    const saved = await state.saveDraft({ ...newDraft(), name: 'Desk break' });
    expect(saved).toMatchObject({ ok: true, routine: { id: 'routine-id1', name: 'Desk break' } });
    expect(state.message).toBe('Saved “Desk break”.');
    const routine = state.findRoutine('routine-id1')!;
    await state.saveDraft({ ...draftFromRoutine(routine), name: 'Desk break 2' });
    expect(state.routines.map((item) => item.name)).toEqual(['Upper-back reset', 'Desk break 2']);
    expect((await stored()).routines.map((item) => item.name)).toEqual(['Desk break 2']);
  });

  it('deletes a user routine; its runs stay, no longer resumable', async () => {
    const { state, load, stored } = setup(async (store) => {
      await store.saveRoutine(sampleRoutine());
      await store.saveRoutineRun(sampleRoutineRun({ status: 'active', endedAt: null }));
    });
    await load();
    expect(state.runs[0]?.resumeStep).toBe(0);
    await state.remove('routine-1');
    expect(state.message).toBe('Deleted “Morning”.');
    expect(state.routines).toEqual([DEFAULT_ROUTINE]);
    expect(state.runs[0]).toMatchObject({ routine: null, resumeStep: null });
    expect((await stored()).routines).toEqual([]);
    await state.remove(DEFAULT_ROUTINE.id);
    expect(state.routines).toEqual([DEFAULT_ROUTINE]);
  });

  it('starts a run: saved as active, remembered for the practice pages, first step named', async () => {
    const { state, load, stored } = setup();
    await load();
    const started = await state.start(DEFAULT_ROUTINE);
    expect(started).toEqual({ runId: 'run-id1', techniqueId: 'cat-cow', recorded: true });
    expect((await stored()).runs).toEqual([
      { id: 'run-id1', routineId: DEFAULT_ROUTINE.id, routineName: 'Upper-back reset', startedAt: NOW, endedAt: null, status: 'active' },
    ]);
    expect(recallRun('run-id1')).toMatchObject({ routine: DEFAULT_ROUTINE, recorded: true });
  });

  it('without storage: says so, cannot save routines, still starts a run (unrecorded)', async () => {
    const state = new RoutinesState({
      open: async (): Promise<OpenResult> => ({ ok: false, error: new StorageError('unavailable', 'No storage here.') }),
      newId: () => 'x',
      now: () => NOW,
    });
    states.push(state);
    await state.load();
    expect(state.status).toBe('unavailable');
    expect(state.storageError?.message).toBe('No storage here.');
    expect(state.canWrite).toBe(false);
    expect(state.routines).toEqual([DEFAULT_ROUTINE]);
    expect(await state.saveDraft({ ...newDraft(), name: 'Mine' })).toEqual({ ok: false, message: 'Routines cannot be saved because storage is unavailable.' });
    expect(await state.start(DEFAULT_ROUTINE)).toEqual({ runId: 'run-x', techniqueId: 'cat-cow', recorded: false });
    expect(recallRun('run-x')?.recorded).toBe(false);
  });

  it('resumes an unfinished run at the step it reached', async () => {
    const { state, load } = setup(async (store) => {
      await store.saveRoutine(sampleRoutine());
      await store.saveRoutineRun(sampleRoutineRun({ status: 'active', endedAt: null }));
      await store.saveSession(sampleSession({ routineRunId: 'run-1', routineStep: 0, reps: Array.from({ length: 5 }, () => sampleRep()) }));
    });
    await load();
    expect(state.resume(state.runs[0]!)).toEqual({ runId: 'run-1', techniqueId: 'seated-twist', stepIndex: 1 });
    expect(recallRun('run-1')?.routine.name).toBe('Morning');
  });
});
