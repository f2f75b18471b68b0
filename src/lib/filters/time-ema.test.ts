import { describe, expect, it } from 'vitest';
import { TimeEma } from './time-ema';

describe('TimeEma', () => {
  it('passes the first sample, then moves 1 − e^(−dt/τ) of the way to each new one', () => {
    const ema = new TimeEma(100);
    expect(ema.step(10, 1000)).toBe(10);
    expect(ema.step(20, 1100)).toBeCloseTo(10 + 10 * (1 - Math.exp(-1)), 12);
  });

  it('depends on elapsed time, not on the number of samples', () => {
    const coarse = new TimeEma(200);
    const fine = new TimeEma(200);
    coarse.step(0, 0);
    fine.step(0, 0);
    // A step held for 300 ms: one sample, or ten, end at the same value.
    const once = coarse.step(1, 300);
    let often = 0;
    for (let t = 30; t <= 300; t += 30) often = fine.step(1, t);
    expect(often).toBeCloseTo(once, 12);
  });

  it('starts over on a seek backwards, with no time constant, and from reset(value, tMs)', () => {
    const ema = new TimeEma(100);
    ema.step(10, 1000);
    expect(ema.step(50, 500)).toBe(50);
    expect(new TimeEma(0).step(3, 0)).toBe(3);
    const passThrough = new TimeEma(0);
    passThrough.step(3, 0);
    expect(passThrough.step(7, 10)).toBe(7);
    ema.reset(0, 2000);
    expect(ema.step(10, 2100)).toBeCloseTo(10 * (1 - Math.exp(-1)), 12);
    ema.reset();
    expect(ema.step(4, 0)).toBe(4);
  });
});
