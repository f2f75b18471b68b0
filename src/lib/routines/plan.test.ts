import { describe, expect, it } from 'vitest';
import { sampleRep, sampleRoutine, sampleRoutineRun, sampleSession } from '../storage/sample-records';
import type { HoldRecord, SessionRecord } from '../storage/schema';
import {
  announcementAfter,
  estimateSeconds,
  formatCountdown,
  formatEstimate,
  formatRest,
  liveProgress,
  NO_PROGRESS,
  partsText,
  progressFraction,
  progressText,
  routineQuery,
  runnerAt,
  runStatusText,
  stepSeconds,
  summarizeRun,
  whenText,
} from './plan';
import { DEFAULT_ROUTINE, type RoutineStep, type StepProgress } from './routine';

const counts = (total: number, left = 0, right = 0) => ({ total, left, right });
const progress = (reps: [number, number?, number?], holds: [number, number?, number?] = [0]): StepProgress => ({
  reps: counts(...reps),
  completedHolds: counts(...holds),
});

const twist: RoutineStep = { techniqueId: 'seated-twist', target: { reps: 2, perSide: true, holdSeconds: 5 }, restSeconds: 20 };
const catCow: RoutineStep = { techniqueId: 'cat-cow', target: { reps: 6 }, restSeconds: 30 };
const holdOnly: RoutineStep = { techniqueId: 'self-hug', target: { holdSeconds: 10 }, restSeconds: 0 };
const free: RoutineStep = { techniqueId: 'self-hug', target: {}, restSeconds: 0 };

describe('time estimates', () => {
  it('counts setup, each rep (both sides when per side) with its hold, and the rests between steps', () => {
    expect(stepSeconds(catCow)).toBe(15 + 6 * 5);
    expect(stepSeconds(twist)).toBe(15 + 2 * 2 * (5 + 5));
    expect(stepSeconds(holdOnly)).toBe(15 + 15);
    expect(estimateSeconds({ id: 'r', name: 'R', steps: [catCow, twist] })).toBe(45 + 30 + 55);
  });

  it('puts the built-in routine at about 7 minutes', () => {
    expect(formatEstimate(estimateSeconds(DEFAULT_ROUTINE))).toBe('about 7 min');
    expect(formatEstimate(40)).toBe('under a minute');
  });

  it('formats rests and countdowns', () => {
    expect(formatRest(30)).toBe('30 s');
    expect(formatRest(60)).toBe('1 min');
    expect(formatRest(90)).toBe('1 min 30 s');
    expect(formatCountdown(25_000)).toBe('0:25');
    expect(formatCountdown(24_001)).toBe('0:25');
    expect(formatCountdown(90_000)).toBe('1:30');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});

describe('progress in the current step', () => {
  const hold = (side: HoldRecord['side'], completed = true): HoldRecord => ({ tMs: 0, side, durationMs: 5000, completed });
  const record = (overrides: Partial<SessionRecord>) => sampleSession({ reps: [], holds: [], routineRunId: 'run-1', routineStep: 2, ...overrides });

  it('uses the live counters until the session has a record', () => {
    expect(liveProgress({ reps: counts(3), record: null }, 'run-1', 2)).toEqual({ reps: counts(3), completedHolds: counts(0) });
  });

  it("reads the record's reps and completed holds, never behind the live counters", () => {
    const session = {
      reps: counts(2, 1, 1),
      record: record({ reps: [sampleRep({ side: 'left' })], holds: [hold('left'), hold('right', false)] }),
    };
    expect(liveProgress(session, 'run-1', 2)).toEqual({ reps: counts(2, 1, 1), completedHolds: counts(1, 1, 0) });
  });

  it('ignores a record of another run or step', () => {
    const session = { reps: counts(5), record: record({ reps: [sampleRep()], routineStep: 1 }) };
    expect(liveProgress(session, 'run-1', 2)).toBe(NO_PROGRESS);
    expect(liveProgress({ ...session, record: record({ routineRunId: 'run-0' }) }, 'run-1', 2)).toBe(NO_PROGRESS);
  });

  it('shows reps, per-side reps and holds towards the target', () => {
    expect(progressText(catCow, progress([3]))).toBe('3 of 6 reps');
    expect(progressFraction(catCow, progress([3]))).toBe(0.5);
    expect(progressText(catCow, progress([9]))).toBe('6 of 6 reps');
    expect(progressFraction(catCow, progress([9]))).toBe(1);
    expect(progressText(twist, progress([3, 2, 1]))).toBe('left 2 of 2 · right 1 of 2');
    expect(progressFraction(twist, progress([3, 3, 0]))).toBe(0.5);
    expect(progressText(holdOnly, progress([0], [0]))).toBe('Hold 0 of 1');
    expect(progressText({ ...holdOnly, techniqueId: 'standing-rotation', target: { holdSeconds: 15, perSide: true } }, progress([0], [1, 1, 0]))).toBe(
      'Holds: left 1 of 1 · right 0 of 1',
    );
    expect(progressText(free, NO_PROGRESS)).toBe('Move on when you are ready');
    expect(progressFraction(free, NO_PROGRESS)).toBe(0);
  });
});

describe('announcements', () => {
  it('says well done, the rest and the next step', () => {
    expect(announcementAfter(DEFAULT_ROUTINE, 0, 'met')).toBe('Well done. Rest 30 s. Next: Thoracic extension — 5 reps, hold 3 s.');
    expect(announcementAfter(DEFAULT_ROUTINE, 1, 'met')).toBe('Well done. Rest 30 s. Next: Foam roller with hip lift — 5 reps, hold 3 s. Needs a foam roller; skip it if you have none.');
    expect(announcementAfter(DEFAULT_ROUTINE, 4, 'met')).toBe('Well done. Rest 20 s. Next: Self-hug — 3 reps, hold 5 s.');
  });

  it('has no rest after a skipped step, and names the routine at the end', () => {
    expect(announcementAfter(DEFAULT_ROUTINE, 0, 'skipped')).toBe('Skipped. Next: Thoracic extension — 5 reps, hold 3 s.');
    expect(announcementAfter(DEFAULT_ROUTINE, 5, 'met')).toBe('Well done. Upper-back reset complete.');
    const noRest = { id: 'r', name: 'R', steps: [{ ...catCow, restSeconds: 0 }, catCow] };
    expect(announcementAfter(noRest, 0, 'met')).toBe('Well done. Next: Cat-cow — 6 reps.');
  });
});

describe('runnerAt', () => {
  it('stands at the start of the given step, practising', () => {
    for (let index = 0; index < DEFAULT_ROUTINE.steps.length; index++) {
      const runner = runnerAt(DEFAULT_ROUTINE, index);
      expect(runner.phase).toBe('practice');
      expect(runner.stepIndex).toBe(index);
      expect(runner.step).toBe(DEFAULT_ROUTINE.steps[index]);
    }
    expect(runnerAt(DEFAULT_ROUTINE, 99).stepIndex).toBe(5);
    expect(runnerAt(DEFAULT_ROUTINE, -3).stepIndex).toBe(0);
  });
});

describe('past runs', () => {
  const routine = sampleRoutine(); // cat-cow 5 reps, then seated twist 1 each side
  const run = sampleRoutineRun({ status: 'active', endedAt: null });
  const step0 = (reps: number, overrides: Partial<SessionRecord> = {}) =>
    sampleSession({ id: `s0-${reps}`, routineRunId: run.id, routineStep: 0, reps: Array.from({ length: reps }, () => sampleRep()), ...overrides });
  const twistDone = sampleSession({
    id: 's1',
    techniqueId: 'seated-twist',
    routineRunId: run.id,
    routineStep: 1,
    reps: [sampleRep({ side: 'left' }), sampleRep({ side: 'right' })],
  });

  it('counts the steps whose target was reached, and picks an unfinished run up after the last one done', () => {
    const summary = summarizeRun(run, routine, [step0(5)]);
    expect(summary).toMatchObject({ partsDone: 1, totalParts: 2, resumeStep: 1 });
    expect(partsText(summary)).toBe('1 of 2 parts done');
  });

  it('picks up again at a step left before its target, or at the start', () => {
    expect(summarizeRun(run, routine, [step0(2)])).toMatchObject({ partsDone: 0, resumeStep: 0 });
    expect(summarizeRun(run, routine, [])).toMatchObject({ partsDone: 0, resumeStep: 0 });
    expect(summarizeRun(run, routine, [step0(5), twistDone])).toMatchObject({ partsDone: 2, resumeStep: null });
  });

  it('counts each step once, ignores other runs, and does not resume an ended run', () => {
    const ended = { ...run, status: 'completed' as const };
    const sessions = [step0(5), step0(6, { id: 'again' }), twistDone, step0(5, { id: 'other', routineRunId: 'run-2' })];
    expect(summarizeRun(ended, routine, sessions)).toMatchObject({ partsDone: 2, resumeStep: null });
  });

  it('without the routine, counts steps with any reps or completed holds', () => {
    const summary = summarizeRun(run, null, [step0(1), sampleSession({ id: 'empty', reps: [], routineRunId: run.id, routineStep: 1 })]);
    expect(summary).toMatchObject({ partsDone: 1, totalParts: null, resumeStep: null });
    expect(partsText(summary)).toBe('1 part done');
  });

  it('names statuses and times for people', () => {
    expect(runStatusText('completed')).toBe('Completed');
    expect(runStatusText('stopped')).toBe('Ended early');
    expect(runStatusText('active')).toBe('Unfinished');
    const now = new Date(2025, 0, 8, 12).getTime();
    expect(whenText(new Date(2025, 0, 8, 9, 5).getTime(), now, 'en-GB')).toBe('Today 09:05');
    expect(whenText(new Date(2025, 0, 7, 18, 30).getTime(), now, 'en-GB')).toBe('Yesterday 18:30');
    expect(whenText(new Date(2025, 0, 6, 9, 5).getTime(), now, 'en-GB')).toBe('6 Jan 09:05');
  });
});

describe('routineQuery', () => {
  it('is the practice page contract, escaped', () => {
    expect(routineQuery('run-1', 0)).toBe('?routine=run-1&step=0');
    expect(routineQuery('a b&c', 3)).toBe('?routine=a+b%26c&step=3');
  });
});
