/** Runs recorded pose frames through the core pipeline: for tests, tools and replays. Pure. */
import type { PoseFrame } from '../pose/keypoints';
import type { Checker } from '../techniques/types';
import { CoachPipeline, type PipelineOutput } from './pipeline';
import { PhaseTimeline } from './timeline';

export interface ReplayResult {
  outputs: PipelineOutput[];
  timeline: PhaseTimeline;
  final: PipelineOutput | undefined;
}

export function replay(checker: Checker, frames: readonly PoseFrame[], endMs?: number): ReplayResult {
  const pipeline = new CoachPipeline(checker);
  const timeline = new PhaseTimeline();
  const outputs = frames.map((frame) => {
    const output = pipeline.process(frame);
    timeline.add(output.phase, output.tMs);
    return output;
  });
  if (endMs !== undefined) timeline.close(endMs);
  return { outputs, timeline, final: outputs.at(-1) };
}
