import { describe, it, expect } from 'vitest';
import {
  add,
  angleAtDeg,
  angleBetween3Deg,
  cross,
  cross3,
  distance,
  dot,
  dot3,
  elevationDeg,
  length,
  length3,
  midpoint,
  scale,
  signedAngleDeg,
  sub,
  sub3,
} from './vector';

describe('2D basics', () => {
  it('adds, subtracts, scales and measures', () => {
    expect(sub({ x: 3, y: 5 }, { x: 1, y: 2 })).toEqual({ x: 2, y: 3 });
    expect(add({ x: 3, y: 5 }, { x: 1, y: 2 })).toEqual({ x: 4, y: 7 });
    expect(scale({ x: 3, y: -5 }, 2)).toEqual({ x: 6, y: -10 });
    expect(midpoint({ x: 0, y: 0 }, { x: 2, y: 4 })).toEqual({ x: 1, y: 2 });
    expect(length({ x: 3, y: 4 })).toBe(5);
    expect(distance({ x: 1, y: 1 }, { x: 4, y: 5 })).toBe(5);
    expect(dot({ x: 1, y: 2 }, { x: 3, y: 4 })).toBe(11);
    expect(cross({ x: 1, y: 0 }, { x: 0, y: 1 })).toBe(1);
    expect(cross({ x: 0, y: 1 }, { x: 1, y: 0 })).toBe(-1);
  });
});

describe('angleAtDeg', () => {
  it('measures the interior angle at the vertex', () => {
    const vertex = { x: 1, y: 1 };
    expect(angleAtDeg({ x: 2, y: 1 }, vertex, { x: 1, y: 0 })).toBeCloseTo(90, 10);
    expect(angleAtDeg({ x: 2, y: 1 }, vertex, { x: 2, y: 0 })).toBeCloseTo(45, 10);
    expect(angleAtDeg({ x: 2, y: 1 }, vertex, { x: 0, y: 1 })).toBeCloseTo(180, 10);
    expect(angleAtDeg({ x: 2, y: 1 }, vertex, { x: 5, y: 1 })).toBeCloseTo(0, 10);
    expect(angleAtDeg({ x: 2, y: 1 }, vertex, { x: 0, y: 0 })).toBeCloseTo(135, 10);
  });

  it('is unsigned: mirrored arms give the same angle', () => {
    const vertex = { x: 0, y: 0 };
    expect(angleAtDeg({ x: 1, y: 0 }, vertex, { x: 1, y: 1 })).toBeCloseTo(45, 10);
    expect(angleAtDeg({ x: 1, y: 0 }, vertex, { x: 1, y: -1 })).toBeCloseTo(45, 10);
  });

  it('is NaN for a zero-length arm', () => {
    expect(angleAtDeg({ x: 1, y: 1 }, { x: 1, y: 1 }, { x: 2, y: 2 })).toBeNaN();
  });
});

describe('signedAngleDeg', () => {
  const right = { x: 1, y: 0 };
  const down = { x: 0, y: 1 };
  const up = { x: 0, y: -1 };
  const left = { x: -1, y: 0 };

  it('is positive for a clockwise turn on screen (y down)', () => {
    expect(signedAngleDeg(right, down)).toBeCloseTo(90, 10);
    expect(signedAngleDeg(right, up)).toBeCloseTo(-90, 10);
    expect(signedAngleDeg(right, { x: 1, y: 1 })).toBeCloseTo(45, 10);
  });

  it('flips sign when from and to swap', () => {
    expect(signedAngleDeg(down, right)).toBeCloseTo(-90, 10);
    expect(signedAngleDeg({ x: 1, y: 1 }, right)).toBeCloseTo(-45, 10);
  });

  it('returns +180 (never -180) for opposite directions', () => {
    expect(signedAngleDeg(right, left)).toBe(180);
    expect(signedAngleDeg(left, right)).toBe(180);
    expect(signedAngleDeg(right, { x: -1, y: -0 })).toBe(180);
    expect(signedAngleDeg(up, down)).toBe(180);
  });

  it('does not depend on vector lengths', () => {
    expect(signedAngleDeg({ x: 5, y: 0 }, { x: 0.1, y: 0.1 })).toBeCloseTo(45, 10);
  });
});

describe('elevationDeg', () => {
  it('is 45 for up-and-forward, whichever way the person faces', () => {
    expect(elevationDeg({ x: 1, y: -1 }, 1)).toBeCloseTo(45, 10);
    expect(elevationDeg({ x: -1, y: -1 }, -1)).toBeCloseTo(45, 10);
  });

  it('reads the same vector as backward when facing flips', () => {
    expect(elevationDeg({ x: 1, y: -1 }, -1)).toBeCloseTo(135, 10);
    expect(elevationDeg({ x: 1, y: 1 }, 1)).toBeCloseTo(-45, 10);
    expect(elevationDeg({ x: 1, y: 1 }, -1)).toBeCloseTo(-135, 10);
  });

  it('gives 0, 90, -90 and 180 on the axes', () => {
    expect(elevationDeg({ x: 2, y: 0 }, 1)).toBe(0);
    expect(elevationDeg({ x: 0, y: -2 }, 1)).toBeCloseTo(90, 10);
    expect(elevationDeg({ x: 0, y: 2 }, -1)).toBeCloseTo(-90, 10);
    expect(elevationDeg({ x: -2, y: 0 }, 1)).toBe(180);
    expect(elevationDeg({ x: 2, y: 0 }, -1)).toBe(180);
  });

  it('matches 30 degrees on a known slope', () => {
    expect(elevationDeg({ x: Math.sqrt(3), y: -1 }, 1)).toBeCloseTo(30, 10);
  });
});

describe('3D', () => {
  it('subtracts, dots, crosses right-handedly and measures', () => {
    expect(sub3({ x: 1, y: 2, z: 3 }, { x: 1, y: 1, z: 1 })).toEqual({ x: 0, y: 1, z: 2 });
    expect(dot3({ x: 1, y: 2, z: 3 }, { x: 4, y: 5, z: 6 })).toBe(32);
    expect(cross3({ x: 1, y: 0, z: 0 }, { x: 0, y: 1, z: 0 })).toEqual({ x: 0, y: 0, z: 1 });
    expect(cross3({ x: 0, y: 1, z: 0 }, { x: 1, y: 0, z: 0 })).toEqual({ x: 0, y: 0, z: -1 });
    expect(length3({ x: 2, y: 3, z: 6 })).toBe(7);
  });

  it('measures angles between directions', () => {
    expect(angleBetween3Deg({ x: 1, y: 0, z: 0 }, { x: 0, y: 0, z: 3 })).toBeCloseTo(90, 10);
    expect(angleBetween3Deg({ x: 1, y: 0, z: 0 }, { x: 1, y: 1, z: 0 })).toBeCloseTo(45, 10);
    expect(angleBetween3Deg({ x: 0, y: 1, z: 0 }, { x: 0, y: -2, z: 0 })).toBeCloseTo(180, 10);
    expect(angleBetween3Deg({ x: 1, y: 1, z: 1 }, { x: 2, y: 2, z: 2 })).toBeCloseTo(0, 10);
    expect(angleBetween3Deg({ x: 0, y: 0, z: 0 }, { x: 1, y: 0, z: 0 })).toBeNaN();
  });
});
