/**
 * Comparing a checker run on every frame of a clip with one on fewer frames (a lower sampling
 * rate): the evidence behind the rate file analysis samples at. Pure.
 */
import type { PhaseSpan } from '../coaching/timeline';
import type { PoseFrame } from '../pose/keypoints';
import type { TechniqueDefinition } from '../techniques/catalog';
import { replayAsFile } from './measure';

export interface RunShape {
  reps: { total: number; left: number; right: number };
  /** The phases entered, in order. */
  phases: string[];
  spans: readonly PhaseSpan[];
}

/** Every `n`th frame, starting with the first (sampling at 1/n of the rate). */
export function everyNth<T>(frames: readonly T[], n: number): T[] {
  return frames.filter((_, i) => i % n === 0);
}

/** A technique's checker over a clip as the app runs a file: gates on, finished at the clip's end. */
export function runShape(technique: TechniqueDefinition, frames: readonly PoseFrame[], endMs: number): RunShape {
  const { final, timeline } = replayAsFile(technique, frames, endMs);
  const spans = timeline.spans.map((span) => ({ ...span }));
  return { reps: final?.reps ?? { total: 0, left: 0, right: 0 }, phases: spans.map((s) => s.phase), spans };
}

export interface RunComparison {
  full: RunShape;
  half: RunShape;
  /** The largest gap between matching span starts or ends (Infinity when the phases differ). */
  worstSpanDifferenceMs: number;
}

/** Runs both frame sets to the same end (the clip's) and measures how far their phase spans are apart. */
export function compareRuns(technique: TechniqueDefinition, full: readonly PoseFrame[], fewer: readonly PoseFrame[]): RunComparison {
  const endMs = full.at(-1)?.tMs ?? 0;
  const a = runShape(technique, full, endMs);
  const b = runShape(technique, fewer, endMs);
  let worst = 0;
  if (a.phases.join() !== b.phases.join()) worst = Infinity;
  else
    a.spans.forEach((span, i) => {
      const other = b.spans[i]!;
      worst = Math.max(worst, Math.abs(span.startMs - other.startMs), Math.abs(span.endMs - other.endMs));
    });
  return { full: a, half: b, worstSpanDifferenceMs: worst };
}
