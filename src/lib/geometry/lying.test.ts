import { describe, expect, it } from 'vitest';
import { bridgeGeometry, bridgeKeypoints, chestLiftKeypoints } from '../testing/synthetic-lying';
import { DEFAULT_LEG_OPTIONS, feetFault, kneeAngleDeg, signedBendDeg } from './lying';
import { readSideView } from './side';

describe('signedBendDeg', () => {
  it('is the interior angle with the vertex below the line (towards the floor), 360 minus it above', () => {
    const a = { x: 0, y: 0 };
    const b = { x: 2, y: 0 };
    expect(signedBendDeg(a, { x: 1, y: 1 }, b)).toBeCloseTo(90, 9);
    expect(signedBendDeg(a, { x: 1, y: -1 }, b)).toBeCloseTo(270, 9);
    expect(signedBendDeg(a, { x: 1, y: 0 }, b)).toBeCloseTo(180, 9);
    // The same whichever way the line runs across the picture.
    expect(signedBendDeg(b, { x: 1, y: 1 }, a)).toBeCloseTo(90, 9);
    expect(signedBendDeg(b, { x: 1, y: -1 }, a)).toBeCloseTo(270, 9);
  });
});

describe('kneeAngleDeg', () => {
  it('reads the synthetic knee bend, and is null without a knee or ankle', () => {
    const view = readSideView(bridgeKeypoints({ hipAngleDeg: 140 }), 0.3).view!;
    expect(kneeAngleDeg(view)).toBeCloseTo(bridgeGeometry({ hipAngleDeg: 140 }).kneeDeg, 1);
    expect(kneeAngleDeg({ ...view, ankle: undefined })).toBeNull();
    expect(kneeAngleDeg(undefined)).toBeNull();
  });
});

describe('feetFault', () => {
  const read = (pose: Parameters<typeof chestLiftKeypoints>[0]) => readSideView(chestLiftKeypoints(pose), 0.3).view!;

  it('is undefined with the knees bent and the feet flat', () => {
    expect(feetFault(read({ chestLiftDeg: 0 }), DEFAULT_LEG_OPTIONS)).toBeUndefined();
  });

  it('names what is wrong: a raised heel, feet off the floor, straight legs', () => {
    expect(feetFault(read({ chestLiftDeg: 0, heelLift: 0.2 }), DEFAULT_LEG_OPTIONS)).toBe('heel-raised');
    expect(feetFault(read({ chestLiftDeg: 0, feetLift: 0.7, movenet: true }), DEFAULT_LEG_OPTIONS)).toBe('feet-up');
    // A knee opened to 140° still has the ankle well below the knee: only the bend is wrong.
    expect(feetFault(read({ chestLiftDeg: 0, kneeDeg: 140, movenet: true }), DEFAULT_LEG_OPTIONS)).toBe('legs-straight');
    // Opened further, the shin rises towards knee level: the feet have left the floor.
    expect(feetFault(read({ chestLiftDeg: 0, kneeDeg: 165, movenet: true }), DEFAULT_LEG_OPTIONS)).toBe('feet-up');
  });

  it('says nothing about legs it cannot see', () => {
    const view = read({ chestLiftDeg: 0, kneeDeg: 165, movenet: true });
    expect(feetFault({ ...view, knee: undefined }, DEFAULT_LEG_OPTIONS)).toBeUndefined();
  });
});
