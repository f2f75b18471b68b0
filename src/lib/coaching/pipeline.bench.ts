/** Core cost per frame (smoothing + features + checker + cue scheduling) on real keypoints. */
import { bench, describe } from 'vitest';
import { CatCowChecker } from '../techniques/cat-cow/checker';
import { clipTrace, TRACE_MODELS } from '../testing/traces';
import { DEFAULT_FRAMING } from './framing';
import { CoachPipeline } from './pipeline';

for (const model of TRACE_MODELS) {
  const frames = clipTrace('cat-cow-side', model);
  // With framing guidance and the position gate on, as in the app.
  const pipeline = new CoachPipeline(new CatCowChecker(), { framing: DEFAULT_FRAMING, positions: ['all-fours'] });
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
