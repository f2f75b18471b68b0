import { clipTrace, TRACE_CLIPS, TRACE_MODELS } from '../testing/traces';
import { describe, expect, it } from 'vitest';
import type { KeypointMap, PoseFrame } from '../pose/keypoints';
import { allFoursKeypoints, catCowKnots, interpolate, sampleFrames } from '../testing/synthetic';
import { frontKeypoints, STANDING } from '../testing/synthetic-front';
import { CatCowChecker } from '../techniques/cat-cow/checker';
import { DEFAULT_FRAMING, FRAMING_CUES, FramingGate, framingIssue } from './framing';
import { CoachPipeline } from './pipeline';

const frame = (keypoints: KeypointMap, tMs = 0, aspect = 16 / 9): PoseFrame => ({ tMs, aspect, keypoints });

/** Scales every point about (cx, cy): < 1 moves the person away from the camera. */
function scaled(keypoints: KeypointMap, by: number, cx = 0.5, cy = 0.28): KeypointMap {
  return Object.fromEntries(Object.entries(keypoints).map(([name, p]) => [name, { ...p!, x: cx + (p!.x - cx) * by, y: cy + (p!.y - cy) * by }]));
}

function withScores(keypoints: KeypointMap, score: number): KeypointMap {
  return Object.fromEntries(Object.entries(keypoints).map(([name, p]) => [name, { ...p!, score }]));
}

const onAllFours = allFoursKeypoints({ archDeg: 0 });

describe('framingIssue', () => {
  it('says nothing about a person at a sensible distance, side-on or facing the camera', () => {
    expect(framingIssue(frame(onAllFours))).toBeNull();
    expect(framingIssue(frame(frontKeypoints(STANDING), 0, 9 / 16))).toBeNull();
  });

  it('too far: the same person a quarter the size', () => {
    expect(framingIssue(frame(scaled(onAllFours, 1 / 2)))).toBeNull();
    expect(framingIssue(frame(scaled(onAllFours, 1 / 4)))).toBe('too-far');
  });

  it('head to hips only is not "too far" when the torso says the body is big enough', () => {
    const headToHips = frontKeypoints(STANDING);
    const ys = Object.values(headToHips).map((p) => p!.y);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(DEFAULT_FRAMING.minSpan * 1.2);
    expect(framingIssue(frame(headToHips, 0, 9 / 16))).toBeNull();
  });

  it('too close: the body fills the frame from edge to edge; not checked for a head-and-shoulders view', () => {
    // A landscape frame is 1 × 0.5625: the standing body, six times as big, runs off the top and bottom.
    const close = scaled(frontKeypoints(STANDING), 6, 0.5, 0.28);
    const ys = Object.values(close).map((p) => p!.y);
    expect(Math.min(...ys)).toBeLessThan(0);
    expect(Math.max(...ys)).toBeGreaterThan(0.5625);
    expect(framingIssue(frame(close))).toBe('too-close');
    expect(framingIssue(frame(close), { ...DEFAULT_FRAMING, checkTooClose: false })).toBeNull();
  });

  it('low confidence: everyone is there but every score is low (dim light)', () => {
    const dim = withScores(onAllFours, 0.2);
    dim.left_shoulder = { ...dim.left_shoulder!, score: 0.35 };
    expect(framingIssue(frame(dim))).toBe('low-confidence');
  });

  it('too far even when the model makes out only a few points of the person (no upper body)', () => {
    const tiny = scaled(onAllFours, 1 / 5);
    const fewPoints: KeypointMap = { left_hip: tiny.left_hip, left_knee: tiny.left_knee, left_ankle: tiny.left_ankle };
    expect(framingIssue(frame(fewPoints))).toBe('too-far');
    // The same few points at the frame's edge are a body mostly out of the picture, not a far one.
    const atEdge = Object.fromEntries(Object.entries(fewPoints).map(([name, p]) => [name, { ...p!, x: p!.x - 0.45 }]));
    expect(Math.min(...Object.values(atEdge).map((p) => p!.x))).toBeLessThan(0.01);
    expect(framingIssue(frame(atEdge))).toBeNull();
  });

  it('nobody at all is not a framing problem (the checker says out of frame)', () => {
    expect(framingIssue(frame(withScores(onAllFours, 0.1)))).toBeNull();
    expect(framingIssue(frame({}))).toBeNull();
  });
});

describe('FramingGate', () => {
  it('raises an issue only after it lasts 1 s and clears it after 0.5 s without it', () => {
    const gate = new FramingGate();
    const far = scaled(onAllFours, 1 / 4);
    expect(gate.step(frame(far, 0))).toBeNull();
    expect(gate.step(frame(far, 900))).toBeNull();
    expect(gate.step(frame(far, 1000))).toBe('too-far');
    expect(gate.step(frame(onAllFours, 1100))).toBe('too-far');
    expect(gate.step(frame(onAllFours, 1500))).toBe('too-far');
    expect(gate.step(frame(onAllFours, 1600))).toBeNull();
  });

  it('a one-frame glitch never raises anything', () => {
    const gate = new FramingGate();
    const issues = [0, 33, 66, 100, 133].map((t) => gate.step(frame(t === 66 ? scaled(onAllFours, 1 / 4) : onAllFours, t)));
    expect(issues.every((issue) => issue === null)).toBe(true);
  });
});

describe('CoachPipeline with framing guidance', () => {
  const knots = catCowKnots(4);
  const durationMs = knots.at(-1)![0];
  /** Cat-cow reps where the person is too far away from 5 s to 12 s. */
  const frames = sampleFrames((tMs) => {
    const pose = allFoursKeypoints({ archDeg: interpolate(knots, tMs) });
    return tMs >= 5000 && tMs < 12000 ? scaled(pose, 1 / 4) : pose;
  }, durationMs);

  it('shows the framing cue and counts nothing while the person is too far', () => {
    const pipeline = new CoachPipeline(new CatCowChecker(), { framing: DEFAULT_FRAMING });
    const outputs = frames.map((f) => pipeline.process(f));
    const far = outputs.filter((o) => o.tMs >= 6100 && o.tMs < 12000);
    expect(far.length).toBeGreaterThan(100);
    expect(far.every((o) => o.framingIssue === 'too-far' && !o.counting && o.cue?.id === FRAMING_CUES['too-far'].id)).toBe(true);
    const repsAt = (t: number) => outputs.find((o) => o.tMs >= t)!.reps.total;
    expect(repsAt(11_900)).toBe(repsAt(6100));
    // Back in range, counting resumes.
    expect(outputs.at(-1)!.framingIssue).toBeNull();
    expect(outputs.at(-1)!.reps.total).toBeGreaterThan(repsAt(11_900));
  });

  it('off (null) leaves the checker alone', () => {
    const pipeline = new CoachPipeline(new CatCowChecker(), { framing: null });
    expect(frames.map((f) => pipeline.process(f)).every((o) => o.framingIssue === null)).toBe(true);
  });
});

describe('framing on the real recorded traces', () => {
  const traces = TRACE_CLIPS.flatMap((clip) => TRACE_MODELS.map((model) => [clip, model] as const));
  it.each(traces)('raises nothing on %s with %s (people at a normal distance, in fair light)', (clip, model) => {
    const recorded = clipTrace(clip, model);
    const gate = new FramingGate();
    const raised = recorded.map((f) => gate.step(f)).filter((issue) => issue !== null);
    expect(raised).toEqual([]);
  });
});
