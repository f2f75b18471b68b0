/** Runs recorded pose frames through the core pipeline: for tests, tools and replays. Pure. */
import type { PoseFrame } from '../pose/keypoints';
import type { Checker } from '../techniques/types';
import { DEFAULT_FRAMING, type FramingOptions } from './framing';
import { CoachPipeline, type PipelineOutput } from './pipeline';
import { PhaseTimeline } from './timeline';

export interface ReplayResult {
  outputs: PipelineOutput[];
  timeline: PhaseTimeline;
  final: PipelineOutput | undefined;
}

/** Replays with the app's framing guidance on by default, so recorded traces face the same gate as a live session. */
export function replay(checker: Checker, frames: readonly PoseFrame[], endMs?: number, framing: FramingOptions | null = DEFAULT_FRAMING): ReplayResult {
  const pipeline = new CoachPipeline(checker, framing);
  const timeline = new PhaseTimeline();
  const outputs = frames.map((frame) => {
    const output = pipeline.process(frame);
    timeline.add(output.phase, output.tMs);
    return output;
  });
  if (endMs !== undefined) timeline.close(endMs);
  return { outputs, timeline, final: outputs.at(-1) };
}
