import { describe, expect, it } from 'vitest';
import { replay } from '../../coaching/replay';
import type { PoseFrame } from '../../pose/keypoints';
import { runChecker, runTwice } from '../../testing/checker-run';
import { STANDING, frontKeypoints, sampleFrames, sampleFrontFrames, selfHugKnots, type FrontChannels, type FrontPose } from '../../testing/synthetic-front';
import type { CheckerEvent } from '../types';
import { DEFAULT_SELF_HUG_OPTIONS, SELF_HUG_CUES, SelfHugChecker, readHugView, reachRatio, roundingOf, selfHugBaselineFrom, type SelfHugOptions } from './checker';

const options = DEFAULT_SELF_HUG_OPTIONS;

/** Checker alone, no smoothing: exact geometry in, exact phases out. */
const run = (frames: PoseFrame[], opts: Partial<SelfHugOptions> = {}) => runChecker(new SelfHugChecker(opts), frames);

const standing = (channels: FrontChannels, durationMs?: number, frameOptions = {}, base: FrontPose = STANDING) =>
  sampleFrontFrames(base, channels, durationMs, frameOptions);

describe('self-hug measurements', () => {
  const baseline = selfHugBaselineFrom([readHugView(frontKeypoints(STANDING), 0.3).view!])!;
  const measure = (pose: FrontPose) => {
    const view = readHugView(frontKeypoints({ ...STANDING, ...pose }), 0.3).view!;
    return { reach: reachRatio(view)!, rounding: roundingOf(view, baseline) };
  };

  it('reach: wrists at the opposite shoulders ≈ 0.12 torso lengths, hanging ≈ 1.4, crossed low ≈ 0.58', () => {
    expect(measure({ armsCrossed: 1 }).reach).toBeCloseTo(0.125, 3);
    expect(measure({ armsCrossed: 0 }).reach).toBeGreaterThan(1.3);
    const low = measure({ armsCrossed: 1, wristDrop: 0.6 }).reach;
    expect(low).toBeGreaterThan(options.hugEnterRatio);
    expect(low).toBeLessThan(options.hugExitRatio);
  });

  it('rounding: shoulders in reads exactly, the head drop adds on top', () => {
    expect(measure({}).rounding.roundingPct).toBeCloseTo(0, 9);
    expect(measure({ shoulderRounding: 0.15 }).rounding.shoulderInPct).toBeCloseTo(15, 6);
    expect(measure({ shoulderRounding: 0.15 }).rounding.headDropPct).toBeCloseTo(0, 6);
    const full = measure({ shoulderRounding: 0.15, headDropDeg: 40 }).rounding;
    expect(full.headDropPct).toBeCloseTo(33.8, 0);
    expect(full.roundingPct).toBeCloseTo(48.8, 0);
    // Crossing the arms alone rounds nothing.
    expect(measure({ armsCrossed: 1 }).rounding.roundingPct).toBeCloseTo(0, 9);
  });
});

describe('SelfHugChecker: never stuck calibrating, whole movements only', () => {
  it('a user who hugs at once: the issue is named, the tallest frames stand in after 4 s, and the first hug (start unseen) is no rep', () => {
    // Arms crossed and rounded from the first frame, released at 9 s; then one full hug.
    const channels: FrontChannels = {
      armsCrossed: [[0, 1], [9000, 1], [10_000, 0], [12_000, 0], [13_000, 1], [21_000, 1], [22_000, 0], [24_000, 0]],
      headDropDeg: [[0, 0], [1000, 0], [2000, 40], [9000, 40], [10_000, 0], [13_500, 0], [14_500, 40], [21_000, 40], [22_000, 0], [24_000, 0]],
    };
    const { outputs, final } = run(standing(channels));
    const at = (tMs: number) => outputs.find((o) => o.tMs >= tMs)!;
    expect(at(1000)).toMatchObject({ phase: 'calibrating', calibrationIssue: 'arms-not-down', cue: SELF_HUG_CUES.armsDown });
    expect(at(4500).calibrationRemainingMs).toBeUndefined();
    expect(at(4500).baseline).toBe('typical');
    expect(at(6000).holdMs).toBe(0);
    expect(final.reps.total).toBe(1);
  });

  it('finish() counts a hold that reached its target; interrupt() drops one', () => {
    const checker = new SelfHugChecker();
    const frames = standing(selfHugKnots(1, { releaseMs: 1500 }), 12_000);
    for (const frame of frames) checker.step(frame);
    expect(checker.finish(12_000).reps.total).toBe(1);
    const dropped = new SelfHugChecker();
    for (const frame of frames) dropped.step(frame);
    dropped.interrupt();
    expect(dropped.finish(12_000).reps.total).toBe(0);
  });
});

describe('SelfHugChecker calibration', () => {
  it('counts down calibrationMs standing tall, then says neutral', () => {
    const { outputs, phases } = run(standing({}, 4000));
    const at = (tMs: number) => outputs.find((o) => o.tMs === tMs)!;
    expect(at(0)).toMatchObject({ phase: 'calibrating', calibrationRemainingMs: 2000, metric: null, counting: false, cue: SELF_HUG_CUES.calibrate });
    expect(at(1000)).toMatchObject({ phase: 'calibrating', calibrationRemainingMs: 1000 });
    expect(at(1967)).toMatchObject({ phase: 'calibrating', calibrationRemainingMs: 33 });
    expect(at(2000)).toMatchObject({ phase: 'neutral', counting: true, cue: SELF_HUG_CUES.crossArms });
    expect(at(2000).calibrationRemainingMs).toBeUndefined();
    expect(at(2000).metric).toBeCloseTo(0, 6);
    expect(phases).toEqual(['neutral']);
  });

  it('does not calibrate while the arms are crossed', () => {
    // Arms crossed 500–1500 ms (reach under hugExitRatio for part of the moves): the clock pauses.
    const channels: FrontChannels = { armsCrossed: [[0, 0], [500, 1], [1000, 1], [1500, 0], [5000, 0]] };
    const { outputs } = run(standing(channels));
    const calibratedAt = outputs.find((o) => o.phase === 'neutral')!.tMs;
    expect(calibratedAt).toBeGreaterThan(2500);
    expect(outputs.find((o) => o.tMs === 1000)!.calibrationRemainingMs).toBe(outputs.find((o) => o.tMs === 900)!.calibrationRemainingMs);
  });
});

describe('SelfHugChecker holds and reps', () => {
  it('counts three slow hugs as three reps, each a completed 5 s hold', () => {
    const { final, phases, events, count } = run(standing(selfHugKnots(3)));
    expect(final.reps.total).toBe(3);
    expect(phases).toEqual(['neutral', 'hug', 'neutral', 'hug', 'neutral', 'hug', 'neutral']);
    expect(count('holdStarted')).toBe(3);
    expect(count('holdCompleted')).toBe(3);
    expect(count('formFault')).toBe(0);
    const reps = events.filter((e): e is Extract<CheckerEvent, { type: 'repCompleted' }> => e.type === 'repCompleted');
    expect(reps.map((e) => e.repIndex)).toEqual([1, 2, 3]);
    for (const rep of reps) {
      expect(rep.peakMetric).toBeCloseTo(48.8, 0);
      expect(rep.durationMs).toBeGreaterThan(options.holdMs);
    }
    for (const done of events.filter((e) => e.type === 'holdCompleted')) {
      expect(done.type === 'holdCompleted' && done.durationMs).toBeGreaterThanOrEqual(options.holdMs);
      expect(done.type === 'holdCompleted' && done.durationMs).toBeLessThan(options.holdMs + 34);
    }
  });

  it('counts the hold time up from the start of the hold', () => {
    const { outputs, events } = run(standing(selfHugKnots(1)));
    const started = events.find((e) => e.type === 'holdStarted')!.tMs;
    expect(outputs.find((o) => o.tMs === started)!.holdMs).toBe(0);
    expect(outputs.find((o) => o.tMs >= started + 3000)!.holdMs).toBeGreaterThanOrEqual(3000);
    expect(outputs.filter((o) => o.tMs < started).every((o) => o.holdMs === 0)).toBe(true);
  });

  it('a hold let go halfway is not completed and is no rep', () => {
    const { final, count, events } = run(standing(selfHugKnots(1, { holdMs: 1500 })));
    expect(count('holdStarted')).toBe(1);
    expect(count('holdCompleted')).toBe(0);
    expect(final.reps.total).toBe(0);
    expect(events.filter((e) => e.type === 'formFault' && e.fault === 'hold-broken')).toHaveLength(1);
  });

  it('rounding jitter inside the dead band never starts a hold', () => {
    // Arms crossed high; shoulders jitter 14–26% in (crossing the 25% entry) at 4 Hz.
    const { count, final, phases } = run(
      sampleFrontFramesFn((tMs) => ({ armsCrossed: tMs < 3000 ? 0 : 1, shoulderRounding: tMs < 3000 ? 0 : 0.2 + 0.06 * Math.sin((tMs / 1000) * 2 * Math.PI * 4) }), 15_000),
    );
    expect(phases).toEqual(['neutral', 'hug']);
    expect(count('holdStarted')).toBe(0);
    expect(final.reps.total).toBe(0);
    // A slow wobble that stays inside the 15–25% band changes nothing either.
    const slow = run(sampleFrontFramesFn((tMs) => ({ armsCrossed: tMs < 3000 ? 0 : 1, shoulderRounding: tMs < 3000 ? 0 : 0.2 + 0.04 * Math.sin((tMs / 1000) * 2 * Math.PI * 0.5) }), 15_000));
    expect(slow.count('holdStarted')).toBe(0);
  });

  it('wobble around the release threshold during a hold makes no extra hold or rep', () => {
    // One hold (48.8%) that completes; then, still hugging, rounding wobbles 14–38% at 0.5 Hz:
    // below the 15% exit for ≈ 0.26 s at a time (under the release dwell), above the 25% entry for ≈ 1 s.
    const pose = (tMs: number): FrontPose => {
      if (tMs < 3000) return {};
      if (tMs < 10_000) return { armsCrossed: 1, shoulderRounding: 0.15, headDropDeg: 40 };
      if (tMs < 16_000) return { armsCrossed: 1, shoulderRounding: 0.26 + 0.12 * Math.sin((tMs / 1000) * 2 * Math.PI * 0.5) };
      return {};
    };
    const { count, final } = run(sampleFrontFramesFn(pose, 20_000));
    expect(count('holdStarted')).toBe(1);
    expect(count('holdCompleted')).toBe(1);
    expect(count('formFault')).toBe(0);
    expect(final.reps.total).toBe(1);
  });

  it('a completed hold then letting the rounding go (arms still crossed) is a rep', () => {
    const pose = (tMs: number): FrontPose => {
      if (tMs < 3000) return {};
      if (tMs < 10_000) return { armsCrossed: 1, shoulderRounding: 0.15, headDropDeg: 40 };
      return { armsCrossed: 1 };
    };
    const { final, phases } = run(sampleFrontFramesFn(pose, 13_000));
    expect(final.reps.total).toBe(1);
    expect(phases).toEqual(['neutral', 'hug']);
  });
});

describe('SelfHugChecker cues', () => {
  it('arms crossed low: "cross your arms higher", not a hug', () => {
    const { at, phases } = run(standing({ armsCrossed: [[0, 0], [3000, 0], [4000, 1]], wristDrop: [[0, 0.6]] }, 8000));
    expect(phases).toEqual(['neutral']);
    expect(at(6000).cue).toEqual(SELF_HUG_CUES.crossHigher);
  });

  it('guides through a hug: round the back, breathe out in the hold, release when done', () => {
    const { outputs, at } = run(standing(selfHugKnots(1, { roundMs: 3000 })));
    expect(at(2500).cue).toEqual(SELF_HUG_CUES.crossArms);
    // Arms crossed at 4 s, rounding ramps 4–7 s: just after crossing, not yet rounded.
    expect(at(4400)).toMatchObject({ phase: 'hug', cue: SELF_HUG_CUES.roundBack });
    const holding = outputs.filter((o) => o.holdMs > 0);
    expect(holding[0]!.cue).toEqual(SELF_HUG_CUES.breatheOut);
    expect(holding.find((o) => o.holdMs >= options.holdMs)!.cue).toEqual(SELF_HUG_CUES.release);
  });
});

describe('SelfHugChecker framing and view', () => {
  it('rides out a short dropout but reports a long one as out of frame, breaking the hold', () => {
    const knots = selfHugKnots(1);
    const short = run(standing(knots, undefined, { gaps: [[7000, 7300]] }));
    expect(short.phases).not.toContain('out-of-frame');
    expect(short.final.reps.total).toBe(1);

    const long = run(standing(knots, undefined, { gaps: [[7000, 8500]] }));
    expect(long.count('outOfFrame')).toBe(1);
    expect(long.count('backInFrame')).toBe(1);
    expect(long.at(7400).phase).toBe('hug');
    const during = long.at(8000);
    expect(during).toMatchObject({ phase: 'out-of-frame', cue: SELF_HUG_CUES.outOfFrame, counting: false, metric: null, holdMs: 0 });
    expect(SELF_HUG_CUES.outOfFrame.text).toBe('Step back so your head to hips are in view');
    // The hold breaks when the grace runs out; back in view, a new hold starts but is too short to complete.
    const broken = long.events.filter((e) => e.type === 'formFault' && e.fault === 'hold-broken');
    expect(broken[0]!.tMs).toBe(long.events.find((e) => e.type === 'outOfFrame')!.tMs);
    expect(long.count('holdCompleted')).toBe(0);
    expect(long.final.reps.total).toBe(0);
  });

  it('side-on to the camera: wrong view, asks to face the camera, counts nothing', () => {
    const { outputs, final } = run(standing(selfHugKnots(1), undefined, {}, { ...STANDING, turnDeg: 80 }));
    expect(final.reps.total).toBe(0);
    expect(outputs.every((o) => o.phase === 'wrong-view' && !o.counting)).toBe(true);
    expect(final.cue).toEqual(SELF_HUG_CUES.faceCamera);
  });
});

describe('SelfHugChecker with noise and smoothing', () => {
  it('counts the same reps through the full pipeline with noise and dropped keypoints', () => {
    const { final, timeline } = replay(new SelfHugChecker(), standing(selfHugKnots(3), undefined, { noise: 0.0015, dropRate: 0.05, seed: 9 }));
    expect(final?.reps.total).toBe(3);
    expect(timeline.of('hug')).toHaveLength(3);
  });
});

describe('SelfHugChecker determinism', () => {
  it('gives identical outputs for identical frames, and after reset', () => {
    const frames = standing(selfHugKnots(2), undefined, { noise: 0.001, seed: 3 });
    const [first, second] = runTwice(new SelfHugChecker(), frames);
    expect(second).toEqual(first);
    expect(first.at(-1)!.reps.total).toBe(2);
  });

  it('recalibrate() keeps the reps and calibrates again', () => {
    const frames = standing(selfHugKnots(1));
    const checker = new SelfHugChecker();
    frames.forEach((f) => checker.step(f));
    checker.recalibrate();
    const last = frames.at(-1)!;
    const next = checker.step({ ...last, tMs: last.tMs + 33 });
    expect(next).toMatchObject({ phase: 'calibrating', calibrationRemainingMs: options.calibrationMs });
    expect(next.reps.total).toBe(1);
  });
});

/** Frames from a pose function over time (for shapes knots cannot express, like a sine). */
function sampleFrontFramesFn(poseAt: (tMs: number) => FrontPose, durationMs: number): PoseFrame[] {
  return sampleFrames((tMs) => frontKeypoints({ ...STANDING, ...poseAt(tMs) }), durationMs);
}
