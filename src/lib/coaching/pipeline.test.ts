import { describe, it, expect } from 'vitest';
import type { KeypointMap, PoseFrame } from '../pose/keypoints';
import { CatCowChecker } from '../techniques/cat-cow/checker';
import { allFoursKeypoints, catCowKnots, interpolate, sampleFrames } from '../testing/synthetic';
import { CoachPipeline, type PipelineOutput } from './pipeline';
import { replay } from './replay';

const knots = catCowKnots(2);
const durationMs = knots[knots.length - 1]![0];
const poseAt = (tMs: number): KeypointMap => allFoursKeypoints({ archDeg: interpolate(knots, tMs) });
const NOISE = 0.005;
const clean = sampleFrames(poseAt, durationMs);
const noisy = sampleFrames(poseAt, durationMs, { noise: NOISE, seed: 7 });

function run(frames: readonly PoseFrame[], pipeline = new CoachPipeline(new CatCowChecker())): PipelineOutput[] {
  return frames.map((frame) => pipeline.process(frame));
}

/** Mean Euclidean distance between the keypoints two frames share with `reference`. */
function meanError(frames: readonly PoseFrame[], reference: readonly PoseFrame[]): number {
  let total = 0;
  let count = 0;
  frames.forEach((frame, i) => {
    for (const [name, ref] of Object.entries(reference[i]!.keypoints)) {
      const point = frame.keypoints[name as keyof KeypointMap];
      if (!point || !ref) continue;
      total += Math.hypot(point.x - ref.x, point.y - ref.y);
      count++;
    }
  });
  return total / count;
}

describe('the synthetic input', () => {
  it('is two slow cat-cow reps, with the same timestamps clean and noisy', () => {
    expect(durationMs).toBe(19_500);
    expect(clean).toHaveLength(586);
    expect(noisy.map((frame) => frame.tMs)).toEqual(clean.map((frame) => frame.tMs));
    expect(noisy[0]!.keypoints.nose!.x).not.toBe(clean[0]!.keypoints.nose!.x);
  });
});

describe('CoachPipeline', () => {
  it('counts the two reps through smoothing', () => {
    expect(run(noisy).at(-1)!.reps.total).toBe(2);
  });

  it('outputs the smoothed frame: not the raw one, and closer to the clean pose on average', () => {
    const outputs = run(noisy);
    const smoothed = outputs.map((output) => output.frame);
    smoothed.forEach((frame, i) => {
      const raw = noisy[i]!;
      expect(frame).not.toBe(raw);
      expect(frame.tMs).toBe(raw.tMs);
      expect(frame.aspect).toBe(raw.aspect);
      expect(outputs[i]!.tMs).toBe(raw.tMs);
      // Every raw keypoint (all score ≥ 0.72 here) is kept, under the same names.
      expect(Object.keys(frame.keypoints).sort()).toEqual(Object.keys(raw.keypoints).sort());
    });
    // The first frame passes through the filter unchanged; later ones are filtered.
    expect(smoothed[0]!.keypoints).toEqual(noisy[0]!.keypoints);
    const changed = smoothed.slice(1).filter((frame, i) => frame.keypoints.left_shoulder!.x !== noisy[i + 1]!.keypoints.left_shoulder!.x);
    expect(changed).toHaveLength(smoothed.length - 1);

    const rawError = meanError(noisy, clean);
    const smoothedError = meanError(smoothed, clean);
    // Raw error of 2D Gaussian noise with σ = 0.005 per axis: σ·√(π/2) ≈ 0.00627.
    expect(rawError).toBeGreaterThan(0.0055);
    expect(rawError).toBeLessThan(0.007);
    // Smoothing more than halves it (measured: ≈ 0.0029 against ≈ 0.0063).
    expect(smoothedError).toBeLessThan(rawError * 0.6);
  });

  it('schedules cues: shownCue is always an earlier raw cue that had held ≥ 400 ms when it appeared', () => {
    const outputs = run(noisy);
    const rawIds = outputs.map((output) => output.cue?.id ?? null);
    let changes = 0;
    let differsFromRaw = 0;
    outputs.forEach((output, i) => {
      const shown = output.shownCue?.id ?? null;
      if (shown !== rawIds[i]) differsFromRaw++;
      if (shown === null) return;
      // Only ever a cue the checker has produced up to this frame.
      expect(rawIds.slice(0, i + 1)).toContain(shown);
      const previous = i > 0 ? (outputs[i - 1]!.shownCue?.id ?? null) : null;
      if (shown === previous) return;
      changes++;
      // It appears on a frame where the raw cue is that cue, and has been for ≥ 400 ms.
      expect(rawIds[i]).toBe(shown);
      let start = i;
      while (start > 0 && rawIds[start - 1] === shown) start--;
      expect(output.tMs - outputs[start]!.tMs).toBeGreaterThanOrEqual(400);
      // A newly shown cue on this run is always spoken (each is > 8 s after its last time).
      expect(output.spokenCue?.id).toBe(shown);
    });
    // Two breath prompts per rep plus the closing one.
    expect(changes).toBe(5);
    expect(outputs.filter((output) => output.spokenCue !== null).map((output) => [output.tMs, output.spokenCue!.id])).toEqual([
      [400, 'inhale-cow'],
      [4733, 'exhale-cat'],
      [9033, 'inhale-cow'],
      [13700, 'exhale-cat'],
      [18067, 'inhale-cow'],
    ]);
    // The scheduling is doing something: the shown cue lags and outlasts the raw one.
    expect(differsFromRaw).toBeGreaterThan(50);
  });

  it('never shows a brief form fault (three frames of hands far ahead)', () => {
    const glitchAt = [3000, 3033, 3067];
    const frames = sampleFrames(
      (tMs) => allFoursKeypoints({ archDeg: interpolate(knots, tMs), wristOffset: glitchAt.includes(tMs) ? 1.5 : 0 }),
      durationMs,
      { noise: NOISE, seed: 7 },
    );
    const outputs = run(frames);
    const rawFault = outputs.filter((output) => output.cue?.id === 'hands-under-shoulders');
    expect(rawFault.length).toBeGreaterThan(0);
    expect(rawFault.every((output) => output.tMs >= 3000 && output.tMs < 3400)).toBe(true);
    expect(outputs.some((output) => output.shownCue?.id === 'hands-under-shoulders')).toBe(false);
    expect(outputs.some((output) => output.spokenCue?.id === 'hands-under-shoulders')).toBe(false);
  });

  it('processEmpty: phase stays through the 300 ms grace, then out-of-frame, and its cue is shown 400 ms later', () => {
    const pipeline = new CoachPipeline(new CatCowChecker());
    const still = sampleFrames(() => allFoursKeypoints({ archDeg: 0 }), 1000, { noise: NOISE, seed: 3 });
    const before = run(still, pipeline).at(-1)!;
    expect(before.tMs).toBe(1000);
    expect(before.phase).toBe('neutral');
    expect(before.shownCue?.id).toBe('inhale-cow');

    const t0 = 1033;
    const empty = Array.from({ length: 40 }, (_, k) => pipeline.processEmpty(t0 + 33 * k, 16 / 9));
    empty.forEach((output, k) => {
      expect(output.frame).toEqual({ tMs: t0 + 33 * k, aspect: 16 / 9, keypoints: {} });
      expect(output.metric).toBeNull();
      expect(output.counting).toBe(false);
    });
    // 297 ms missing: still in the grace time. 330 ms: out of frame.
    expect(empty.slice(0, 10).map((output) => output.phase)).toEqual(Array(10).fill('neutral'));
    expect(empty.slice(0, 10).every((output) => output.cue === null)).toBe(true);
    expect(empty.slice(10).every((output) => output.phase === 'out-of-frame' && output.cue?.id === 'out-of-frame')).toBe(true);
    expect(empty[10]!.events.map((event) => event.type)).toEqual(['outOfFrame', 'phaseChanged']);
    expect(empty.flatMap((output, k) => (k === 10 ? [] : output.events))).toEqual([]);

    // The out-of-frame cue (priority 90) replaces the breath prompt once settled:
    // raw from 1363 ms, shown at the first frame ≥ 1763 ms, which is 1792 ms (k = 23).
    expect(empty[22]!.shownCue?.id).toBe('inhale-cow');
    expect(empty[23]!.tMs).toBe(1792);
    expect(empty[23]!.shownCue?.id).toBe('out-of-frame');
    expect(empty[23]!.spokenCue?.id).toBe('out-of-frame');
    expect(empty.filter((output) => output.spokenCue !== null)).toHaveLength(1);
  });

  it('reset() makes a second run identical to the first', () => {
    const pipeline = new CoachPipeline(new CatCowChecker());
    const first = run(noisy, pipeline);
    pipeline.reset();
    const second = run(noisy, pipeline);
    expect(second).toEqual(first);
    expect(second.at(-1)!.reps.total).toBe(2);
  });

  it('without reset() a second run carries state over (so the reset test can fail)', () => {
    const pipeline = new CoachPipeline(new CatCowChecker());
    const first = run(noisy, pipeline);
    const second = run(noisy, pipeline);
    expect(second).not.toEqual(first);
    expect(second.at(-1)!.reps.total).toBe(4);
  });
});

describe('replay', () => {
  it('gives the same outputs as a fresh pipeline and a timeline of their phases', () => {
    const expected = run(noisy);
    const result = replay(new CatCowChecker(), noisy, 20_000);
    expect(result.outputs).toEqual(expected);
    expect(result.final).toBe(result.outputs.at(-1));

    const spans = result.timeline.spans;
    expect(spans.map((span) => span.phase)).toEqual(['neutral', 'cow', 'neutral', 'cat', 'neutral', 'cow', 'neutral', 'cat', 'neutral']);
    expect(spans[0]!.startMs).toBe(0);
    expect(spans.at(-1)!.endMs).toBe(20_000);
    // Each span starts on the frame whose phase changed.
    const changeTimes = expected.filter((output, i) => i === 0 || output.phase !== expected[i - 1]!.phase).map((output) => output.tMs);
    expect(spans.map((span) => span.startMs)).toEqual(changeTimes);
    expect(result.timeline.of('cow')).toHaveLength(2);
    expect(result.timeline.of('cat')).toHaveLength(2);
  });

  it('without endMs the last span ends on the last frame', () => {
    const result = replay(new CatCowChecker(), noisy);
    expect(result.timeline.spans.at(-1)!.endMs).toBe(19_500);
  });

  it('of no frames gives no outputs, no spans and no final output', () => {
    const result = replay(new CatCowChecker(), []);
    expect(result.outputs).toEqual([]);
    expect(result.timeline.spans).toEqual([]);
    expect(result.final).toBeUndefined();
  });
});
