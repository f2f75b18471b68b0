import { describe, expect, it } from 'vitest';
import { ScreenWake, type WakeLockApi, type WakeLockHandle } from './screen-wake.svelte';

/** A stand-in for navigator.wakeLock that records requests and can drop the lock like a hidden tab does. */
function fakeWakeLock({ refuse = false } = {}) {
  const handles: (WakeLockHandle & { drop(): void })[] = [];
  const api: WakeLockApi = {
    request: async () => {
      if (refuse) throw new DOMException('not allowed', 'NotAllowedError');
      const listeners: (() => void)[] = [];
      const handle = {
        released: false,
        async release() {
          if (handle.released) return;
          handle.released = true;
          for (const listener of listeners) listener();
        },
        addEventListener: (_type: 'release', listener: () => void) => void listeners.push(listener),
        drop() {
          void handle.release();
        },
      };
      handles.push(handle);
      return handle;
    },
  };
  return { api, handles };
}

describe('ScreenWake', () => {
  it('keeps the screen on until released', async () => {
    const { api, handles } = fakeWakeLock();
    const wake = new ScreenWake(api);
    await wake.keep();
    expect(wake.held).toBe(true);
    expect(handles).toHaveLength(1);
    await wake.keep();
    expect(handles).toHaveLength(1);
    wake.release();
    expect(wake.held).toBe(false);
    expect(handles[0]!.released).toBe(true);
  });

  it('a hidden tab drops the lock; restore takes it again only while it is wanted', async () => {
    const { api, handles } = fakeWakeLock();
    const wake = new ScreenWake(api);
    await wake.keep();
    handles[0]!.drop();
    expect(wake.held).toBe(false);
    await wake.restore();
    expect(wake.held).toBe(true);
    expect(handles).toHaveLength(2);
    wake.release();
    await wake.restore();
    expect(wake.held).toBe(false);
    expect(handles).toHaveLength(2);
  });

  it('released while the request is on its way: the late lock is given back', async () => {
    const { api, handles } = fakeWakeLock();
    const wake = new ScreenWake(api);
    const asked = wake.keep();
    wake.release();
    await asked;
    expect(wake.held).toBe(false);
    expect(handles[0]!.released).toBe(true);
  });

  it('no API, or a refusal: nothing breaks and nothing is held', async () => {
    const absent = new ScreenWake(null);
    expect(absent.supported).toBe(false);
    await absent.keep();
    expect(absent.held).toBe(false);
    absent.release();
    const refused = new ScreenWake(fakeWakeLock({ refuse: true }).api);
    await expect(refused.keep()).resolves.toBeUndefined();
    expect(refused.held).toBe(false);
  });
});
