/**
 * Measuring the checkers against labelled footage: rep counts, how much of the labelled time
 * the phase agrees with the label, photos passed per label, and whether the position gate
 * keeps a clip in another position from counting. Pure: frames and labels come in as data
 * (the recorded traces, ../testing/traces; the labels, tests/fixture-labels.ts).
 */
import { replay, type ReplayResult } from '../coaching/replay';
import type { PoseFrame } from '../pose/keypoints';
import type { TechniqueDefinition } from '../techniques/catalog';

export interface LabelledSpan {
  label: string;
  startS: number;
  endS: number;
}

export interface ClipRun {
  reps: number;
  left: number;
  right: number;
  /** Share (0–1) of the labelled spans' time in which the phase was the label's. */
  phaseAgreement: number | null;
}

/** A technique's checker over a file's frames as the app runs it: gates on, finished at `endMs`. */
export function replayAsFile(technique: TechniqueDefinition, frames: readonly PoseFrame[], endMs: number): ReplayResult {
  return replay(technique.createChecker!(technique.defaultTargets), frames, {
    positions: technique.positions,
    positionCue: technique.positionCue,
    finish: true,
    endMs,
  });
}

/** Runs a technique's checker over a clip as the app does (gates on, the clip finished at its end). */
export function runClip(technique: TechniqueDefinition, frames: readonly PoseFrame[], spans: readonly LabelledSpan[] = []): ClipRun {
  const endMs = frames.at(-1)?.tMs ?? 0;
  const { final, timeline } = replayAsFile(technique, frames, endMs);
  let labelled = 0;
  let agreeing = 0;
  for (const span of spans) {
    const start = span.startS * 1000;
    const end = Math.min(span.endS * 1000, endMs);
    labelled += Math.max(0, end - start);
    for (const detected of timeline.spans) {
      if (detected.phase !== span.label) continue;
      agreeing += Math.max(0, Math.min(end, detected.endMs) - Math.max(start, detected.startMs));
    }
  }
  const reps = final?.reps ?? { total: 0, left: 0, right: 0 };
  return { reps: reps.total, left: reps.left, right: reps.right, phaseAgreement: labelled > 0 ? agreeing / labelled : null };
}

/** The phase a technique's checker reaches on a photo held still (as the app analyses one). */
export function photoPhase(technique: TechniqueDefinition, still: readonly PoseFrame[]): string {
  const checker = technique.createChecker!(technique.defaultTargets);
  checker.assumeTypicalBaseline?.();
  return replay(checker, still, { positions: technique.positions }).final?.phase ?? 'out-of-frame';
}

/** Whether a clip on a technique's page counted nothing and timed nothing. */
export function countsNothing(technique: TechniqueDefinition, frames: readonly PoseFrame[]): boolean {
  const { outputs, final } = replay(technique.createChecker!(technique.defaultTargets), frames, { positions: technique.positions, finish: true });
  const events = outputs.flatMap((o) => o.events);
  return final?.reps.total === 0 && !events.some((e) => e.type === 'holdCompleted' || e.type === 'repCompleted') && outputs.every((o) => o.holdMs === 0);
}
