/**
 * The editor's draft of a user-made routine and its conversion to a stored Routine, checked
 * with the storage schema (RoutineSchema) plus one rule of our own: every step needs reps or
 * a hold, so the runner knows when to move on. Messages name the step and the field. Pure.
 */
import * as v from 'valibot';
import { RoutineSchema, type Routine } from '../storage/schema';
import { findTechnique, TECHNIQUES } from '../techniques/catalog';
import type { TechniqueId } from '../techniques/types';
import { DEFAULT_ROUTINE } from './routine';

/** Desk posture is a background check, not a step. */
export const STEP_TECHNIQUES = TECHNIQUES.filter((technique) => technique.id !== 'posture');

export const DEFAULT_REST_SECONDS = 30;

export interface DraftStep {
  /** Stable within the editor, for keyed lists. */
  key: number;
  techniqueId: TechniqueId;
  /** null: no reps target (an empty field). */
  reps: number | null;
  holdSeconds: number | null;
  perSide: boolean;
  restSeconds: number | null;
  note?: string;
}

export interface RoutineDraft {
  /** null until first saved. */
  id: string | null;
  name: string;
  steps: DraftStep[];
}

let nextKey = 1;
const newKey = () => nextKey++;

/** A step with the technique's default targets. */
export function newStep(techniqueId: TechniqueId = 'cat-cow', restSeconds: number | null = DEFAULT_REST_SECONDS): DraftStep {
  const technique = findTechnique(techniqueId);
  const targets = technique?.defaultTargets ?? {};
  return {
    key: newKey(),
    techniqueId,
    reps: targets.reps ?? null,
    holdSeconds: targets.holdSeconds ?? null,
    perSide: technique?.sided ?? false,
    restSeconds,
  };
}

/** Another technique in the same place: its default targets, the rest kept. */
export function withTechnique(step: DraftStep, techniqueId: TechniqueId): DraftStep {
  return { ...newStep(techniqueId, step.restSeconds), key: step.key };
}

export function newDraft(): RoutineDraft {
  return { id: null, name: '', steps: [newStep('cat-cow'), newStep('seated-twist')] };
}

/** `copy`: a new routine starting from this one (e.g. the built-in one, which cannot be changed). */
export function draftFromRoutine(routine: Routine, { copy = false }: { copy?: boolean } = {}): RoutineDraft {
  return {
    id: copy ? null : routine.id,
    name: copy ? `${routine.name} (my version)` : routine.name,
    steps: routine.steps.map((step) => ({
      key: newKey(),
      techniqueId: step.techniqueId,
      reps: step.target.reps ?? null,
      holdSeconds: step.target.holdSeconds ?? null,
      perSide: step.target.perSide ?? false,
      restSeconds: step.restSeconds,
      ...(step.note !== undefined ? { note: step.note } : {}),
    })),
  };
}

/** Moves a step up (-1) or down (+1); a new array, unchanged at the ends. */
export function moveStep<T>(steps: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= steps.length || to < 0 || to >= steps.length) return [...steps];
  const moved = [...steps];
  [moved[index], moved[to]] = [moved[to]!, moved[index]!];
  return moved;
}

export type DraftResult = { ok: true; routine: Routine } | { ok: false; message: string };

const FIELD_LABELS: Record<string, string> = { reps: 'reps', holdSeconds: 'hold (seconds)', restSeconds: 'rest (seconds)', techniqueId: 'stretch', perSide: 'each side', note: 'note' };

function place(path: readonly { key: unknown }[] | undefined, draft: RoutineDraft): string {
  const keys = (path ?? []).map((item) => item.key);
  if (keys[0] === 'name') return 'Name';
  if (keys[0] === 'steps' && typeof keys[1] === 'number') {
    const step = draft.steps[keys[1]];
    const name = step ? (findTechnique(step.techniqueId)?.name ?? step.techniqueId) : '';
    const field = keys.at(-1);
    const label = typeof field === 'string' ? FIELD_LABELS[field] : undefined;
    return `Step ${keys[1] + 1}${name ? ` (${name})` : ''}${label ? `, ${label}` : ''}`;
  }
  return 'Routine';
}

function problem(issue: v.BaseIssue<unknown>, draft: RoutineDraft): string {
  const keys = (issue.path ?? []).map((item) => item.key);
  const requirement = 'requirement' in issue ? issue.requirement : undefined;
  if (keys.length === 1 && keys[0] === 'name') {
    return issue.type === 'max_length' ? `Keep the name to ${String(requirement)} characters or fewer.` : 'Give the routine a name.';
  }
  if (keys.length === 1 && keys[0] === 'steps') {
    return issue.type === 'max_length' ? `A routine can have at most ${String(requirement)} steps.` : 'Add at least one step.';
  }
  const where = place(issue.path, draft);
  switch (issue.type) {
    case 'integer':
      return `${where}: use a whole number.`;
    case 'min_value':
      return `${where}: must be at least ${String(requirement)}.`;
    case 'max_value':
      return `${where}: must be at most ${String(requirement)}.`;
    case 'number':
    case 'finite':
      return `${where}: enter a number.`;
    default:
      return `${where}: ${issue.message}`;
  }
}

const present = (value: number | null | undefined): value is number => typeof value === 'number' && !Number.isNaN(value);

/** The routine the draft describes, or a message saying what to fix (the first problem). */
export function draftToRoutine(draft: RoutineDraft, newId: () => string): DraftResult {
  const routine = {
    // A new routine gets its id only once it is valid.
    id: draft.id ?? 'new',
    name: draft.name,
    steps: draft.steps.map((step) => {
      const sided = findTechnique(step.techniqueId)?.sided ?? false;
      return {
        techniqueId: step.techniqueId,
        target: {
          ...(present(step.reps) ? { reps: step.reps } : {}),
          ...(present(step.holdSeconds) ? { holdSeconds: step.holdSeconds } : {}),
          ...(sided && step.perSide ? { perSide: true } : {}),
        },
        // An empty rest field means no rest.
        restSeconds: present(step.restSeconds) ? step.restSeconds : 0,
        ...(step.note !== undefined ? { note: step.note } : {}),
      };
    }),
  };
  if (routine.id === DEFAULT_ROUTINE.id) return { ok: false, message: 'The built-in routine cannot be changed; save your version under a new name.' };
  const parsed = v.safeParse(RoutineSchema, routine);
  if (!parsed.success) return { ok: false, message: problem(parsed.issues[0], draft) };
  const missing = parsed.output.steps.findIndex((step) => step.target.reps === undefined && step.target.holdSeconds === undefined);
  if (missing >= 0) {
    return { ok: false, message: `${place([{ key: 'steps' }, { key: missing }], draft)}: set reps, a hold time, or both, so Unknot knows when to move on.` };
  }
  return { ok: true, routine: { ...parsed.output, id: draft.id ?? newId() } };
}
