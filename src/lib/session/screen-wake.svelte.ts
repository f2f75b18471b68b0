/**
 * Keeps the screen on while a practice runs (the Screen Wake Lock API), so a laptop on the
 * floor does not dim mid-stretch. The browser drops the lock whenever the tab is hidden;
 * `restore()` takes it again on return while it is still wanted. Where the API is missing or
 * refuses (battery saver, an old browser), practice goes on and `held` simply stays false.
 */

/** The part of `navigator.wakeLock` used here, so a test can stand in for it. */
export interface WakeLockApi {
  request(type: 'screen'): Promise<WakeLockHandle>;
}

export interface WakeLockHandle {
  readonly released: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', listener: () => void): void;
}

function browserWakeLock(): WakeLockApi | null {
  const api = (globalThis.navigator as (Navigator & { wakeLock?: WakeLockApi }) | undefined)?.wakeLock;
  return api && typeof api.request === 'function' ? api : null;
}

export class ScreenWake {
  /** Whether the screen is being kept on right now. */
  held = $state(false);
  private wanted = false;
  private handle: WakeLockHandle | null = null;
  private pending: Promise<void> | null = null;

  /** `api`: null where the browser has none (the default reads `navigator.wakeLock`). */
  constructor(private readonly api: WakeLockApi | null = browserWakeLock()) {}

  get supported(): boolean {
    return this.api !== null;
  }

  /** Keep the screen on from now until `release()`. */
  keep(): Promise<void> {
    this.wanted = true;
    return this.acquire();
  }

  /** After the tab comes back: take the lock again if it is still wanted and was dropped. */
  restore(): Promise<void> {
    return this.wanted ? this.acquire() : Promise.resolve();
  }

  release(): void {
    this.wanted = false;
    const handle = this.handle;
    this.handle = null;
    this.held = false;
    if (handle && !handle.released) void handle.release().catch(() => undefined);
  }

  private acquire(): Promise<void> {
    if (!this.api || (this.handle && !this.handle.released)) return Promise.resolve();
    this.pending ??= this.api
      .request('screen')
      .then((handle) => {
        // Released (or stopped) while the request was on its way: give it back at once.
        if (!this.wanted) {
          void handle.release().catch(() => undefined);
          return;
        }
        this.handle = handle;
        this.held = true;
        handle.addEventListener('release', () => {
          if (this.handle === handle) {
            this.handle = null;
            this.held = false;
          }
        });
      })
      .catch(() => {
        // Refused (hidden tab, battery saver, permissions policy): the screen may dim, nothing else changes.
        this.held = false;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
