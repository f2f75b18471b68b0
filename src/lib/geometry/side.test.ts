import { describe, expect, it } from 'vitest';
import type { KeypointMap } from '../pose/keypoints';
import { allFoursKeypoints } from '../testing/synthetic';
import { bridgeKeypoints } from '../testing/synthetic-lying';
import { headElevationDeg, mergedPair, readSideView, sideViewProblem } from './side';

describe('mergedPair', () => {
  it('is the score-weighted mean of the two points, so a left/right swap changes nothing', () => {
    const keypoints: KeypointMap = { left_knee: { x: 0.4, y: 0.5, score: 0.9 }, right_knee: { x: 0.5, y: 0.6, score: 0.3 } };
    const merged = mergedPair(keypoints, 'left_knee', 'right_knee', 0.3)!;
    expect(merged.x).toBeCloseTo(0.425, 12);
    expect(merged.y).toBeCloseTo(0.525, 12);
    const swapped: KeypointMap = { left_knee: keypoints.right_knee, right_knee: keypoints.left_knee };
    expect(mergedPair(swapped, 'left_knee', 'right_knee', 0.3)).toEqual(merged);
  });

  it('falls back to the one seen point, and is undefined when neither is seen', () => {
    const keypoints: KeypointMap = { left_knee: { x: 0.4, y: 0.5, score: 0.9 }, right_knee: { x: 0.5, y: 0.6, score: 0.1 } };
    expect(mergedPair(keypoints, 'left_knee', 'right_knee', 0.3)).toEqual(keypoints.left_knee);
    expect(mergedPair(keypoints, 'left_knee', 'right_knee', 0.95)).toBeUndefined();
    expect(mergedPair({ left_knee: { x: Number.NaN, y: 0.5, score: 0.9 } }, 'left_knee', 'right_knee', 0.3)).toBeUndefined();
  });
});

describe('readSideView', () => {
  it('reads direction, torso length, spread and tilt of an all-fours body, facing either way', () => {
    for (const facing of [1, -1] as const) {
      const { view, missing } = readSideView(allFoursKeypoints({ archDeg: 0, facing, torsoTiltDeg: 20 }), 0.3);
      expect(missing).toEqual([]);
      expect(view!.headDir).toBe(facing);
      expect(view!.torsoLength).toBeCloseTo(0.3, 9);
      expect(view!.torsoTiltDeg).toBeCloseTo(20, 9);
      expect(view!.shoulderSpread).toBeCloseTo(0.008 / 0.3, 9);
      expect(readSideView(allFoursKeypoints({ archDeg: 0, facing, shoulderSpread: 0.9 }), 0.3).view!.shoulderSpread).toBeCloseTo(0.9, 1);
      for (const part of ['ear', 'elbow', 'wrist', 'knee', 'ankle'] as const) expect(view![part]).toBeDefined();
      expect(view!.heel).toBeUndefined();
    }
  });

  it('reads a lying body with the head to the right, BlazePose feet included', () => {
    const { view } = readSideView(bridgeKeypoints({ hipAngleDeg: 150, head: 'right' }), 0.3);
    expect(view!.headDir).toBe(1);
    expect(view!.torsoTiltDeg).toBeLessThan(45);
    expect(view!.heel).toBeDefined();
    expect(view!.toe).toBeDefined();
  });

  it('lists the shoulders, the hips, then the required parts that are missing', () => {
    const { left_ear: _l, right_ear: _r, left_hip: _lh, right_hip: _rh, ...rest } = allFoursKeypoints({ archDeg: 0 });
    expect(readSideView(rest, 0.3)).toEqual({ missing: ['left_hip', 'right_hip'] });
    expect(readSideView(rest, 0.3, ['ear', 'knee'])).toEqual({ missing: ['left_hip', 'right_hip', 'left_ear', 'right_ear'] });
    const { left_ear: _a, right_ear: _b, ...earless } = allFoursKeypoints({ archDeg: 0 });
    expect(readSideView(earless, 0.3, ['ear'])).toEqual({ missing: ['left_ear', 'right_ear'] });
    // Not required: the view is read without it.
    expect(readSideView(earless, 0.3).view!.ear).toBeUndefined();
  });

  it('treats a degenerate torso (shoulder on the hip) as unseen', () => {
    const p = { x: 0.5, y: 0.5, score: 0.9 };
    expect(readSideView({ left_shoulder: p, left_hip: p }, 0.3)).toEqual({ missing: ['left_shoulder', 'left_hip'] });
  });
});

describe('headElevationDeg', () => {
  it('is the head raised (+) or dropped (−) against the torso line, whichever way the body faces', () => {
    for (const facing of [1, -1] as const) {
      for (const arch of [-60, 0, 35]) {
        const view = readSideView(allFoursKeypoints({ archDeg: arch, facing, torsoTiltDeg: 10 }), 0.3, ['ear']).view!;
        expect(headElevationDeg(view)).toBeCloseTo(arch, 6);
      }
    }
  });
});

describe('sideViewProblem', () => {
  const limits = { maxShoulderSpreadRatio: 0.6, maxTorsoTiltDeg: 40 };

  it('is undefined for a readable side view', () => {
    expect(sideViewProblem({ shoulderSpread: 0.1, torsoTiltDeg: 10 }, limits)).toBeUndefined();
    expect(sideViewProblem({ shoulderSpread: 0.6, torsoTiltDeg: 40 }, limits)).toBeUndefined();
  });

  it('says not side-on before it says tilted', () => {
    expect(sideViewProblem({ shoulderSpread: 0.9, torsoTiltDeg: 10 }, limits)).toBe('not-side-on');
    expect(sideViewProblem({ shoulderSpread: 0.9, torsoTiltDeg: 80 }, limits)).toBe('not-side-on');
    expect(sideViewProblem({ shoulderSpread: 0.1, torsoTiltDeg: 80 }, limits)).toBe('tilted');
  });
});
