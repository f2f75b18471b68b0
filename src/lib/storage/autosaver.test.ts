import { describe, expect, it } from 'vitest';
import { createAutosaver, type AutosaverTimer } from './autosaver';

/** A timer the test advances by hand. */
function manualTimer() {
  let pending: { callback: () => void; at: number } | undefined;
  let now = 0;
  const timer: AutosaverTimer = {
    setTimeout(callback, ms) {
      pending = { callback, at: now + ms };
      return pending;
    },
    clearTimeout(handle) {
      if (handle === pending) pending = undefined;
    },
  };
  return {
    timer,
    get armed() {
      return pending !== undefined;
    },
    /** Moves time on, firing the timer if it falls due. */
    async advance(ms: number) {
      now += ms;
      if (pending && pending.at <= now) {
        const { callback } = pending;
        pending = undefined;
        callback();
      }
      await settle();
    },
  };
}

/** Lets queued promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function recordingSave() {
  const saved: number[] = [];
  return { saved, save: async (value: number) => void saved.push(value) };
}

describe('createAutosaver', () => {
  it('writes the first update at once, then at most once a second, always the latest', async () => {
    const clock = manualTimer();
    const { saved, save } = recordingSave();
    const autosaver = createAutosaver(save, { timer: clock.timer });
    autosaver.update(1);
    await settle();
    expect(saved).toEqual([1]);
    for (let frame = 2; frame <= 30; frame++) autosaver.update(frame); // a second of frames
    await settle();
    expect(saved).toEqual([1]);
    await clock.advance(999);
    expect(saved).toEqual([1]);
    await clock.advance(1);
    expect(saved).toEqual([1, 30]);
  });

  it('goes idle when nothing changes, and the next update writes at once', async () => {
    const clock = manualTimer();
    const { saved, save } = recordingSave();
    const autosaver = createAutosaver(save, { timer: clock.timer });
    autosaver.update(1);
    await clock.advance(1000); // nothing new: no write, timer stops
    expect(saved).toEqual([1]);
    expect(clock.armed).toBe(false);
    autosaver.update(2);
    await settle();
    expect(saved).toEqual([1, 2]);
  });

  it('flush writes what is pending now, and reports success', async () => {
    const clock = manualTimer();
    const { saved, save } = recordingSave();
    const autosaver = createAutosaver(save, { timer: clock.timer });
    autosaver.update(1);
    autosaver.update(2);
    expect(await autosaver.flush()).toBe(true);
    expect(saved).toEqual([1, 2]);
    expect(clock.armed).toBe(false);
    expect(await autosaver.flush()).toBe(true);
    expect(saved).toEqual([1, 2]);
  });

  it('reports a failed write through onError instead of throwing, and keeps saving later values', async () => {
    const clock = manualTimer();
    const errors: unknown[] = [];
    const saved: number[] = [];
    let full = true;
    const autosaver = createAutosaver(
      async (value: number) => {
        if (full) throw new Error('disk full');
        saved.push(value);
      },
      { timer: clock.timer, onError: (error) => errors.push(error) },
    );
    expect(() => autosaver.update(1)).not.toThrow();
    await settle();
    expect(errors).toEqual([new Error('disk full')]);
    autosaver.update(2);
    expect(await autosaver.flush()).toBe(false);
    full = false;
    autosaver.update(3);
    expect(await autosaver.flush()).toBe(true);
    expect(saved).toEqual([3]);
    expect(errors).toHaveLength(2);
  });

  it('a save that throws synchronously is reported too', async () => {
    const errors: unknown[] = [];
    const autosaver = createAutosaver<number>(
      () => {
        throw new Error('no storage');
      },
      { timer: manualTimer().timer, onError: (error) => errors.push(error) },
    );
    autosaver.update(1);
    expect(await autosaver.flush()).toBe(false);
    expect(errors).toEqual([new Error('no storage')]);
  });

  it('never runs two writes at once: a slow write delays the next, which carries the latest value', async () => {
    const clock = manualTimer();
    const started: number[] = [];
    let finishWrite: () => void = () => {};
    let running = 0;
    let overlap = false;
    const autosaver = createAutosaver(
      (value: number) => {
        started.push(value);
        running++;
        overlap ||= running > 1;
        return new Promise<void>((resolve) => {
          finishWrite = () => {
            running--;
            resolve();
          };
        });
      },
      { timer: clock.timer },
    );
    autosaver.update(1);
    await settle();
    autosaver.update(2);
    await clock.advance(1000); // the first write is still running: 2 waits
    autosaver.update(3);
    expect(started).toEqual([1]);
    finishWrite();
    await settle();
    expect(started).toEqual([1]); // not before the next tick
    await clock.advance(1000);
    expect(started).toEqual([1, 3]);
    finishWrite();
    await settle();
    expect(overlap).toBe(false);
  });

  it('dispose stops the timer and drops what was not saved', async () => {
    const clock = manualTimer();
    const { saved, save } = recordingSave();
    const autosaver = createAutosaver(save, { timer: clock.timer });
    autosaver.update(1);
    autosaver.update(2);
    autosaver.dispose();
    expect(clock.armed).toBe(false);
    await clock.advance(5000);
    expect(saved).toEqual([1]);
  });
});
