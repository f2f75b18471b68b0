import { describe, it, expect } from 'vitest';
import { seededRandom } from '../testing/synthetic';
import { dwellLatch, HysteresisLatch } from './hysteresis';

describe('HysteresisLatch (direction above)', () => {
  it('requires onAbove > offBelow', () => {
    expect(() => new HysteresisLatch({ onAbove: 10, offBelow: 10 })).toThrow(RangeError);
    expect(() => new HysteresisLatch({ onAbove: 5, offBelow: 10 })).toThrow(RangeError);
    expect(() => new HysteresisLatch({ onAbove: 10, offBelow: 5, minOnMs: -1 })).toThrow(RangeError);
  });

  it('turns on at onAbove and off at offBelow, thresholds inclusive', () => {
    const latch = new HysteresisLatch({ onAbove: 20, offBelow: 10 });
    expect(latch.on).toBe(false);
    expect(latch.step(19.9, 0)).toBe(false);
    expect(latch.step(20, 33)).toBe(true);
    expect(latch.on).toBe(true);
    expect(latch.step(10.1, 66)).toBe(true);
    expect(latch.step(10, 100)).toBe(false);
  });

  it('never toggles on noise between the thresholds', () => {
    const random = seededRandom(7);
    const latch = new HysteresisLatch({ onAbove: 20, offBelow: 10 });
    for (let i = 0; i < 500; i++) {
      latch.step(10.01 + random() * 9.98, i * 33);
      expect(latch.on).toBe(false);
    }
    latch.step(25, 500 * 33);
    expect(latch.on).toBe(true);
    for (let i = 501; i < 1000; i++) {
      latch.step(10.01 + random() * 9.98, i * 33);
      expect(latch.on).toBe(true);
    }
  });

  it('delays the toggle until the condition held for the dwell time', () => {
    const latch = new HysteresisLatch({ onAbove: 20, offBelow: 10, minOnMs: 200, minOffMs: 100 });
    expect(latch.step(25, 1000)).toBe(false);
    expect(latch.step(25, 1100)).toBe(false);
    expect(latch.step(25, 1199)).toBe(false);
    expect(latch.step(25, 1200)).toBe(true);
    expect(latch.step(5, 1300)).toBe(true);
    expect(latch.step(5, 1399)).toBe(true);
    expect(latch.step(5, 1400)).toBe(false);
  });

  it('restarts the dwell when the condition is interrupted', () => {
    const latch = new HysteresisLatch({ onAbove: 20, offBelow: 10, minOnMs: 200 });
    latch.step(25, 0);
    latch.step(25, 150);
    latch.step(15, 180); // back in the dead band: not "held continuously"
    expect(latch.step(25, 250)).toBe(false);
    expect(latch.step(25, 400)).toBe(false);
    expect(latch.step(25, 450)).toBe(true);
  });

  it('keeps the state on undefined and restarts any pending dwell', () => {
    const latch = new HysteresisLatch({ onAbove: 20, offBelow: 10, minOnMs: 200 });
    latch.step(25, 0);
    latch.step(25, 100);
    expect(latch.step(undefined, 150)).toBe(false);
    expect(latch.step(25, 210)).toBe(false); // would have turned on without the gap
    expect(latch.step(25, 410)).toBe(true);
    expect(latch.step(undefined, 500)).toBe(true);
    expect(latch.step(Number.NaN, 600)).toBe(true);
    expect(latch.on).toBe(true);
  });

  it('reset() returns to the initial state and clears the dwell', () => {
    const latch = new HysteresisLatch({ onAbove: 20, offBelow: 10, minOnMs: 100, initiallyOn: false });
    latch.step(25, 0);
    latch.step(25, 100);
    expect(latch.on).toBe(true);
    latch.reset();
    expect(latch.on).toBe(false);
    expect(latch.step(25, 150)).toBe(false); // dwell starts over
    expect(latch.step(25, 250)).toBe(true);
  });

  it('can start on', () => {
    const latch = new HysteresisLatch({ onAbove: 20, offBelow: 10, initiallyOn: true });
    expect(latch.on).toBe(true);
    expect(latch.step(15, 0)).toBe(true);
    expect(latch.step(10, 33)).toBe(false);
  });
});

describe('HysteresisLatch (direction below)', () => {
  it('requires onBelow < offAbove', () => {
    expect(() => new HysteresisLatch({ direction: 'below', onBelow: 10, offAbove: 10 })).toThrow(RangeError);
    expect(() => new HysteresisLatch({ direction: 'below', onBelow: 20, offAbove: 10 })).toThrow(RangeError);
  });

  it('turns on at or below onBelow and off at or above offAbove', () => {
    const latch = new HysteresisLatch({ direction: 'below', onBelow: 100, offAbove: 140 });
    expect(latch.step(150, 0)).toBe(false);
    expect(latch.step(100.1, 33)).toBe(false);
    expect(latch.step(100, 66)).toBe(true);
    expect(latch.step(139.9, 100)).toBe(true);
    expect(latch.step(140, 133)).toBe(false);
  });

  it('never toggles on noise between the thresholds and honours dwell', () => {
    const random = seededRandom(99);
    const latch = new HysteresisLatch({ direction: 'below', onBelow: 100, offAbove: 140, minOnMs: 100 });
    for (let i = 0; i < 300; i++) {
      latch.step(100.01 + random() * 39.98, i * 33);
      expect(latch.on).toBe(false);
    }
    expect(latch.step(50, 10_000)).toBe(false);
    expect(latch.step(50, 10_100)).toBe(true);
    for (let i = 0; i < 300; i++) {
      latch.step(100.01 + random() * 39.98, 10_200 + i * 33);
      expect(latch.on).toBe(true);
    }
  });

  it('handles negative thresholds', () => {
    const latch = new HysteresisLatch({ direction: 'below', onBelow: -10, offAbove: 0 });
    expect(latch.step(-5, 0)).toBe(false);
    expect(latch.step(-10, 33)).toBe(true);
    expect(latch.step(-0.5, 66)).toBe(true);
    expect(latch.step(0, 100)).toBe(false);
  });
});

describe('dwellLatch', () => {
  it('turns on and off only after the value has held for the dwell', () => {
    const latch = dwellLatch(100);
    expect(latch.step(1, 0)).toBe(false);
    expect(latch.step(0, 50)).toBe(false);
    expect(latch.step(1, 60)).toBe(false);
    expect(latch.step(1, 159)).toBe(false);
    expect(latch.step(1, 160)).toBe(true);
    expect(latch.step(0, 200)).toBe(true);
    expect(latch.step(1, 250)).toBe(true);
    expect(latch.step(0, 300)).toBe(true);
    expect(latch.step(0, 400)).toBe(false);
  });
});
