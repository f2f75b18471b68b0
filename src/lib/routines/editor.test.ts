import { describe, expect, it } from 'vitest';
import { draftFromRoutine, draftToRoutine, moveStep, newDraft, newStep, STEP_TECHNIQUES, withTechnique, type RoutineDraft } from './editor';
import { DEFAULT_ROUTINE } from './routine';

const id = () => 'new-id';

function draft(overrides: Partial<RoutineDraft> = {}): RoutineDraft {
  return { id: null, name: 'Desk break', steps: [newStep('cat-cow'), newStep('seated-twist')], ...overrides };
}

describe('routine editor', () => {
  it('offers every technique but desk posture as a step', () => {
    expect(STEP_TECHNIQUES.map((technique) => technique.id)).not.toContain('posture');
    expect(STEP_TECHNIQUES.map((technique) => technique.id)).toContain('self-massage');
    expect(STEP_TECHNIQUES).toHaveLength(7);
  });

  it("starts steps from the technique's default targets, per side where it has sides", () => {
    expect(newStep('cat-cow')).toMatchObject({ techniqueId: 'cat-cow', reps: 8, holdSeconds: null, perSide: false, restSeconds: 30 });
    expect(newStep('seated-twist')).toMatchObject({ reps: 3, holdSeconds: 5, perSide: true });
    const changed = withTechnique({ ...newStep('cat-cow'), restSeconds: 45 }, 'foam-roller');
    expect(changed).toMatchObject({ techniqueId: 'foam-roller', reps: 5, holdSeconds: 3, restSeconds: 45 });
  });

  it('turns a draft into a valid routine with a new id, name trimmed, empty fields left out', () => {
    const steps = [
      { ...newStep('cat-cow'), reps: 6, restSeconds: null },
      { ...newStep('seated-twist'), reps: 2, holdSeconds: 5 },
      { ...newStep('self-hug'), reps: null, holdSeconds: 10, perSide: true },
    ];
    const result = draftToRoutine(draft({ name: '  Desk break ', steps }), id);
    expect(result).toEqual({
      ok: true,
      routine: {
        id: 'new-id',
        name: 'Desk break',
        steps: [
          { techniqueId: 'cat-cow', target: { reps: 6 }, restSeconds: 0 },
          { techniqueId: 'seated-twist', target: { reps: 2, holdSeconds: 5, perSide: true }, restSeconds: 30 },
          // perSide means nothing for a technique without sides.
          { techniqueId: 'self-hug', target: { holdSeconds: 10 }, restSeconds: 30 },
        ],
      },
    });
  });

  it('keeps the id of a routine being edited, and round-trips it', () => {
    const routine = { ...DEFAULT_ROUTINE, id: 'mine', name: 'Mine' };
    const result = draftToRoutine(draftFromRoutine(routine), id);
    expect(result).toEqual({ ok: true, routine });
  });

  it('copies the built-in routine as a new one; never overwrites it', () => {
    const copy = draftFromRoutine(DEFAULT_ROUTINE, { copy: true });
    expect(copy.id).toBeNull();
    expect(copy.name).toBe('Upper-back reset (my version)');
    expect(draftToRoutine(copy, id)).toMatchObject({ ok: true, routine: { id: 'new-id', steps: DEFAULT_ROUTINE.steps } });
    expect(draftToRoutine(draftFromRoutine(DEFAULT_ROUTINE), id)).toEqual({
      ok: false,
      message: 'The built-in routine cannot be changed; save your version under a new name.',
    });
  });

  it.each([
    [{ name: '   ' }, 'Give the routine a name.'],
    [{ name: 'x'.repeat(101) }, 'Keep the name to 100 characters or fewer.'],
    [{ steps: [] }, 'Add at least one step.'],
    [{ steps: [newStep('cat-cow'), { ...newStep('seated-twist'), reps: 0 }] }, 'Step 2 (Seated twist), reps: must be at least 1.'],
    [{ steps: [{ ...newStep('cat-cow'), reps: 2.5 }] }, 'Step 1 (Cat-cow), reps: use a whole number.'],
    [{ steps: [{ ...newStep('foam-roller'), holdSeconds: 4000 }] }, 'Step 1 (Foam roller with hip lift), hold (seconds): must be at most 3600.'],
    [{ steps: [{ ...newStep('cat-cow'), restSeconds: -5 }] }, 'Step 1 (Cat-cow), rest (seconds): must be at least 0.'],
    [
      { steps: [newStep('cat-cow'), { ...newStep('self-hug'), reps: null, holdSeconds: null }] },
      'Step 2 (Self-hug): set reps, a hold time, or both, so Unknot knows when to move on.',
    ],
  ])('says what to fix: %j', (overrides, message) => {
    expect(draftToRoutine(draft(overrides), id)).toEqual({ ok: false, message });
  });

  it('treats a cleared number field as empty', () => {
    const result = draftToRoutine(draft({ steps: [{ ...newStep('foam-roller'), reps: Number.NaN }] }), id);
    expect(result).toMatchObject({ ok: true, routine: { steps: [{ target: { holdSeconds: 3 } }] } });
  });

  it('moves steps up and down, not past the ends', () => {
    expect(moveStep(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveStep(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveStep(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveStep(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('gives each step its own key', () => {
    const keys = newDraft().steps.map((step) => step.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
