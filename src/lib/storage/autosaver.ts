/**
 * Saves the latest value at most once per interval: the live page hands it a session
 * snapshot every frame, and a crash then loses at most the last interval. The first update
 * writes at once (so a session exists in storage from its first frame), one write runs at a
 * time (an older snapshot can never land after a newer one), and a failed write is reported,
 * never thrown: practice must go on when storage fails. The next write simply carries the
 * newer snapshot, so nothing is retried.
 */

export interface AutosaverTimer {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimer: AutosaverTimer = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface AutosaverOptions {
  intervalMs?: number;
  onError?: (error: unknown) => void;
  /** After each successful write (e.g. to clear an error banner). */
  onSaved?: () => void;
  timer?: AutosaverTimer;
}

export interface Autosaver<T> {
  /** Cheap: call every frame. */
  update(value: T): void;
  /** Writes what is pending now and waits for it; true when the last write succeeded. */
  flush(): Promise<boolean>;
  /** Stops the timer and drops anything unsaved. */
  dispose(): void;
}

export function createAutosaver<T>(save: (value: T) => Promise<void>, options: AutosaverOptions = {}): Autosaver<T> {
  const { intervalMs = 1000, onError, onSaved, timer = realTimer } = options;
  let latest: { value: T } | undefined;
  let inFlight: Promise<void> | undefined;
  let handle: unknown;
  let armed = false;
  let lastOk = true;

  const write = () => {
    if (inFlight || !latest) return;
    const { value } = latest;
    latest = undefined;
    inFlight = Promise.resolve()
      .then(() => save(value))
      .then(
        () => {
          lastOk = true;
          onSaved?.();
        },
        (error: unknown) => {
          lastOk = false;
          onError?.(error);
        },
      )
      .finally(() => {
        inFlight = undefined;
      });
  };

  const arm = () => {
    armed = true;
    handle = timer.setTimeout(tick, intervalMs);
  };

  function tick(): void {
    armed = false;
    if (!latest) return; // idle: the next update writes at once
    write(); // a no-op while the previous write runs: the value waits for the next tick
    arm();
  }

  const disarm = () => {
    if (armed) timer.clearTimeout(handle);
    armed = false;
  };

  return {
    update(value) {
      latest = { value };
      if (armed) return;
      write();
      arm();
    },
    async flush() {
      disarm();
      while (inFlight || latest) {
        write();
        await inFlight;
      }
      return lastOk;
    },
    dispose() {
      disarm();
      latest = undefined;
    },
  };
}
