import { describe, expect, it } from 'vitest';
import { replay } from '../../coaching/replay';
import { readSideView } from '../../geometry/side';
import type { PoseFrame } from '../../pose/keypoints';
import { runChecker, runTwice } from '../../testing/checker-run';
import { interpolate, sampleFrames, type FrameOptions, type Knots } from '../../testing/synthetic';
import { chestLiftKeypoints, knotsEnd, liftKnots, type ChestLiftPose } from '../../testing/synthetic-lying';
import {
  DEFAULT_THORACIC_EXTENSION_OPTIONS,
  THORACIC_EXTENSION_CUES,
  ThoracicExtensionChecker,
  chestLiftDeg,
} from './checker';

const options = DEFAULT_THORACIC_EXTENSION_OPTIONS;
const UP = 22;

type Extra = Omit<ChestLiftPose, 'chestLiftDeg'>;

function framesFor(knots: Knots, extra: Extra = {}, frameOptions: FrameOptions = {}): PoseFrame[] {
  return sampleFrames((tMs) => chestLiftKeypoints({ ...extra, chestLiftDeg: interpolate(knots, tMs) }), knotsEnd(knots), frameOptions);
}

/** Checker alone, no smoothing: exact geometry in, exact phases out. */
const run = (frames: PoseFrame[]) => runChecker(new ThoracicExtensionChecker(), frames);

/** Slow lifts: up in 1.5 s, held 3.5 s, lowered in 2 s, rested 1.5 s. */
const lifts = (reps: number, more: Partial<Parameters<typeof liftKnots>[1]> = {}) =>
  liftKnots(reps, { downValue: 0, upValue: UP, lowerMs: 2000, ...more });

describe('chestLiftDeg', () => {
  it('reads the synthetic chest lift back exactly, head to the left or right', () => {
    for (const head of ['left', 'right'] as const) {
      for (const lift of [-10, 0, 8, 15, 30]) {
        const { view } = readSideView(chestLiftKeypoints({ chestLiftDeg: lift, head }), 0.3);
        expect(chestLiftDeg({ ear: view!.ear!, shoulder: view!.shoulder, hip: view!.hip })).toBeCloseTo(lift, 1);
      }
    }
  });

  it('subtracts the baseline', () => {
    const checker = new ThoracicExtensionChecker({ ...options, baselineDeg: -5 });
    expect(checker.step({ tMs: 0, aspect: 16 / 9, keypoints: chestLiftKeypoints({ chestLiftDeg: 10 }) }).metric).toBeCloseTo(15, 1);
  });
});

describe('ThoracicExtensionChecker lifts and holds', () => {
  it('counts three slow lifts as three reps, each held past 3 s, with no fault', () => {
    const { final, phases, events, count, faults } = run(framesFor(lifts(3)));
    expect(final.reps.total).toBe(3);
    expect(phases).toEqual(['lifted', 'neutral', 'lifted', 'neutral', 'lifted', 'neutral']);
    expect(count('holdStarted')).toBe(3);
    expect(count('holdCompleted')).toBe(3);
    const reps = events.filter((e) => e.type === 'repCompleted');
    expect(reps.map((e) => e.type === 'repCompleted' && e.repIndex)).toEqual([1, 2, 3]);
    for (const rep of reps) {
      if (rep.type !== 'repCompleted') continue;
      expect(rep.peakMetric).toBeCloseTo(UP, 0);
      expect(rep.troughMetric).toBeCloseTo(0, 0);
    }
    expect(faults).toEqual([]);
  });

  it('counts the rep when the chest is lowered out of the band', () => {
    const { outputs } = run(framesFor(lifts(1)));
    const repAt = outputs.find((o) => o.events.some((e) => e.type === 'repCompleted'))!;
    // Held to 6.0 s, lowered 22° → 0° by 8.0 s: below 6° near 7.45 s, and a rep once it has rested 0.5 s.
    expect(repAt.tMs).toBeGreaterThan(7900);
    expect(repAt.tMs).toBeLessThan(8400);
  });

  it('counts the same with the head to the right, and with the far side scored higher', () => {
    expect(run(framesFor(lifts(2), { head: 'right' })).final.reps.total).toBe(2);
    expect(run(framesFor(lifts(2), { nearSide: 'left' })).final.reps.total).toBe(2);
  });

  it('a hold broken halfway (lowered after about 1.5 s in the band) counts the rep but not the hold', () => {
    const { final, count, outputs } = run(framesFor(lifts(2, { holdMs: 300, lowerMs: 1500 })));
    expect(final.reps.total).toBe(2);
    expect(count('holdStarted')).toBe(2);
    expect(count('holdCompleted')).toBe(0);
    expect(Math.max(...outputs.map((o) => o.holdMs))).toBeLessThan(options.holdMs);
  });

  it('a lift that stays under the band is not a rep', () => {
    const { final, phases } = run(framesFor(lifts(3, { upValue: options.liftedEnterDeg - 3 })));
    expect(phases).toEqual([]);
    expect(final.reps.total).toBe(0);
  });
});

describe('ThoracicExtensionChecker against jitter and dropouts', () => {
  it('fast wobble across the entry threshold never enters lifted', () => {
    const frames = sampleFrames((tMs) => chestLiftKeypoints({ chestLiftDeg: options.liftedEnterDeg + 4 * Math.sin((tMs / 1000) * 2 * Math.PI * 4) }), 10_000);
    const { phases, final } = run(frames);
    expect(phases).toEqual([]);
    expect(final.reps.total).toBe(0);
  });

  it('wobble around the exit threshold during a hold makes no extra rep', () => {
    const frames = sampleFrames((tMs) => {
      const held = tMs > 3000 && tMs < 7000;
      const lift = held ? options.liftedExitDeg + 4 * Math.sin((tMs / 1000) * 2 * Math.PI * 4) : interpolate(lifts(1, { holdMs: 5000 }), tMs);
      return chestLiftKeypoints({ chestLiftDeg: lift });
    }, 10_500);
    const { phases, final } = run(frames);
    expect(phases).toEqual(['lifted', 'neutral']);
    expect(final.reps.total).toBe(1);
  });

  it('counts the same through the full pipeline with noise and dropped keypoints, and no false "lower slowly"', () => {
    const frames = framesFor(lifts(3), {}, { noise: 0.003, dropRate: 0.1, seed: 7 });
    const { final, timeline, outputs } = replay(new ThoracicExtensionChecker(), frames);
    expect(final?.reps.total).toBe(3);
    expect(timeline.of('lifted')).toHaveLength(3);
    expect(outputs.some((o) => o.cue?.id === THORACIC_EXTENSION_CUES.lowerSlowly.id)).toBe(false);
  });

  it('rides out a short dropout but reports a long one as out of frame', () => {
    const short = run(framesFor(lifts(2), {}, { gaps: [[3000, 3300]] }));
    expect(short.phases).not.toContain('out-of-frame');
    expect(short.final.reps.total).toBe(2);

    const long = run(framesFor(lifts(2), {}, { gaps: [[3000, 4200]] }));
    expect(long.count('outOfFrame')).toBe(1);
    expect(long.count('backInFrame')).toBe(1);
    expect(long.outputs.find((o) => o.tMs === 3300)!.phase).toBe('lifted');
    const during = long.outputs.find((o) => o.tMs === 4000)!;
    expect(during.phase).toBe('out-of-frame');
    expect(during.cue).toEqual(THORACIC_EXTENSION_CUES.outOfFrame);
    expect(during.counting).toBe(false);
    // The hold restarts on return (a third holdStarted), and the lift still counts when lowered.
    expect(long.count('holdStarted')).toBe(3);
    expect(long.outputs.find((o) => o.tMs === 4500)!.holdMs).toBeLessThan(500);
    expect(long.final.reps.total).toBe(2);
  });
});

describe('ThoracicExtensionChecker cues', () => {
  it('"lower slowly" when the chest drops fast, and the rep still counts', () => {
    const { final, faults, outputs } = run(framesFor(lifts(2, { lowerMs: 250 })));
    expect(final.reps.total).toBe(2);
    expect(faults).toEqual(['lowered-too-fast', 'lowered-too-fast']);
    const cueAt = outputs.find((o) => o.cue?.id === THORACIC_EXTENSION_CUES.lowerSlowly.id)!;
    // First lowering 6.0–6.25 s.
    expect(cueAt.tMs).toBeGreaterThan(6000);
    expect(cueAt.tMs).toBeLessThan(6400);
  });

  it('lowering over a second is slow enough', () => {
    expect(run(framesFor(lifts(2, { lowerMs: 1000 }))).faults).toEqual([]);
  });

  it('a fast lift (not a lowering) is not "lower slowly"', () => {
    expect(run(framesFor(lifts(2, { moveMs: 250 }))).faults).toEqual([]);
  });

  it('"keep your feet flat" when the heels rise or the legs straighten', () => {
    const heels = run(framesFor(lifts(1), { heelLift: 0.2 }));
    expect(heels.faults).toEqual(['feet-not-flat']);
    expect(heels.final.cue).toEqual(THORACIC_EXTENSION_CUES.feetFlat);
    const straight = run(framesFor(lifts(1), { kneeDeg: 165, movenet: true }));
    expect(straight.cues.has(THORACIC_EXTENSION_CUES.feetFlat.id)).toBe(true);
    const bent = run(framesFor(lifts(1), { kneeDeg: 100, movenet: true }));
    expect(bent.cues.has(THORACIC_EXTENSION_CUES.feetFlat.id)).toBe(false);
  });

  it('"lift the chest gently" while lying flat, not while lifted', () => {
    const { outputs } = run(framesFor(lifts(1)));
    expect(outputs[0]!.cue).toBeNull();
    expect(outputs.find((o) => o.tMs === 1000)!.cue).toEqual(THORACIC_EXTENSION_CUES.liftChest);
    expect(outputs.filter((o) => o.phase === 'lifted').every((o) => o.cue === null)).toBe(true);
  });
});

describe('ThoracicExtensionChecker wrong view', () => {
  it('sitting up: asks to lie down and counts nothing', () => {
    const { final } = run(framesFor(lifts(2), { uprightDeg: 70 }));
    expect(final.reps.total).toBe(0);
    expect(final.phase).toBe('wrong-view');
    expect(final.cue).toEqual(THORACIC_EXTENSION_CUES.lieDown);
  });

  it('seen along the body: asks to turn side-on', () => {
    const { final } = run(framesFor(lifts(1), { shoulderSpread: 1.0 }));
    expect(final.reps.total).toBe(0);
    expect(final.cue).toEqual(THORACIC_EXTENSION_CUES.turnSideOn);
  });
});

describe('ThoracicExtensionChecker determinism', () => {
  it('gives identical outputs for identical frames, and after reset', () => {
    const frames = framesFor(lifts(2, { lowerMs: 300 }), {}, { noise: 0.002, seed: 3 });
    const [first, second] = runTwice(new ThoracicExtensionChecker(), frames);
    expect(second).toEqual(first);
    expect(first.at(-1)!.reps.total).toBe(2);
  });
});
