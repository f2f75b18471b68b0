/**
 * The checker on keypoints the real models produced on ../shared/fixtures/video/cat-cow-side.mp4
 * (recorded by `npm run record-trace`, committed next to this file).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAT_COW_CLIP, compareCatCowTimeline } from '../../../../tests/fixture-labels';
import { replay } from '../../coaching/replay';
import type { PoseFrame } from '../../pose/keypoints';
import { CatCowChecker } from './checker';

interface Trace {
  model: string;
  clip: string;
  frames: PoseFrame[];
}

function loadTrace(model: string): Trace {
  return JSON.parse(readFileSync(new URL(`./traces/cat-cow-side.${model}.json`, import.meta.url), 'utf8')) as Trace;
}

/** The clip played forward then backward `times` times, on one continuous clock. */
function forwardBackward(frames: readonly PoseFrame[], times: number): PoseFrame[] {
  const stepMs = frames[1]!.tMs - frames[0]!.tMs;
  const loop = [...frames, ...[...frames].reverse()];
  const out: PoseFrame[] = [];
  for (let i = 0; i < times; i++) for (const frame of loop) out.push({ ...frame, tMs: out.length * stepMs });
  return out;
}

describe.each(['lightning', 'blazepose-full'])('cat-cow trace recorded with %s', (model) => {
  const trace = loadTrace(model);

  it('covers the whole clip', () => {
    expect(trace.clip).toBe('cat-cow-side.mp4');
    expect(trace.frames.length).toBeGreaterThan(290);
    expect(trace.frames.at(-1)!.tMs).toBeGreaterThan(9900);
  });

  it(`counts the ground-truth ${CAT_COW_CLIP.reps} rep`, () => {
    expect(replay(new CatCowChecker(), trace.frames).final?.reps.total).toBe(CAT_COW_CLIP.reps);
  });

  it('matches the labelled cow and cat spans within 0.5 s', () => {
    const { timeline } = replay(new CatCowChecker(), trace.frames, CAT_COW_CLIP.durationS * 1000);
    expect(compareCatCowTimeline(timeline.spans)).toEqual([]);
  });

  it('never loses the person on this clip and reads the arch on every frame', () => {
    const { outputs } = replay(new CatCowChecker(), trace.frames);
    expect(outputs.filter((o) => o.phase === 'out-of-frame' || o.phase === 'wrong-view')).toEqual([]);
    expect(outputs.every((o) => o.metric !== null)).toBe(true);
  });

  it('counts exactly 3 reps when the clip is played forward then backward three times', () => {
    expect(replay(new CatCowChecker(), forwardBackward(trace.frames, 3)).final?.reps.total).toBe(3);
  });
});
