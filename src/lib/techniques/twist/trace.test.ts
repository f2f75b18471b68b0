/**
 * The twist checker on keypoints the real models produced on
 * ../shared/fixtures/video/seated-twist-front.mp4: a woman on a chair who starts moving half a
 * second in (no still moment to calibrate from), twists to her right, then to her left (the
 * fixtures README has the sides the other way round; SEATED_TWIST_CLIP says why).
 */
import { describe, expect, it } from 'vitest';
import { BOUNDARY_TOLERANCE_S, SEATED_TWIST_CLIP } from '../../../../tests/fixture-labels';
import { replay } from '../../coaching/replay';
import { clipTrace, cut, reversed, TRACE_MODELS } from '../../testing/traces';
import { SEATED_TWIST_OPTIONS, TwistChecker } from './checker';

const positions = ['sitting'] as const;

describe.each(TRACE_MODELS)('seated-twist trace recorded with %s', (model) => {
  const frames = clipTrace('seated-twist-front', model);
  const run = (clip = frames) => replay(new TwistChecker(SEATED_TWIST_OPTIONS), clip, { positions, finish: true, endMs: clip.at(-1)!.tMs });

  it('counts exactly 1 twist to each side, right first, without a still neutral at the start', () => {
    const { final, outputs } = run();
    expect(final?.reps).toEqual(SEATED_TWIST_CLIP.reps);
    const sides = outputs.flatMap((o) => o.events.flatMap((e) => (e.type === 'repCompleted' ? [e.side] : [])));
    expect(sides).toEqual([...SEATED_TWIST_CLIP.order]);
  });

  it(`each twist starts within ${BOUNDARY_TOLERANCE_S} s of the labels and covers them`, () => {
    const { timeline } = run();
    for (const label of SEATED_TWIST_CLIP.spans) {
      const spans = timeline.of(label.label);
      expect(spans).toHaveLength(1);
      const span = spans[0]!;
      expect(span.startMs).toBeLessThan(label.startS * 1000 + BOUNDARY_TOLERANCE_S * 1000);
      expect(span.endMs).toBeGreaterThan(label.endS * 1000);
    }
  });

  it('is never out of frame, in a wrong view or a wrong position; calibration never holds up the count', () => {
    const { outputs } = run();
    expect(outputs.filter((o) => ['out-of-frame', 'wrong-view', 'wrong-position', 'several-people'].includes(o.phase))).toEqual([]);
    // The calibrating phase ends by the fallback time at the latest.
    expect(outputs.filter((o) => o.phase === 'calibrating' && o.tMs > SEATED_TWIST_OPTIONS.calibrationFallbackMs + 500)).toEqual([]);
  });

  it('the edges: played backwards it is left then right (BlazePose); cut to open mid-twist, that twist does not count', () => {
    // MoveNet reads the same neutral pose 0.82 torso lengths wide at the start and 1.0 at the
    // end; played backwards it calibrates on the wide one, and the centre between the twists
    // still reads ~30°, so the two twists merge into one. A known 2D limit (README, Accuracy):
    // the twists are coached with BlazePose by default.
    if (model !== 'lightning') expect(run(reversed(frames)).final?.reps).toEqual(SEATED_TWIST_CLIP.reps);
    // From 4 s: she is deep in the right twist, whose start was not seen.
    const late = run(cut(frames, 4000));
    expect(late.final?.reps).toEqual({ total: 1, left: 1, right: 0 });
  });
});
