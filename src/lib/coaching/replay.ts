/** Runs recorded pose frames through the core pipeline: for tests, tools and replays. Pure. */
import type { PoseFrame } from '../pose/keypoints';
import type { Checker } from '../techniques/types';
import { DEFAULT_FRAMING } from './framing';
import { CoachPipeline, type PipelineOptions, type PipelineOutput } from './pipeline';
import { PhaseTimeline } from './timeline';

export interface ReplayResult {
  outputs: PipelineOutput[];
  timeline: PhaseTimeline;
  /** The last output; when the replay finished the clip, with what finishing counted. */
  final: PipelineOutput | undefined;
}

export interface ReplayOptions extends PipelineOptions {
  /** Where the clip ends (closes the timeline; and, with `finish`, where the clip is finished). */
  endMs?: number;
  /** Finish the clip at its end as the app does (a complete movement still in progress counts). */
  finish?: boolean;
}

/**
 * Replays with the app's framing guidance on by default, so recorded traces face the same
 * gate as a live session; `endMs` closes the timeline there.
 */
export function replay(checker: Checker, frames: readonly PoseFrame[], endMsOrOptions: number | ReplayOptions = {}): ReplayResult {
  const options: ReplayOptions = typeof endMsOrOptions === 'number' ? { endMs: endMsOrOptions } : endMsOrOptions;
  const pipeline = new CoachPipeline(checker, { ...options, framing: options.framing === undefined ? DEFAULT_FRAMING : options.framing });
  const timeline = new PhaseTimeline();
  const outputs = frames.map((frame) => {
    const output = pipeline.process(frame);
    timeline.add(output.phase, output.tMs);
    return output;
  });
  const endMs = options.endMs ?? frames.at(-1)?.tMs;
  const finished = options.finish && endMs !== undefined ? pipeline.finish(endMs) : undefined;
  if (finished) outputs.push(finished);
  if (options.endMs !== undefined) timeline.close(options.endMs);
  return { outputs, timeline, final: outputs.at(-1) };
}
