import { describe, expect, it } from 'vitest';
import { LiftTracker, type LiftStep } from './lift-tracker';

/** Feeds [tMs, up, value] samples; returns each step's result. */
function feed(tracker: LiftTracker, samples: readonly (readonly [number, boolean, number])[]): LiftStep[] {
  return samples.map(([tMs, up, value]) => tracker.step(up, value, tMs));
}

describe('LiftTracker', () => {
  it('a lift held past holdMs: hold started, completed once, then a rep with peak, trough and duration on the way down', () => {
    const tracker = new LiftTracker(1000);
    const steps = feed(tracker, [
      [0, false, 2],
      [100, false, 1],
      [200, true, 8],
      [700, true, 10],
      [1200, true, 9],
      [1300, true, 9],
      [1500, false, 3],
    ]);
    expect(steps.map((s) => s.holdStarted)).toEqual([false, false, true, false, false, false, false]);
    expect(steps.map((s) => s.holdCompletedMs)).toEqual([undefined, undefined, undefined, undefined, 1000, undefined, undefined]);
    expect(steps[6]).toEqual({ holdStarted: false, lowered: true, holdCompletedMs: undefined, rep: { peak: 10, trough: 1, durationMs: 1300 } });
    expect(steps.slice(0, 6).every((s) => s.rep === undefined)).toBe(true);
  });

  it('times the hold while up and reads 0 otherwise', () => {
    const tracker = new LiftTracker(1000);
    feed(tracker, [[0, false, 0], [100, true, 5]]);
    expect(tracker.heldMs(400)).toBe(300);
    tracker.step(false, 0, 500);
    expect(tracker.heldMs(600)).toBe(0);
  });

  it('an interruption ends the hold but keeps the lift: seen coming down later, it is still a rep', () => {
    const tracker = new LiftTracker(1000);
    feed(tracker, [[0, false, 0], [100, true, 5]]);
    tracker.interrupt();
    expect(tracker.heldMs(500)).toBe(0);
    // Back, still up: a new hold starts.
    expect(tracker.step(true, 6, 900).holdStarted).toBe(true);
    tracker.interrupt();
    // Back and already down: the rep counts, but it was not "lowered" from up in view.
    const back = tracker.step(false, 1, 1500);
    expect(back.lowered).toBe(false);
    expect(back.rep).toEqual({ peak: 6, trough: 0, durationMs: 1400 });
  });

  it('abandon drops the lift in progress: no rep when it comes down', () => {
    const tracker = new LiftTracker(1000);
    feed(tracker, [[0, false, 0], [100, true, 5]]);
    tracker.abandon();
    expect(tracker.step(false, 0, 500).rep).toBeUndefined();
  });

  it('reset starts afresh', () => {
    const tracker = new LiftTracker(1000);
    feed(tracker, [[0, false, -3], [100, true, 5]]);
    tracker.reset();
    const steps = feed(tracker, [[0, false, 0], [100, true, 4], [200, false, 1]]);
    expect(steps[2]!.rep).toEqual({ peak: 4, trough: 0, durationMs: 100 });
  });
});
