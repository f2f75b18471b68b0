import { describe, expect, it } from 'vitest';
import { replay } from '../../coaching/replay';
import type { PoseFrame } from '../../pose/keypoints';
import { cueIds, faultsOf, runChecker, runTwice } from '../../testing/checker-run';
import { interpolate, type Knots } from '../../testing/synthetic';
import { sampleTwistFrames, twistKnots, type TwistFrameOptions, type TwistPose } from '../../testing/synthetic-twist';
import {
  SEATED_TWIST_OPTIONS,
  STANDING_ROTATION_OPTIONS,
  TWIST_CUES,
  TwistChecker,
  readTorso,
  type TwistOptions,
} from './checker';

type Extra = Omit<TwistPose, 'twistDeg'> | ((tMs: number) => Omit<TwistPose, 'twistDeg'>);

/** Frames whose twist follows `knots` (+ = the user's left); `extra` adds head turn, lean, hip turn. */
function framesFor(knots: Knots, extra: Extra = {}, frameOptions: TwistFrameOptions = {}): PoseFrame[] {
  const durationMs = knots[knots.length - 1]![0];
  const extraAt = typeof extra === 'function' ? extra : () => extra;
  return sampleTwistFrames((tMs) => ({ ...extraAt(tMs), twistDeg: interpolate(knots, tMs) }), durationMs, frameOptions);
}

/** Checker alone, without the pipeline's keypoint smoothing: exact geometry in, exact phases out. */
const run = (frames: PoseFrame[], options: TwistOptions = SEATED_TWIST_OPTIONS) => runChecker(new TwistChecker(options), frames);

describe('readTorso', () => {
  it('reads the synthetic shoulder and hip widths against the torso length, and the 3D yaws', () => {
    const [frame] = sampleTwistFrames(() => ({ twistDeg: 30, hipTurnDeg: 10 }), 0, { with3D: true });
    const { reading } = readTorso(frame!, 0.3);
    // Shoulders 0.36 m apart, torso 0.5 m: 0.72 at neutral, × cos(40°) turned 40° against the camera.
    expect(reading!.shoulderRatio).toBeCloseTo(0.72 * Math.cos((40 * Math.PI) / 180), 6);
    expect(reading!.hipRatio).toBeCloseTo(0.44 * Math.cos((10 * Math.PI) / 180), 6);
    expect(reading!.threeD!.shoulderYawDeg).toBeCloseTo(40, 6);
    expect(reading!.threeD!.hipYawDeg).toBeCloseTo(10, 6);
    // Turning left brings the nose towards the left shoulder (image right).
    expect(reading!.noseShift).toBeGreaterThan(0);
  });

  it('lists the torso points it misses', () => {
    const { reading, missing } = readTorso({ tMs: 0, aspect: 16 / 9, keypoints: {} }, 0.3);
    expect(reading).toBeUndefined();
    expect(missing).toEqual(['left_shoulder', 'right_shoulder', 'left_hip', 'right_hip']);
  });
});

describe('TwistChecker calibration', () => {
  it('counts down 1 s of a still neutral pose, measuring all the while, then goes to neutral', () => {
    const { outputs, phases, at } = run(framesFor([[0, 0], [4000, 0]]));
    expect(outputs[0]!.phase).toBe('calibrating');
    expect(outputs[0]!.calibrationRemainingMs).toBe(1000);
    expect(at(500).calibrationRemainingMs).toBe(500);
    expect(at(500).cue).toEqual(TWIST_CUES.calibrate);
    expect(at(500).calibrationIssue).toBeUndefined();
    // Measured and counting from the first frame: a twist now would be followed.
    expect(at(500).metric).toBeCloseTo(0, 6);
    expect(at(500).counting).toBe(true);
    expect(at(500).baseline).toBe('typical');
    expect(phases).toEqual(['neutral']);
    const done = at(1000);
    expect(done.tMs).toBe(1000);
    expect(done.phase).toBe('neutral');
    expect(done.calibrationRemainingMs).toBeUndefined();
    expect(done.baseline).toBe('calibrated');
    expect(at(3000).metric).toBeCloseTo(0, 6);
    expect(at(3000).cue).toEqual(TWIST_CUES.begin);
  });

  it('says what keeps it from calibrating: turned away, head turned, not upright', () => {
    const issue = (pose: Omit<TwistPose, 'twistDeg'>, with3D: boolean) => run(framesFor([[0, 0], [1500, 0]], pose, { with3D })).at(500);
    // 2D: the nose far off centre is the head turned; 3D: the ear line against the shoulders.
    expect(issue({ headTurnDeg: 60 }, false).calibrationIssue).toBe('head-turned');
    expect(issue({ headTurnDeg: 60 }, false).cue).toEqual(TWIST_CUES.lookAtCamera);
    expect(issue({ headTurnDeg: 60 }, true).calibrationIssue).toBe('head-turned');
    // Sitting at 40° to the camera (3D): face the camera.
    expect(issue({ hipTurnDeg: 40 }, true).calibrationIssue).toBe('not-facing');
    expect(issue({ hipTurnDeg: 40 }, true).cue).toEqual(TWIST_CUES.faceCamera);
    expect(issue({ leanDeg: 20 }, false).calibrationIssue).toBe('not-upright');
    expect(issue({ leanDeg: 20 }, false).cue).toEqual(TWIST_CUES.sitUpright);
  });

  it('a user sitting at a slight angle (20°) calibrates there in 3D', () => {
    const { at } = run(framesFor([[0, 0], [3000, 0]], { hipTurnDeg: 20 }, { with3D: true }));
    expect(at(2000).baseline).toBe('calibrated');
    expect(at(2000).metric).toBeCloseTo(0, 3);
    expect(at(2000).phase).toBe('neutral');
  });

  it('restarts the countdown when the user moves during calibration', () => {
    // Still for 600 ms, then a sway of the torso to 12° (short of a twist) held 400 ms and
    // back (600–1400 ms) with 3D points (steady means within ±6°), then still.
    const { at, outputs } = run(framesFor([[0, 0], [600, 0], [800, 12], [1200, 12], [1400, 0], [4000, 0]], {}, { with3D: true }));
    expect(at(600).calibrationRemainingMs).toBe(400);
    expect(at(800).calibrationIssue).toBe('moving');
    expect(at(800).cue).toEqual(TWIST_CUES.holdStill);
    // The window restarted once the sway had lasted 200 ms, and runs a full second from its return.
    const calibratedAt = outputs.find((o) => o.baseline === 'calibrated')!.tMs;
    expect(calibratedAt).toBeGreaterThan(2200);
    expect(calibratedAt).toBeLessThan(2600);
    expect(at(3000).phase).toBe('neutral');
    expect(outputs.some((o) => o.phase.startsWith('twist'))).toBe(false);
  });

  it('never stalls: a user who never holds still gets a typical baseline after 4 s, and twists count from the start', () => {
    // Twisting left from 600 ms on, without a still second first.
    const frames = framesFor(twistKnots(['left', 'right'], { leadMs: 500 }), {}, { with3D: true });
    const { at, final, ofType } = run(frames);
    expect(at(1500).phase).toBe('twist-left');
    expect(final.reps).toEqual({ total: 2, left: 1, right: 1 });
    expect(ofType('repCompleted').map((e) => e.side)).toEqual(['left', 'right']);
    // 2D: the widest shoulders seen so far stand in for the neutral.
    expect(run(framesFor(twistKnots(['left', 'right'], { leadMs: 500 }))).final.reps).toEqual({ total: 2, left: 1, right: 1 });
    // Side-on all along: after the fallback time the phase is neutral, with a typical baseline, and nothing counts.
    const stalled = run(framesFor([[0, 0], [6000, 0]], { hipTurnDeg: 40 }, { with3D: true }));
    expect(stalled.at(3000).phase).toBe('calibrating');
    expect(stalled.at(5000).phase).toBe('neutral');
    expect(stalled.at(5000).calibrationRemainingMs).toBeUndefined();
    expect(stalled.at(5000).baseline).toBe('typical');
    expect(stalled.at(5000).cue).toEqual(TWIST_CUES.faceCamera);
    expect(stalled.final.reps.total).toBe(0);
  });

  it('a twist whose start was not seen does not count: the clip opens mid-twist', () => {
    const knots: Knots = [[0, 40], [6000, 40], [7500, 0], [9000, 0], [10_500, -40], [17_000, -40], [18_500, 0], [20_000, 0]];
    for (const with3D of [true, false]) {
      const { final, ofType } = run(framesFor(knots, {}, { with3D }));
      expect(ofType('holdCompleted').map((e) => e.side)).toEqual(['right']);
      expect(final.reps).toEqual({ total: 1, left: 0, right: 1 });
    }
  });

  it('recalibrate() keeps the reps and counts down again', () => {
    const frames = framesFor(twistKnots(['left']));
    const checker = new TwistChecker();
    for (const frame of frames) checker.step(frame);
    checker.recalibrate();
    const last = frames.at(-1)!;
    const after = checker.step({ ...last, tMs: last.tMs + 33 });
    expect(after.phase).toBe('calibrating');
    expect(after.events).toEqual([{ type: 'phaseChanged', tMs: last.tMs + 33, from: 'neutral', to: 'calibrating' }]);
    expect(after.calibrationRemainingMs).toBe(1000);
    expect(after.reps).toEqual({ total: 1, left: 1, right: 0 });
  });

  it('finish() counts a twist whose hold was completed, not one still holding short', () => {
    const checker = new TwistChecker();
    const frames = framesFor([[0, 0], [3000, 0], [4500, 40], [11_000, 40]]);
    for (const frame of frames) checker.step(frame);
    expect(checker.finish(11_000)).toMatchObject({ reps: { total: 1, left: 1, right: 0 }, events: [{ type: 'repCompleted', side: 'left' }] });
    const short = new TwistChecker();
    for (const frame of framesFor([[0, 0], [3000, 0], [4500, 40], [7000, 40]])) short.step(frame);
    expect(short.finish(7000)).toEqual({ events: [], reps: { total: 0, left: 0, right: 0 } });
  });
});

describe('TwistChecker reps per side', () => {
  const sides = ['left', 'right', 'left', 'right'] as const;

  it('reports the side of the twist in progress on every output, null at centre and while calibrating', () => {
    const { outputs } = run(framesFor(twistKnots(sides)));
    const sideIn = (phase: string) => new Set(outputs.filter((o) => o.phase === phase).map((o) => o.side));
    expect(sideIn('twist-left')).toEqual(new Set(['left']));
    expect(sideIn('twist-right')).toEqual(new Set(['right']));
    expect(sideIn('neutral')).toEqual(new Set([null]));
    expect(sideIn('calibrating')).toEqual(new Set([null]));
  });

  it('counts slow twists left and right exactly, per side, with holds and side changes', () => {
    const { final, phases, ofType } = run(framesFor(twistKnots(sides)));
    expect(final.reps).toEqual({ total: 4, left: 2, right: 2 });
    expect(phases).toEqual(['neutral', 'twist-left', 'neutral', 'twist-right', 'neutral', 'twist-left', 'neutral', 'twist-right', 'neutral']);
    expect(ofType('holdStarted').map((e) => e.side)).toEqual([...sides]);
    expect(ofType('holdCompleted').map((e) => e.side)).toEqual([...sides]);
    expect(ofType('holdCompleted').every((e) => e.durationMs >= 5000 && e.durationMs < 5050)).toBe(true);
    expect(ofType('repCompleted').map((e) => [e.repIndex, e.side])).toEqual([
      [1, 'left'],
      [2, 'right'],
      [3, 'left'],
      [4, 'right'],
    ]);
    expect(ofType('sideChanged').map((e) => e.side)).toEqual(['right', 'left', 'right']);
    expect(faultsOf(ofType('formFault'))).toEqual([]);
    for (const rep of ofType('repCompleted')) {
      expect(Math.abs(rep.peakMetric)).toBeCloseTo(40, 6);
      expect(Math.sign(rep.peakMetric)).toBe(rep.side === 'left' ? 1 : -1);
    }
  });

  it('reads a twist to the right as negative and counts it on the right', () => {
    const { final, outputs, ofType } = run(framesFor(twistKnots(['right'])));
    expect(final.reps).toEqual({ total: 1, left: 0, right: 1 });
    const deepest = outputs.find((o) => o.tMs === 9000)!;
    expect(deepest.phase).toBe('twist-right');
    expect(deepest.side).toBe('right');
    expect(deepest.metric).toBeCloseTo(-40, 1);
    expect(ofType('repCompleted')[0]!.side).toBe('right');
  });

  it('reports the hold time and cues: twist further, hold, back to centre, then the other side', () => {
    const { at, ofType } = run(framesFor(twistKnots(['left'])));
    // The twist reaches the 30° band at 3000 + 1500 × 30/40 = 4125 ms; the hold starts after
    // the checker's smoothing lag and the 200 ms dwell.
    const [holdStart] = ofType('holdStarted');
    expect(holdStart!.tMs).toBeGreaterThan(4325);
    expect(holdStart!.tMs).toBeLessThan(4600);
    expect(at(4000).phase).toBe('twist-left');
    expect(at(4000).holdMs).toBe(0);
    expect(at(6000).holdMs).toBe(6000 - holdStart!.tMs);
    expect(at(6000).cue).toEqual(TWIST_CUES.hold);
    expect(at(10_000).cue).toEqual(TWIST_CUES.backToCentre);
    expect(at(13_000).phase).toBe('neutral');
    expect(at(13_000).cue).toEqual(TWIST_CUES.otherSideRight);
    // Too shallow: a twist to 20° never holds and asks for more.
    const shallow = run(framesFor(twistKnots(['left'], { depthDeg: 20 })));
    expect(shallow.ofType('holdStarted')).toEqual([]);
    expect(shallow.final.reps.total).toBe(0);
    expect(shallow.at(8000).cue).toEqual(TWIST_CUES.twistFurther);
  });

  it('standing rotation needs a 15 s hold: 10 s is not a rep there, but is one seated', () => {
    const frames = framesFor(twistKnots(['left'], { holdMs: 10_000 }), { posture: 'standing' });
    expect(run(frames, STANDING_ROTATION_OPTIONS).final.reps.total).toBe(0);
    expect(run(frames, SEATED_TWIST_OPTIONS).final.reps.total).toBe(1);
    const long = run(framesFor(twistKnots(['right', 'left'], { holdMs: 16_000 }), { posture: 'standing' }), STANDING_ROTATION_OPTIONS);
    expect(long.final.reps).toEqual({ total: 2, left: 1, right: 1 });
    expect(long.ofType('holdCompleted').every((e) => e.durationMs >= 15_000)).toBe(true);
  });
});

describe('TwistChecker holds', () => {
  it('a hold broken halfway is not completed and gives no rep', () => {
    // Into the band, 2.5 s, out to 15° (below the 22° exit) for 1 s, back in for 2 s, return.
    const knots: Knots = [[0, 0], [3000, 0], [4000, 40], [6500, 40], [7000, 15], [8000, 15], [8500, 40], [10_500, 40], [12_000, 0], [14_000, 0]];
    const { final, ofType, phases } = run(framesFor(knots));
    expect(ofType('holdStarted')).toHaveLength(2);
    expect(ofType('holdCompleted')).toEqual([]);
    expect(ofType('repCompleted')).toEqual([]);
    expect(final.reps.total).toBe(0);
    // Still one twist: 15° is outside the centre zone.
    expect(phases).toEqual(['neutral', 'twist-left', 'neutral']);
  });

  it('jitter at the band entry holds once; jitter at the centre threshold adds nothing', () => {
    // Hold at 32° ± 4° (2 Hz) for 7 s: across the 30° entry, never down to the 22° exit.
    // Then rest at 9° ± 6.5° (2 Hz): across the 10° centre line, briefly past the 15° turn line.
    const wobble = sampleTwistFrames((tMs) => {
      const base = interpolate([[0, 0], [3000, 0], [4000, 32], [11_000, 32], [12_000, 9], [20_000, 9]], tMs);
      const amp = tMs < 3500 ? 0 : tMs < 11_000 ? 4 : 6.5;
      return { twistDeg: base + amp * Math.sin((tMs / 1000) * 2 * Math.PI * 2) };
    }, 20_000);
    const { final, ofType, phases } = run(wobble);
    expect(ofType('holdStarted')).toHaveLength(1);
    expect(ofType('holdCompleted')).toHaveLength(1);
    expect(final.reps).toEqual({ total: 1, left: 1, right: 0 });
    expect(phases).toEqual(['neutral', 'twist-left', 'neutral']);
    expect(final.phase).toBe('neutral');
  });
});

describe('TwistChecker back to centre and side decisions', () => {
  it('settled just short of centre (below the 15° turn line for 600 ms) still ends the twist', () => {
    // Back to 12°, not under the 10° centre line: e.g. a 2D neutral calibrated a little wide.
    const knots: Knots = [[0, 0], [3000, 0], [4500, 40], [11_000, 40], [12_500, 12], [15_000, 12]];
    const { final, ofType, phases } = run(framesFor(knots));
    expect(final.reps).toEqual({ total: 1, left: 1, right: 0 });
    expect(phases).toEqual(['neutral', 'twist-left', 'neutral']);
    // Below 15° from ~12.3 s (with the smoothing lag), plus 600 ms.
    const rep = ofType('repCompleted')[0]!;
    expect(rep.tMs).toBeGreaterThan(12_800);
    expect(rep.tMs).toBeLessThan(13_300);
  });

  it('2D: a side misread at the start of a twist (head turned the other way) is corrected before the hold', () => {
    // Twisting left while the head first looks 50° right, then follows the shoulders.
    const head = (tMs: number) => ({ headTurnDeg: interpolate([[0, 0], [3000, 0], [3300, -50], [3900, -50], [4300, 0]], tMs) });
    const { final, phases, ofType } = run(framesFor(twistKnots(['left']), head));
    expect(phases).toEqual(['neutral', 'twist-right', 'twist-left', 'neutral']);
    expect(ofType('sideChanged').map((e) => e.side)).toEqual(['left']);
    expect(ofType('holdStarted').map((e) => e.side)).toEqual(['left']);
    expect(final.reps).toEqual({ total: 1, left: 1, right: 0 });
    // In 3D the twist carries its own sign: no detour.
    const deep = run(framesFor(twistKnots(['left']), head, { with3D: true }));
    expect(deep.phases).toEqual(['neutral', 'twist-left', 'neutral']);
    expect(deep.final.reps).toEqual({ total: 1, left: 1, right: 0 });
  });
});

describe('TwistChecker 3D and 2D paths', () => {
  const knots = twistKnots(['left', 'right', 'right', 'left']);

  it('gives the same sides, reps and phases with and without 3D world points', () => {
    const flat = run(framesFor(knots));
    const deep = run(framesFor(knots, {}, { with3D: true }));
    expect(flat.outputs.find((o) => o.method)!.method).toBe('2d');
    expect(deep.outputs.find((o) => o.method)!.method).toBe('3d');
    expect(deep.final.reps).toEqual({ total: 4, left: 2, right: 2 });
    expect(flat.final.reps).toEqual(deep.final.reps);
    expect(flat.phases).toEqual(deep.phases);
    const sides = (r: typeof flat) => r.ofType('repCompleted').map((e) => e.side);
    expect(sides(flat)).toEqual(['left', 'right', 'right', 'left']);
    expect(sides(deep)).toEqual(sides(flat));
    // The same metric frame by frame while twisted: within 1.5° while moving, equal when still.
    // (Each path smooths its own input, 2D the shoulder width and 3D the yaw, so they part a
    // little in motion; near 0° acos magnifies the 2D smoothing's tail, so that is left out.)
    let compared = 0;
    for (let i = 0; i < flat.outputs.length; i++) {
      const a = flat.outputs[i]!.metric;
      const b = deep.outputs[i]!.metric;
      if (a === null || b === null) expect(a).toBe(b);
      else if (Math.abs(b) >= 15) {
        expect(Math.abs(a - b)).toBeLessThan(1.5);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    const still = flat.outputs.findIndex((o) => o.tMs === 10_000);
    expect(flat.outputs[still]!.metric).toBeCloseTo(40, 1);
    expect(deep.outputs[still]!.metric).toBeCloseTo(40, 1);
  });

  it('3D measures the shoulders against their neutral, not against the hips (the models turn the hips along)', () => {
    // Shoulders 40° left of their neutral with the hips turned 30° along: 40°, not 10°.
    const frames = framesFor(twistKnots(['left'], { depthDeg: 10 }), (tMs) => ({ hipTurnDeg: interpolate([[0, 0], [3000, 0], [4500, 30], [11_000, 30], [12_500, 0]], tMs) }), {
      with3D: true,
    });
    const { at, final } = run(frames);
    expect(at(8000).metric).toBeCloseTo(40, 1);
    expect(final.reps.left).toBe(1);
  });

  it('counts the same through the full pipeline with noise and dropped keypoints, both paths', () => {
    for (const with3D of [false, true]) {
      const frames = framesFor(knots, {}, { noise: 0.0015, dropRate: 0.05, seed: 11, with3D, noise3D: 0.003 });
      const { final, timeline } = replay(new TwistChecker(), frames);
      expect(final?.reps).toEqual({ total: 4, left: 2, right: 2 });
      expect(timeline.of('twist-left')).toHaveLength(2);
      expect(timeline.of('twist-right')).toHaveLength(2);
    }
  });
});

describe('TwistChecker form faults', () => {
  /** A left twist with a fault blended in from 5 s to 8 s. */
  const faultyTwist = (fault: (amount: number) => Omit<TwistPose, 'twistDeg'>) => (tMs: number) =>
    fault(interpolate([[0, 0], [5000, 0], [5500, 1], [8000, 1], [8500, 0]], tMs));

  for (const with3D of [false, true]) {
    const path = with3D ? '3D' : '2D';

    it(`leaning sideways → "sit tall" (${path})`, () => {
      const { events, outputs } = run(framesFor(twistKnots(['left']), faultyTwist((a) => ({ leanDeg: 18 * a })), { with3D }));
      expect(faultsOf(events)).toEqual(['lean']);
      expect(outputs.find((o) => o.tMs === 7000)!.cue).toEqual(TWIST_CUES.sitTall);
    });

    it(`turning the whole body on the hips → "keep your hips square" (${path})`, () => {
      // The whole body turns 40° left, the upper back not at all.
      const frames = framesFor(twistKnots(['left'], { depthDeg: 0 }), (tMs) => ({ hipTurnDeg: interpolate([[0, 0], [3000, 0], [4500, 40], [11_000, 40], [12_500, 0], [14_000, 0]], tMs) }), {
        with3D,
      });
      const { events, outputs } = run(frames);
      expect(faultsOf(events)).toEqual(['hips-turning']);
      expect(outputs.find((o) => o.tMs === 7000)!.cue).toEqual(TWIST_CUES.hipsSquare);
    });

    it(`hips that follow a twist part of the way (as the models read a real one) are no fault (${path})`, () => {
      const { events, final } = run(framesFor(twistKnots(['left']), faultyTwist((a) => ({ hipTurnDeg: 20 * a })), { with3D }));
      expect(faultsOf(events)).toEqual([]);
      expect(final.reps.left).toBe(1);
    });

    it(`turning only the head → "turn from your upper back" (${path})`, () => {
      // Torso stays at centre; the head turns 60° right.
      const frames = framesFor([[0, 0], [9000, 0]], faultyTwist((a) => ({ headTurnDeg: -60 * a })), { with3D });
      const { events, outputs } = run(frames);
      expect(faultsOf(events)).toEqual(['head-only']);
      const mid = outputs.find((o) => o.tMs === 7000)!;
      expect(mid.cue).toEqual(TWIST_CUES.upperBack);
      expect(mid.phase).toBe('neutral');
    });

    it(`looking over the shoulder at a good depth is not a fault (${path})`, () => {
      const { events, final } = run(framesFor(twistKnots(['left']), faultyTwist((a) => ({ headTurnDeg: 40 * a })), { with3D }));
      expect(faultsOf(events)).toEqual([]);
      expect(final.reps.left).toBe(1);
    });

    it(`bouncing → "gently" (${path})`, () => {
      // Twisted at 32° ± 8° at 1.5 Hz for 3 s, then still.
      const frames = sampleTwistFrames(
        (tMs) => ({ twistDeg: interpolate([[0, 0], [3000, 0], [4000, 32], [12_000, 32], [13_000, 0], [15_000, 0]], tMs) + (tMs > 5000 && tMs < 8000 ? 8 * Math.sin(((tMs - 5000) / 1000) * 2 * Math.PI * 1.5) : 0) }),
        15_000,
        { with3D },
      );
      const { events, outputs, final } = run(frames);
      expect(faultsOf(events)).toEqual(['bouncing']);
      expect(outputs.find((o) => o.tMs === 7500)!.cue).toEqual(TWIST_CUES.gently);
      expect(cueIds(outputs.filter((o) => o.tMs > 11_100 && o.tMs < 12_000))).toEqual(new Set([TWIST_CUES.backToCentre.id]));
      expect(final.reps.left).toBe(1);
    });
  }

  it('through the full pipeline with keypoint noise: the faults still show, and a clean session has none', () => {
    const noisy = { noise: 0.004, dropRate: 0.05, seed: 21 };
    const pipelineFaults = (frames: PoseFrame[]) => faultsOf(replay(new TwistChecker(), frames).outputs.flatMap((o) => o.events));
    expect(pipelineFaults(framesFor(twistKnots(['left', 'right']), {}, noisy))).toEqual([]);
    expect(pipelineFaults(framesFor(twistKnots(['left']), faultyTwist((a) => ({ leanDeg: 18 * a })), noisy))).toEqual(['lean']);
    const wholeBody = (tMs: number) => ({ hipTurnDeg: interpolate([[0, 0], [3000, 0], [4500, 40], [11_000, 40], [12_500, 0], [14_000, 0]], tMs) });
    expect(pipelineFaults(framesFor(twistKnots(['left'], { depthDeg: 0 }), wholeBody, noisy))).toEqual(['hips-turning']);
    expect(pipelineFaults(framesFor([[0, 0], [9000, 0]], faultyTwist((a) => ({ headTurnDeg: -60 * a })), noisy))).toEqual(['head-only']);
  });

  it('standing: the lean cue says "stand tall"', () => {
    const { outputs } = run(
      framesFor(twistKnots(['left'], { holdMs: 16_000 }), faultyTwist((a) => ({ posture: 'standing', leanDeg: 18 * a })), {}),
      STANDING_ROTATION_OPTIONS,
    );
    expect(outputs.find((o) => o.tMs === 7000)!.cue).toEqual(TWIST_CUES.standTall);
  });
});

describe('TwistChecker framing', () => {
  const knots = twistKnots(['left', 'right']);

  it('rides out a short dropout; a long one is out of frame after the grace period and drops the twist', () => {
    const short = run(framesFor(knots, {}, { gaps: [[6000, 6300]] }));
    expect(short.phases).not.toContain('out-of-frame');
    expect(short.final.reps).toEqual({ total: 2, left: 1, right: 1 });

    const long = run(framesFor(knots, {}, { gaps: [[6000, 7500]] }));
    expect(long.ofType('outOfFrame')).toHaveLength(1);
    expect(long.ofType('outOfFrame')[0]!.tMs).toBe(6500);
    expect(long.ofType('backInFrame')).toHaveLength(1);
    expect(long.at(6400).phase).toBe('twist-left');
    const during = long.at(7000);
    expect(during.phase).toBe('out-of-frame');
    expect(during.cue).toEqual(TWIST_CUES.outOfFrame);
    expect(during.counting).toBe(false);
    expect(during.metric).toBeNull();
    // The interrupted left hold is lost; the right one still counts.
    expect(long.final.reps).toEqual({ total: 1, left: 0, right: 1 });
  });

  it('side-on to the camera: wrong view, "face the camera", never calibrates', () => {
    for (const with3D of [false, true]) {
      const { outputs, final, phases } = run(framesFor([[0, 0], [5000, 0]], { hipTurnDeg: 85 }, { with3D }));
      expect(phases).toEqual(['wrong-view']);
      expect(final.cue).toEqual(TWIST_CUES.faceCamera);
      expect(outputs.slice(10).every((o) => !o.counting && o.metric === null)).toBe(true);
      expect(final.baseline).toBe('typical');
    }
  });

  it('not upright: wrong view, "sit upright"', () => {
    const { final } = run(framesFor([[0, 0], [5000, 0]], { leanDeg: 50 }));
    expect(final.phase).toBe('wrong-view');
    expect(final.cue).toEqual(TWIST_CUES.sitUpright);
  });

  it('after calibration, a "twist" beyond 110° is no twist but a wrong view', () => {
    const frames = framesFor([[0, 0], [9000, 0]], (tMs) => ({ hipTurnDeg: interpolate([[0, 0], [3000, 0], [4000, 130], [9000, 130]], tMs) }), { with3D: true });
    const { phases, final } = run(frames);
    expect(phases.at(-1)).toBe('wrong-view');
    expect(final.cue).toEqual(TWIST_CUES.faceCamera);
    expect(final.reps.total).toBe(0);
  });
});

describe('TwistChecker determinism', () => {
  it('gives identical outputs for identical frames, and after reset', () => {
    const frames = framesFor(twistKnots(['left', 'right']), {}, { noise: 0.002, seed: 5, with3D: true, noise3D: 0.002 });
    const [first, second] = runTwice(new TwistChecker(), frames);
    expect(second).toEqual(first);
  });
});
