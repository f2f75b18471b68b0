import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/synthetic';
import { RateMeter } from './rate-meter';

describe('RateMeter', () => {
  it('is undefined until the window spans half its length, then the slope per second', () => {
    const meter = new RateMeter(400);
    expect(meter.step(0, 0)).toBeUndefined();
    expect(meter.step(1, 100)).toBeUndefined();
    // 10 units a second: 1 per 100 ms.
    expect(meter.step(2, 200)).toBeCloseTo(10, 9);
    expect(meter.step(3, 300)).toBeCloseTo(10, 9);
  });

  it('forgets samples older than the window', () => {
    const meter = new RateMeter(400);
    for (let t = 0; t <= 1000; t += 100) meter.step(t < 500 ? 0 : (t - 500) / 100, t);
    // Only 600–1000 ms are in the window: a steady 10 a second, the flat start forgotten.
    expect(meter.step(6, 1100)).toBeCloseTo(10, 9);
  });

  it('fits through noise rather than following the end samples', () => {
    const random = seededRandom(4);
    const meter = new RateMeter(1000);
    let rate: number | undefined;
    for (let t = 0; t <= 2000; t += 33) rate = meter.step(-0.04 * t + (random() - 0.5) * 2, t);
    expect(rate!).toBeCloseTo(-40, -1);
  });

  it('starts over after a seek backwards, and after reset', () => {
    const meter = new RateMeter(400);
    for (let t = 0; t <= 400; t += 100) meter.step(t, t);
    expect(meter.step(0, 50)).toBeUndefined();
    meter.reset();
    expect(meter.step(5, 500)).toBeUndefined();
  });
});
