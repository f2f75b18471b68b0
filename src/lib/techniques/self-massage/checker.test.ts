import { describe, expect, it } from 'vitest';
import { replay } from '../../coaching/replay';
import { runChecker, runTwice } from '../../testing/checker-run';
import { frontKeypoints } from '../../testing/synthetic-front';
import { MASSAGE_SEATED, massageKeypoints, sampleMassageFrames, type MassageScene, type MassageSegment } from '../../testing/synthetic-massage';
import { DEFAULT_SELF_MASSAGE_OPTIONS, SELF_MASSAGE_CUES, SelfMassageChecker, type SelfMassageOptions } from './checker';
import { readMassageView } from './hand';

const run = (segments: MassageSegment[], frameOptions = {}, options: Partial<SelfMassageOptions> = {}, scene: MassageScene = {}) =>
  runChecker(new SelfMassageChecker(options), sampleMassageFrames(segments, frameOptions, scene));

const rest = (durationMs: number): MassageSegment => ({ side: null, durationMs });
/** `turns` circles on one side, after the move in; the segment lasts exactly that long plus the move. */
const circles = (side: 'left' | 'right', turns: number, periodMs = 2000, extra: Partial<MassageSegment> = {}): MassageSegment => ({
  side,
  durationMs: turns * periodMs + 1200,
  periodMs,
  ...extra,
});

describe('reading the hand', () => {
  const read = (segments: MassageSegment[], tMs: number) => readMassageView(massageKeypoints(segments, tMs), 0.3).view!;

  it('the right wrist on the left shoulder: near it, above the chest, across the midline', () => {
    const view = read([{ side: 'left', durationMs: 10_000, radius: 0 }], 5000);
    const hand = view.hands.left!;
    // Centre 0.3 in from the shoulder and 0.05 up: reach √(0.3² + 0.05²).
    expect(hand.reach).toBeCloseTo(Math.hypot(0.3, 0.05), 6);
    expect(hand.height).toBeCloseTo(0.05, 6);
    expect(hand.crossed).toBeCloseTo(0.2, 6);
    expect(view.hands.right).toBeUndefined();
  });

  it('mirror-invariant: the same pose flipped left to right reads the same', () => {
    const keypoints = massageKeypoints([{ side: 'right', durationMs: 10_000, radius: 0 }], 5000);
    const mirrored = Object.fromEntries(Object.entries(keypoints).map(([name, p]) => [name, { ...p, x: 1 - p.x }]));
    const a = readMassageView(keypoints, 0.3).view!.hands.right!;
    const b = readMassageView(mirrored, 0.3).view!.hands.right!;
    expect(b.reach).toBeCloseTo(a.reach, 9);
    expect(b.height).toBeCloseTo(a.height, 9);
    expect(b.crossed).toBeCloseTo(a.crossed, 9);
  });

  it('hands hanging by the sides are far from the opposite shoulders and on their own side', () => {
    const view = readMassageView(frontKeypoints({ ...MASSAGE_SEATED, armsCrossed: 0 }), 0.3).view!;
    expect(view.hands.left!.reach).toBeGreaterThan(1.3);
    expect(view.hands.left!.crossed).toBeLessThan(0);
  });
});

describe('SelfMassageChecker strokes', () => {
  it.each([
    { radius: 0.06, periodMs: 2000 },
    { radius: 0.12, periodMs: 2000 },
    { radius: 0.2, periodMs: 3000 },
    { radius: 0.08, periodMs: 1000 },
    { radius: 0.1, periodMs: 4000 },
  ])('counts slow circles of radius $radius at one per $periodMs ms', ({ radius, periodMs }) => {
    const turns = 12;
    const { final, ofType } = run([rest(1000), circles('left', turns, periodMs, { radius })]);
    // The first turn is partly spent finding the circle's centre (and the hand's arrival).
    expect(final.reps.left).toBeGreaterThanOrEqual(turns - 1);
    expect(final.reps.left).toBeLessThanOrEqual(turns);
    expect(final.reps.right).toBe(0);
    // Every stroke while the hand is on the shoulder (not the one that ends as it leaves) lasts a period.
    const leavesAt = 1000 + turns * periodMs + 600;
    const strokes = ofType('repCompleted').filter((stroke) => stroke.tMs < leavesAt);
    expect(strokes.length).toBeGreaterThanOrEqual(turns - 2);
    for (const stroke of strokes.slice(1)) {
      expect(stroke.side).toBe('left');
      expect(stroke.durationMs).toBeGreaterThan(periodMs - 70);
      expect(stroke.durationMs).toBeLessThan(periodMs + 70);
      expect(stroke.peakMetric).toBeCloseTo(60_000 / stroke.durationMs, 6);
    }
  });

  it('counts either direction of turning', () => {
    const { final } = run([rest(1000), circles('right', 10, 2000, { direction: -1 })]);
    expect(final.reps.right).toBeGreaterThanOrEqual(9);
    expect(final.reps.right).toBeLessThanOrEqual(10);
  });

  it('the live metric is the pace in strokes a minute', () => {
    const { final, outputs } = run([rest(1000), circles('left', 10, 2000)]);
    expect(final.phase).toBe('massage-left');
    expect(final.metric).toBeCloseTo(30, 0);
    // No pace before the first stroke.
    expect(outputs.find((o) => o.phase === 'massage-left')!.metric).toBeNull();
  });

  it('a still hand counts time but no strokes, and is reminded to press gently and circle', () => {
    const { final, at } = run([rest(1000), { side: 'left', durationMs: 12_000, radius: 0 }]);
    expect(final.reps.total).toBe(0);
    expect(final.holdMs).toBeGreaterThan(10_000);
    expect(at(8000).cue).toEqual(SELF_MASSAGE_CUES.pressGently);
  });

  it('noise around a still hand never makes a stroke', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { final } = run([rest(1000), { side: 'left', durationMs: 30_000, radius: 0 }], { noise: 0.0015, seed });
      expect(final.reps.total).toBe(0);
    }
  });

  it('counts circles through noise and dropped keypoints', () => {
    for (const seed of [1, 2, 3]) {
      const { final } = run([rest(1000), circles('left', 15, 2000, { radius: 0.1 })], { noise: 0.001, dropRate: 0.05, seed });
      expect(final.reps.left).toBeGreaterThanOrEqual(13);
      expect(final.reps.left).toBeLessThanOrEqual(15);
    }
  });

  it('back-and-forth rubbing is not circles: no strokes', () => {
    const { final } = run([rest(1000), { side: 'left', durationMs: 20_000, rubAmplitude: 0.12, periodMs: 1500 }]);
    expect(final.reps.total).toBe(0);
  });

  it('fast scrubbing circles are not counted and bring "slow circles"', () => {
    const { final, cues } = run([rest(1000), circles('left', 30, 250, { radius: 0.08 })]);
    expect(final.reps.total).toBe(0);
    expect(cues.has(SELF_MASSAGE_CUES.slowCircles.id)).toBe(true);
  });

  it('quick but countable circles count, with "slow circles"', () => {
    const { final, cues } = run([rest(1000), circles('left', 12, 600, { radius: 0.08 })]);
    // The centre's 0.6 s settling is a whole turn at this pace.
    expect(final.reps.left).toBeGreaterThanOrEqual(10);
    expect(final.reps.left).toBeLessThanOrEqual(12);
    expect(cues.has(SELF_MASSAGE_CUES.slowCircles.id)).toBe(true);
  });
});

describe('SelfMassageChecker sides and time', () => {
  it('times each side, says "other side now" at the target, then "both sides done"', () => {
    const options = { holdMs: 10_000 };
    const { phases, ofType, at, final } = run([rest(1000), circles('left', 6), rest(1500), circles('right', 6), rest(1000)], {}, options);
    expect(phases).toEqual(['massage-left', 'neutral', 'massage-right', 'neutral']);
    expect(ofType('holdStarted').map((e) => e.side)).toEqual(['left', 'right']);
    expect(ofType('sideChanged').map((e) => e.side)).toEqual(['left', 'right']);
    const done = ofType('holdCompleted');
    expect(done.map((e) => e.side)).toEqual(['left', 'right']);
    expect(done[0]!.durationMs).toBeGreaterThanOrEqual(10_000);
    expect(at(done[0]!.tMs).cue).toEqual(SELF_MASSAGE_CUES.otherSide);
    expect(at(done[1]!.tMs).cue).toEqual(SELF_MASSAGE_CUES.bothDone);
    expect(final.sidesDone).toEqual({ left: true, right: true });
    expect(final.reps.left).toBeGreaterThanOrEqual(5);
    expect(final.reps.right).toBeGreaterThanOrEqual(5);
    expect(final.reps.total).toBe(final.reps.left + final.reps.right);
  });

  it('time runs only while the hand is there; a short break to shift the hand keeps the visit', () => {
    const { ofType, final, outputs } = run([rest(1000), circles('left', 4), rest(2000), circles('left', 4)], {}, { holdMs: 60_000 });
    expect(ofType('holdStarted')).toHaveLength(1);
    expect(ofType('formFault')).toHaveLength(0);
    // Two segments of 9.2 s, each less the time the latch needs to see the hand arrive and go.
    expect(final.holdMs).toBeGreaterThan(15_000);
    expect(final.holdMs).toBeLessThan(18_400);
    // While the hand is away the time stands still.
    const away = outputs.filter((o) => o.tMs > 11_000 && o.tMs < 12_000);
    expect(new Set(away.map((o) => o.holdMs)).size).toBe(1);
  });

  it('the hand away for long ends the visit, short of its target: a new one starts from zero', () => {
    const { ofType, faults, final } = run([rest(1000), circles('left', 4), rest(7000), circles('left', 2)], {}, { holdMs: 60_000 });
    expect(ofType('holdStarted')).toHaveLength(2);
    expect(faults).toEqual(['side-short']);
    expect(final.holdMs).toBeLessThan(5500);
    expect(final.sideTimeMs.left).toBeGreaterThan(final.holdMs + 7000);
  });

  it('both hands on the opposite shoulders (a self-hug) count nothing: one hand at a time', () => {
    const { final, cues, phases } = run([rest(1000), { side: 'left', durationMs: 10_000, bothHands: true }]);
    expect(final.reps.total).toBe(0);
    expect(final.holdMs).toBe(0);
    expect(phases).toEqual([]);
    expect(cues.has(SELF_MASSAGE_CUES.oneHand.id)).toBe(true);
  });

  it('a hand crossed over but low on the chest is not on the shoulder: "higher"', () => {
    const { final, cues, phases } = run([rest(1000), circles('left', 5, 2000, { up: -0.6, inward: 0.4 })]);
    expect(phases).toEqual([]);
    expect(final.reps.total).toBe(0);
    expect(cues.has(SELF_MASSAGE_CUES.handHigher.id)).toBe(true);
  });

  it('hands resting in view count nothing and ask to reach across', () => {
    const { final, phases, at } = run([rest(6000)], {}, {}, { restingVisible: true });
    expect(phases).toEqual([]);
    expect(final.reps.total).toBe(0);
    expect(at(3000).cue).toEqual(SELF_MASSAGE_CUES.placeHand);
  });
});

describe('SelfMassageChecker framing', () => {
  it('rides out a short dropout; a long one is out of frame and stops the clock', () => {
    const segments = [rest(1000), circles('left', 8)];
    const short = run(segments, { gaps: [[6000, 6500]] });
    expect(short.phases).not.toContain('out-of-frame');
    const long = run(segments, { gaps: [[6000, 8000]] });
    expect(long.count('outOfFrame')).toBe(1);
    expect(long.at(7500)).toMatchObject({ phase: 'out-of-frame', counting: false, cue: SELF_MASSAGE_CUES.outOfFrame });
    // The visit survives the 2 s gap (under the grace) but gains no time in it.
    expect(long.ofType('holdStarted')).toHaveLength(1);
    expect(long.final.holdMs).toBeLessThan(short.final.holdMs - 1000);
  });
});

describe('SelfMassageChecker through the pipeline', () => {
  it('counts the same strokes with One Euro smoothing, noise and dropouts', () => {
    const frames = sampleMassageFrames([rest(1000), circles('left', 10), rest(1500), circles('right', 10)], { noise: 0.001, dropRate: 0.03, seed: 11 });
    const { final } = replay(new SelfMassageChecker(), frames);
    expect(final!.reps.left).toBeGreaterThanOrEqual(8);
    expect(final!.reps.left).toBeLessThanOrEqual(10);
    expect(final!.reps.right).toBeGreaterThanOrEqual(8);
    expect(final!.reps.right).toBeLessThanOrEqual(10);
  });

  it('with the app\'s smoothing, jitter of 2% of a shoulder width makes no stroke from a still hand and loses none from circles', () => {
    for (const seed of [1, 2, 3]) {
      const still = replay(new SelfMassageChecker(), sampleMassageFrames([rest(1000), { side: 'left', durationMs: 60_000, radius: 0 }], { noise: 0.005, seed }));
      expect(still.final!.reps.total).toBe(0);
      const moving = replay(new SelfMassageChecker(), sampleMassageFrames([rest(1000), circles('left', 30, 2000, { radius: 0.08 })], { noise: 0.005, seed }));
      expect(moving.final!.reps.left).toBeGreaterThanOrEqual(28);
      expect(moving.final!.reps.left).toBeLessThanOrEqual(30);
    }
  });

  it('at a low frame rate (10 fps) still counts slow circles', () => {
    const { final } = run([rest(1000), circles('left', 10, 2500)], { fps: 10 });
    expect(final.reps.left).toBeGreaterThanOrEqual(9);
  });
});

describe('SelfMassageChecker determinism', () => {
  it('same frames in, same outputs out, also after reset', () => {
    const frames = sampleMassageFrames([rest(1000), circles('left', 5), circles('right', 5)], { noise: 0.001, seed: 4 });
    const [first, second] = runTwice(new SelfMassageChecker(), frames);
    expect(second).toEqual(first);
    expect(first.at(-1)!.reps.total).toBeGreaterThan(6);
  });

  it('defaults: a minute a side', () => {
    expect(DEFAULT_SELF_MASSAGE_OPTIONS.holdMs).toBe(60_000);
  });
});
