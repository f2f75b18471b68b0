import { describe, expect, it } from 'vitest';
import { LiftTracker, type LiftStep } from './lift-tracker';

/** Feeds [tMs, up, value] samples (clearly down whenever not up); returns each step's result. */
function feed(tracker: LiftTracker, samples: readonly (readonly [number, boolean, number])[]): LiftStep[] {
  return samples.map(([tMs, up, value]) => tracker.step(up, value, tMs));
}

/** Down (at `value`) every 100 ms over [fromMs, toMs]. */
const rest = (fromMs: number, toMs: number, value = 0): [number, boolean, number][] => {
  const samples: [number, boolean, number][] = [];
  for (let t = fromMs; t <= toMs; t += 100) samples.push([t, false, value]);
  return samples;
};

describe('LiftTracker', () => {
  it('a lift held past holdMs: hold started, completed once, then a rep with peak, trough and duration once back at rest', () => {
    const tracker = new LiftTracker(1000, 500);
    const steps = feed(tracker, [...rest(0, 600, 1), [700, true, 8], [1200, true, 10], [1700, true, 9], [1800, true, 9], [2000, false, 3], ...rest(2100, 2600, 2)]);
    expect(steps.filter((s) => s.holdStarted)).toHaveLength(1);
    expect(steps.flatMap((s) => (s.holdCompletedMs === undefined ? [] : [s.holdCompletedMs]))).toEqual([1000]);
    const lowered = steps.findIndex((s) => s.lowered);
    expect(steps[lowered]!.rep).toBeUndefined();
    const reps = steps.flatMap((s) => (s.rep ? [s.rep] : []));
    // Rested from 2000 ms: counted at 2500 ms; the lift lasted 700 → 2000 ms.
    expect(reps).toEqual([{ peak: 10, trough: 1, durationMs: 1300 }]);
    expect(steps.findIndex((s) => s.rep)).toBe(steps.length - 2);
  });

  it('times the hold while up and reads 0 otherwise', () => {
    const tracker = new LiftTracker(1000);
    feed(tracker, [...rest(0, 500), [600, true, 5]]);
    expect(tracker.heldMs(900)).toBe(300);
    tracker.step(false, 0, 1000);
    expect(tracker.heldMs(1100)).toBe(0);
  });

  it('a lift whose start was not seen (up from the first frame, or after too short a rest) is not counted', () => {
    const opensUp = new LiftTracker(1000);
    const steps = feed(opensUp, [[0, true, 9], [500, true, 9], [1500, true, 9], ...rest(1600, 3000)]);
    expect(steps.some((s) => s.holdStarted || s.rep)).toBe(false);
    // Down for 300 ms only, then up: still not armed.
    const shortRest = new LiftTracker(1000);
    expect(feed(shortRest, [...rest(0, 300), [400, true, 9], ...rest(500, 1500)]).some((s) => s.holdStarted || s.rep)).toBe(false);
    // Rested now: the next lift counts.
    expect(feed(shortRest, [[1600, true, 9], ...rest(1700, 2300)]).filter((s) => s.rep)).toHaveLength(1);
  });

  it('going back up before resting continues the same lift: one rep', () => {
    const tracker = new LiftTracker(1000);
    const steps = feed(tracker, [...rest(0, 500), [600, true, 9], [800, false, 3], [1000, true, 9], ...rest(1200, 1800)]);
    expect(steps.filter((s) => s.rep)).toHaveLength(1);
    expect(steps.filter((s) => s.holdStarted)).toHaveLength(2);
  });

  it('finish() counts a lift whose hold was completed, not one still short of it or already counted', () => {
    const held = new LiftTracker(1000);
    feed(held, [...rest(0, 500), [600, true, 9], [1700, true, 9], [1800, false, 2]]);
    expect(held.finish(1900)).toEqual({ peak: 9, trough: 0, durationMs: 1200 });
    expect(held.finish(2000)).toBeUndefined();
    const short = new LiftTracker(1000);
    feed(short, [...rest(0, 500), [600, true, 9], [1200, true, 9]]);
    expect(short.finish(1300)).toBeUndefined();
  });

  it('an interruption ends the hold but keeps the lift: seen down later, it is still a rep', () => {
    const tracker = new LiftTracker(1000);
    feed(tracker, [...rest(0, 500), [600, true, 5]]);
    tracker.interrupt();
    expect(tracker.heldMs(1000)).toBe(0);
    // Back, still up: a new hold starts.
    expect(tracker.step(true, 6, 1400).holdStarted).toBe(true);
    tracker.interrupt();
    // Back and already down: the rep counts once rested, but it was not "lowered" from up in view.
    const back = feed(tracker, rest(2000, 2500, 1));
    expect(back[0]!.lowered).toBe(false);
    expect(back.flatMap((s) => (s.rep ? [s.rep] : []))).toEqual([{ peak: 6, trough: 0, durationMs: 1900 }]);
  });

  it('abandon drops the lift in progress: no rep when it comes down', () => {
    const tracker = new LiftTracker(1000);
    feed(tracker, [...rest(0, 500), [600, true, 5]]);
    tracker.abandon();
    expect(feed(tracker, rest(700, 1500)).some((s) => s.rep)).toBe(false);
  });

  it('reset starts afresh', () => {
    const tracker = new LiftTracker(1000);
    feed(tracker, [...rest(0, 500, -3), [600, true, 5]]);
    tracker.reset();
    const steps = feed(tracker, [...rest(0, 500), [600, true, 4], ...rest(700, 1200, 1)]);
    expect(steps.flatMap((s) => (s.rep ? [s.rep] : []))).toEqual([{ peak: 4, trough: 0, durationMs: 100 }]);
  });
});
