/**
 * The per-frame core: smoothing → checker → cue scheduling. Pure and synchronous, so the
 * live session, video-file analysis, trace replays, tests and the benchmark share it.
 */
import { KeypointSmoother } from '../filters/one-euro';
import type { PoseFrame } from '../pose/keypoints';
import type { Checker, CheckerOutput, Cue } from '../techniques/types';
import { CueScheduler } from './cue-scheduler';

export interface PipelineOutput extends CheckerOutput {
  /** The smoothed frame the checker saw (drawn by the overlay). */
  frame: PoseFrame;
  /** The cue to show now (scheduled: one at a time, no flicker). */
  shownCue: Cue | null;
  /** A cue to speak aloud on this frame, if any. */
  spokenCue: Cue | null;
}

export class CoachPipeline {
  private readonly smoother = new KeypointSmoother();
  private readonly cues = new CueScheduler();

  constructor(readonly checker: Checker) {}

  process(raw: PoseFrame): PipelineOutput {
    const frame = this.smoother.smooth(raw);
    const output = this.checker.step(frame);
    const { shown, speak } = this.cues.step(output.cue, frame.tMs);
    return { ...output, frame, shownCue: shown, spokenCue: speak };
  }

  /** A frame with no person in it: the checker sees an empty pose. */
  processEmpty(tMs: number, aspect: number): PipelineOutput {
    return this.process({ tMs, aspect, keypoints: {} });
  }

  reset(): void {
    this.smoother.reset();
    this.checker.reset();
    this.cues.reset();
  }
}
