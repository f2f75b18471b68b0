import { describe, expect, it } from 'vitest';
import { RAD_TO_DEG, acosDeg, asinDeg, wrapDeg } from './angles';

describe('degree helpers', () => {
  it('asinDeg and acosDeg clamp their argument instead of giving NaN', () => {
    expect(asinDeg(0.5)).toBeCloseTo(30, 12);
    expect(asinDeg(-1.0001)).toBe(-90);
    expect(asinDeg(1.2)).toBe(90);
    expect(acosDeg(0.5)).toBeCloseTo(60, 12);
    expect(acosDeg(1.0001)).toBe(0);
    expect(acosDeg(-3)).toBe(180);
  });

  it('wrapDeg maps any angle into (−180, 180]', () => {
    expect(wrapDeg(0)).toBe(0);
    expect(wrapDeg(180)).toBe(180);
    expect(wrapDeg(-180)).toBe(180);
    expect(wrapDeg(190)).toBeCloseTo(-170, 12);
    expect(wrapDeg(-190)).toBeCloseTo(170, 12);
    expect(wrapDeg(725)).toBeCloseTo(5, 12);
    expect(wrapDeg(-540)).toBe(180);
  });

  it('RAD_TO_DEG turns π into 180', () => {
    expect(Math.PI * RAD_TO_DEG).toBe(180);
  });
});
