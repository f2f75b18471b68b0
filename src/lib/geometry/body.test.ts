import { describe, it, expect } from 'vitest';
import { KEYPOINT_NAMES, type KeypointMap } from '../pose/keypoints';
import { bodyScale, boundingBox, midpointOf, pick, torsoLength, visibleSide } from './body';

/** A front view: shoulders 0.2 apart at y=0.3, hips at y=0.6 → torso length 0.3. */
const frontView: KeypointMap = {
  left_shoulder: { x: 0.6, y: 0.3, score: 0.9 },
  right_shoulder: { x: 0.4, y: 0.3, score: 0.9 },
  left_hip: { x: 0.58, y: 0.6, score: 0.8 },
  right_hip: { x: 0.42, y: 0.6, score: 0.8 },
  nose: { x: 0.5, y: 0.15, score: 0.95 },
};

describe('pick', () => {
  it('returns seen keypoints and rejects missing or low-score ones', () => {
    const keypoints: KeypointMap = { nose: { x: 0.5, y: 0.2, score: 0.5 } };
    expect(pick(keypoints, 'nose')).toEqual({ x: 0.5, y: 0.2, score: 0.5 });
    expect(pick(keypoints, 'nose', 0.6)).toBeUndefined();
    expect(pick(keypoints, 'left_ear')).toBeUndefined();
  });

  it('treats a score exactly at the threshold as seen, NaN as unseen', () => {
    expect(pick({ nose: { x: 0, y: 0, score: 0.3 } }, 'nose')).toBeDefined();
    expect(pick({ nose: { x: 0, y: 0, score: 0.29 } }, 'nose')).toBeUndefined();
    expect(pick({ nose: { x: 0, y: 0, score: Number.NaN } }, 'nose')).toBeUndefined();
    expect(pick({ nose: { x: Number.NaN, y: 0, score: 1 } }, 'nose')).toBeUndefined();
  });
});

describe('midpointOf', () => {
  it('is the midpoint when both are seen', () => {
    expect(midpointOf(frontView, 'left_shoulder', 'right_shoulder')).toEqual({ x: 0.5, y: 0.3 });
  });

  it('is undefined when either is unseen', () => {
    const oneLow: KeypointMap = { ...frontView, right_shoulder: { x: 0.4, y: 0.3, score: 0.1 } };
    expect(midpointOf(oneLow, 'left_shoulder', 'right_shoulder')).toBeUndefined();
    expect(midpointOf(frontView, 'left_shoulder', 'left_ear')).toBeUndefined();
  });
});

describe('torsoLength and bodyScale', () => {
  it('uses shoulder and hip midpoints in a front view', () => {
    expect(torsoLength(frontView)).toBeCloseTo(0.3, 12);
    expect(bodyScale(frontView)).toBeCloseTo(0.3, 12);
  });

  it('scales with camera distance, so dividing by it normalises', () => {
    const twiceAsClose: KeypointMap = {};
    for (const name of KEYPOINT_NAMES) {
      const point = frontView[name];
      if (point) twiceAsClose[name] = { x: point.x * 2, y: point.y * 2, score: point.score };
    }
    expect(bodyScale(twiceAsClose)).toBeCloseTo(0.6, 12);
  });

  it('falls back to the same-side pair in a side view', () => {
    const sideView: KeypointMap = {
      right_shoulder: { x: 0.5, y: 0.3, score: 0.9 },
      right_hip: { x: 0.5, y: 0.7, score: 0.85 },
      left_shoulder: { x: 0.52, y: 0.3, score: 0.1 },
      left_hip: { x: 0.52, y: 0.7, score: 0.1 },
    };
    expect(torsoLength(sideView)).toBeCloseTo(0.4, 12);
  });

  it('uses whichever same-side pair is complete when a midpoint is missing', () => {
    const rightHipUnseen: KeypointMap = {
      left_shoulder: { x: 0.5, y: 0.3, score: 0.9 },
      left_hip: { x: 0.5, y: 0.5, score: 0.9 },
      right_shoulder: { x: 0.5, y: 0.3, score: 0.9 },
      right_hip: { x: 0.5, y: 0.9, score: 0.2 },
    };
    expect(torsoLength(rightHipUnseen)).toBeCloseTo(0.2, 12);
    const leftShoulderUnseen: KeypointMap = {
      ...rightHipUnseen,
      left_shoulder: { x: 0.5, y: 0.3, score: 0.2 },
      right_hip: { x: 0.5, y: 0.6, score: 0.9 },
    };
    expect(torsoLength(leftShoulderUnseen)).toBeCloseTo(0.3, 12);
    // A stricter minScore can hide the midpoint and leave only one pair.
    const mixedScores: KeypointMap = {
      left_shoulder: { x: 0.5, y: 0.3, score: 0.9 },
      left_hip: { x: 0.5, y: 0.5, score: 0.9 },
      right_shoulder: { x: 0.5, y: 0.3, score: 0.5 },
      right_hip: { x: 0.5, y: 0.7, score: 0.5 },
    };
    expect(torsoLength(mixedScores)).toBeCloseTo(0.3, 12); // midpoints: 0.3 → 0.6
    expect(torsoLength(mixedScores, 0.6)).toBeCloseTo(0.2, 12);
  });

  it('is undefined with no usable pair or a degenerate torso', () => {
    expect(torsoLength({ nose: { x: 0.5, y: 0.2, score: 1 } })).toBeUndefined();
    expect(
      torsoLength({
        left_shoulder: { x: 0.5, y: 0.3, score: 1 },
        right_hip: { x: 0.5, y: 0.6, score: 1 },
      }),
    ).toBeUndefined();
    expect(
      bodyScale({
        left_shoulder: { x: 0.5, y: 0.5, score: 1 },
        left_hip: { x: 0.5, y: 0.5, score: 1 },
      }),
    ).toBeUndefined();
  });
});

describe('visibleSide', () => {
  it('picks the side the model is more confident about', () => {
    const leftFacingCamera: KeypointMap = {
      left_shoulder: { x: 0.5, y: 0.3, score: 0.9 },
      left_hip: { x: 0.5, y: 0.6, score: 0.9 },
      left_knee: { x: 0.5, y: 0.8, score: 0.8 },
      left_ear: { x: 0.5, y: 0.1, score: 0.9 },
      right_shoulder: { x: 0.5, y: 0.3, score: 0.4 },
      right_hip: { x: 0.5, y: 0.6, score: 0.3 },
      right_knee: { x: 0.5, y: 0.8, score: 0.3 },
      right_ear: { x: 0.5, y: 0.1, score: 0.2 },
    };
    expect(visibleSide(leftFacingCamera)).toBe('left');
    const rightOnly: KeypointMap = {
      right_shoulder: { x: 0.5, y: 0.3, score: 0.6 },
      right_hip: { x: 0.5, y: 0.6, score: 0.6 },
      left_ear: { x: 0.5, y: 0.1, score: 0.9 },
    };
    expect(visibleSide(rightOnly)).toBe('right');
  });

  it('breaks ties towards left', () => {
    expect(visibleSide({})).toBe('left');
  });
});

describe('boundingBox', () => {
  it('bounds the seen keypoints only', () => {
    const keypoints: KeypointMap = {
      ...frontView,
      left_ankle: { x: 0.9, y: 0.99, score: 0.05 }, // unseen: must not stretch the box
    };
    const box = boundingBox(keypoints);
    expect(box).toBeDefined();
    expect(box?.minX).toBeCloseTo(0.4, 12);
    expect(box?.maxX).toBeCloseTo(0.6, 12);
    expect(box?.minY).toBeCloseTo(0.15, 12);
    expect(box?.maxY).toBeCloseTo(0.6, 12);
  });

  it('is undefined when nothing is seen', () => {
    expect(boundingBox({})).toBeUndefined();
    expect(boundingBox({ nose: { x: 0.5, y: 0.5, score: 0.1 } })).toBeUndefined();
  });
});
