import { describe, it, expect } from 'vitest';
import { sampleTimesMs } from './video-file';

describe('sampleTimesMs', () => {
  it('samples 10.1 s at 30 fps as 303 rounded times from 0', () => {
    const times = sampleTimesMs(10.1, 30);
    expect(times).toHaveLength(303);
    expect(times.slice(0, 4)).toEqual([0, 33, 67, 100]);
    expect(times.at(-1)).toBe(10_067); // frame 302 at 10066.67 ms
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
    expect(times.at(-1)!).toBeLessThan(10_100);
  });

  it('takes exactly durationS × fps samples when that is whole, never one at the end', () => {
    const times = sampleTimesMs(2, 30);
    expect(times).toHaveLength(60);
    expect(times.at(-1)).toBe(1967);
    expect(sampleTimesMs(1, 10)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
  });

  it('does not lose a sample to floating point (4.1 s × 30 fps = 122.99999999999999)', () => {
    expect(4.1 * 30).toBeLessThan(123);
    const times = sampleTimesMs(4.1, 30);
    expect(times).toHaveLength(123);
    expect(times.at(-1)).toBe(4067);
    expect(sampleTimesMs(1.16, 25)).toHaveLength(29);
  });

  it('gives no samples for a clip shorter than one frame', () => {
    expect(sampleTimesMs(0, 30)).toEqual([]);
    expect(sampleTimesMs(0.01, 30)).toEqual([]);
    expect(sampleTimesMs(0.04, 30)).toEqual([0]);
  });
});
