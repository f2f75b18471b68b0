import { describe, expect, it } from 'vitest';
import { CalibrationClock } from './calibration-clock';

describe('CalibrationClock', () => {
  it('adds the time between consecutive good frames until the duration is reached', () => {
    const clock = new CalibrationClock(100);
    expect(clock.tick(0)).toBe(false);
    expect(clock.remainingMs).toBe(100);
    expect(clock.tick(40)).toBe(false);
    expect(clock.remainingMs).toBe(60);
    expect(clock.tick(100)).toBe(true);
    expect(clock.done).toBe(true);
    expect(clock.remainingMs).toBe(0);
  });

  it('pauses on a bad frame: the gap across it is not counted', () => {
    const clock = new CalibrationClock(100);
    clock.tick(0);
    clock.tick(30);
    clock.interrupt();
    clock.tick(500);
    expect(clock.remainingMs).toBe(70);
    clock.tick(530);
    expect(clock.remainingMs).toBe(40);
  });

  it('does not count a gap longer than maxGapMs, nor time going backwards', () => {
    const clock = new CalibrationClock(1000, 250);
    clock.tick(0);
    clock.tick(300);
    expect(clock.remainingMs).toBe(1000);
    clock.tick(200);
    expect(clock.remainingMs).toBe(1000);
    clock.tick(250);
    expect(clock.remainingMs).toBe(950);
  });

  it('reset starts the countdown over', () => {
    const clock = new CalibrationClock(100);
    clock.tick(0);
    clock.tick(100);
    clock.reset();
    expect(clock.done).toBe(false);
    expect(clock.remainingMs).toBe(100);
    clock.tick(200);
    expect(clock.remainingMs).toBe(100);
  });
});
