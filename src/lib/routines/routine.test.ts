import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { RoutineSchema, type Routine, type RoutineStep } from '../storage/schema';
import { sampleRep } from '../storage/sample-records';
import {
  DEFAULT_ROUTINE,
  RoutineRunner,
  allRoutines,
  describeStep,
  describeTarget,
  finishRoutineRun,
  progressOf,
  startRoutineRun,
  targetMet,
  type StepProgress,
} from './routine';

const names = (id: string) => ({ 'cat-cow': 'Cat-cow', 'seated-twist': 'Seated twist', 'self-hug': 'Self-hug' })[id] ?? id;

const progress = (reps: Partial<StepProgress['reps']> = {}, completedHolds: Partial<StepProgress['completedHolds']> = {}): StepProgress => ({
  reps: { total: 0, left: 0, right: 0, ...reps },
  completedHolds: { total: 0, left: 0, right: 0, ...completedHolds },
});

const ROUTINE: Routine = {
  id: 'r',
  name: 'Test routine',
  steps: [
    { techniqueId: 'cat-cow', target: { reps: 2 }, restSeconds: 20 },
    { techniqueId: 'seated-twist', target: { reps: 1, perSide: true, holdSeconds: 5 }, restSeconds: 0 },
    { techniqueId: 'self-hug', target: { reps: 3, holdSeconds: 5 }, restSeconds: 30 },
  ],
};

describe('the default routine', () => {
  it('is valid, gentle and in the planned order, without desk posture', () => {
    expect(v.safeParse(RoutineSchema, DEFAULT_ROUTINE).success).toBe(true);
    expect(DEFAULT_ROUTINE.name).toBe('Upper-back reset');
    expect(DEFAULT_ROUTINE.steps.map((step) => [step.techniqueId, describeTarget(step)])).toEqual([
      ['cat-cow', '6 reps'],
      ['thoracic-extension', '5 reps, hold 3 s'],
      ['foam-roller', '5 reps, hold 3 s'],
      ['seated-twist', '2 each side, hold 5 s'],
      ['standing-rotation', '1 each side, hold 15 s'],
      ['self-hug', '3 reps, hold 5 s'],
    ]);
    const rests = DEFAULT_ROUTINE.steps.map((step) => step.restSeconds);
    expect(rests.slice(0, -1).every((seconds) => seconds >= 20 && seconds <= 30)).toBe(true);
    expect(rests.at(-1)).toBe(0);
  });

  it('comes first in the list, and a stored routine with its id does not replace it', () => {
    const mine: Routine = { ...ROUTINE, id: 'mine' };
    const impostor: Routine = { ...ROUTINE, id: DEFAULT_ROUTINE.id, name: 'Changed' };
    expect(allRoutines([mine, impostor])).toEqual([DEFAULT_ROUTINE, mine]);
  });

  it('uses the catalog names by default', () => {
    expect(describeStep(DEFAULT_ROUTINE.steps[3]!)).toBe('Seated twist — 2 each side, hold 5 s');
    expect(describeStep(DEFAULT_ROUTINE.steps[2]!)).toMatch(/ — 5 reps, hold 3 s\. Needs a foam roller; skip it if you have none\.$/);
  });
});

describe('targets', () => {
  const twist: RoutineStep = { techniqueId: 'seated-twist', target: { reps: 2, perSide: true }, restSeconds: 0 };

  it('per side: both sides must reach the count', () => {
    expect(targetMet(twist, progress({ total: 4, left: 3, right: 1 }))).toBe(false);
    expect(targetMet(twist, progress({ total: 4, left: 2, right: 2 }))).toBe(true);
  });

  it('perSide on an unsided technique counts the total', () => {
    const catCow: RoutineStep = { techniqueId: 'cat-cow', target: { reps: 2, perSide: true }, restSeconds: 0 };
    expect(targetMet(catCow, progress({ total: 2 }))).toBe(true);
    expect(describeTarget(catCow)).toBe('2 reps');
  });

  it('a hold-only step is done after a completed hold (per side when asked); no target is never met', () => {
    const holdOnly: RoutineStep = { techniqueId: 'standing-rotation', target: { holdSeconds: 15, perSide: true }, restSeconds: 0 };
    expect(targetMet(holdOnly, progress({}, { total: 1, left: 1 }))).toBe(false);
    expect(targetMet(holdOnly, progress({}, { total: 2, left: 1, right: 1 }))).toBe(true);
    expect(describeTarget(holdOnly)).toBe('hold 15 s each side');
    const free: RoutineStep = { techniqueId: 'posture', target: {}, restSeconds: 0 };
    expect(targetMet(free, progress({ total: 100 }, { total: 100 }))).toBe(false);
    expect(describeTarget(free)).toBe('at your own pace');
    expect(describeTarget({ techniqueId: 'self-hug', target: { reps: 1 }, restSeconds: 0 })).toBe('1 rep');
  });

  it('progressOf counts reps per side and completed holds only', () => {
    const record = {
      reps: [sampleRep({ side: 'left' }), sampleRep({ side: 'right' }), sampleRep({ side: 'left' })],
      holds: [
        { tMs: 0, side: 'left' as const, durationMs: 5000, completed: true },
        { tMs: 0, side: 'right' as const, durationMs: 1000, completed: false },
      ],
    };
    expect(progressOf(record)).toEqual({ reps: { total: 3, left: 2, right: 1 }, completedHolds: { total: 1, left: 1, right: 0 } });
  });
});

describe('RoutineRunner', () => {
  it('practice → rest → next step, announcing each, and done after the last', () => {
    const runner = new RoutineRunner(ROUTINE, names);
    expect([runner.phase, runner.stepIndex, runner.announcement]).toEqual(['practice', 0, 'First: Cat-cow — 2 reps']);

    expect(runner.update(progress({ total: 1 }), 10_000)).toBe(false);
    expect(runner.update(progress({ total: 2 }), 12_000)).toBe(true);
    expect([runner.phase, runner.stepIndex, runner.announcement]).toEqual(['rest', 1, 'Rest. Next: Seated twist — 1 each side, hold 5 s']);
    expect(runner.restRemainingMs(12_000)).toBe(20_000);
    expect(runner.restRemainingMs(25_000)).toBe(7000);

    // Progress reported while resting changes nothing; the rest ends on time.
    expect(runner.update(progress({ total: 9, left: 9, right: 9 }), 20_000)).toBe(false);
    expect(runner.tick(31_999)).toBe(false);
    expect(runner.tick(32_000)).toBe(true);
    expect([runner.phase, runner.announcement]).toEqual(['practice', 'Now: Seated twist — 1 each side, hold 5 s']);
    expect(runner.restRemainingMs(32_000)).toBe(0);

    // No rest after the twist (restSeconds 0): straight on to the self-hug.
    expect(runner.update(progress({ total: 1, left: 1 }), 40_000)).toBe(false);
    expect(runner.update(progress({ total: 2, left: 1, right: 1 }), 45_000)).toBe(true);
    expect([runner.phase, runner.stepIndex]).toEqual(['practice', 2]);

    expect(runner.update(progress({ total: 3 }), 60_000)).toBe(true);
    expect([runner.phase, runner.step, runner.announcement]).toEqual(['done', undefined, 'Test routine: done. Well done.']);
    expect(runner.update(progress({ total: 3 }), 61_000)).toBe(false);
  });

  it('skip leaves a step as done, or ends a rest early', () => {
    const runner = new RoutineRunner(ROUTINE, names);
    runner.skip(1000);
    expect([runner.phase, runner.stepIndex, runner.restRemainingMs(1000)]).toEqual(['rest', 1, 20_000]);
    runner.skip(2000);
    expect([runner.phase, runner.stepIndex]).toEqual(['practice', 1]);
    runner.skip(3000);
    runner.skip(4000);
    expect(runner.phase).toBe('done');
    runner.skip(5000);
    expect(runner.phase).toBe('done');
  });

  it('back returns to the previous step (or the one just finished), each time as a new practice', () => {
    const runner = new RoutineRunner(ROUTINE, names);
    const first = runner.practiceSerial;
    runner.back();
    expect([runner.phase, runner.stepIndex, runner.practiceSerial]).toEqual(['practice', 0, first + 1]);
    runner.skip(0); // resting before step 1
    runner.back();
    expect([runner.phase, runner.stepIndex]).toEqual(['practice', 0]);
    runner.skip(0);
    runner.skip(0); // practising step 1
    runner.back();
    expect([runner.phase, runner.stepIndex]).toEqual(['practice', 0]);
    for (let i = 0; i < 5; i++) runner.skip(0);
    expect(runner.phase).toBe('done');
    runner.back();
    expect([runner.phase, runner.stepIndex]).toEqual(['practice', 2]);
  });

  it('a new practice serial for every practice phase, not for rests', () => {
    const runner = new RoutineRunner(ROUTINE, names);
    const serials = [runner.practiceSerial];
    runner.skip(0); // rest
    serials.push(runner.practiceSerial);
    runner.tick(20_000); // step 1
    serials.push(runner.practiceSerial);
    runner.skip(20_000); // step 2 at once (no rest)
    serials.push(runner.practiceSerial);
    expect(serials).toEqual([1, 1, 2, 3]);
  });

  it('refuses a routine with no steps', () => {
    expect(() => new RoutineRunner({ id: 'x', name: 'Empty', steps: [] })).toThrow('Routine “Empty” has no steps');
  });
});

describe('routine runs', () => {
  it('start and finish a run, keeping the routine name', () => {
    const run = startRoutineRun(ROUTINE, 'run-1', 1000);
    expect(run).toEqual({ id: 'run-1', routineId: 'r', routineName: 'Test routine', startedAt: 1000, endedAt: null, status: 'active' });
    expect(finishRoutineRun(run, 'completed', 9000)).toEqual({ ...run, status: 'completed', endedAt: 9000 });
  });
});
