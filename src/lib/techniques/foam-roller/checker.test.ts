import { describe, expect, it } from 'vitest';
import { replay } from '../../coaching/replay';
import { readSideView } from '../../geometry/side';
import type { PoseFrame } from '../../pose/keypoints';
import { runChecker as runOn, runTwice } from '../../testing/checker-run';
import { interpolate, sampleFrames, type FrameOptions, type Knots } from '../../testing/synthetic';
import { bridgeGeometry, bridgeKeypoints, knotsEnd, liftKnots, rollKnots, type BridgePose } from '../../testing/synthetic-lying';
import {
  DEFAULT_FOAM_ROLLER_OPTIONS,
  FOAM_ROLLER_CUES,
  FoamRollerChecker,
  PassCounter,
  hipAngleDeg,
  hipAngleForLiftPct,
  hipHeightRatio,
  hipLiftPct,
  type FoamRollerOutput,
} from './checker';

const options = DEFAULT_FOAM_ROLLER_OPTIONS;
/** The hip angles at the band's entry and exit, with the shoulders on the floor (the angle decides there). */
const ENTER_DEG = hipAngleForLiftPct(options.hipsUpEnterPct);
/** The hip lift the checker reads on the synthetic bridge at `angle` (angle and height both count). */
function liftPctAt(angle: number): number {
  const { view } = readSideView(bridgeKeypoints({ hipAngleDeg: angle }), 0.3);
  return hipLiftPct(angle, hipHeightRatio(view!));
}
const EXIT_DEG = hipAngleForLiftPct(options.hipsUpExitPct);
const DOWN = 125;
const UP = 178;

type Extra = Omit<BridgePose, 'hipAngleDeg' | 'travel'>;

/** Frames for a hip-angle schedule (and optionally a roll schedule), everything else fixed. */
function framesFor(hipKnots: Knots, extra: Extra = {}, frameOptions: FrameOptions = {}, travelKnots?: Knots): PoseFrame[] {
  const durationMs = Math.max(knotsEnd(hipKnots), travelKnots ? knotsEnd(travelKnots) : 0);
  return sampleFrames(
    (tMs) => bridgeKeypoints({ ...extra, hipAngleDeg: interpolate(hipKnots, tMs), travel: travelKnots ? interpolate(travelKnots, tMs) : 0 }),
    durationMs,
    frameOptions,
  );
}

/** Checker alone, no smoothing: exact geometry in, exact phases out. */
const runChecker = (frames: PoseFrame[]) => runOn(new FoamRollerChecker(), frames);

const lifts = (reps: number, more: Partial<Parameters<typeof liftKnots>[1]> = {}) => liftKnots(reps, { downValue: DOWN, upValue: UP, ...more });

describe('hip angle and the synthetic lying body', () => {
  it('reads the synthetic shoulder–hip–knee angle back exactly, head to the left or right, past 180 too', () => {
    for (const head of ['left', 'right'] as const) {
      for (const angle of [120, 140, 160, 178, 190]) {
        const { view } = readSideView(bridgeKeypoints({ hipAngleDeg: angle, head }), 0.3);
        expect(view?.headDir).toBe(head === 'left' ? -1 : 1);
        expect(hipAngleDeg({ ...view!, knee: view!.knee! })).toBeCloseTo(angle, 1);
      }
    }
  });

  it('lifting the hips with the feet planted leaves the roll position alone and bends the knees as in life', () => {
    const down = runChecker(framesFor([[0, DOWN], [100, DOWN]])).final;
    const up = runChecker(framesFor([[0, UP], [100, UP]])).final;
    expect(up.rollPosition!).toBeCloseTo(down.rollPosition!, 2);
    expect(down.kneeDeg!).toBeCloseTo(bridgeGeometry({ hipAngleDeg: DOWN }).kneeDeg, 1);
    expect(up.kneeDeg!).toBeCloseTo(bridgeGeometry({ hipAngleDeg: UP }).kneeDeg, 1);
    expect(down.kneeDeg!).toBeGreaterThan(65);
    expect(up.kneeDeg!).toBeLessThan(90);
  });
});

describe('FoamRollerChecker lifts and holds', () => {
  it('counts three slow lifts as three reps, each held past 3 s', () => {
    const { final, phases, events, count } = runChecker(framesFor(lifts(3)));
    expect(final.reps.total).toBe(3);
    expect(phases).toEqual(['hips-up', 'neutral', 'hips-up', 'neutral', 'hips-up', 'neutral']);
    expect(count('holdStarted')).toBe(3);
    expect(count('holdCompleted')).toBe(3);
    const reps = events.filter((e) => e.type === 'repCompleted');
    expect(reps.map((e) => e.type === 'repCompleted' && e.repIndex)).toEqual([1, 2, 3]);
    for (const rep of reps) {
      if (rep.type !== 'repCompleted') continue;
      expect(rep.peakMetric).toBeCloseTo(liftPctAt(UP), 0);
      expect(rep.troughMetric).toBeCloseTo(liftPctAt(DOWN), 0);
    }
    expect(final.rollPasses).toBe(0);
    expect(count('formFault')).toBe(0);
  });

  it('counts the rep when the hips come back down, not when they go up', () => {
    const { outputs } = runChecker(framesFor(lifts(1)));
    const repAt = outputs.find((o) => o.events.some((e) => e.type === 'repCompleted'))!;
    // Lift: 1.0–2.5 s up, held to 6.0 s, lowered by 7.5 s: the hips cross 150° on the way down near 6.7 s.
    expect(repAt.tMs).toBeGreaterThan(6000);
    expect(repAt.phase).toBe('neutral');
    expect(outputs.filter((o) => o.tMs < 6000).every((o) => o.reps.total === 0)).toBe(true);
  });

  it('counts the same with the head to the right (the near side swapped)', () => {
    expect(runChecker(framesFor(lifts(2), { head: 'right' })).final.reps.total).toBe(2);
    expect(runChecker(framesFor(lifts(2), { head: 'left', nearSide: 'left' })).final.reps.total).toBe(2);
  });

  it('a lift shorter than the hold still counts as a rep, without holdCompleted', () => {
    const { final, count, outputs } = runChecker(framesFor(lifts(2, { holdMs: 1000 })));
    expect(final.reps.total).toBe(2);
    expect(count('holdStarted')).toBe(2);
    expect(count('holdCompleted')).toBe(0);
    expect(Math.max(...outputs.map((o) => o.holdMs))).toBeLessThan(options.holdMs);
  });

  it('a hold broken halfway by the hips sagging out of the band does not complete', () => {
    // Up at 2.5 s, sag to 140° at 4.0 s (1.5 s into the hold), back up from 4.6 s for 1.5 s, down.
    const knots: Knots = [[0, DOWN], [1000, DOWN], [2500, UP], [3800, UP], [4000, 140], [4400, 140], [4600, UP], [6100, UP], [7000, DOWN], [8000, DOWN]];
    const { count, final } = runChecker(framesFor(knots));
    expect(count('holdStarted')).toBe(2);
    expect(count('holdCompleted')).toBe(0);
    // The hips sagged out of the band but never rested (0.4 s at 140°, back up): one lift.
    expect(final.reps.total).toBe(1);
  });

  it('a hold broken by leaving the picture does not complete', () => {
    const { count } = runChecker(framesFor(lifts(1, { holdMs: 3500 }), {}, { gaps: [[3500, 4500]] }));
    expect(count('holdStarted')).toBe(2);
    expect(count('holdCompleted')).toBe(0);
  });

  it('reports the time in hips-up as the hold', () => {
    const { outputs } = runChecker(framesFor(lifts(1)));
    const up = outputs.filter((o) => o.phase === 'hips-up');
    expect(up[0]!.holdMs).toBe(0);
    expect(up.at(-1)!.holdMs).toBeGreaterThan(options.holdMs);
    expect(outputs.filter((o) => o.phase === 'neutral').every((o) => o.holdMs === 0)).toBe(true);
  });

  it('a lift that stops short of the band is not a rep', () => {
    const { final, phases } = runChecker(framesFor(lifts(3, { upValue: ENTER_DEG - 3 })));
    expect(phases).toEqual([]);
    expect(final.reps.total).toBe(0);
  });
});

describe('FoamRollerChecker against jitter and dropouts', () => {
  it('fast wobble across the entry threshold never enters hips-up', () => {
    // ±5° at 4 Hz around the entry threshold: above it for 125 ms at a time, under the 200 ms dwell.
    const frames = sampleFrames((tMs) => bridgeKeypoints({ hipAngleDeg: ENTER_DEG + 5 * Math.sin((tMs / 1000) * 2 * Math.PI * 4) }), 10_000);
    const { phases, final } = runChecker(frames);
    expect(phases).toEqual([]);
    expect(final.reps.total).toBe(0);
  });

  it('hips wobbling around the exit threshold during a hold make no extra rep', () => {
    const wobble = (tMs: number) => (tMs > 3000 && tMs < 7000 ? EXIT_DEG + 5 * Math.sin((tMs / 1000) * 2 * Math.PI * 4) : 0);
    const knots: Knots = [[0, DOWN], [1000, DOWN], [2500, UP], [3000, UP], [3001, 0], [7000, 0], [7001, UP], [8000, UP], [9500, DOWN], [10_500, DOWN]];
    const frames = sampleFrames((tMs) => {
      const base = interpolate(knots, tMs);
      return bridgeKeypoints({ hipAngleDeg: base === 0 ? wobble(tMs) : base });
    }, 10_500);
    const { phases, final } = runChecker(frames);
    expect(phases).toEqual(['hips-up', 'neutral']);
    expect(final.reps.total).toBe(1);
  });

  it('lifts resting and peaking just past the thresholds count exactly, with keypoint noise', () => {
    // The synthetic body's hips sit higher above its feet than a real one's (0.27 torso lengths
    // at 140°, the real clip 0.05–0.2), so its rest is taken lower than the exit angle.
    const frames = framesFor(lifts(4, { downValue: 130, upValue: ENTER_DEG + 8 }), {}, { noise: 0.002, seed: 11 });
    expect(runChecker(frames).final.reps.total).toBe(4);
  });

  it('counts the same through the full pipeline with noise and dropped keypoints', () => {
    const frames = framesFor(lifts(3), {}, { noise: 0.004, dropRate: 0.15, seed: 7 });
    const { final, timeline } = replay(new FoamRollerChecker(), frames);
    expect(final?.reps.total).toBe(3);
    expect(timeline.of('hips-up')).toHaveLength(3);
  });

  it('rides out a short dropout but reports a long one as out of frame', () => {
    const knots = lifts(2);
    const short = runChecker(framesFor(knots, {}, { gaps: [[3000, 3300]] }));
    expect(short.phases).not.toContain('out-of-frame');
    expect(short.final.reps.total).toBe(2);
    expect(short.count('holdCompleted')).toBe(2);

    const long = runChecker(framesFor(knots, {}, { gaps: [[3000, 4200]] }));
    expect(long.count('outOfFrame')).toBe(1);
    expect(long.count('backInFrame')).toBe(1);
    const before = long.outputs.find((o) => o.tMs === 3300)!;
    expect(before.phase).toBe('hips-up'); // still inside the 400 ms grace
    const during = long.outputs.find((o) => o.tMs === 4000)!;
    expect(during.phase).toBe('out-of-frame');
    expect(during.cue).toEqual(FOAM_ROLLER_CUES.outOfFrame);
    expect(during.counting).toBe(false);
    expect(during.metric).toBeNull();
    // The lift seen going up and coming down still counts once the person is back.
    expect(long.final.reps.total).toBe(2);
  });

  it('needs the knees: without them the person is out of frame', () => {
    const frames = framesFor(lifts(1)).map((f) => {
      const { left_knee: _l, right_knee: _r, ...rest } = f.keypoints;
      return { ...f, keypoints: rest };
    });
    const { events, final } = runChecker(frames);
    const out = events.find((e) => e.type === 'outOfFrame');
    expect(out?.type === 'outOfFrame' && out.missing).toEqual(['left_knee', 'right_knee']);
    expect(final.phase).toBe('out-of-frame');
  });
});

describe('FoamRollerChecker roll passes', () => {
  const hipsUp: Knots = [[0, UP]];
  // Feet placed so the knees stay over the ankles through half a torso length of roll.
  const feet: Extra = { feetDistance: 1.7 };

  it('counts three slow passes of half a torso length, with no speed cue', () => {
    const { final, outputs, faults } = runChecker(framesFor(hipsUp, feet, {}, rollKnots(3, { amplitude: 0.5, strokeMs: 2000 })));
    expect(final.rollPasses).toBe(3);
    expect(faults).toEqual([]);
    expect(outputs.some((o) => o.cue?.id === FOAM_ROLLER_CUES.rollSlowly.id)).toBe(false);
    // The hips stayed up throughout: one long hold, no rep (they never came down).
    expect(final.phase).toBe('hips-up');
    expect(final.reps.total).toBe(0);
  });

  it('counts a pass as soon as the roll back has covered the minimum travel', () => {
    // Out 0.5 (1.0–3.0 s), back 0.5 (3.0–5.0 s): back by 0.25 at 4.0 s.
    const { outputs } = runChecker(framesFor(hipsUp, feet, {}, rollKnots(1, { amplitude: 0.5, strokeMs: 2000 })));
    const first = outputs.find((o) => o.rollPasses === 1)!;
    expect(first.tMs).toBeGreaterThanOrEqual(4000);
    expect(first.tMs).toBeLessThan(4100);
  });

  it('small rocking under the minimum travel is not a pass, nor is lifting the hips', () => {
    expect(runChecker(framesFor(hipsUp, feet, { noise: 0.002, seed: 5 }, rollKnots(4, { amplitude: 0.15 }))).final.rollPasses).toBe(0);
    expect(runChecker(framesFor(lifts(4), {}, { noise: 0.002, seed: 5 })).final.rollPasses).toBe(0);
  });

  it('counts passes with the head to the right too, and through the pipeline with noise', () => {
    expect(runChecker(framesFor(hipsUp, { ...feet, head: 'right' }, {}, rollKnots(2))).final.rollPasses).toBe(2);
    const frames = framesFor(hipsUp, feet, { noise: 0.004, dropRate: 0.1, seed: 9 }, rollKnots(3));
    const { final } = replay(new FoamRollerChecker(), frames);
    expect((final as unknown as FoamRollerOutput).rollPasses).toBe(3);
  });

  it('rolling fast raises "roll slowly" and a rolling-too-fast fault, and still counts the passes', () => {
    // 0.5 torso lengths in 0.4 s = 1.25 torso lengths a second.
    const { final, faults, outputs } = runChecker(framesFor(hipsUp, feet, {}, rollKnots(2, { strokeMs: 400 })));
    expect(final.rollPasses).toBe(2);
    expect(faults).toContain('rolling-too-fast');
    expect(outputs.some((o) => o.cue?.id === FOAM_ROLLER_CUES.rollSlowly.id)).toBe(true);
    expect(Math.max(...outputs.map((o) => o.rollSpeed ?? 0))).toBeGreaterThan(options.maxRollSpeed);
  });

  it('PassCounter: out and back is one pass, out-back-out-back two', () => {
    const counter = new PassCounter(0.25);
    const path = [0, 0.1, 0.2, 0.3, 0.4, 0.3, 0.2, 0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.3, 0.2, 0.1, 0];
    const completed = path.map((p) => counter.step(p));
    expect(counter.passes).toBe(2);
    // Each pass completes when the roll back has covered 0.25 from the far end (0.4 → 0.1).
    expect(completed.flatMap((done, i) => (done ? [i] : []))).toEqual([7, 15]);
  });
});

describe('FoamRollerChecker cues', () => {
  const hold = lifts(1, { holdMs: 6000 });
  const cueIds = (extra: Extra, movenet = false) => runChecker(framesFor(hold, { ...extra, movenet })).cues;

  it('a clean lift gets no form cue, only the prompt to lift while the hips are down', () => {
    const { outputs, faults } = runChecker(framesFor(hold));
    expect(faults).toEqual([]);
    expect(new Set(outputs.map((o) => o.cue?.id ?? null))).toEqual(new Set([null, FOAM_ROLLER_CUES.liftHips.id]));
    expect(outputs.filter((o) => o.phase === 'hips-up').every((o) => o.cue === null)).toBe(true);
    // Prompted only after a second with the hips down.
    expect(outputs.find((o) => o.cue !== null)!.tMs).toBe(options.promptAfterMs);
  });

  it('"feet flat" when the heels come up (BlazePose heel and toe points)', () => {
    const { cues, faults } = runChecker(framesFor(hold, { heelLift: 0.2 }));
    expect(cues.has(FOAM_ROLLER_CUES.feetFlat.id)).toBe(true);
    expect(faults).toEqual(['feet-not-flat']);
  });

  it('"feet flat" when the feet leave the floor, from MoveNet points alone', () => {
    expect(cueIds({ feetLift: 0.7 }, true).has(FOAM_ROLLER_CUES.feetFlat.id)).toBe(true);
    expect(cueIds({}, true).has(FOAM_ROLLER_CUES.feetFlat.id)).toBe(false);
  });

  it('"knees over ankles" when the feet are too far out, only while the hips are up', () => {
    // Feet 2.4 torso lengths from the shoulders: in the bridge the knee sits ~0.5 behind the ankle.
    expect(bridgeGeometry({ hipAngleDeg: UP, feetDistance: 2.4 }).kneeAheadOfAnkle).toBeLessThan(-options.maxKneeAnkleOffsetRatio);
    const { outputs, faults } = runChecker(framesFor(hold, { feetDistance: 2.4 }));
    expect(faults).toEqual(['knees-not-over-ankles']);
    const up = outputs.filter((o) => o.phase === 'hips-up');
    expect(up.at(-1)!.cue).toEqual(FOAM_ROLLER_CUES.kneesOverAnkles);
    expect(outputs.filter((o) => o.phase === 'neutral').some((o) => o.cue?.id === FOAM_ROLLER_CUES.kneesOverAnkles.id)).toBe(false);
  });

  it('"support your head" when the head drops back off the line of the torso', () => {
    const { outputs, faults } = runChecker(framesFor(hold, { headDropDeg: 40 }));
    expect(faults).toEqual(['head-unsupported']);
    expect(outputs.at(-1)!.cue).toEqual(FOAM_ROLLER_CUES.supportHead);
    // A slight tilt is fine.
    expect(cueIds({ headDropDeg: 15 }).has(FOAM_ROLLER_CUES.supportHead.id)).toBe(false);
  });

  it('"lift your hips" while resting with the hips down', () => {
    const { outputs } = runChecker(framesFor([[0, DOWN], [5000, DOWN]]));
    expect(outputs.at(-1)!.cue).toEqual(FOAM_ROLLER_CUES.liftHips);
  });
});

describe('FoamRollerChecker wrong view', () => {
  it('sitting or standing up: asks to lie down and counts nothing', () => {
    const { final, outputs } = runChecker(framesFor(lifts(2), { uprightDeg: 80 }));
    expect(final.reps.total).toBe(0);
    expect(outputs.filter((o) => o.tMs >= options.wrongViewDwellMs).every((o) => o.phase === 'wrong-view' && !o.counting)).toBe(true);
    expect(final.cue).toEqual(FOAM_ROLLER_CUES.lieDown);
  });

  it('seen along the body (shoulders spread apart): asks to turn side-on', () => {
    const { final } = runChecker(framesFor(lifts(1), { shoulderSpread: 1.0 }));
    expect(final.reps.total).toBe(0);
    expect(final.phase).toBe('wrong-view');
    expect(final.cue).toEqual(FOAM_ROLLER_CUES.turnSideOn);
  });

  it('a lift abandoned by sitting up is not a rep', () => {
    const hips = lifts(1, { holdMs: 4000 });
    const frames = sampleFrames(
      (tMs) => bridgeKeypoints({ hipAngleDeg: interpolate(hips, tMs), uprightDeg: tMs > 4000 && tMs < 6000 ? 80 : 0 }),
      knotsEnd(hips),
    );
    const { phases, final } = runChecker(frames);
    // Back on the floor, the hips must stay up for the dwell again before hips-up is re-entered.
    expect(phases).toEqual(['hips-up', 'wrong-view', 'neutral', 'hips-up', 'neutral']);
    // Lying back down with the hips still up: that lift's start from the floor was not seen, so it is no rep.
    expect(final.reps.total).toBe(0);
  });
});

describe('FoamRollerChecker determinism', () => {
  it('gives identical outputs for identical frames, and after reset', () => {
    const frames = framesFor(lifts(2), {}, { noise: 0.003, seed: 3 }, rollKnots(2, { strokeMs: 1500 }));
    const [first, second] = runTwice(new FoamRollerChecker(), frames);
    expect(second).toEqual(first);
    expect(first.at(-1)!.reps.total).toBe(2);
  });
});

describe('hips up by height when a high roller keeps the angle low', () => {
  // A thick roller raises the shoulders so far that the hips, clearly off the floor, never bring
  // the shoulder–hip–knee line near straight (the real foam-roller photos read 136–153°).
  const HIGH_ROLLER = 0.7;
  // Rest at 115°: the synthetic roller raises the resting hips too (a real body's rest on the floor).
  const lift150 = (rollerHeight: number) => framesFor([[0, 115], [1000, 115], [2000, 152], [6000, 152], [7000, 115], [8500, 115]], { rollerHeight });

  it('a 152° lift on a high roller is hips up (over 50 % by its height) and counts as one rep', () => {
    const run = runChecker(lift150(HIGH_ROLLER));
    expect(run.phases).toEqual(['hips-up', 'neutral']);
    expect(run.final.reps.total).toBe(1);
    expect(run.count('holdCompleted')).toBe(1);
  });

  it('the same angle with the shoulders on the floor is not a lift (under 50 % by height and by angle)', () => {
    const run = runChecker(lift150(0.2));
    expect(run.phases).toEqual([]);
    expect(run.final.reps.total).toBe(0);
  });
});
