/** Core cost per frame (smoothing + features + checker + cue scheduling) on real keypoints. */
import { readFileSync } from 'node:fs';
import { bench, describe } from 'vitest';
import type { PoseFrame } from '../pose/keypoints';
import { CatCowChecker } from '../techniques/cat-cow/checker';
import { DEFAULT_FRAMING } from './framing';
import { CoachPipeline } from './pipeline';

for (const model of ['lightning', 'blazepose-full']) {
  const trace = JSON.parse(
    readFileSync(new URL(`../techniques/cat-cow/traces/cat-cow-side.${model}.json`, import.meta.url), 'utf8'),
  ) as { frames: PoseFrame[] };
  const { frames } = trace;
  // With framing guidance on, as in the app.
  const pipeline = new CoachPipeline(new CatCowChecker(), DEFAULT_FRAMING);
  let offsetMs = 0;

  describe(`core on the cat-cow trace (${model}, ${frames.length} frames per iteration)`, () => {
    bench(
      'pipeline.process over the whole clip',
      () => {
        // Continuous clock across iterations, as a long live session would have.
        for (const frame of frames) pipeline.process({ ...frame, tMs: frame.tMs + offsetMs });
        offsetMs += 10_200;
      },
      { time: 2000 },
    );
  });
}
