import { describe, expect, it } from 'vitest';
import type { PoseFrame } from '../pose/keypoints';
import { clipTrace, hasTrace, photoTraces, TRACE_MODELS, type PhotoLabel, type TraceClip } from '../testing/traces';
import { familyOf, readingFits, readPosition, type BodyPosition } from './position';

/** The position each fixture photo label is in. */
export const LABEL_POSITION: Record<PhotoLabel, BodyPosition> = {
  bridge: 'lying-back',
  cat: 'all-fours',
  cow: 'all-fours',
  tabletop: 'all-fours',
  'seated-twist': 'sitting',
  'neutral-sitting': 'sitting',
  'standing-twist': 'standing',
  'neutral-standing': 'standing',
};

const CLIP_POSITION: Record<TraceClip, BodyPosition> = {
  'cat-cow-side': 'all-fours',
  'bridge-side': 'lying-back',
  'seated-twist-front': 'sitting',
};

describe('readingFits', () => {
  it('a family reading fits every position of that family, a specific one only itself', () => {
    expect(readingFits('upright', ['sitting'])).toBe(true);
    expect(readingFits('upright', ['lying-back'])).toBe(false);
    expect(readingFits('on-floor', ['all-fours'])).toBe(true);
    expect(readingFits('standing', ['sitting'])).toBe(false);
    expect(readingFits('standing', ['standing', 'sitting'])).toBe(true);
    expect(familyOf('lying-back')).toBe('on-floor');
  });
});

describe('readPosition on synthetic poses', () => {
  const frame = (points: Record<string, [number, number]>): PoseFrame => ({
    tMs: 0,
    aspect: 1,
    keypoints: Object.fromEntries(Object.entries(points).map(([name, [x, y]]) => [name, { x, y, score: 0.9 }])),
  });
  it('reads a side-on person on hands and knees as all fours', () => {
    const pose = frame({ left_shoulder: [0.7, 0.5], left_hip: [0.4, 0.5], left_knee: [0.4, 0.75], left_wrist: [0.7, 0.8] });
    expect(readPosition(pose).reading).toBe('all-fours');
  });
  it('reads a person on their back with bent knees as lying, whichever way the head points', () => {
    const right = frame({ left_shoulder: [0.8, 0.8], left_hip: [0.5, 0.8], left_knee: [0.35, 0.65], left_ankle: [0.25, 0.8], left_wrist: [0.9, 0.8] });
    const left = frame({ left_shoulder: [0.2, 0.8], left_hip: [0.5, 0.8], left_knee: [0.65, 0.65], left_ankle: [0.75, 0.8] });
    expect(readPosition(right).reading).toBe('lying-back');
    expect(readPosition(left).reading).toBe('lying-back');
  });
  it('reads an upright torso without legs as upright, with hanging legs as standing', () => {
    expect(readPosition(frame({ left_shoulder: [0.5, 0.3], left_hip: [0.5, 0.6] })).reading).toBe('upright');
    expect(readPosition(frame({ left_shoulder: [0.5, 0.2], left_hip: [0.5, 0.45], left_knee: [0.5, 0.68], left_ankle: [0.5, 0.92] })).reading).toBe(
      'standing',
    );
    // Cross-legged: knees out to the sides at hip height.
    expect(readPosition(frame({ left_shoulder: [0.5, 0.3], left_hip: [0.5, 0.6], left_knee: [0.7, 0.65], left_ankle: [0.55, 0.66] })).reading).toBe(
      'sitting',
    );
  });
  it('says nothing between upright and on the floor, or without a torso', () => {
    expect(readPosition(frame({ left_shoulder: [0.7, 0.33], left_hip: [0.5, 0.5] })).reading).toBeUndefined();
    expect(readPosition(frame({ left_shoulder: [0.7, 0.3] })).reading).toBeUndefined();
  });
});

describe.each(TRACE_MODELS.filter((model) => hasTrace(`photos.${model}`)))('readPosition on the fixture photos (%s)', (model) => {
  const photos = photoTraces(model);
  it('never puts a photo in the wrong family, and names the labelled position on nearly all', () => {
    const rows = photos.map((photo) => {
      const reading = readPosition(photo.frames.at(-1)!).reading;
      return { file: photo.file, wanted: LABEL_POSITION[photo.label], reading };
    });
    const wrongFamily = rows.filter((row) => row.reading !== undefined && familyOf(row.reading) !== familyOf(row.wanted));
    expect(wrongFamily).toEqual([]);
    const exact = rows.filter((row) => row.reading === row.wanted);
    const contradicting = rows.filter((row) => row.reading !== undefined && !readingFits(row.reading, [row.wanted]));
    console.info(`[position] ${model}: ${exact.length}/${rows.length} photos named exactly; ${contradicting.length} contradict their label`, contradicting);
    expect(contradicting).toEqual([]);
  });
});

describe.each(TRACE_MODELS)('readPosition on the fixture clips (%s)', (model) => {
  it.each(Object.entries(CLIP_POSITION).filter(([clip]) => hasTrace(`${clip}.${model}`)))('%s: every read frame fits %s', (clip, wanted) => {
    const frames = clipTrace(clip as TraceClip, model);
    const readings = frames.map((frame) => readPosition(frame).reading);
    const contradicting = readings.filter((reading) => reading !== undefined && !readingFits(reading, [wanted]));
    const read = readings.filter((reading) => reading !== undefined);
    expect(contradicting).toEqual([]);
    expect(read.length / frames.length).toBeGreaterThan(0.95);
  });
});
