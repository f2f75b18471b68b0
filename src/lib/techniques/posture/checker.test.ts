import { describe, expect, it } from 'vitest';
import { replay } from '../../coaching/replay';
import { readFrontView } from '../../geometry/front';
import type { KeypointMap, PoseFrame } from '../../pose/keypoints';
import { runChecker, runTwice, summarise, type CheckerRun } from '../../testing/checker-run';
import { SEATED, frontKeypoints, sampleFrames, sampleFrontFrames, type FrontChannels, type FrontPose } from '../../testing/synthetic-front';
import {
  DEFAULT_POSTURE_OPTIONS,
  POSTURE_CUES,
  PostureChecker,
  baselineFrom,
  postureComponents,
  type PostureOptions,
  type PostureOutput,
} from './checker';

const CAL_MS = DEFAULT_POSTURE_OPTIONS.calibrationMs;
const FRAME_MS = 1000 / 30;

/** A run plus its slouch alerts. */
const withAlerts = (run: CheckerRun<PostureOutput>) => ({ ...run, alerts: run.ofType('formFault').filter((e) => e.fault === 'sustained-slouch') });

/** Checker alone, no smoothing: exact geometry in, exact phases out. */
const run = (frames: PoseFrame[], options: Partial<PostureOptions> = {}) => withAlerts(runChecker(new PostureChecker(options), frames));

const seated = (channels: FrontChannels, durationMs?: number, frameOptions = {}, base: FrontPose = SEATED) =>
  sampleFrontFrames(base, channels, durationMs, frameOptions);

/** Upright until `fromMs`, a 1 s move into `pose`, held `holdMs`, a 1 s move back, upright until `endMs`. */
function episode(pose: Partial<Record<keyof FrontChannels, number>>, fromMs: number, holdMs: number, endMs: number): FrontChannels {
  const channels: FrontChannels = {};
  for (const [channel, value] of Object.entries(pose) as [keyof FrontChannels, number][]) {
    channels[channel] = [[0, 0], [fromMs, 0], [fromMs + 1000, value], [fromMs + 1000 + holdMs, value], [fromMs + 2000 + holdMs, 0], [endMs, 0]];
  }
  return channels;
}

const SLOUCH = { headDropDeg: 40, shoulderRounding: 0.12, forwardLean: 0.1 };

describe('posture components', () => {
  const baseline = baselineFrom([readFrontView(frontKeypoints(SEATED), 0.3).view!])!;
  const read = (pose: FrontPose) => postureComponents(readFrontView(frontKeypoints({ ...SEATED, ...pose }), 0.3).view!, baseline);

  it('are zero for the calibrated pose and need no hips', () => {
    expect(frontKeypoints(SEATED).left_hip).toBeUndefined();
    const c = read({});
    expect(c.headDropPct).toBeCloseTo(0, 9);
    expect(c.leanPct).toBeCloseTo(0, 9);
    expect(c.roundingPct).toBeCloseTo(0, 9);
    expect(c.tiltDeg).toBeCloseTo(0, 9);
  });

  it('read each synthetic sign back on its own', () => {
    expect(read({ tiltDeg: 12 }).tiltDeg).toBeCloseTo(12, 6);
    expect(read({ tiltDeg: -7 }).tiltDeg).toBeCloseTo(-7, 6);
    expect(read({ forwardLean: 0.2 }).leanPct).toBeCloseTo(20, 6);
    expect(read({ shoulderRounding: 0.1 }).roundingPct).toBeCloseTo(10, 6);
    // Head pitch: the nose and eyes drop a lot, the ears little (≈ 23% at 30°, ≈ 9% at 15°).
    expect(read({ headDropDeg: 30 }).headDropPct).toBeCloseTo(22.6, 0);
    expect(read({ headDropDeg: 15 }).headDropPct).toBeCloseTo(8.6, 0);
    // Tilt moves no head point off the shoulder line, and a tilt or lean is not a head drop.
    expect(read({ tiltDeg: 12 }).headDropPct).toBeCloseTo(0, 6);
    expect(Math.abs(read({ forwardLean: 0.2 }).headDropPct!)).toBeLessThan(2);
  });

  it('do not depend on a mirrored image', () => {
    const mirror = (keypoints: KeypointMap): KeypointMap =>
      Object.fromEntries(Object.entries(keypoints).map(([name, p]) => [name, { ...p, x: 1 - p.x }])) as KeypointMap;
    const pose = { ...SEATED, headDropDeg: 25, tiltDeg: 6, shoulderRounding: 0.05 };
    const mirroredBaseline = baselineFrom([readFrontView(mirror(frontKeypoints(SEATED)), 0.3).view!])!;
    const plain = postureComponents(readFrontView(frontKeypoints(pose), 0.3).view!, baseline);
    const mirrored = postureComponents(readFrontView(mirror(frontKeypoints(pose)), 0.3).view!, mirroredBaseline);
    expect(mirrored.headDropPct).toBeCloseTo(plain.headDropPct!, 9);
    expect(mirrored.roundingPct).toBeCloseTo(plain.roundingPct, 9);
    // Mirroring swaps which side of the picture is lower, not which of the user's shoulders is.
    expect(mirrored.tiltDeg).toBeCloseTo(plain.tiltDeg, 9);
  });
});

describe('PostureChecker calibration', () => {
  it('counts down calibrationMs while sitting upright, then says upright', () => {
    const { outputs, phases } = run(seated({}, 6000));
    const at = (tMs: number) => outputs.find((o) => o.tMs === tMs)!;
    expect(at(0)).toMatchObject({ phase: 'calibrating', calibrationRemainingMs: 3000, metric: null, counting: false, cue: POSTURE_CUES.calibrate });
    expect(at(1000)).toMatchObject({ phase: 'calibrating', calibrationRemainingMs: 2000 });
    expect(at(2000)).toMatchObject({ phase: 'calibrating', calibrationRemainingMs: 1000 });
    expect(at(2967)).toMatchObject({ phase: 'calibrating', calibrationRemainingMs: 33 });
    expect(at(3000)).toMatchObject({ phase: 'upright', counting: true, cue: null });
    expect(at(3000).calibrationRemainingMs).toBeUndefined();
    expect(at(3000).metric).toBeCloseTo(0, 6);
    expect(phases).toEqual(['upright']);
  });

  it('pauses the countdown while the user is out of view', () => {
    // 0–967 ms counted (967), nothing in the gap, then 2000 → 4033 for the remaining 2033.
    const { outputs } = run(seated({}, 6000, { gaps: [[1000, 2000]] }));
    expect(outputs.find((o) => o.tMs === 1967)!.calibrationRemainingMs).toBe(3000 - 967);
    expect(outputs.find((o) => o.phase === 'upright')!.tMs).toBe(4033);
  });
});

describe('PostureChecker at the desk watch\'s low frame rate', () => {
  it('calibrates and times upright sitting at 3 fps too', () => {
    const checker = new PostureChecker();
    const run = sampleFrontFrames(SEATED, {}, 10_000, { fps: 3 }).map((frame) => checker.step(frame));
    const calibrated = run.find((o) => o.phase === 'upright')!;
    expect(calibrated.tMs).toBeGreaterThanOrEqual(3000);
    expect(calibrated.tMs).toBeLessThan(3400);
    expect(run.at(-1)!.uprightMs).toBeGreaterThan(6500);
  });
});

describe('PostureChecker slouch detection', () => {
  it('a 2 s glance down is not a slouch, although it scores well past the threshold', () => {
    const { outputs, phases, alerts } = run(seated(episode({ headDropDeg: 40 }, 8000, 2000, 20_000)));
    expect(Math.max(...outputs.map((o) => o.metric ?? 0))).toBeGreaterThan(150);
    expect(phases).toEqual(['upright']);
    expect(alerts).toHaveLength(0);
  });

  it('the same head drop held 5 s is a slouch, entered after the 3 s dwell', () => {
    const { outputs, phases } = run(seated(episode({ headDropDeg: 40 }, 8000, 5000, 20_000)));
    expect(phases).toEqual(['upright', 'slouched', 'upright']);
    const firstSlouched = outputs.find((o) => o.phase === 'slouched')!;
    // The score passes 100 during the 1 s move (8000–9000 ms); the dwell adds 3 s.
    expect(firstSlouched.tMs).toBeGreaterThan(8000 + 3000);
    expect(firstSlouched.tMs).toBeLessThan(9000 + 3000);
    expect(firstSlouched.dominant).toBe('head-drop');
  });

  it('a 70 s slouch raises exactly one alert, with "sit tall", then suggests a stretch break', () => {
    const { outputs, alerts, phases, at } = run(seated(episode(SLOUCH, 10_000, 70_000, 110_000)));
    expect(phases).toEqual(['upright', 'slouched', 'upright']);
    expect(alerts).toHaveLength(1);
    const alertMs = alerts[0]!.tMs;
    const slouchedFrom = outputs.find((o) => o.phase === 'slouched')!.tMs;
    expect(alertMs - slouchedFrom).toBeGreaterThanOrEqual(60_000);
    expect(alertMs - slouchedFrom).toBeLessThan(60_000 + FRAME_MS);
    expect(at(alertMs).cue).toEqual(POSTURE_CUES.sitTall);
    expect(outputs.filter((o) => o.tMs < alertMs).every((o) => o.cue === null || o.cue.id === 'calibrate')).toBe(true);
    // Sitting up after the alert: the stretch-break suggestion, for breakCueMs.
    const uprightAgain = outputs.find((o) => o.tMs > alertMs && o.phase === 'upright')!;
    expect(uprightAgain.cue).toEqual(POSTURE_CUES.stretchBreak);
    expect(at(uprightAgain.tMs + DEFAULT_POSTURE_OPTIONS.breakCueMs + 100).cue).toBeNull();
    expect(outputs.every((o) => o.reps.total === 0 && o.holdMs === 0)).toBe(true);
  });

  it('a 50 s slouch raises no alert; the alert time is configurable', () => {
    const frames = seated(episode(SLOUCH, 10_000, 50_000, 70_000));
    expect(run(frames).alerts).toHaveLength(0);
    expect(run(frames, { alertAfterMs: 30_000 }).alerts).toHaveLength(1);
  });

  it('a long slouch alerts again only after realertAfterMs', () => {
    const { alerts } = run(seated(episode(SLOUCH, 10_000, 200_000, 220_000)));
    expect(alerts).toHaveLength(2);
    expect(alerts[1]!.tMs - alerts[0]!.tMs).toBeGreaterThanOrEqual(DEFAULT_POSTURE_OPTIONS.realertAfterMs);
    expect(alerts[1]!.tMs - alerts[0]!.tMs).toBeLessThan(DEFAULT_POSTURE_OPTIONS.realertAfterMs + FRAME_MS);
  });

  it('upright and slouched time add up to the session time after calibration', () => {
    const { final, outputs } = run(seated(episode(SLOUCH, 10_000, 70_000, 110_000)));
    expect(final.uprightMs + final.slouchedMs).toBe(final.tMs - CAL_MS);
    // Slouched ≈ the 70 s hold plus part of the moves, minus the 3 s entry dwell, plus the 1 s exit dwell.
    expect(final.slouchedMs).toBeGreaterThan(67_000);
    expect(final.slouchedMs).toBeLessThan(71_000);
    // Monotonic, and never counted during calibration.
    expect(outputs.filter((o) => o.tMs <= CAL_MS).every((o) => o.uprightMs === 0 && o.slouchedMs === 0)).toBe(true);
  });

  it('after the alert, a dropped head gets "screen at eye level"; rounded shoulders keep "sit tall"', () => {
    const options = { alertAfterMs: 20_000 };
    const head = run(seated(episode({ headDropDeg: 40 }, 5000, 40_000, 50_000)), options);
    const headAlert = head.alerts[0]!.tMs;
    expect(head.at(headAlert + 1000).cue).toEqual(POSTURE_CUES.sitTall);
    expect(head.at(headAlert + DEFAULT_POSTURE_OPTIONS.alertCueMs + 500).cue).toEqual(POSTURE_CUES.screenAtEyeLevel);

    const shoulders = run(seated(episode({ shoulderRounding: 0.15 }, 5000, 40_000, 50_000)), options);
    const shouldersAlert = shoulders.alerts[0]!.tMs;
    const later = shoulders.at(shouldersAlert + DEFAULT_POSTURE_OPTIONS.alertCueMs + 500);
    expect(later.dominant).toBe('rounding');
    expect(later.cue).toEqual(POSTURE_CUES.sitTall);
  });

  it('detects a sideways tilt either way, and cancels a tilted camera', () => {
    for (const tiltDeg of [12, -12]) {
      const { at, phases } = run(seated(episode({ tiltDeg }, 5000, 10_000, 20_000)));
      expect(phases).toEqual(['upright', 'slouched', 'upright']);
      const mid = at(12_000);
      expect(mid.phase).toBe('slouched');
      expect(mid.dominant).toBe('tilt');
      expect(mid.components!.tiltDeg).toBeCloseTo(tiltDeg, 6);
    }
    // 5° is under the 8° threshold.
    expect(run(seated(episode({ tiltDeg: 5 }, 5000, 10_000, 20_000))).phases).toEqual(['upright']);
    // Camera rolled 10° from the start: calibration absorbs it.
    expect(run(seated({ tiltDeg: [[0, 10]] }, 20_000)).phases).toEqual(['upright']);
  });

  it('recalibrate() sets a new baseline after the user moves nearer the camera', () => {
    // Calibrated at shoulder width 0.3; from 5 s the user sits 20% nearer: everything 20% bigger.
    const nearer = { ...SEATED, shoulderWidth: 0.36 };
    const before = sampleFrames((tMs) => frontKeypoints(tMs < 5000 ? SEATED : nearer), 12_000);
    const after = sampleFrames(() => frontKeypoints(nearer), 10_000).map((f) => ({ ...f, tMs: f.tMs + 12_000 + 33 }));
    const checker = new PostureChecker();
    const first = withAlerts(summarise(before.map((f) => checker.step(f))));
    // The bigger face reads as leaning in.
    expect(first.final.phase).toBe('slouched');
    expect(first.final.dominant).toBe('lean');
    const slouchedSoFar = first.final.slouchedMs;

    checker.recalibrate();
    const second = withAlerts(summarise(after.map((f) => checker.step(f))));
    expect(second.outputs[0]).toMatchObject({ phase: 'calibrating', calibrationRemainingMs: CAL_MS });
    expect(second.phases).toEqual(['calibrating', 'upright']);
    const recalibrated = second.outputs.find((o) => o.phase === 'upright')!;
    expect(recalibrated.tMs).toBe(12_033 + CAL_MS);
    expect(recalibrated.metric).toBeCloseTo(0, 6);
    expect(second.alerts).toHaveLength(0);
    // Session totals are kept; calibration time is not counted.
    expect(second.final.slouchedMs).toBe(slouchedSoFar + 33);
    expect(second.final.uprightMs + second.final.slouchedMs).toBe(first.final.uprightMs + slouchedSoFar + 33 + (second.final.tMs - recalibrated.tMs));
  });
});

describe('PostureChecker framing', () => {
  it('rides out a short dropout but reports a long one as out of frame, not counting its time', () => {
    const short = run(seated({}, 20_000, { gaps: [[8000, 8600]] }));
    expect(short.phases).toEqual(['upright']);
    expect(short.final.uprightMs).toBe(short.final.tMs - CAL_MS);

    const long = run(seated({}, 20_000, { gaps: [[8000, 11_000]] }));
    expect(long.phases).toEqual(['upright', 'out-of-frame', 'upright']);
    expect(long.events.filter((e) => e.type === 'outOfFrame')).toHaveLength(1);
    expect(long.events.filter((e) => e.type === 'backInFrame')).toHaveLength(1);
    expect(long.at(8967)).toMatchObject({ phase: 'upright', cue: null });
    expect(long.at(10_000)).toMatchObject({ phase: 'out-of-frame', cue: POSTURE_CUES.outOfFrame, counting: false, metric: null });
    expect(POSTURE_CUES.outOfFrame.text).toMatch(/head and shoulders/);
    // The grace (1 s) counts as upright, the rest of the gap not.
    const outMs = 11_000 - 8000 - DEFAULT_POSTURE_OPTIONS.outOfFrameGraceMs;
    expect(Math.abs(long.final.uprightMs - (long.final.tMs - CAL_MS - outMs))).toBeLessThanOrEqual(FRAME_MS);
  });
});

describe('PostureChecker with noise and smoothing', () => {
  it('through the full pipeline: the glance is ignored and the long slouch alerts once', () => {
    const channels: FrontChannels = {
      headDropDeg: [[0, 0], [8000, 0], [8300, 40], [10_000, 40], [10_300, 0], [20_000, 0], [21_000, 40], [91_000, 40], [92_000, 0], [100_000, 0]],
      shoulderRounding: [[0, 0], [20_000, 0], [21_000, 0.12], [91_000, 0.12], [92_000, 0], [100_000, 0]],
    };
    const { outputs, timeline } = replay(new PostureChecker(), seated(channels, undefined, { noise: 0.002, dropRate: 0.05, seed: 11 }));
    expect(timeline.of('slouched')).toHaveLength(1);
    expect(timeline.of('slouched')[0]!.startMs).toBeGreaterThan(21_000);
    const alerts = outputs.flatMap((o) => o.events).filter((e) => e.type === 'formFault');
    expect(alerts).toHaveLength(1);
  });
});

describe('PostureChecker determinism', () => {
  it('gives identical outputs for identical frames, and after reset', () => {
    const frames = seated(episode(SLOUCH, 6000, 20_000, 30_000), undefined, { noise: 0.002, seed: 5 });
    const [first, second] = runTwice(new PostureChecker({ alertAfterMs: 10_000 }), frames);
    expect(second).toEqual(first);
    expect(first.flatMap((o) => o.events).some((e) => e.type === 'formFault')).toBe(true);
  });
});
