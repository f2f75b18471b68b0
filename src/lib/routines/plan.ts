/**
 * What the routines page and the routine bar show and say, around the pure runner in
 * routine.ts: time estimates, progress towards a step's target, the announcement after a
 * step, what a past run achieved, and the practice address of a step. Pure.
 */
import { dayKey } from '../session/summary';
import type { RoutineRun, SessionRecord } from '../storage/schema';
import type { RepCounts } from '../techniques/types';
import { describeStep, progressOf, RoutineRunner, SIDED_TECHNIQUES, targetMet, type Routine, type RoutineStep, type StepProgress } from './routine';

/** Moving into and out of a rep, on top of its hold. */
export const MOVE_SECONDS = 5;
/** Reading the step, getting into position, framing the camera. */
export const SETUP_SECONDS = 15;

export const isPerSide = (step: RoutineStep): boolean => step.target.perSide === true && SIDED_TECHNIQUES.has(step.techniqueId);

/** A rough time for one step, rest left out. */
export function stepSeconds(step: RoutineStep): number {
  const { reps, holdSeconds } = step.target;
  const sides = isPerSide(step) ? 2 : 1;
  return SETUP_SECONDS + (reps ?? 1) * sides * ((holdSeconds ?? 0) + MOVE_SECONDS);
}

/** The whole routine: every step and the rests between them (not after the last). */
export function estimateSeconds(routine: Routine): number {
  return routine.steps.reduce((sum, step, index) => sum + stepSeconds(step) + (index < routine.steps.length - 1 ? step.restSeconds : 0), 0);
}

/** 'about 7 min'; 'under a minute'. */
export function formatEstimate(seconds: number): string {
  if (seconds < 60) return 'under a minute';
  return `about ${Math.round(seconds / 60)} min`;
}

/** '30 s', '1 min', '1 min 30 s'. */
export function formatRest(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** A countdown, whole seconds rounded up: '0:25', '1:30'. */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

// ——— Progress in the current step ———

const NO_COUNTS: RepCounts = { total: 0, left: 0, right: 0 };
export const NO_PROGRESS: StepProgress = { reps: NO_COUNTS, completedHolds: NO_COUNTS };

/** What the practice page's session offers the routine bar. */
export interface LiveSession {
  reps: RepCounts;
  record: Pick<SessionRecord, 'reps' | 'holds' | 'routineRunId' | 'routineStep'> | null;
}

const maxCounts = (a: RepCounts, b: RepCounts): RepCounts => ({
  total: Math.max(a.total, b.total),
  left: Math.max(a.left, b.left),
  right: Math.max(a.right, b.right),
});

/**
 * Progress from the session's record (reps and completed holds), or from its live rep counts
 * until a record exists. A record that belongs to another run or step (a page kept between
 * two steps of the same technique) counts for nothing.
 */
export function liveProgress(session: LiveSession, runId: string, stepIndex: number): StepProgress {
  const { record } = session;
  if (!record) return { reps: session.reps, completedHolds: NO_COUNTS };
  if (record.routineRunId !== undefined && (record.routineRunId !== runId || record.routineStep !== stepIndex)) return NO_PROGRESS;
  const fromRecord = progressOf(record);
  // The live counters can run a frame ahead of the saved record.
  return { reps: maxCounts(fromRecord.reps, session.reps), completedHolds: fromRecord.completedHolds };
}

/** Which counts decide the step: reps, else completed holds, else none (done when the user moves on). */
function countsFor(step: RoutineStep, progress: StepProgress): { counts: RepCounts; needed: number; unit: 'reps' | 'holds' } | null {
  const { reps, holdSeconds } = step.target;
  if (reps !== undefined) return { counts: progress.reps, needed: reps, unit: 'reps' };
  if (holdSeconds !== undefined) return { counts: progress.completedHolds, needed: 1, unit: 'holds' };
  return null;
}

/** 0…1 towards the target (each side counts half when per side). */
export function progressFraction(step: RoutineStep, progress: StepProgress): number {
  const decided = countsFor(step, progress);
  if (!decided) return 0;
  const { counts, needed } = decided;
  if (isPerSide(step)) return (Math.min(counts.left, needed) + Math.min(counts.right, needed)) / (2 * needed);
  return Math.min(counts.total, needed) / needed;
}

/** '3 of 6 reps', 'left 1 of 2 · right 0 of 2', 'hold 0 of 1'. */
export function progressText(step: RoutineStep, progress: StepProgress): string {
  const decided = countsFor(step, progress);
  if (!decided) return 'Move on when you are ready';
  const { counts, needed, unit } = decided;
  const of = (count: number) => `${Math.min(count, needed)} of ${needed}`;
  if (isPerSide(step)) return `${unit === 'holds' ? 'Holds: ' : ''}left ${of(counts.left)} · right ${of(counts.right)}`;
  if (unit === 'holds') return `Hold ${of(counts.total)}`;
  return `${of(counts.total)} ${needed === 1 ? 'rep' : 'reps'}`;
}

// ——— Announcements ———

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** Said when a step is left (target met or skipped): "Well done. Rest 30 s. Next: …". */
export function announcementAfter(routine: Routine, doneIndex: number, how: 'met' | 'skipped'): string {
  const opening = how === 'met' ? 'Well done.' : 'Skipped.';
  const next = routine.steps[doneIndex + 1];
  if (!next) return how === 'met' ? `Well done. ${routine.name} complete.` : `${routine.name} complete.`;
  const rest = how === 'met' ? (routine.steps[doneIndex]?.restSeconds ?? 0) : 0;
  return `${opening} ${rest > 0 ? `Rest ${formatRest(rest)}. ` : ''}Next: ${sentence(describeStep(next))}`;
}

/** A runner standing at the start of step `index` (clamped to the routine). */
export function runnerAt(routine: Routine, index: number): RoutineRunner {
  const runner = new RoutineRunner(routine);
  const target = Math.min(Math.max(0, Math.trunc(index)), routine.steps.length - 1);
  while (runner.phase !== 'practice' || runner.stepIndex < target) runner.skip(0);
  return runner;
}

// ——— Past runs ———

export interface RunSummary {
  run: RoutineRun;
  /** The routine as it is now; null when it has been deleted. */
  routine: Routine | null;
  /** Steps with a session that reached the step's target (or, routine gone, any reps or holds). */
  partsDone: number;
  totalParts: number | null;
  /** Where an unfinished run picks up again; null when it cannot. */
  resumeStep: number | null;
}

const didSomething = (record: SessionRecord) => record.reps.length > 0 || record.holds.some((hold) => hold.completed);

export function summarizeRun(run: RoutineRun, routine: Routine | null, sessions: readonly SessionRecord[]): RunSummary {
  const own = sessions.filter((record) => record.routineRunId === run.id && record.routineStep !== undefined);
  const stepDone = (index: number) =>
    own.some((record) => {
      if (record.routineStep !== index) return false;
      const step = routine?.steps[index];
      if (!routine) return didSomething(record);
      return step !== undefined && step.techniqueId === record.techniqueId && targetMet(step, progressOf(record));
    });
  const indices = [...new Set(own.map((record) => record.routineStep!))];
  const partsDone = indices.filter(stepDone).length;
  let resumeStep: number | null = null;
  if (run.status === 'active' && routine) {
    const last = indices.length === 0 ? -1 : Math.max(...indices);
    const candidate = last < 0 ? 0 : stepDone(last) ? last + 1 : last;
    resumeStep = candidate < routine.steps.length ? candidate : null;
  }
  return { run, routine, partsDone, totalParts: routine ? routine.steps.length : null, resumeStep };
}

export function runStatusText(status: RoutineRun['status']): string {
  switch (status) {
    case 'completed':
      return 'Completed';
    case 'stopped':
      return 'Ended early';
    case 'interrupted':
      return 'Interrupted';
    default:
      return 'Unfinished';
  }
}

/** '3 of 6 parts done', '1 part done'. */
export function partsText(summary: Pick<RunSummary, 'partsDone' | 'totalParts'>): string {
  const { partsDone, totalParts } = summary;
  if (totalParts === null) return `${partsDone} ${partsDone === 1 ? 'part' : 'parts'} done`;
  return `${partsDone} of ${totalParts} ${totalParts === 1 ? 'part' : 'parts'} done`;
}

/** 'Today 09:05', 'Yesterday 18:30', else e.g. '6 Jan 09:05'. */
export function whenText(epochMs: number, nowMs: number, locale?: string): string {
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(epochMs));
  const day = dayKey(epochMs);
  if (day === dayKey(nowMs)) return `Today ${time}`;
  const yesterday = new Date(nowMs);
  yesterday.setDate(yesterday.getDate() - 1);
  if (day === dayKey(yesterday.getTime())) return `Yesterday ${time}`;
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(new Date(epochMs));
  return `${date} ${time}`;
}

// ——— Addresses ———

/** The query that makes a practice page one step of a run (the page's contract). */
export function routineQuery(runId: string, stepIndex: number): string {
  return `?${new URLSearchParams({ routine: runId, step: String(stepIndex) }).toString()}`;
}
