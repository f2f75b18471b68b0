import { describe, it, expect } from 'vitest';
import type { PoseFrame } from '../pose/keypoints';
import { seededRandom } from '../testing/synthetic';
import { KeypointSmoother, OneEuroFilter } from './one-euro';

function variance(values: readonly number[]): number {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
}

const FRAME_MS = 1000 / 30;
const poseParams = { minCutoffHz: 1, beta: 0.3, dCutoffHz: 1 };

describe('OneEuroFilter', () => {
  it('passes the first sample through', () => {
    expect(new OneEuroFilter(poseParams).filter(0.42, 1234)).toBe(0.42);
  });

  it('keeps a constant signal constant', () => {
    const filter = new OneEuroFilter(poseParams);
    for (let i = 0; i < 100; i++) {
      expect(filter.filter(0.37, i * FRAME_MS)).toBeCloseTo(0.37, 12);
    }
  });

  it('lags a step at first, then converges without overshoot', () => {
    const filter = new OneEuroFilter(poseParams);
    for (let i = 0; i < 30; i++) filter.filter(0, i * FRAME_MS);
    const outputs: number[] = [];
    for (let i = 30; i < 120; i++) outputs.push(filter.filter(1, i * FRAME_MS));
    const firstAfterStep = outputs[0]!;
    expect(firstAfterStep).toBeGreaterThan(0);
    expect(firstAfterStep).toBeLessThan(0.8); // smoothed, not passed through
    for (let i = 1; i < outputs.length; i++) {
      expect(outputs[i]!).toBeGreaterThanOrEqual(outputs[i - 1]!);
      expect(outputs[i]!).toBeLessThanOrEqual(1);
    }
    expect(outputs[outputs.length - 1]!).toBeGreaterThan(0.999); // 3 s after the step
  });

  it('lags less on fast motion with a higher beta', () => {
    const meanLag = (beta: number): number => {
      const filter = new OneEuroFilter({ minCutoffHz: 1, beta, dCutoffHz: 1 });
      let lagSum = 0;
      let count = 0;
      for (let i = 0; i < 90; i++) {
        const tMs = i * FRAME_MS;
        const value = 2 * (tMs / 1000); // a ramp at 2 units/s
        const output = filter.filter(value, tMs);
        if (i >= 30) {
          lagSum += value - output;
          count++;
        }
      }
      return lagSum / count;
    };
    const lagStill = meanLag(0);
    const lagFast = meanLag(1);
    expect(lagStill).toBeGreaterThan(0.2); // ≈ speed × 1/(2π·1 Hz) ≈ 0.32
    expect(lagFast).toBeLessThan(lagStill * 0.5);
  });

  it('reduces jitter variance on a noisy constant by at least 5x', () => {
    const random = seededRandom(12345);
    const filter = new OneEuroFilter(poseParams);
    const raw: number[] = [];
    const smoothed: number[] = [];
    for (let i = 0; i < 600; i++) {
      const value = 0.5 + (random() - 0.5) * 0.02; // ±0.01, about keypoint jitter size
      const output = filter.filter(value, i * FRAME_MS);
      if (i >= 60) {
        raw.push(value);
        smoothed.push(output);
      }
    }
    expect(variance(smoothed)).toBeLessThan(variance(raw) / 5);
  });

  it('returns the last output unchanged for an equal timestamp', () => {
    const filter = new OneEuroFilter(poseParams);
    filter.filter(0, 0);
    const output = filter.filter(1, 100);
    expect(filter.filter(5, 100)).toBe(output);
    expect(Number.isFinite(filter.filter(1, 100))).toBe(true);
    // And the state was not disturbed by the repeated timestamp.
    const reference = new OneEuroFilter(poseParams);
    reference.filter(0, 0);
    reference.filter(1, 100);
    expect(filter.filter(1, 200)).toBe(reference.filter(1, 200));
  });

  it('resets and passes through when time goes backwards (a seek)', () => {
    const filter = new OneEuroFilter(poseParams);
    filter.filter(0, 1000);
    filter.filter(0, 1033);
    expect(filter.filter(0.8, 500)).toBe(0.8);
    // Behaves like a fresh filter from the new time on.
    const fresh = new OneEuroFilter(poseParams);
    fresh.filter(0.8, 500);
    expect(filter.filter(0.2, 533)).toBe(fresh.filter(0.2, 533));
  });

  it('reset() makes the next sample pass through', () => {
    const filter = new OneEuroFilter(poseParams);
    filter.filter(0, 0);
    filter.filter(0, 33);
    filter.reset();
    expect(filter.filter(0.9, 66)).toBe(0.9);
  });

  it('rejects invalid parameters', () => {
    expect(() => new OneEuroFilter({ minCutoffHz: 0, beta: 0, dCutoffHz: 1 })).toThrow(RangeError);
    expect(() => new OneEuroFilter({ minCutoffHz: 1, beta: -1, dCutoffHz: 1 })).toThrow(RangeError);
    expect(() => new OneEuroFilter({ minCutoffHz: 1, beta: 0, dCutoffHz: Number.NaN })).toThrow(RangeError);
  });
});

function frameAt(tMs: number, noseX: number, noseScore = 0.9): PoseFrame {
  return {
    tMs,
    aspect: 16 / 9,
    keypoints: {
      nose: { x: noseX, y: 0.2, score: noseScore },
      left_shoulder: { x: 0.6, y: 0.4, score: 0.8 },
    },
  };
}

describe('KeypointSmoother', () => {
  it('smooths x and y per keypoint and keeps the raw score', () => {
    const smoother = new KeypointSmoother();
    smoother.smooth(frameAt(0, 0.3));
    const out = smoother.smooth(frameAt(FRAME_MS, 0.5, 0.77));
    const nose = out.keypoints.nose;
    expect(nose).toBeDefined();
    expect(nose!.x).toBeGreaterThan(0.3);
    expect(nose!.x).toBeLessThan(0.5); // lagging: smoothed
    expect(nose!.y).toBeCloseTo(0.2, 12);
    expect(nose!.score).toBe(0.77);
    expect(out.keypoints.left_shoulder).toEqual({ x: 0.6, y: 0.4, score: 0.8 });
    expect(out.tMs).toBe(FRAME_MS);
    expect(out.aspect).toBe(16 / 9);
    expect(out.keypoints3D).toBeUndefined();
  });

  it('does not modify the input frame', () => {
    const smoother = new KeypointSmoother();
    smoother.smooth(frameAt(0, 0.3));
    const input = frameAt(FRAME_MS, 0.5);
    const out = smoother.smooth(input);
    expect(out).not.toBe(input);
    expect(input.keypoints.nose).toEqual({ x: 0.5, y: 0.2, score: 0.9 });
  });

  it('omits keypoints below minScore instead of guessing them', () => {
    const smoother = new KeypointSmoother({ minScore: 0.5 });
    smoother.smooth(frameAt(0, 0.3));
    const out = smoother.smooth(frameAt(FRAME_MS, 0.3, 0.49));
    expect(out.keypoints.nose).toBeUndefined();
    expect('nose' in out.keypoints).toBe(false);
    expect(out.keypoints.left_shoulder).toBeDefined();
  });

  it('keeps smoothing across a short gap but restarts after maxGapMs', () => {
    const runGap = (gapMs: number): number => {
      const smoother = new KeypointSmoother({ maxGapMs: 500 });
      for (let i = 0; i < 10; i++) smoother.smooth(frameAt(i * FRAME_MS, 0.3));
      const lastSeen = 9 * FRAME_MS;
      // Unseen (low score) frames during the gap.
      for (let t = lastSeen + FRAME_MS; t < lastSeen + gapMs; t += FRAME_MS) {
        expect(smoother.smooth(frameAt(t, 0.9, 0.1)).keypoints.nose).toBeUndefined();
      }
      return smoother.smooth(frameAt(lastSeen + gapMs, 0.7)).keypoints.nose!.x;
    };
    const afterShortGap = runGap(300);
    expect(afterShortGap).toBeGreaterThan(0.3);
    expect(afterShortGap).toBeLessThan(0.7); // still glides from the old position
    expect(runGap(600)).toBe(0.7); // fresh start: no jump-smoothing from a stale position
  });

  it('treats a keypoint absent from the map like an unseen one', () => {
    const smoother = new KeypointSmoother({ maxGapMs: 500 });
    smoother.smooth(frameAt(0, 0.3));
    smoother.smooth({ tMs: 300, aspect: 1, keypoints: {} });
    expect(smoother.smooth(frameAt(1000, 0.7)).keypoints.nose!.x).toBe(0.7);
  });

  it('restarts every keypoint when the frame time goes backwards', () => {
    const smoother = new KeypointSmoother();
    smoother.smooth(frameAt(5000, 0.3));
    smoother.smooth(frameAt(5033, 0.3));
    expect(smoother.smooth(frameAt(100, 0.6)).keypoints.nose!.x).toBe(0.6);
  });

  it('smooths and gates 3D points by name', () => {
    const smoother = new KeypointSmoother({ minScore: 0.5 });
    const frame3D = (tMs: number, z: number, score: number): PoseFrame => ({
      tMs,
      aspect: 1,
      keypoints: {},
      keypoints3D: {
        left_hip: { x: 0.1, y: 0, z, score },
        nose: { x: 0, y: -0.6, z: 0, score: 0.3 },
      },
    });
    smoother.smooth(frame3D(0, 0, 0.9));
    const out = smoother.smooth(frame3D(FRAME_MS, 0.4, 0.9));
    const hip = out.keypoints3D?.left_hip;
    expect(hip).toBeDefined();
    expect(hip!.z).toBeGreaterThan(0);
    expect(hip!.z).toBeLessThan(0.4);
    expect(hip!.x).toBeCloseTo(0.1, 12);
    expect(hip!.score).toBe(0.9);
    expect(out.keypoints3D?.nose).toBeUndefined();
  });

  it('reset() forgets history', () => {
    const smoother = new KeypointSmoother();
    smoother.smooth(frameAt(0, 0.3));
    smoother.reset();
    expect(smoother.smooth(frameAt(FRAME_MS, 0.6)).keypoints.nose!.x).toBe(0.6);
  });
});
