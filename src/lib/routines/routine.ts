/**
 * Routines: a sequence of techniques with targets and rests, the built-in "Upper-back reset",
 * and the runner that moves from one step to the next. Pure: time arrives as `tMs`, progress
 * as counts from the current step's session record, and every step is recorded by the page
 * as its own session linked to the routine run.
 */
import { findTechnique } from '../techniques/catalog';
import type { RepCounts, TechniqueId } from '../techniques/types';
import type { Routine, RoutineRun, RoutineStep, SessionRecord, SessionStatus } from '../storage/schema';

export type { Routine, RoutineStep };

/** Techniques counted per side; `perSide` means nothing for the others. */
export const SIDED_TECHNIQUES: ReadonlySet<TechniqueId> = new Set(['seated-twist', 'standing-rotation', 'self-massage']);

/**
 * Gentle, in an order that keeps changes of position few: all fours → lying (extension, then
 * the roller) → sitting → standing, ending on the self-hug's slow breathing. Holds follow the
 * articles ("a few seconds"; rotations 15–20 s each side), rests are longer where the user
 * must change position or fetch the roller. Desk posture is a background check, not a step.
 */
export const DEFAULT_ROUTINE: Routine = {
  id: 'upper-back-reset',
  name: 'Upper-back reset',
  steps: [
    { techniqueId: 'cat-cow', target: { reps: 6 }, restSeconds: 30 },
    { techniqueId: 'thoracic-extension', target: { reps: 5, holdSeconds: 3 }, restSeconds: 30 },
    { techniqueId: 'foam-roller', target: { reps: 5, holdSeconds: 3 }, restSeconds: 30, note: 'Needs a foam roller; skip it if you have none.' },
    { techniqueId: 'seated-twist', target: { reps: 2, perSide: true, holdSeconds: 5 }, restSeconds: 20 },
    { techniqueId: 'standing-rotation', target: { reps: 1, perSide: true, holdSeconds: 15 }, restSeconds: 20 },
    { techniqueId: 'self-hug', target: { reps: 3, holdSeconds: 5 }, restSeconds: 0 },
  ],
};

/** The built-in routine first, then the user's own (a stored copy never shadows the built-in one). */
export function allRoutines(stored: readonly Routine[]): Routine[] {
  return [DEFAULT_ROUTINE, ...stored.filter((routine) => routine.id !== DEFAULT_ROUTINE.id)];
}

export function startRoutineRun(routine: Routine, id: string, startedAt: number): RoutineRun {
  return { id, routineId: routine.id, routineName: routine.name, startedAt, endedAt: null, status: 'active' };
}

export function finishRoutineRun(run: RoutineRun, status: Exclude<SessionStatus, 'active'>, endedAt: number): RoutineRun {
  return { ...run, status, endedAt };
}

// ——— Targets ———

export interface StepProgress {
  reps: RepCounts;
  completedHolds: RepCounts;
}

/** Counts from the current step's session record. */
export function progressOf(record: Pick<SessionRecord, 'reps' | 'holds'>): StepProgress {
  const count = (items: readonly { side: 'left' | 'right' | null }[]): RepCounts => ({
    total: items.length,
    left: items.filter((item) => item.side === 'left').length,
    right: items.filter((item) => item.side === 'right').length,
  });
  return { reps: count(record.reps), completedHolds: count(record.holds.filter((hold) => hold.completed)) };
}

const perSide = (step: RoutineStep) => step.target.perSide === true && SIDED_TECHNIQUES.has(step.techniqueId);

/**
 * Reps decide when a step is done (the checker already requires the hold for a rep, set to
 * the step's holdSeconds by the page). A hold-only step is done after one completed hold (per
 * side). A step with neither target is done only when the user moves on.
 */
export function targetMet(step: RoutineStep, progress: StepProgress): boolean {
  const { reps, holdSeconds } = step.target;
  const counts = reps !== undefined ? progress.reps : holdSeconds !== undefined ? progress.completedHolds : undefined;
  if (!counts) return false;
  const needed = reps ?? 1;
  return perSide(step) ? counts.left >= needed && counts.right >= needed : counts.total >= needed;
}

/** e.g. "6 reps", "2 each side, hold 5 s", "hold 15 s each side". */
export function describeTarget(step: RoutineStep): string {
  const { reps, holdSeconds } = step.target;
  const sides = perSide(step);
  const hold = holdSeconds === undefined ? undefined : `hold ${holdSeconds} s`;
  if (reps === undefined) return hold ? `${hold}${sides ? ' each side' : ''}` : 'at your own pace';
  const count = sides ? `${reps} each side` : `${reps} ${reps === 1 ? 'rep' : 'reps'}`;
  return hold ? `${count}, ${hold}` : count;
}

export type TechniqueName = (id: TechniqueId) => string;
const catalogName: TechniqueName = (id) => findTechnique(id)?.name ?? id;

/** e.g. "Seated twist — 2 each side, hold 5 s". */
export function describeStep(step: RoutineStep, techniqueName: TechniqueName = catalogName): string {
  const text = `${techniqueName(step.techniqueId)} — ${describeTarget(step)}`;
  return step.note ? `${text}. ${step.note}` : text;
}

// ——— Runner ———

export type RunnerPhase = 'practice' | 'rest' | 'done';

export class RoutineRunner {
  private phaseNow: RunnerPhase = 'practice';
  /** The step practised now, or (resting) the one coming next. */
  private index = 0;
  private restEndsAtMs = 0;
  private practiceCount = 1;

  constructor(
    readonly routine: Routine,
    private readonly techniqueName: TechniqueName = catalogName,
  ) {
    if (routine.steps.length === 0) throw new Error(`Routine “${routine.name}” has no steps`);
  }

  get phase(): RunnerPhase {
    return this.phaseNow;
  }

  get stepIndex(): number {
    return this.index;
  }

  /** The step practised now or next; undefined when done. */
  get step(): RoutineStep | undefined {
    return this.phaseNow === 'done' ? undefined : this.routine.steps[this.index];
  }

  /** Goes up each time a practice phase begins (also when going back): start a new session then. */
  get practiceSerial(): number {
    return this.practiceCount;
  }

  /** What to show and say now. */
  get announcement(): string {
    const step = this.step;
    if (!step) return `${this.routine.name}: done. Well done.`;
    if (this.phaseNow === 'rest') return `Rest. Next: ${describeStep(step, this.techniqueName)}`;
    return `${this.index === 0 ? 'First' : 'Now'}: ${describeStep(step, this.techniqueName)}`;
  }

  restRemainingMs(tMs: number): number {
    return this.phaseNow === 'rest' ? Math.max(0, this.restEndsAtMs - tMs) : 0;
  }

  /** Feed the current step's progress while practising; true when the phase changed. */
  update(progress: StepProgress, tMs: number): boolean {
    const step = this.step;
    if (this.phaseNow !== 'practice' || !step || !targetMet(step, progress)) return false;
    this.completeStep(tMs);
    return true;
  }

  /** Call as time passes while resting; true when the rest ended and the next step began. */
  tick(tMs: number): boolean {
    if (this.phaseNow !== 'rest' || tMs < this.restEndsAtMs) return false;
    this.practise(this.index);
    return true;
  }

  /** Practising: leave the step as done. Resting: end the rest now. */
  skip(tMs: number): void {
    if (this.phaseNow === 'practice') this.completeStep(tMs);
    else if (this.phaseNow === 'rest') this.practise(this.index);
  }

  /** Back to the step before the current one (resting or done: the step just finished). */
  back(): void {
    if (this.phaseNow === 'practice') this.practise(Math.max(0, this.index - 1));
    else if (this.phaseNow === 'rest') this.practise(this.index - 1);
    else this.practise(this.routine.steps.length - 1);
  }

  private completeStep(tMs: number): void {
    const done = this.routine.steps[this.index]!;
    if (this.index === this.routine.steps.length - 1) {
      this.phaseNow = 'done';
      return;
    }
    this.index++;
    if (done.restSeconds > 0) {
      this.phaseNow = 'rest';
      this.restEndsAtMs = tMs + done.restSeconds * 1000;
    } else {
      this.practise(this.index);
    }
  }

  private practise(index: number): void {
    this.phaseNow = 'practice';
    this.index = index;
    this.practiceCount++;
  }
}
