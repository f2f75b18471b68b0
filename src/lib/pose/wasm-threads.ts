/**
 * Whether tfjs's WASM backend runs threaded, and on how many threads. Pure: the detector
 * passes in what the browser reports.
 *
 * Threads need SharedArrayBuffer, so a cross-origin-isolated page (COOP/COEP). tfjs then picks
 * its threaded binary by itself, and runs at most half of `navigator.hardwareConcurrency`
 * threads: on 2 cores that is one thread, the threaded binary's overhead for nothing. So below
 * MIN_CORES_FOR_THREADS the plan keeps the single-threaded binary (measurements: README,
 * "Cross-origin isolation and WASM threads").
 */

/** `auto` decides from the machine; `off` is one thread; a number forces that many threads. */
export type WasmThreadsRequest = 'auto' | 'off' | number;

export interface WasmThreadsEnvironment {
  /** `crossOriginIsolated` of the page: without it there is no SharedArrayBuffer. */
  crossOriginIsolated: boolean;
  /** `navigator.hardwareConcurrency`. */
  logicalCores: number;
}

export type WasmThreadPlan = { threaded: false; reason: string } | { threaded: true; threads: number };

export const MIN_CORES_FOR_THREADS = 4;
/** tfjs starts a pool of 8 workers; more threads than that cannot run. */
export const MAX_WASM_THREADS = 8;

export function planWasmThreads(request: WasmThreadsRequest, environment: WasmThreadsEnvironment): WasmThreadPlan {
  if (request === 'off') return { threaded: false, reason: 'threads turned off' };
  if (!environment.crossOriginIsolated) return { threaded: false, reason: 'the page is not cross-origin isolated' };
  if (typeof request === 'number') return { threaded: true, threads: clampThreads(request) };
  if (environment.logicalCores < MIN_CORES_FOR_THREADS) {
    return { threaded: false, reason: `${environment.logicalCores} cores (threads pay from ${MIN_CORES_FOR_THREADS})` };
  }
  // Half the cores, as tfjs does by default: the camera decode and the page need the rest.
  return { threaded: true, threads: clampThreads(Math.floor(environment.logicalCores / 2)) };
}

function clampThreads(threads: number): number {
  return Math.min(MAX_WASM_THREADS, Math.max(1, Math.round(threads)));
}

/** Reads `?threads=auto|off|N`; anything else is undefined (the default, auto). */
export function parseWasmThreads(value: string | null | undefined): WasmThreadsRequest | undefined {
  if (value === 'auto' || value === 'off') return value;
  if (value && /^\d+$/.test(value) && Number(value) >= 1) return Number(value);
  return undefined;
}
