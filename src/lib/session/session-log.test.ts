import { describe, expect, it } from 'vitest';
import type { UnknotStore } from '../storage/db';
import type { SessionRecord } from '../storage/schema';
import type { CheckerEvent, CheckerOutput } from '../techniques/types';
import { SessionLog } from './session-log.svelte';

const META = { techniqueId: 'cat-cow', source: 'camera', modelId: 'lightning', metric: { id: 'arch', label: 'Arch', unit: '°' } } as const;

function output(tMs: number, events: CheckerEvent[] = [], total = 0): CheckerOutput {
  return { tMs, phase: 'neutral', metric: 0, cue: null, events, reps: { total, left: 0, right: 0 }, holdMs: 0, counting: true };
}

const rep = (tMs: number, repIndex: number): CheckerEvent => ({ type: 'repCompleted', tMs, repIndex, peakMetric: 40, troughMetric: -60, durationMs: 3000 });

function fakeStore(fail = false) {
  const saved: SessionRecord[] = [];
  const store = {
    saveSession: async (record: SessionRecord) => {
      if (fail) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      saved.push(structuredClone(record));
    },
  } as unknown as UnknotStore;
  return { store, saved };
}

describe('SessionLog', () => {
  it('records reps, saves as it goes and summarises at the end', async () => {
    const { store, saved } = fakeStore();
    const log = new SessionLog();
    log.attachStore(store);
    log.begin(META, 1_000_000);
    for (let t = 0; t <= 6000; t += 100) log.step(output(t, t === 3000 ? [rep(3000, 0)] : t === 6000 ? [rep(6000, 1)] : [], t >= 6000 ? 2 : t >= 3000 ? 1 : 0), null);
    expect(log.record?.status).toBe('active');
    expect(log.record?.reps).toHaveLength(2);
    const final = log.end('completed', 1_007_000);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(final?.status).toBe('completed');
    expect(log.summary?.reps.total).toBe(2);
    expect(log.summary?.bestRange).toBe(100);
    expect(saved.at(-1)?.status).toBe('completed');
    expect(saved.at(-1)?.reps).toHaveLength(2);
    expect(log.storageError).toBeNull();
  });

  it('without storage it still records, and says sessions are not saved', () => {
    const log = new SessionLog();
    log.attachStore(null, 'Storage is off in private mode.');
    log.begin(META, 0);
    log.step(output(0, [rep(0, 0)], 1), null);
    expect(log.storageError).toBe('Storage is off in private mode.');
    expect(log.end('stopped', 5000)?.reps).toHaveLength(1);
    expect(log.summary?.reps.total).toBe(1);
  });

  it('a failed save is reported and practice goes on', async () => {
    const { store } = fakeStore(true);
    const log = new SessionLog();
    log.attachStore(store);
    log.begin(META, 0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log.storageError).toMatch(/Saving this session failed/);
    log.step(output(100, [rep(100, 0)], 1), null);
    expect(log.record?.reps).toHaveLength(1);
  });

  it('resuming an interrupted session carries its reps and keeps its id', () => {
    const first = new SessionLog();
    first.begin(META, 0);
    first.step(output(0), null);
    first.step(output(3000, [rep(3000, 0)], 1), null);
    const interrupted = first.record!;
    const log = new SessionLog();
    expect(log.carriedIntoNext.total).toBe(0);
    log.prepareResume(interrupted);
    expect(log.carried.total).toBe(1);
    // The counters start from the carried reps, not from 0, the moment the camera starts.
    expect(log.carriedIntoNext.total).toBe(1);
    log.begin(META, 60_000);
    expect(log.carriedIntoNext.total).toBe(0);
    log.step(output(0), null);
    log.step(output(4000, [rep(4000, 0)], 1), null);
    const record = log.end('completed', 70_000)!;
    expect(record.id).toBe(interrupted.id);
    expect(record.reps).toHaveLength(2);
  });
});

describe('SessionLog on leaving the page', () => {
  it('ending and disposing while a save is still in flight still writes the final record', async () => {
    const saved: SessionRecord[] = [];
    let release: () => void = () => {};
    const store = {
      saveSession: (record: SessionRecord) =>
        new Promise<void>((resolve) => {
          // The first write hangs until released, like a slow disk.
          const done = () => {
            saved.push(structuredClone(record));
            resolve();
          };
          if (saved.length === 0 && !released) release = done;
          else done();
        }),
    } as unknown as UnknotStore;
    let released = false;
    const log = new SessionLog();
    log.attachStore(store);
    log.begin(META, 0);
    log.step(output(3000, [rep(3000, 0)], 1), null);
    log.end('completed', 10_000);
    const disposed = log.dispose();
    released = true;
    release();
    await disposed;
    expect(saved.at(-1)?.status).toBe('completed');
    expect(saved.at(-1)?.reps).toHaveLength(1);
  });
});

describe('SessionLog check-in', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('saves the rating before with the session, and the one after into the finished record', async () => {
    const { store, saved } = fakeStore();
    const log = new SessionLog();
    log.attachStore(store);
    log.begin({ ...META, painBefore: 5 }, 0);
    log.step(output(0), null);
    log.end('stopped', 1000, { askAfter: true });
    expect(log.awaitingAfter).toBe(true);
    log.answerAfter(3);
    await settle();
    expect(log.awaitingAfter).toBe(false);
    expect(saved.at(-1)).toMatchObject({ status: 'stopped', painBefore: 5, painAfter: 3 });
    // Answered once: a second answer changes nothing.
    log.answerAfter(9);
    expect(log.record?.painAfter).toBe(3);
  });

  it('a question left open is remembered as skipped when the next session begins or the page goes', async () => {
    const { store, saved } = fakeStore();
    const log = new SessionLog();
    log.attachStore(store);
    log.begin(META, 0);
    log.step(output(0), null);
    const firstId = log.end('stopped', 1000, { askAfter: true })!.id;
    log.begin(META, 2000);
    await settle();
    expect(saved.filter((record) => record.id === firstId).at(-1)?.painAfter).toBe('skipped');
    log.step(output(0), null);
    const secondId = log.end('stopped', 3000, { askAfter: true })!.id;
    await log.dispose();
    expect(saved.filter((record) => record.id === secondId).at(-1)?.painAfter).toBe('skipped');
  });

  it('not asked (an ending the user did not choose) stays null', async () => {
    const { store, saved } = fakeStore();
    const log = new SessionLog();
    log.attachStore(store);
    log.begin(META, 0);
    log.step(output(0), null);
    log.end('completed', 1000);
    await log.dispose();
    expect(log.awaitingAfter).toBe(false);
    expect(saved.at(-1)).toMatchObject({ painBefore: null, painAfter: null });
  });

  it('"Stop — it hurts" ends the session as stopped with the pain stop, and asks how it feels', async () => {
    const { store, saved } = fakeStore();
    const log = new SessionLog();
    log.attachStore(store);
    log.begin(META, 0);
    for (let t = 0; t <= 2500; t += 100) log.step(output(t), null);
    const record = log.endForPain(3000);
    await settle();
    expect(record).toMatchObject({ status: 'stopped', painStopMs: 2500 });
    expect(saved.at(-1)).toMatchObject({ status: 'stopped', painStopMs: 2500 });
    expect(log.awaitingAfter).toBe(true);
    expect(log.endForPain()).toBeNull();
  });
});
