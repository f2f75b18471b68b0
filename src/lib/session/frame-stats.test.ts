import { describe, it, expect } from 'vitest';
import { FrameTimings, RollingRate, median } from './frame-stats';

describe('RollingRate', () => {
  it('reports 30 per second for ticks at exactly 30 fps, once the window is full and after', () => {
    const rate = new RollingRate(1000);
    const readings: number[] = [];
    for (let i = 0; i <= 120; i++) readings.push(rate.tick((i * 1000) / 30));
    expect(readings[0]).toBe(0);
    // From the second tick on every reading is 30: the rate uses the span between ticks.
    for (const reading of readings.slice(1)) expect(reading).toBeCloseTo(30, 6);
    expect(rate.rate()).toBeCloseTo(30, 6);
  });

  it('reports 0 with fewer than two ticks', () => {
    const rate = new RollingRate();
    expect(rate.rate()).toBe(0);
    expect(rate.tick(500)).toBe(0);
    expect(rate.rate()).toBe(0);
  });

  it('reports 0 for two ticks at the same time (no span to divide by)', () => {
    const rate = new RollingRate();
    rate.tick(100);
    expect(rate.tick(100)).toBe(0);
  });

  it('drops ticks older than the window', () => {
    const rate = new RollingRate(1000);
    rate.tick(0);
    rate.tick(100);
    rate.tick(200);
    expect(rate.rate()).toBeCloseTo(10, 10); // 2 intervals over 200 ms
    // At 5000 ms all three are more than 1000 ms old: one tick left, no rate.
    expect(rate.tick(5000)).toBe(0);
    // One more tick 100 ms later: only the two recent ones count.
    expect(rate.tick(5100)).toBeCloseTo(10, 10);
  });

  it('keeps a tick exactly windowMs old, drops one older', () => {
    const rate = new RollingRate(1000);
    rate.tick(0);
    expect(rate.tick(1000)).toBeCloseTo(1, 10); // [0, 1000]
    rate.tick(1500); // drops 0 (< 500): [1000, 1500]
    expect(rate.rate()).toBeCloseTo(2, 10);
  });

  it('measures a slower rate correctly after a faster one leaves the window', () => {
    const rate = new RollingRate(1000);
    for (let t = 0; t <= 1000; t += 10) rate.tick(t); // 100 /s
    expect(rate.rate()).toBeCloseTo(100, 6);
    let last = 0;
    for (let t = 1100; t <= 3000; t += 100) last = rate.tick(t); // 10 /s
    expect(last).toBeCloseTo(10, 6);
  });

  it('reset forgets every tick', () => {
    const rate = new RollingRate();
    rate.tick(0);
    rate.tick(33);
    rate.reset();
    expect(rate.rate()).toBe(0);
    expect(rate.tick(66)).toBe(0);
  });
});

describe('FrameTimings', () => {
  const timing = (modelMs: number, coreMs: number, totalMs: number) => ({ modelMs, coreMs, totalMs });

  it('gives NaN medians when empty', () => {
    const timings = new FrameTimings(4);
    const medians = timings.medians();
    expect(medians.modelMs).toBeNaN();
    expect(medians.coreMs).toBeNaN();
    expect(medians.totalMs).toBeNaN();
  });

  it('takes the middle value of an odd count, per column', () => {
    const timings = new FrameTimings(10);
    timings.add(timing(30, 2, 40));
    timings.add(timing(10, 1, 20));
    timings.add(timing(20, 9, 35));
    expect(timings.count).toBe(3);
    expect(timings.medians()).toEqual({ modelMs: 20, coreMs: 2, totalMs: 35 });
  });

  it('averages the two middle values of an even count', () => {
    const timings = new FrameTimings(10);
    timings.add(timing(30, 2, 40));
    timings.add(timing(10, 1, 20));
    timings.add(timing(20, 9, 35));
    timings.add(timing(100, 4, 50));
    expect(timings.medians()).toEqual({ modelMs: 25, coreMs: 3, totalMs: 37.5 });
  });

  it('keeps only the last `capacity` timings once the ring wraps', () => {
    const timings = new FrameTimings(3);
    for (const value of [1, 2, 3, 100, 200]) timings.add(timing(value, value * 2, value * 3));
    expect(timings.capacity).toBe(3);
    expect(timings.count).toBe(5);
    // Left: 3, 100, 200.
    expect(timings.medians()).toEqual({ modelMs: 100, coreMs: 200, totalMs: 300 });
    timings.add(timing(300, 600, 900)); // 100, 200, 300
    expect(timings.medians()).toEqual({ modelMs: 200, coreMs: 400, totalMs: 600 });
  });

  it('reset empties it', () => {
    const timings = new FrameTimings(3);
    timings.add(timing(5, 5, 5));
    timings.reset();
    expect(timings.count).toBe(0);
    expect(timings.medians().modelMs).toBeNaN();
    timings.add(timing(7, 8, 9));
    expect(timings.medians()).toEqual({ modelMs: 7, coreMs: 8, totalMs: 9 });
  });
});

describe('median', () => {
  it('is NaN for no values', () => {
    expect(median([])).toBeNaN();
    expect(median(new Float64Array(0))).toBeNaN();
  });

  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([3, -2, 8, 100, 0])).toBe(3);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1])).toBe(2.5);
    expect(median([10, 2, 6, 4])).toBe(5);
  });

  it('sorts numerically, not as strings', () => {
    expect(median([10, 9, 100])).toBe(10);
  });

  it('leaves its input unchanged', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
