import { describe, expect, it } from 'vitest';
import { MIN_CORES_FOR_THREADS, parseWasmThreads, planWasmThreads } from './wasm-threads';

const isolated = (logicalCores: number) => ({ crossOriginIsolated: true, logicalCores });

describe('planWasmThreads', () => {
  it('keeps one thread on a 2-core machine even when the page is isolated', () => {
    expect(planWasmThreads('auto', isolated(2))).toMatchObject({ threaded: false });
    expect(planWasmThreads('auto', isolated(MIN_CORES_FOR_THREADS - 1))).toMatchObject({ threaded: false });
  });

  it('uses half the cores from 4 cores on, capped at the worker pool', () => {
    expect(planWasmThreads('auto', isolated(4))).toEqual({ threaded: true, threads: 2 });
    expect(planWasmThreads('auto', isolated(8))).toEqual({ threaded: true, threads: 4 });
    expect(planWasmThreads('auto', isolated(64))).toEqual({ threaded: true, threads: 8 });
  });

  it('never threads without cross-origin isolation, whatever is asked', () => {
    expect(planWasmThreads('auto', { crossOriginIsolated: false, logicalCores: 16 })).toMatchObject({ threaded: false, reason: expect.stringMatching(/isolated/) });
    expect(planWasmThreads(4, { crossOriginIsolated: false, logicalCores: 16 })).toMatchObject({ threaded: false });
  });

  it('follows a forced setting', () => {
    expect(planWasmThreads('off', isolated(16))).toMatchObject({ threaded: false });
    expect(planWasmThreads(2, isolated(2))).toEqual({ threaded: true, threads: 2 });
    expect(planWasmThreads(0, isolated(2))).toEqual({ threaded: true, threads: 1 });
  });
});

describe('parseWasmThreads', () => {
  it('reads auto, off and a positive thread count; anything else is the default', () => {
    expect(parseWasmThreads('auto')).toBe('auto');
    expect(parseWasmThreads('off')).toBe('off');
    expect(parseWasmThreads('3')).toBe(3);
    for (const value of [null, undefined, '', '0', '-2', '1.5', 'many']) expect(parseWasmThreads(value)).toBeUndefined();
  });
});
