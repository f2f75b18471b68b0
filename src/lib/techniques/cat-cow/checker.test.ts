import { describe, expect, it } from 'vitest';
import { replay } from '../../coaching/replay';
import type { PoseFrame } from '../../pose/keypoints';
import { runChecker, runTwice } from '../../testing/checker-run';
import { allFoursKeypoints, catCowKnots, interpolate, sampleFrames, type AllFoursPose, type Knots } from '../../testing/synthetic';
import { CAT_COW_CUES, CatCowChecker, DEFAULT_CAT_COW_OPTIONS, archDeg, HEAD_ONLY_SCALE, headArchDeg, readAllFoursView } from './checker';

const options = DEFAULT_CAT_COW_OPTIONS;

function framesFor(knots: Knots, extra: Omit<AllFoursPose, 'archDeg'> = {}, frameOptions = {}): PoseFrame[] {
  const durationMs = knots[knots.length - 1]![0];
  return sampleFrames((tMs) => allFoursKeypoints({ ...extra, archDeg: interpolate(knots, tMs) }), durationMs, frameOptions);
}

/** Checker alone, no smoothing: exact geometry in, exact phases out. */
const run = (frames: PoseFrame[]) => runChecker(new CatCowChecker(), frames);

describe('archDeg', () => {
  it('reads the synthetic arch back exactly, facing either way', () => {
    for (const facing of [1, -1] as const) {
      for (const arch of [-70, -30, 0, 25, 50]) {
        const { view } = readAllFoursView(allFoursKeypoints({ archDeg: arch, facing }), 0.3);
        expect(view).toBeDefined();
        expect(headArchDeg(view!)).toBeCloseTo(arch, 6);
      }
    }
  });

  it('does not depend on the torso tilt (a sloped mat or camera)', () => {
    const { view } = readAllFoursView(allFoursKeypoints({ archDeg: 40, torsoTiltDeg: 20 }), 0.3);
    expect(headArchDeg(view!)).toBeCloseTo(40, 6);
  });
});

describe('CatCowChecker on clean synthetic reps', () => {
  it('counts three slow cycles as exactly three reps, passing through cow then cat each time', () => {
    const { final, phases, events } = run(framesFor(catCowKnots(3)));
    expect(final.reps.total).toBe(3);
    expect(phases).toEqual(['cow', 'neutral', 'cat', 'neutral', 'cow', 'neutral', 'cat', 'neutral', 'cow', 'neutral', 'cat', 'neutral']);
    const reps = events.filter((e) => e.type === 'repCompleted');
    expect(reps.map((e) => e.type === 'repCompleted' && e.repIndex)).toEqual([1, 2, 3]);
    // Peak and trough reach the synthetic extremes (45° cow, −65° cat).
    for (const rep of reps) {
      if (rep.type !== 'repCompleted') continue;
      expect(rep.peakMetric).toBeCloseTo(45 * HEAD_ONLY_SCALE, 0);
      expect(rep.troughMetric).toBeCloseTo(-65 * HEAD_ONLY_SCALE, 0);
    }
    expect(events.some((e) => e.type === 'formFault')).toBe(false);
  });

  it('counts the same for a person facing left', () => {
    expect(run(framesFor(catCowKnots(2), { facing: -1 })).final.reps.total).toBe(2);
  });

  it('needs both ends: cow twice with no cat is not a rep', () => {
    const knots: Knots = [[0, 0], [1500, 45], [3000, 45], [4500, 0], [6000, 45], [7500, 45], [9000, 0]];
    const { final, phases } = run(framesFor(knots));
    expect(phases).toEqual(['cow', 'neutral', 'cow', 'neutral']);
    expect(final.reps.total).toBe(0);
  });

  it('a shallow movement that never reaches the bands is not a rep', () => {
    const { final, phases } = run(framesFor(catCowKnots(3, { cowDeg: 20, catDeg: -35 })));
    expect(phases).toEqual([]);
    expect(final.reps.total).toBe(0);
  });

  it('reports the time spent at the current end as the hold', () => {
    const { outputs } = run(framesFor(catCowKnots(1)));
    const inCow = outputs.filter((o) => o.phase === 'cow');
    expect(inCow[0]!.holdMs).toBe(0);
    expect(inCow.at(-1)!.holdMs).toBeGreaterThan(1500);
  });
});

describe('CatCowChecker against noise and dropouts', () => {
  it('jitter around a threshold never makes an extra entry or a rep', () => {
    // ±5° around the cow threshold, 4 Hz: inside the hysteresis dead band most of the time.
    const frames = sampleFrames(
      (tMs) => allFoursKeypoints({ archDeg: options.cowExitDeg + 3 + 6 * Math.sin((tMs / 1000) * 2 * Math.PI * 4) }),
      10_000,
    );
    const { phases, final } = run(frames);
    expect(phases.filter((p) => p === 'cow').length).toBeLessThanOrEqual(1);
    expect(final.reps.total).toBe(0);
  });

  it('a one-frame flicker into the cat band is not a phase', () => {
    const knots: Knots = [[0, 0], [1000, 0], [1001, -70], [1080, -70], [1081, 0], [3000, 0]];
    const { phases } = run(framesFor(knots));
    expect(phases).toEqual([]);
  });

  it('counts the same reps through the full pipeline with noise and dropped keypoints', () => {
    const frames = framesFor(catCowKnots(3), {}, { noise: 0.004, dropRate: 0.15, seed: 7 });
    const { final, timeline } = replay(new CatCowChecker(), frames);
    expect(final?.reps.total).toBe(3);
    expect(timeline.of('cow')).toHaveLength(3);
    expect(timeline.of('cat')).toHaveLength(3);
  });

  it('rides out a short dropout but reports a long one as out of frame', () => {
    const knots = catCowKnots(2);
    const short = run(framesFor(knots, {}, { gaps: [[2500, 2700]] }));
    expect(short.phases).not.toContain('out-of-frame');
    expect(short.final.reps.total).toBe(2);

    const long = run(framesFor(knots, {}, { gaps: [[2500, 3800]] }));
    expect(long.events.filter((e) => e.type === 'outOfFrame')).toHaveLength(1);
    expect(long.events.filter((e) => e.type === 'backInFrame')).toHaveLength(1);
    const during = long.outputs.find((o) => o.tMs === 3500)!;
    expect(during.phase).toBe('out-of-frame');
    expect(during.cue).toEqual(CAT_COW_CUES.outOfFrame);
    expect(during.counting).toBe(false);
  });
});

describe('CatCowChecker pace and form', () => {
  it('moving faster than the breath flags "too fast" and cues "slower", but still counts', () => {
    const { events, outputs, final } = run(framesFor(catCowKnots(2, { moveMs: 300, holdMs: 300 })));
    expect(events.filter((e) => e.type === 'formFault' && e.fault === 'too-fast').length).toBeGreaterThanOrEqual(1);
    expect(outputs.some((o) => o.cue?.id === CAT_COW_CUES.slower.id)).toBe(true);
    expect(final.reps.total).toBe(2);
  });

  it('asks for hands under shoulders when the wrists are far ahead', () => {
    const { outputs } = run(framesFor(catCowKnots(1), { wristOffset: 0.6 }));
    expect(outputs.filter((o) => o.counting).every((o) => o.cue?.id === CAT_COW_CUES.handsUnderShoulders.id)).toBe(true);
  });

  it('asks for straight arms when the elbows bend', () => {
    const { outputs } = run(framesFor(catCowKnots(1), { elbowDeg: 110 }));
    expect(outputs.some((o) => o.cue?.id === CAT_COW_CUES.armsStraight.id)).toBe(true);
  });

  it('guides the breath: inhale into cow first, exhale into cat after holding cow', () => {
    const { outputs } = run(framesFor(catCowKnots(1, { holdMs: 3000 })));
    expect(outputs[0]!.cue).toEqual(CAT_COW_CUES.inhaleCow);
    const lateCow = outputs.filter((o) => o.phase === 'cow').at(-1)!;
    expect(lateCow.cue).toEqual(CAT_COW_CUES.exhaleCat);
  });
});

describe('CatCowChecker wrong view', () => {
  it('facing the camera: says turn side-on and counts nothing', () => {
    const { outputs, final } = run(framesFor(catCowKnots(2), { shoulderSpread: 1.0 }));
    expect(final.reps.total).toBe(0);
    expect(outputs.slice(1).every((o) => o.phase === 'wrong-view' && !o.counting)).toBe(true);
    expect(outputs.at(-1)!.cue).toEqual(CAT_COW_CUES.turnSideOn);
  });

  it('standing up: asks to come onto hands and knees', () => {
    const { final, outputs } = run(framesFor(catCowKnots(1), { torsoTiltDeg: 80 }));
    expect(final.reps.total).toBe(0);
    expect(outputs.at(-1)!.cue).toEqual(CAT_COW_CUES.allFours);
  });
});

describe('CatCowChecker determinism', () => {
  it('gives identical outputs for identical frames, and after reset', () => {
    const frames = framesFor(catCowKnots(2), {}, { noise: 0.003, seed: 3 });
    const [first, second] = runTwice(new CatCowChecker(), frames);
    expect(second).toEqual(first);
  });
});
