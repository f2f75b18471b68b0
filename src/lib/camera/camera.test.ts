import { describe, it, expect } from 'vitest';
import { CameraError, cameraErrorFrom, everyVideoFrame, type CameraErrorKind } from './camera';

const kindOf = (name: string): CameraErrorKind => cameraErrorFrom(new DOMException('from the browser', name)).kind;

describe('cameraErrorFrom', () => {
  it('maps a refused permission to "denied"', () => {
    expect(kindOf('NotAllowedError')).toBe('denied');
    expect(kindOf('SecurityError')).toBe('denied');
  });

  it('maps no matching camera to "missing"', () => {
    expect(kindOf('NotFoundError')).toBe('missing');
    expect(kindOf('OverconstrainedError')).toBe('missing');
  });

  it('maps a camera held by another app to "busy"', () => {
    expect(kindOf('NotReadableError')).toBe('busy');
    expect(kindOf('AbortError')).toBe('busy');
  });

  it('returns a CameraError with the kind and a message that says what to do', () => {
    const error = cameraErrorFrom(new DOMException('Permission denied', 'NotAllowedError'));
    expect(error).toBeInstanceOf(CameraError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CameraError');
    expect(error.kind).toBe('denied');
    expect(error.message).toMatch(/^Camera access was blocked\./);
    expect(cameraErrorFrom(new DOMException('', 'NotFoundError')).message).toMatch(/^No camera was found\./);
    expect(cameraErrorFrom(new DOMException('', 'NotReadableError')).message).toMatch(/^The camera is in use by another app or tab\./);
  });

  it('maps anything else to "unknown", keeping the original message as the detail', () => {
    const fromDom = cameraErrorFrom(new DOMException('Something odd happened', 'InvalidStateError'));
    expect(fromDom.kind).toBe('unknown');
    expect(fromDom.message).toBe('The camera could not be started. Check that no other app is using it, then press Start again.');
    expect(fromDom.detail).toBe('InvalidStateError: Something odd happened');

    const fromError = cameraErrorFrom(new TypeError('getUserMedia is not a function'));
    expect(fromError.kind).toBe('unknown');
    expect(fromError.detail).toBe('TypeError: getUserMedia is not a function');

    const fromString = cameraErrorFrom('plain string');
    expect(fromString.kind).toBe('unknown');
    expect(fromString.detail).toBe('plain string');

    expect(cameraErrorFrom(undefined).kind).toBe('unknown');
  });

  it('reads the name of a plain Error too (older browsers)', () => {
    const legacy = new Error('Permission denied');
    legacy.name = 'NotAllowedError';
    expect(cameraErrorFrom(legacy).kind).toBe('denied');
  });

  it('does not trust a name on something that is not an error', () => {
    expect(cameraErrorFrom({ name: 'NotAllowedError' }).kind).toBe('unknown');
  });
});

/** A video element that presents frames when told to, like requestVideoFrameCallback does. */
function fakeVideo() {
  let pending: ((nowMs: number) => void)[] = [];
  const video = {
    requestVideoFrameCallback(callback: (nowMs: number) => void) {
      pending.push(callback);
      return pending.length;
    },
  } as unknown as HTMLVideoElement;
  const present = (nowMs: number) => {
    const callbacks = pending;
    pending = [];
    for (const callback of callbacks) callback(nowMs);
  };
  return { video, present, listeners: () => pending.length };
}

/** An onFrame whose calls finish only when the test says so. */
function slowHandler() {
  const seen: number[] = [];
  const finishers: (() => void)[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const onFrame = (nowMs: number) =>
    new Promise<void>((resolve) => {
      seen.push(nowMs);
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      finishers.push(() => {
        running -= 1;
        resolve();
      });
    });
  const finishOne = async () => {
    finishers.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { onFrame, seen, finishOne, mostAtOnce: () => mostAtOnce };
}

describe('everyVideoFrame', () => {
  it('handles each frame once when the handler keeps up', async () => {
    const { video, present } = fakeVideo();
    const handler = slowHandler();
    everyVideoFrame(video, handler.onFrame);
    for (const nowMs of [0, 33, 66]) {
      present(nowMs);
      await handler.finishOne();
    }
    expect(handler.seen).toEqual([0, 33, 66]);
  });

  it('takes a frame that arrived while busy as soon as the handler is done, one at a time', async () => {
    const { video, present } = fakeVideo();
    const handler = slowHandler();
    everyVideoFrame(video, handler.onFrame);
    present(0);
    present(33); // arrives while frame 0 is being handled
    expect(handler.seen).toEqual([0]);
    await handler.finishOne();
    // Not a frame later: right away.
    expect(handler.seen).toEqual([0, 33]);
    await handler.finishOne();
    expect(handler.seen).toEqual([0, 33]);
    expect(handler.mostAtOnce()).toBe(1);
  });

  it('skips to the newest frame when several arrived while busy', async () => {
    const { video, present } = fakeVideo();
    const handler = slowHandler();
    everyVideoFrame(video, handler.onFrame);
    present(0);
    present(33);
    present(66);
    present(100);
    await handler.finishOne();
    await handler.finishOne();
    expect(handler.seen).toEqual([0, 100]);
  });

  it('with two slots (the pose worker), takes the next frame while one is handled, and no third', async () => {
    const { video, present } = fakeVideo();
    const handler = slowHandler();
    let slots = 2;
    everyVideoFrame(video, handler.onFrame, { framesInFlight: () => slots });
    present(0);
    present(33); // frame 0 still handled: the second slot takes it at once
    expect(handler.seen).toEqual([0, 33]);
    present(66);
    present(100); // both slots taken: only the newest waits
    expect(handler.seen).toEqual([0, 33]);
    await handler.finishOne();
    expect(handler.seen).toEqual([0, 33, 100]);
    expect(handler.mostAtOnce()).toBe(2);
    // The model changed to one on the page: one at a time again.
    slots = 1;
    await handler.finishOne();
    present(133);
    expect(handler.seen).toEqual([0, 33, 100]);
    await handler.finishOne();
    expect(handler.seen).toEqual([0, 33, 100, 133]);
  });

  it('stops listening and drops a waiting frame once stopped', async () => {
    const { video, present, listeners } = fakeVideo();
    const handler = slowHandler();
    const stop = everyVideoFrame(video, handler.onFrame);
    present(0);
    present(33);
    stop();
    await handler.finishOne();
    present(66);
    expect(handler.seen).toEqual([0]);
    expect(listeners()).toBe(0);
  });
});

describe('everyVideoFrame, throttled', () => {
  /** A manual clock and timer queue. */
  function manualTimer() {
    let now = 0;
    const queue: { at: number; run: () => void; id: number }[] = [];
    let nextId = 0;
    return {
      timer: {
        setTimeout: (run: () => void, ms: number) => {
          const id = nextId++;
          queue.push({ at: now + ms, run, id });
          return id;
        },
        clearTimeout: (handle: unknown) => {
          const index = queue.findIndex((entry) => entry.id === handle);
          if (index >= 0) queue.splice(index, 1);
        },
        now: () => now,
      },
      /** Moves the clock on, running what falls due (and letting handlers settle). */
      async advance(ms: number) {
        const end = now + ms;
        for (;;) {
          await Promise.resolve();
          await Promise.resolve();
          queue.sort((a, b) => a.at - b.at);
          const due = queue[0];
          if (!due || due.at > end) break;
          queue.shift();
          now = due.at;
          due.run();
        }
        now = end;
      },
      work(ms: number) {
        now += ms;
      },
    };
  }

  it('handles a frame every interval, however fast the camera is, and stops when asked', async () => {
    const clock = manualTimer();
    const { video } = fakeVideo();
    const seen: number[] = [];
    const stop = everyVideoFrame(video, async (nowMs) => void seen.push(nowMs), { minIntervalMs: 333, timer: clock.timer });
    await clock.advance(1000);
    expect(seen).toEqual([0, 333, 666, 999]);
    stop();
    await clock.advance(1000);
    expect(seen).toHaveLength(4);
  });

  it('a frame that takes long is followed at once, never two at a time', async () => {
    const clock = manualTimer();
    const { video } = fakeVideo();
    const seen: number[] = [];
    let running = 0;
    let most = 0;
    everyVideoFrame(
      video,
      async (nowMs) => {
        running++;
        most = Math.max(most, running);
        seen.push(nowMs);
        clock.work(nowMs === 0 ? 500 : 10); // the first frame runs past the interval
        running--;
      },
      { minIntervalMs: 333, timer: clock.timer },
    );
    // The first frame ran to 500 ms; from there, 900 ms more.
    await clock.advance(900);
    expect(seen).toEqual([0, 500, 833, 1166]);
    expect(most).toBe(1);
  });
});

