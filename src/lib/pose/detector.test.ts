import { describe, it, expect } from 'vitest';
import type { Pose } from '@tensorflow-models/pose-detection';
import { toPoseFrame } from './detector';

describe('toPoseFrame', () => {
  it('divides pixel coordinates by the longer side (landscape 1280x720)', () => {
    const pose: Pose = {
      score: 0.8,
      keypoints: [
        { name: 'nose', x: 640, y: 360, score: 0.9 },
        { name: 'left_ankle', x: 1280, y: 720, score: 0.5 },
        { name: 'right_wrist', x: 0, y: 0, score: 0.25 },
      ],
    };
    const frame = toPoseFrame(pose, 1280, 720, 1234);
    expect(frame).toEqual({
      tMs: 1234,
      aspect: 1280 / 720,
      keypoints: {
        nose: { x: 0.5, y: 0.28125, score: 0.9 },
        left_ankle: { x: 1, y: 0.5625, score: 0.5 },
        right_wrist: { x: 0, y: 0, score: 0.25 },
      },
    });
    expect('keypoints3D' in frame).toBe(false);
  });

  it('uses the height as the unit in portrait (480x640), so the same pixel distance is the same length both ways', () => {
    const pose: Pose = {
      keypoints: [
        { name: 'left_shoulder', x: 240, y: 320, score: 1 },
        { name: 'right_shoulder', x: 400, y: 480, score: 1 },
      ],
    };
    const frame = toPoseFrame(pose, 480, 640, 0);
    expect(frame.aspect).toBe(0.75);
    expect(frame.keypoints.left_shoulder).toEqual({ x: 0.375, y: 0.5, score: 1 });
    expect(frame.keypoints.right_shoulder).toEqual({ x: 0.625, y: 0.75, score: 1 });
    // Isotropic: 160 px across and 160 px down are both 0.25.
    expect(frame.keypoints.right_shoulder!.x - frame.keypoints.left_shoulder!.x).toBe(0.25);
    expect(frame.keypoints.right_shoulder!.y - frame.keypoints.left_shoulder!.y).toBe(0.25);
  });

  it('drops keypoints with an unknown or missing name', () => {
    const pose: Pose = {
      keypoints: [
        { name: 'nose', x: 10, y: 20, score: 0.7 },
        { name: 'tail', x: 1, y: 1, score: 1 },
        { name: 'Left_Eye', x: 1, y: 1, score: 1 },
        { x: 5, y: 5, score: 1 },
      ],
    };
    const frame = toPoseFrame(pose, 100, 50, 0);
    expect(frame.keypoints).toEqual({ nose: { x: 0.1, y: 0.2, score: 0.7 } });
  });

  it('gives a missing score 0', () => {
    const pose: Pose = { keypoints: [{ name: 'left_hip', x: 50, y: 25 }] };
    expect(toPoseFrame(pose, 100, 100, 0).keypoints.left_hip).toEqual({ x: 0.5, y: 0.25, score: 0 });
  });

  it('carries 3D keypoints as they are (metres, with z), dropping unknown names', () => {
    const pose: Pose = {
      keypoints: [{ name: 'nose', x: 64, y: 36, score: 0.9 }],
      keypoints3D: [
        { name: 'nose', x: 0.1, y: -0.6, z: -0.25, score: 0.95 },
        { name: 'left_heel', x: -0.12, y: 0.8, z: 0.05 },
        { name: 'right_hip', x: 0.09, y: 0.01 },
        { name: 'pelvis', x: 0, y: 0, z: 0, score: 1 },
      ],
    };
    const frame = toPoseFrame(pose, 1280, 720, 5);
    expect(frame.keypoints).toEqual({ nose: { x: 0.05, y: 0.028125, score: 0.9 } });
    expect(frame.keypoints3D).toEqual({
      nose: { x: 0.1, y: -0.6, z: -0.25, score: 0.95 },
      left_heel: { x: -0.12, y: 0.8, z: 0.05, score: 0 },
      right_hip: { x: 0.09, y: 0.01, z: 0, score: 0 },
    });
  });

  it('gives an empty keypoint map for a pose with no keypoints', () => {
    expect(toPoseFrame({ keypoints: [] }, 640, 480, 99)).toEqual({ tMs: 99, aspect: 640 / 480, keypoints: {} });
  });
});
