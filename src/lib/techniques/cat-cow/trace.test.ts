/**
 * The checker on keypoints the real models produced on ../shared/fixtures/video/cat-cow-side.mp4
 * (recorded by `npm run record-trace`, in ../../testing/traces).
 */
import { describe, expect, it } from 'vitest';
import { CAT_COW_CLIP, CAT_COW_FORWARD_BACKWARD_X3_REPS, compareCatCowTimeline } from '../../../../tests/fixture-labels';
import { replay } from '../../coaching/replay';
import { clipTrace, cut, forwardBackward, reversed, TRACE_MODELS } from '../../testing/traces';
import { CatCowChecker } from './checker';

const positions = ['all-fours'] as const;

describe.each(TRACE_MODELS)('cat-cow trace recorded with %s', (model) => {
  const frames = clipTrace('cat-cow-side', model);

  it('covers the whole clip', () => {
    expect(frames.length).toBeGreaterThan(290);
    expect(frames.at(-1)!.tMs).toBeGreaterThan(9900);
  });

  it(`counts the ground-truth ${CAT_COW_CLIP.reps} rep`, () => {
    expect(replay(new CatCowChecker(), frames, { positions, finish: true }).final?.reps.total).toBe(CAT_COW_CLIP.reps);
  });

  it('matches the labelled cow and cat spans within 0.5 s', () => {
    const { timeline } = replay(new CatCowChecker(), frames, { endMs: CAT_COW_CLIP.durationS * 1000, positions });
    expect(compareCatCowTimeline(timeline.spans)).toEqual([]);
  });

  it('never loses the person on this clip and reads the arch on every frame', () => {
    const { outputs } = replay(new CatCowChecker(), frames, { positions });
    expect(outputs.filter((o) => o.phase === 'out-of-frame' || o.phase === 'wrong-view' || o.phase === 'wrong-position')).toEqual([]);
    expect(outputs.every((o) => o.metric !== null)).toBe(true);
    expect(outputs.at(-1)!.position).toBe('all-fours');
  });

  it(`counts ${CAT_COW_FORWARD_BACKWARD_X3_REPS} reps when the clip is played forward then backward three times`, () => {
    expect(replay(new CatCowChecker(), forwardBackward(frames, 3), { positions, finish: true }).final?.reps.total).toBe(CAT_COW_FORWARD_BACKWARD_X3_REPS);
  });

  it('the edges of a movement: a clip cut in the middle of cat still counts its rep; one cut before cat gives none', () => {
    // Cut at 6 s: cow, then cat held 2 s (past the 1.5 s that completes a rep) and never left.
    expect(replay(new CatCowChecker(), cut(frames, 0, 6000), { positions, finish: true }).final?.reps.total).toBe(1);
    // Cut at 4.2 s: cat only just reached; the end of the clip completes it.
    const early = replay(new CatCowChecker(), cut(frames, 0, 4200), { positions, finish: true });
    expect(early.final?.reps.total).toBe(1);
    expect(replay(new CatCowChecker(), cut(frames, 0, 4200), { positions }).final?.reps.total).toBe(0);
    // Cut at 3 s: only cow seen.
    expect(replay(new CatCowChecker(), cut(frames, 0, 3000), { positions, finish: true }).final?.reps.total).toBe(0);
    // Played backwards: easing, cat, cow: still one cat and one cow.
    expect(replay(new CatCowChecker(), reversed(frames), { positions, finish: true }).final?.reps.total).toBe(1);
  });
});
