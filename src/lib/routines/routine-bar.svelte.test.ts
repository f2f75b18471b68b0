import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StorageError, type OpenResult, type UnknotStore } from '../storage/db';
import { sampleRoutine } from '../storage/sample-records';
import type { RoutineRun } from '../storage/schema';
import type { TechniqueId } from '../techniques/types';
import { NO_PROGRESS } from './plan';
import { DEFAULT_ROUTINE, startRoutineRun, type Routine, type StepProgress } from './routine';
import { RoutineBarState, type Announcer } from './routine-bar.svelte';
import { forgetAllRuns, rememberRun } from './run-cache';

const WALL = Date.UTC(2025, 0, 8, 9);
const bars: RoutineBarState[] = [];

afterEach(() => {
  for (const bar of bars.splice(0)) bar.dispose();
  forgetAllRuns();
});

const reps = (total: number, left = 0, right = 0): StepProgress => ({ reps: { total, left, right }, completedHolds: { total: 0, left: 0, right: 0 } });

interface Setup {
  stepIndex?: number;
  routine?: Routine;
  run?: Partial<RoutineRun>;
  /** Where the run is known: saved in the store, only in the page-to-page cache, or nowhere. */
  where?: 'store' | 'cache' | 'none';
  storage?: boolean;
}

async function setup({ stepIndex = 0, routine = DEFAULT_ROUTINE, run: runOverrides = {}, where = 'store', storage = true }: Setup = {}) {
  const factory = new IDBFactory();
  const openReal = () => openStore({ indexedDB: factory, IDBKeyRange, name: 'bar-test' });
  const run = { ...startRoutineRun(routine, 'run-1', WALL - 60_000), ...runOverrides };
  const seed = await openReal();
  if (!seed.ok) throw seed.error;
  if (where === 'store') {
    await seed.store.saveRoutineRun(run);
    if (routine.id !== DEFAULT_ROUTINE.id) await seed.store.saveRoutine(routine);
  }
  seed.store.close();
  if (where === 'cache') rememberRun({ run, routine, recorded: storage });

  let t = 1000;
  let timer: (() => void) | null = null;
  const navigations: [TechniqueId, number][] = [];
  const spoken: string[] = [];
  const voice: Announcer = { muted: false, speak: (text) => spoken.push(text), stop: () => spoken.push('(stop)') };
  const open = storage ? openReal : async (): Promise<OpenResult> => ({ ok: false, error: new StorageError('unavailable', 'No storage.') });
  const bar = new RoutineBarState({
    runId: 'run-1',
    stepIndex,
    navigate: (techniqueId, index) => navigations.push([techniqueId, index]),
    open,
    clock: () => t,
    now: () => WALL,
    voice,
    every: (run) => {
      timer = run;
      return () => (timer = null);
    },
  });
  bars.push(bar);
  await bar.load();
  return {
    bar,
    navigations,
    spoken,
    /** Moves the clock on and runs the rest timer as the interval would. */
    advance: (ms: number) => {
      t += ms;
      timer?.();
    },
    timerRunning: () => timer !== null,
    storedRun: async () => {
      const opened = await openReal();
      if (!opened.ok) throw opened.error;
      const stored = await opened.store.getRoutineRun('run-1');
      opened.store.close();
      return stored;
    },
  };
}

describe('RoutineBarState', () => {
  it('loads the run and routine, stands on its step and announces it', async () => {
    const { bar, spoken } = await setup({ stepIndex: 3 });
    expect(bar.status).toBe('ready');
    expect(bar.recorded).toBe(true);
    expect(bar.routine).toBe(DEFAULT_ROUTINE);
    expect(bar.step?.techniqueId).toBe('seated-twist');
    expect(bar.stepCount).toBe(6);
    expect(bar.phase).toBe('practice');
    expect(spoken).toEqual(['Now: Seated twist — 2 each side, hold 5 s']);
    expect(bar.announcement).toBe('Now: Seated twist — 2 each side, hold 5 s');
  });

  it('target met → well done, rest countdown, then the next step', async () => {
    const { bar, navigations, spoken, advance, timerRunning } = await setup({ stepIndex: 0 });
    bar.observe(reps(5));
    expect(bar.phase).toBe('practice');
    bar.observe(reps(6));
    expect(bar.phase).toBe('rest');
    expect(bar.announcement).toBe('Well done. Rest 30 s. Next: Thoracic extension — 5 reps, hold 3 s.');
    expect(spoken.at(-1)).toBe(bar.announcement);
    expect(bar.restRemainingMs).toBe(30_000);
    advance(10_000);
    expect(bar.restRemainingMs).toBe(20_000);
    // More reps while resting change nothing.
    bar.observe(reps(9));
    expect(navigations).toEqual([]);
    advance(20_000);
    expect(navigations).toEqual([['thoracic-extension', 1]]);
    expect(timerRunning()).toBe(false);
  });

  it('skip rest goes on at once; skip step goes on without a rest', async () => {
    const first = await setup({ stepIndex: 0 });
    first.bar.observe(reps(6));
    first.bar.skipRest();
    expect(first.navigations).toEqual([['thoracic-extension', 1]]);

    const second = await setup({ stepIndex: 1 });
    second.bar.skipStep();
    expect(second.bar.announcement).toBe('Skipped. Next: Foam roller with hip lift — 5 reps, hold 3 s. Needs a foam roller; skip it if you have none.');
    expect(second.navigations).toEqual([['foam-roller', 2]]);
  });

  it('per side: needs both sides', async () => {
    const { bar } = await setup({ stepIndex: 3 });
    bar.observe(reps(3, 3, 0));
    expect(bar.phase).toBe('practice');
    bar.observe(reps(4, 2, 2));
    expect(bar.phase).toBe('rest');
  });

  it('a step without rest goes straight on', async () => {
    const routine = sampleRoutine({ steps: [{ techniqueId: 'cat-cow', target: { reps: 2 }, restSeconds: 0 }, { techniqueId: 'self-hug', target: { reps: 1 }, restSeconds: 0 }] });
    const { bar, navigations } = await setup({ routine });
    bar.observe(reps(2));
    expect(bar.announcement).toBe('Well done. Next: Self-hug — 1 rep.');
    expect(navigations).toEqual([['self-hug', 1]]);
  });

  it('the last step completes the run and saves it', async () => {
    const { bar, navigations, storedRun } = await setup({ stepIndex: 5 });
    bar.observe(reps(3));
    expect(bar.status).toBe('ended');
    expect(bar.phase).toBe('done');
    expect(bar.announcement).toBe('Well done. Upper-back reset complete.');
    expect(navigations).toEqual([]);
    await bar.end(); // no effect once ended
    await expect.poll(storedRun).toMatchObject({ status: 'completed', endedAt: WALL });
  });

  it('End routine stops the run and saves it as stopped', async () => {
    const { bar, navigations, storedRun, advance } = await setup({ stepIndex: 0 });
    bar.observe(reps(6));
    await bar.end();
    advance(60_000);
    expect(navigations).toEqual([]);
    expect(bar.status).toBe('ended');
    expect(bar.run?.status).toBe('stopped');
    expect(await storedRun()).toMatchObject({ status: 'stopped', endedAt: WALL });
  });

  it('"Stop — it hurts" stops the run at once, mid-rest too, saved as stopped and said so', async () => {
    const { bar, navigations, storedRun, advance } = await setup({ stepIndex: 0 });
    bar.observe(reps(6));
    expect(bar.phase).toBe('rest');
    await bar.end('pain');
    advance(60_000);
    expect(navigations).toEqual([]);
    expect(bar.endedForPain).toBe(true);
    expect(bar.announcement).toBe('Routine stopped: it hurt.');
    expect(await storedRun()).toMatchObject({ status: 'stopped', endedAt: WALL });
  });

  it('a run that has ended shows as ended and counts nothing', async () => {
    const { bar, navigations } = await setup({ run: { status: 'completed', endedAt: WALL } });
    expect(bar.status).toBe('ended');
    bar.observe(reps(10));
    expect(navigations).toEqual([]);
  });

  it('without storage, follows a run handed over from the routines page, unrecorded', async () => {
    const { bar, navigations } = await setup({ where: 'cache', storage: false, stepIndex: 4 });
    expect(bar.status).toBe('ready');
    expect(bar.recorded).toBe(false);
    bar.skipStep();
    expect(navigations).toEqual([['self-hug', 5]]);
  });

  it('says what is wrong when the run, the routine or the step is missing', async () => {
    expect((await setup({ where: 'none' })).bar).toMatchObject({ status: 'missing', problem: 'This routine run was not found. Start the routine again from the Routines page.' });
    const gone = await setup({ where: 'none', storage: true, routine: sampleRoutine() });
    expect(gone.bar.status).toBe('missing');
    expect((await setup({ stepIndex: 6 })).bar).toMatchObject({ status: 'missing', problem: '“Upper-back reset” has no step 7.' });
  });

  it('a deleted user routine: the run cannot go on', async () => {
    const factory = new IDBFactory();
    const open = () => openStore({ indexedDB: factory, IDBKeyRange, name: 'bar-gone' });
    const seed = await open();
    if (!seed.ok) throw seed.error;
    const store: UnknotStore = seed.store;
    await store.saveRoutineRun(startRoutineRun(sampleRoutine(), 'run-1', WALL));
    store.close();
    const bar = new RoutineBarState({ runId: 'run-1', stepIndex: 0, navigate: () => {}, open, voice: { muted: false, speak: () => {}, stop: () => {} } });
    bars.push(bar);
    await bar.load();
    expect(bar).toMatchObject({ status: 'missing', problem: 'The routine “Morning” no longer exists, so this run cannot go on.' });
  });

  it('progress that arrived while loading is taken into account', async () => {
    const factory = new IDBFactory();
    const open = () => openStore({ indexedDB: factory, IDBKeyRange, name: 'bar-early' });
    const seed = await open();
    if (!seed.ok) throw seed.error;
    await seed.store.saveRoutineRun(startRoutineRun(DEFAULT_ROUTINE, 'run-1', WALL));
    seed.store.close();
    const bar = new RoutineBarState({ runId: 'run-1', stepIndex: 5, navigate: () => {}, open, now: () => WALL, voice: { muted: false, speak: () => {}, stop: () => {} } });
    bars.push(bar);
    const loading = bar.load();
    bar.observe(reps(3));
    expect(bar.progress).not.toBe(NO_PROGRESS);
    await loading;
    expect(bar.status).toBe('ended');
    expect(bar.run?.status).toBe('completed');
  });
});
