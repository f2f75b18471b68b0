import { describe, expect, it } from 'vitest';
import type { KeypointMap } from '../pose/keypoints';
import { SEATED, STANDING, frontKeypoints } from '../testing/synthetic-front';
import { HEAD_POINTS, headDropPct, medianHeights, readFrontView, scaleHeights } from './front';

const mirror = (keypoints: KeypointMap): KeypointMap =>
  Object.fromEntries(Object.entries(keypoints).map(([name, p]) => [name, { ...p, x: 1 - p.x }])) as KeypointMap;

describe('readFrontView', () => {
  it('reads the shoulder line and every head point above it', () => {
    const { view, missing } = readFrontView(frontKeypoints(SEATED), 0.3);
    expect(missing).toEqual([]);
    expect(view!.shoulderWidth).toBeCloseTo(0.3, 9);
    expect(view!.shoulderMid.x).toBeCloseTo(0.5, 9);
    expect(view!.shoulderMid.y).toBeCloseTo(0.42, 9);
    // The user's left shoulder is on the image right: the axis points image-right.
    expect(view!.shoulderAxis.x).toBeCloseTo(1, 9);
    expect(view!.tiltDeg).toBeCloseTo(0, 9);
    for (const name of HEAD_POINTS) expect(view!.headHeights[name]).toBeGreaterThan(0);
    expect(view!.earDistance).toBeCloseTo(0.3 * 0.38, 9);
    expect(view!.eyeDistance).toBeCloseTo(0.3 * 0.16, 9);
  });

  it('tilt is + when the user\'s left shoulder drops, mirrored or not', () => {
    const pose = frontKeypoints({ ...SEATED, tiltDeg: 10 });
    expect(readFrontView(pose, 0.3).view!.tiltDeg).toBeCloseTo(10, 9);
    expect(readFrontView(mirror(pose), 0.3).view!.tiltDeg).toBeCloseTo(10, 9);
    // Heights are measured across the line, so a tilt moves no head point.
    const level = readFrontView(frontKeypoints(SEATED), 0.3).view!.headHeights;
    const tilted = readFrontView(pose, 0.3).view!.headHeights;
    for (const name of HEAD_POINTS) expect(tilted[name]).toBeCloseTo(level[name]!, 9);
  });

  it('lists what is missing: a shoulder, or every head point', () => {
    const { right_shoulder: _r, ...noRight } = frontKeypoints(SEATED);
    expect(readFrontView(noRight, 0.3)).toEqual({ missing: ['right_shoulder'] });
    const headless = Object.fromEntries(
      Object.entries(frontKeypoints(SEATED)).filter(([name]) => !(HEAD_POINTS as readonly string[]).includes(name)),
    ) as KeypointMap;
    expect(readFrontView(headless, 0.3)).toEqual({ missing: ['nose', 'left_ear', 'right_ear'] });
    // One head point is enough.
    const { view } = readFrontView({ ...headless, left_ear: frontKeypoints(SEATED).left_ear }, 0.3);
    expect(Object.keys(view!.headHeights)).toEqual(['left_ear']);
    expect(view!.earDistance).toBeUndefined();
  });

  it('treats coinciding shoulders as unseen', () => {
    const p = { x: 0.5, y: 0.4, score: 0.9 };
    expect(readFrontView({ left_shoulder: p, right_shoulder: p, nose: { x: 0.5, y: 0.2, score: 0.9 } }, 0.3)).toEqual({
      missing: ['left_shoulder', 'right_shoulder'],
    });
  });
});

describe('head heights', () => {
  it('scaleHeights divides every seen point by the length', () => {
    expect(scaleHeights({ nose: 0.2, left_ear: 0.1 }, 0.5)).toEqual({ nose: 0.4, left_ear: 0.2 });
  });

  it('headDropPct compares only the points seen in both, and is 0 for the same heights', () => {
    expect(headDropPct({ nose: 1, left_ear: 2 }, { nose: 1, left_ear: 2 })).toBe(0);
    // Σh₀ = 4 over nose and eye; now Σh = 3: a 25% drop. The ear, seen only now, is ignored.
    expect(headDropPct({ nose: 1, left_eye: 2, left_ear: 9 }, { nose: 2, left_eye: 2 })).toBeCloseTo(25, 12);
    expect(headDropPct({ nose: 1 }, { left_ear: 1 })).toBeUndefined();
  });

  it('the same posture at another camera distance reads no drop once scaled by the shoulder width', () => {
    const near = readFrontView(frontKeypoints({ ...STANDING, shoulderWidth: 0.2 }), 0.3).view!;
    const far = readFrontView(frontKeypoints(STANDING), 0.3).view!;
    expect(headDropPct(scaleHeights(near.headHeights, near.shoulderWidth), scaleHeights(far.headHeights, far.shoulderWidth))).toBeCloseTo(0, 9);
  });

  it('medianHeights takes each point\'s median over the samples that saw it', () => {
    expect(medianHeights([{ nose: 1, left_ear: 5 }, { nose: 3 }, { nose: 2, left_ear: 7 }])).toEqual({ nose: 2, left_ear: 6 });
    expect(medianHeights([])).toEqual({});
  });
});
