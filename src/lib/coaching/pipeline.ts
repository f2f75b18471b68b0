/**
 * The per-frame core: smoothing → checker → cue scheduling. Pure and synchronous, so the
 * live session, video-file analysis, trace replays, tests and the benchmark share it.
 */
import { KeypointSmoother } from '../filters/one-euro';
import type { PoseFrame } from '../pose/keypoints';
import type { Checker, CheckerOutput, Cue } from '../techniques/types';
import { CueScheduler } from './cue-scheduler';
import { FRAMING_CUES, FramingGate, type FramingIssue, type FramingOptions } from './framing';

export interface PipelineOutput extends CheckerOutput {
  /** The smoothed frame the checker saw (drawn by the overlay). */
  frame: PoseFrame;
  /** The cue to show now (scheduled: one at a time, no flicker). */
  shownCue: Cue | null;
  /** A cue to speak aloud on this frame, if any. */
  spokenCue: Cue | null;
  /** Too far, too close or unclear: the checker was given no pose this frame, so nothing counts. */
  framingIssue: FramingIssue | null;
}

export class CoachPipeline {
  private readonly smoother = new KeypointSmoother();
  private readonly cues = new CueScheduler();
  private readonly framing: FramingGate | null;

  /** `framing` null turns the framing guidance off (e.g. replaying traces through a checker alone). */
  constructor(
    readonly checker: Checker,
    framing: FramingOptions | null = null,
  ) {
    this.framing = framing ? new FramingGate(framing) : null;
  }

  process(raw: PoseFrame): PipelineOutput {
    const frame = this.smoother.smooth(raw);
    const framingIssue = this.framing?.step(raw) ?? null;
    // While the framing is wrong the checker sees nobody: its own out-of-frame handling then
    // ends holds and stops counting, exactly as when the person leaves the picture.
    const output = this.checker.step(framingIssue ? { tMs: frame.tMs, aspect: frame.aspect, keypoints: {} } : frame);
    const cue = framingIssue ? FRAMING_CUES[framingIssue] : output.cue;
    const { shown, speak } = this.cues.step(cue, frame.tMs);
    return { ...output, cue, counting: framingIssue ? false : output.counting, frame, shownCue: shown, spokenCue: speak, framingIssue };
  }

  /** A frame with no person in it: the checker sees an empty pose. */
  processEmpty(tMs: number, aspect: number): PipelineOutput {
    return this.process({ tMs, aspect, keypoints: {} });
  }

  reset(): void {
    this.smoother.reset();
    this.checker.reset();
    this.cues.reset();
    this.framing?.reset();
  }
}
