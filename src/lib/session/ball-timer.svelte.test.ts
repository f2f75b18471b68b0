import { describe, expect, it } from 'vitest';
import { BallTimerState } from './ball-timer.svelte';

describe('BallTimerState', () => {
  it('counts each side down, announces the switch, and stops when both are done', () => {
    let now = 1000;
    let tick: (() => void) | null = null;
    const said: string[] = [];
    const timer = new BallTimerState(() => 10_000, {
      clock: () => now,
      every: (run) => {
        tick = run;
        return () => (tick = null);
      },
      voice: { muted: false, speak: (text) => void said.push(text), stop: () => undefined },
    });
    timer.start();
    expect(timer).toMatchObject({ running: true, phase: 'left', remainingMs: 10_000 });
    now += 4000;
    tick!();
    expect(timer.remainingMs).toBe(6000);
    now += 7000;
    tick!();
    expect(timer).toMatchObject({ phase: 'right', remainingMs: 9000 });
    now += 9000;
    tick!();
    expect(timer).toMatchObject({ phase: 'done', running: false });
    expect(tick).toBeNull();
    expect(said).toEqual(['Ball beside your left shoulder blade.', 'Other side now: ball beside your right shoulder blade.', 'Both sides done.']);
  });
});
