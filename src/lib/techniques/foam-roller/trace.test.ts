/**
 * The checker on keypoints the real models produced on ../shared/fixtures/video/bridge-side.mp4
 * (glute bridges: the foam-roller hip lift without the roller; recorded by `npm run record-trace`,
 * in ../../testing/traces).
 *
 * Ground truth: BRIDGE_CLIP in tests/fixture-labels.ts, labelled from the video frame by frame.
 */
import { describe, expect, it } from 'vitest';
import { BOUNDARY_TOLERANCE_S, BRIDGE_CLIP, type LabelledSpan } from '../../../../tests/fixture-labels';
import { replay } from '../../coaching/replay';
import type { PhaseSpan } from '../../coaching/timeline';
import type { PoseFrame } from '../../pose/keypoints';
import { clipTrace, cut, reversed, TRACE_MODELS } from '../../testing/traces';
import { FoamRollerChecker, type FoamRollerOutput } from './checker';

const LYING = ['lying-back'] as const;

const OBSERVED_HIPS_UP: readonly LabelledSpan[] = BRIDGE_CLIP.hipsUp;
const OBSERVED_COMPLETED_LIFTS = BRIDGE_CLIP.completedLifts;
/** After the second lift is down and before the third comes down: every completed lift is in. */
const BEFORE_LAST_LOWERING_MS = 9400;

/**
 * How late a detected hips-up may end after the label's end. The label ends when the hips pass
 * half height on the way down; the checker leaves hips-up only once the hip angle stays under
 * its exit threshold (155°, about two thirds of the way down) for the 200 ms dwell, and the
 * pipeline's One Euro smoothing lags the raw angle by ~5° while lowering. Measured: 0.45–0.6 s.
 */
const END_LAG_TOLERANCE_S = 0.8;

/** Frames up to `endMs`, then played backward, `times` over, on one continuous clock. */
function forwardBackward(frames: readonly PoseFrame[], endMs: number, times: number): PoseFrame[] {
  const part = frames.filter((frame) => frame.tMs <= endMs);
  const stepMs = frames[1]!.tMs - frames[0]!.tMs;
  const loop = [...part, ...[...part].reverse()];
  const out: PoseFrame[] = [];
  for (let i = 0; i < times; i++) for (const frame of loop) out.push({ ...frame, tMs: out.length * stepMs });
  return out;
}

/** Problems between the detected hips-up spans and the observed ones (empty when they match). */
function compareHipsUp(detected: readonly PhaseSpan[], clipEndMs: number): string[] {
  const problems: string[] = [];
  const found = detected.filter((span) => span.phase === 'hips-up');
  const overlaps = (span: PhaseSpan, label: LabelledSpan) => span.startMs < label.endS * 1000 && span.endMs > label.startS * 1000;
  for (const label of OBSERVED_HIPS_UP) {
    const matches = found.filter((span) => overlaps(span, label));
    if (matches.length !== 1) {
      problems.push(`label ${label.startS}–${label.endS} s overlaps ${matches.length} detected spans`);
      continue;
    }
    const span = matches[0]!;
    if (Math.abs(span.startMs - label.startS * 1000) > BOUNDARY_TOLERANCE_S * 1000) {
      problems.push(`span starts at ${span.startMs} ms, label ${label.startS * 1000} ms`);
    }
    const lateMs = span.endMs - label.endS * 1000;
    // The last lift is still coming down at the clip's end: its span runs to the end.
    const open = span.endMs >= clipEndMs;
    if (!open && (lateMs < 0 || lateMs > END_LAG_TOLERANCE_S * 1000)) {
      problems.push(`span ends at ${span.endMs} ms, label ${label.endS * 1000} ms`);
    }
  }
  for (const span of found) {
    if (!OBSERVED_HIPS_UP.some((label) => overlaps(span, label))) problems.push(`unlabelled hips-up ${span.startMs}–${span.endMs} ms`);
  }
  return problems;
}

describe.each(TRACE_MODELS)('bridge trace recorded with %s', (model) => {
  const trace = { frames: clipTrace('bridge-side', model) };
  const clipEndMs = BRIDGE_CLIP.durationS * 1000;

  it('covers the whole clip', () => {
    expect(trace.frames.length).toBeGreaterThan(290);
    expect(trace.frames.at(-1)!.tMs).toBeGreaterThan(9900);
  });

  it(`counts exactly the ${OBSERVED_COMPLETED_LIFTS} completed lifts when the clip ends (the third, still up, is not complete)`, () => {
    expect(replay(new FoamRollerChecker(), trace.frames, { positions: LYING, finish: true }).final?.reps.total).toBe(OBSERVED_COMPLETED_LIFTS);
  });

  it('the edges: a clip that opens with the hips up does not count their way down', () => {
    // From 2.5 s the hips are up (the first lift's start unseen): only the second lift counts.
    expect(replay(new FoamRollerChecker(), cut(trace.frames, 2500), { positions: LYING, finish: true }).final?.reps.total).toBe(1);
    // Played backwards it opens in the third lift on its way up, unseen from the floor: two lifts.
    expect(replay(new FoamRollerChecker(), reversed(trace.frames), { positions: LYING, finish: true }).final?.reps.total).toBe(2);
    // Cut at 4.5 s: one whole lift, rested after.
    expect(replay(new FoamRollerChecker(), cut(trace.frames, 0, 4500), { positions: LYING, finish: true }).final?.reps.total).toBe(1);
  });

  it(`counts the ${OBSERVED_COMPLETED_LIFTS} completed lifts, and sees the third one up`, () => {
    const { outputs, timeline } = replay(new FoamRollerChecker(), trace.frames, { positions: LYING });
    const beforeLast = outputs.filter((o) => o.tMs <= BEFORE_LAST_LOWERING_MS).at(-1)!;
    expect(beforeLast.reps.total).toBe(OBSERVED_COMPLETED_LIFTS);
    expect(beforeLast.phase).toBe('hips-up');
    expect(timeline.of('hips-up')).toHaveLength(OBSERVED_HIPS_UP.length);
  });

  it(`matches each observed hips-up span: start within ${BOUNDARY_TOLERANCE_S} s, end no more than ${END_LAG_TOLERANCE_S} s late`, () => {
    const { timeline } = replay(new FoamRollerChecker(), trace.frames, { positions: LYING, endMs: clipEndMs });
    expect(compareHipsUp(timeline.spans, clipEndMs)).toEqual([]);
  });

  it('counts exactly 12 lifts when the first 8 s (two whole lifts) are played forward then backward three times', () => {
    // Cut at 8.0 s, in the rest after the second lift, so every lift in the loop is whole.
    expect(replay(new FoamRollerChecker(), forwardBackward(trace.frames, 8000, 3), { positions: LYING }).final?.reps.total).toBe(12);
  });

  it('sees a clean bridge: always in frame, no form fault, no roll pass, holds shorter than 3 s not completed', () => {
    const { outputs } = replay(new FoamRollerChecker(), trace.frames, { positions: LYING });
    expect(outputs.filter((o) => !o.counting)).toEqual([]);
    const events = outputs.flatMap((o) => o.events);
    expect(events.filter((e) => e.type === 'formFault')).toEqual([]);
    expect(events.filter((e) => e.type === 'holdCompleted')).toEqual([]);
    expect(events.filter((e) => e.type === 'holdStarted')).toHaveLength(3);
    const last = outputs.at(-1) as unknown as FoamRollerOutput;
    expect(last.rollPasses).toBe(0);
    // Lifting does not move the shoulders along the floor: the roll position stays within 0.2 torso lengths.
    const positions = outputs.map((o) => (o as unknown as FoamRollerOutput).rollPosition).filter((p): p is number => p !== null);
    expect(Math.max(...positions) - Math.min(...positions)).toBeLessThan(0.25);
    expect(new Set(outputs.map((o) => o.cue?.id ?? null))).toEqual(new Set([null, 'lift-hips']));
  });
});
