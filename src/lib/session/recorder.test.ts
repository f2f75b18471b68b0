import { describe, expect, it } from 'vitest';
import { sampleTwistFrames, twistKnots } from '../testing/synthetic-twist';
import { interpolate } from '../testing/synthetic';
import { SEATED_TWIST_OPTIONS, TwistChecker } from '../techniques/twist/checker';
import type { CheckerEvent, CheckerOutput } from '../techniques/types';
import { SessionRecorder, type SessionStart } from './recorder';

const START: SessionStart = {
  techniqueId: 'cat-cow',
  source: 'camera',
  modelId: 'lightning',
  metric: { id: 'archDeg', label: 'Spine arch', unit: '°' },
  startedAt: 1_700_000_000_000,
  id: 'session-1',
};

/** One checker output; only what the recorder reads matters. */
function out(tMs: number, { events = [], holdMs = 0, counting = true }: { events?: CheckerEvent[]; holdMs?: number; counting?: boolean } = {}): CheckerOutput {
  return { tMs, phase: 'neutral', metric: 0, cue: null, events, reps: { total: 0, left: 0, right: 0 }, holdMs, counting };
}

/** Frames every 100 ms from `fromMs` to `toMs` inclusive, with nothing happening. */
function quiet(recorder: SessionRecorder, fromMs: number, toMs: number, options: { holdSinceMs?: number; counting?: boolean } = {}): void {
  for (let t = fromMs; t <= toMs; t += 100) {
    recorder.step(out(t, { counting: options.counting ?? true, holdMs: options.holdSinceMs === undefined ? 0 : t - options.holdSinceMs }));
  }
}

function started(start: Partial<SessionStart> = {}): SessionRecorder {
  const recorder = new SessionRecorder({ newId: () => 'generated-id' });
  recorder.start({ ...START, ...start });
  return recorder;
}

describe('SessionRecorder: a cat-cow stream', () => {
  it('records reps with their peaks, faults, cues and time, as one exact record', () => {
    const recorder = started();
    quiet(recorder, 0, 2900);
    recorder.step(out(3000, { events: [{ type: 'repCompleted', tMs: 3000, repIndex: 1, peakMetric: 22, troughMetric: -18, durationMs: 2500 }] }));
    recorder.cueShown({ id: 'slower', text: 'Slower: follow your breath' });
    recorder.step(out(3100, { events: [{ type: 'formFault', tMs: 3100, fault: 'too-fast' }] }));
    recorder.cueShown({ id: 'slower', text: 'Slower: follow your breath' });
    recorder.cueShown(null);
    quiet(recorder, 3200, 5900);
    recorder.step(out(6000, { events: [{ type: 'repCompleted', tMs: 6000, repIndex: 2, peakMetric: 25.5, troughMetric: -20, durationMs: 2800 }] }));

    expect(recorder.finish('completed')).toEqual({
      id: 'session-1',
      schemaVersion: 2,
      techniqueId: 'cat-cow',
      source: 'camera',
      modelId: 'lightning',
      metricId: 'archDeg',
      metricLabel: 'Spine arch',
      metricUnit: '°',
      startedAt: 1_700_000_000_000,
      endedAt: 1_700_000_006_000,
      durationMs: 6000,
      timeInFrameMs: 6000,
      reps: [
        { tMs: 3000, side: null, peakMetric: 22, troughMetric: -18, durationMs: 2500, holdMs: null },
        { tMs: 6000, side: null, peakMetric: 25.5, troughMetric: -20, durationMs: 2800, holdMs: null },
      ],
      holds: [],
      faults: { 'too-fast': 1 },
      cues: { slower: { text: 'Slower: follow your breath', count: 1 } },
      status: 'completed',
      painBefore: null,
      painAfter: null,
      painStopMs: null,
      posture: null,
    });
  });

  it('generates the id with the injected function when none is given, and keeps the routine link', () => {
    const recorder = new SessionRecorder({ newId: () => 'from-injected-fn' });
    recorder.start({ ...START, id: undefined, routineRunId: 'run-7', routineStep: 2 });
    const record = recorder.snapshot();
    expect(record.id).toBe('from-injected-fn');
    expect(record.routineRunId).toBe('run-7');
    expect(record.routineStep).toBe(2);
    expect(Object.keys(started().snapshot())).not.toContain('routineRunId');
  });

  it('counts a cue once each time it appears, not once per frame it stays up', () => {
    const recorder = started();
    const slower = { id: 'slower', text: 'Slower' };
    const cow = { id: 'inhale-cow', text: 'Inhale into cow' };
    for (const cue of [slower, slower, slower, null, slower, cow, cow, slower, null, null]) recorder.cueShown(cue);
    expect(recorder.snapshot().cues).toEqual({ slower: { text: 'Slower', count: 3 }, 'inhale-cow': { text: 'Inhale into cow', count: 1 } });
  });
});

describe('SessionRecorder: holds and which rep they belong to', () => {
  it('a twist rep owns its completed hold, measured to when it was let go; a broken hold is kept as not completed', () => {
    const recorder = started({ techniqueId: 'seated-twist' });
    quiet(recorder, 0, 900);
    // Left: a hold broken after 1.5 s, then one held 6 s (completed at 5 s).
    recorder.step(out(1000, { events: [{ type: 'holdStarted', tMs: 1000, side: 'left' }] }));
    quiet(recorder, 1100, 2500, { holdSinceMs: 1000 });
    quiet(recorder, 2600, 2900);
    recorder.step(out(3000, { events: [{ type: 'holdStarted', tMs: 3000, side: 'left' }] }));
    quiet(recorder, 3100, 7900, { holdSinceMs: 3000 });
    recorder.step(out(8000, { holdMs: 5000, events: [{ type: 'holdCompleted', tMs: 8000, side: 'left', durationMs: 5000 }] }));
    quiet(recorder, 8100, 9000, { holdSinceMs: 3000 });
    quiet(recorder, 9100, 9900);
    recorder.step(out(10_000, { events: [{ type: 'repCompleted', tMs: 10_000, repIndex: 1, side: 'left', peakMetric: 40, troughMetric: 2, durationMs: 9000 }] }));
    // Right: a rep with no completed hold of its own gets none (the left hold is already claimed).
    quiet(recorder, 10_100, 11_900);
    recorder.step(out(12_000, { events: [{ type: 'repCompleted', tMs: 12_000, repIndex: 2, side: 'right', peakMetric: -35, troughMetric: -1, durationMs: 1500 }] }));

    const record = recorder.snapshot();
    expect(record.holds).toEqual([
      { tMs: 1000, side: 'left', durationMs: 1500, completed: false },
      { tMs: 3000, side: 'left', durationMs: 6000, completed: true },
    ]);
    expect(record.reps).toEqual([
      { tMs: 10_000, side: 'left', peakMetric: 40, troughMetric: 2, durationMs: 9000, holdMs: 6000 },
      { tMs: 12_000, side: 'right', peakMetric: -35, troughMetric: -1, durationMs: 1500, holdMs: null },
    ]);
  });

  it('foam roller: the hold ends and the rep completes on the same frame; the rep gets the hold as last seen', () => {
    const recorder = started({ techniqueId: 'foam-roller' });
    recorder.step(out(0, { events: [{ type: 'holdStarted', tMs: 0 }] }));
    quiet(recorder, 100, 2900, { holdSinceMs: 0 });
    recorder.step(out(3000, { holdMs: 3000, events: [{ type: 'holdCompleted', tMs: 3000, durationMs: 3000 }] }));
    quiet(recorder, 3100, 4200, { holdSinceMs: 0 });
    recorder.step(out(4300, { events: [{ type: 'repCompleted', tMs: 4300, repIndex: 1, peakMetric: 172, troughMetric: 120, durationMs: 4300 }] }));
    quiet(recorder, 4400, 5000);
    const record = recorder.snapshot();
    expect(record.holds).toEqual([{ tMs: 0, side: null, durationMs: 4200, completed: true }]);
    expect(record.reps.map((rep) => rep.holdMs)).toEqual([4200]);
  });

  it('a sided rep takes only a hold on its own side', () => {
    const recorder = started({ techniqueId: 'standing-rotation' });
    recorder.step(out(0, { events: [{ type: 'holdStarted', tMs: 0, side: 'left' }] }));
    recorder.step(out(100, { holdMs: 100, events: [{ type: 'holdCompleted', tMs: 100, side: 'left', durationMs: 100 }] }));
    recorder.step(out(200, { events: [{ type: 'repCompleted', tMs: 200, repIndex: 1, side: 'right', peakMetric: -30, troughMetric: 0, durationMs: 200 }] }));
    expect(recorder.snapshot().reps[0]!.holdMs).toBeNull();
  });

  it('recording that begins mid-hold keeps the hold from its completion event', () => {
    const recorder = started({ techniqueId: 'self-hug' });
    quiet(recorder, 0, 2000, { holdSinceMs: -3000 });
    recorder.step(out(2100, { holdMs: 5100, events: [{ type: 'holdCompleted', tMs: 2100, durationMs: 5100 }] }));
    quiet(recorder, 2200, 2500, { holdSinceMs: -3000 });
    recorder.step(out(2600));
    expect(recorder.snapshot().holds).toEqual([{ tMs: 0, side: null, durationMs: 5500, completed: true }]);
  });

  it('a hold still open at finish keeps its duration so far', () => {
    const recorder = started({ techniqueId: 'self-hug' });
    recorder.step(out(0, { events: [{ type: 'holdStarted', tMs: 0 }] }));
    quiet(recorder, 100, 1200, { holdSinceMs: 0 });
    expect(recorder.finish('stopped').holds).toEqual([{ tMs: 0, side: null, durationMs: 1200, completed: false }]);
  });
});

describe('SessionRecorder: clocks', () => {
  it('time in frame counts only frames good enough to count', () => {
    const recorder = started();
    quiet(recorder, 0, 1000);
    quiet(recorder, 1100, 3000, { counting: false });
    quiet(recorder, 3100, 4000);
    const record = recorder.snapshot();
    expect(record.durationMs).toBe(4000);
    expect(record.timeInFrameMs).toBe(2000); // 0–1000 and 3000–4000: a gap counts when the frame ending it counts
  });

  it('a stalled stream adds at most maxFrameGapMs per gap', () => {
    const recorder = new SessionRecorder({ maxFrameGapMs: 500, newId: () => 'x' });
    recorder.start(START);
    recorder.step(out(0));
    recorder.step(out(100));
    recorder.step(out(10_100)); // the tab was hidden for 10 s
    recorder.step(out(10_200));
    const record = recorder.snapshot();
    expect(record.durationMs).toBe(700);
    expect(record.timeInFrameMs).toBe(700);
    // endedAt still follows the session clock: the wall-clock estimate includes the stall.
    expect(record.endedAt).toBe(START.startedAt + 10_200);
  });

  it('paused time is left out; frames and cues during a pause are ignored', () => {
    const recorder = started();
    quiet(recorder, 0, 1000);
    recorder.pause();
    recorder.step(out(1500, { events: [{ type: 'formFault', tMs: 1500, fault: 'ignored' }] }));
    recorder.cueShown({ id: 'ignored', text: 'ignored' });
    recorder.resume();
    quiet(recorder, 5000, 6000);
    recorder.step(out(6100, { events: [{ type: 'repCompleted', tMs: 6100, repIndex: 1, peakMetric: 20, troughMetric: -20, durationMs: 1000 }] }));
    const record = recorder.snapshot();
    expect(record.durationMs).toBe(2100);
    expect(record.reps[0]!.tMs).toBe(2100);
    expect(record.faults).toEqual({});
    expect(record.cues).toEqual({});
  });

  it('frames going back in time add nothing', () => {
    const recorder = started();
    recorder.step(out(1000));
    recorder.step(out(500));
    recorder.step(out(600));
    expect(recorder.snapshot().durationMs).toBe(100);
  });

  it('finish takes the wall clock when given; later frames change nothing', () => {
    const recorder = started();
    quiet(recorder, 0, 1000);
    const done = recorder.finish('stopped', START.startedAt + 1234);
    expect(done.status).toBe('stopped');
    expect(done.endedAt).toBe(START.startedAt + 1234);
    recorder.step(out(1100, { events: [{ type: 'formFault', tMs: 1100, fault: 'late' }] }));
    expect(recorder.finish('completed')).toEqual(done);
    expect(recorder.active).toBe(false);
  });
});

describe('SessionRecorder: snapshots and resuming', () => {
  it('a snapshot is a copy: it neither changes as recording goes on nor changes the recorder when edited', () => {
    const recorder = started();
    recorder.step(out(0, { events: [{ type: 'repCompleted', tMs: 0, repIndex: 1, peakMetric: 10, troughMetric: -10, durationMs: 1 }] }));
    const first = recorder.snapshot();
    first.reps[0]!.peakMetric = 999;
    first.faults['edited'] = 5;
    recorder.step(out(100, { events: [{ type: 'formFault', tMs: 100, fault: 'too-fast' }] }));
    const second = recorder.snapshot();
    expect(first.reps).toHaveLength(1);
    expect(first.durationMs).toBe(0);
    expect(second.reps[0]!.peakMetric).toBe(10);
    expect(second.faults).toEqual({ 'too-fast': 1 });
    expect(second.status).toBe('active');
  });

  it('continueFrom carries counts and clocks on from the saved record', () => {
    const first = started();
    quiet(first, 0, 3000);
    first.step(out(3100, { events: [{ type: 'repCompleted', tMs: 3100, repIndex: 1, peakMetric: 20, troughMetric: -20, durationMs: 2000 }] }));
    first.step(out(3200, { events: [{ type: 'formFault', tMs: 3200, fault: 'too-fast' }] }));
    const saved = first.snapshot(); // what the autosaver wrote before the tab closed

    const resumedAt = START.startedAt + 60_000;
    const second = new SessionRecorder();
    second.continueFrom({ ...saved, status: 'interrupted' }, resumedAt);
    // A new page: the camera clock starts again from 0.
    quiet(second, 0, 1000);
    second.step(out(1100, { events: [{ type: 'repCompleted', tMs: 1100, repIndex: 1, peakMetric: 24, troughMetric: -21, durationMs: 1800 }] }));
    second.step(out(1200, { events: [{ type: 'formFault', tMs: 1200, fault: 'too-fast' }] }));
    const record = second.finish('completed');
    expect(record.id).toBe('session-1');
    expect(record.reps.map((rep) => rep.tMs)).toEqual([3100, 3200 + 1100]);
    expect(record.durationMs).toBe(3200 + 1200);
    expect(record.faults).toEqual({ 'too-fast': 2 });
    expect(record.startedAt).toBe(START.startedAt);
    expect(record.endedAt).toBe(resumedAt + 1200);
    expect(record.status).toBe('completed');
    expect(saved.reps).toHaveLength(1);
  });

  it('snapshot and finish before start say what went wrong', () => {
    expect(() => new SessionRecorder().snapshot()).toThrow('start() was never called');
    expect(() => new SessionRecorder().finish('completed')).toThrow('start() was never called');
  });
});

describe('SessionRecorder with the real twist checker', () => {
  it('records what the checker counted: 2 left and 1 right reps, each with its completed ≥ 5 s hold', () => {
    const knots = twistKnots(['left', 'right', 'left']);
    const durationMs = knots[knots.length - 1]![0];
    const frames = sampleTwistFrames((tMs) => ({ twistDeg: interpolate(knots, tMs) }), durationMs);
    const checker = new TwistChecker(SEATED_TWIST_OPTIONS);
    const recorder = new SessionRecorder({ newId: () => 'twist-1' });
    recorder.start({ ...START, id: undefined, techniqueId: 'seated-twist', metric: checker.metric, startedAt: 0 });
    let last: CheckerOutput | undefined;
    // The longest hold the checker showed before each rep: what the rep's holdMs must be.
    const shownHolds: number[] = [];
    let longestShown = 0;
    for (const frame of frames) {
      last = checker.step(frame);
      recorder.step(last);
      longestShown = Math.max(longestShown, last.holdMs);
      if (last.events.some((event) => event.type === 'repCompleted')) {
        shownHolds.push(longestShown);
        longestShown = 0;
      }
    }
    const record = recorder.finish('completed');

    expect(last!.reps).toEqual({ total: 3, left: 2, right: 1 });
    expect(record.reps.map((rep) => rep.side)).toEqual(['left', 'right', 'left']);
    expect(record.holds.map((hold) => [hold.side, hold.completed])).toEqual([
      ['left', true],
      ['right', true],
      ['left', true],
    ]);
    expect(record.reps.map((rep) => rep.holdMs)).toEqual(shownHolds);
    // The synthetic pose stays 6.5 s at 40°; the hold band starts lower, so each hold is a bit longer.
    for (const holdMs of shownHolds) expect(holdMs).toBeGreaterThan(6500);
    for (const holdMs of shownHolds) expect(holdMs).toBeLessThan(8000);
    expect(record.metricId).toBe(checker.metric.id);
    expect(record.durationMs).toBe(frames.at(-1)!.tMs - frames[0]!.tMs);
  });
});

describe('SessionRecorder: check-in, pain stop and desk posture time', () => {
  it('keeps the rating given before, takes the one after once finished, and marks a pain stop at its active time', () => {
    const recorder = started({ painBefore: 6 });
    quiet(recorder, 0, 4000);
    recorder.markPainStop();
    const stopped = recorder.finish('stopped');
    expect(stopped).toMatchObject({ painBefore: 6, painAfter: null, painStopMs: 4000, status: 'stopped' });
    expect(recorder.setPain('after', 8)).toMatchObject({ painBefore: 6, painAfter: 8, painStopMs: 4000 });
    expect(recorder.setPain('after', 'skipped').painAfter).toBe('skipped');
  });

  it('not asked is null; a pain stop after the end changes nothing', () => {
    const recorder = started();
    quiet(recorder, 0, 1000);
    const record = recorder.finish('completed');
    recorder.markPainStop();
    expect(recorder.snapshot()).toMatchObject({ painBefore: null, painAfter: null, painStopMs: null });
    expect(record.painStopMs).toBeNull();
  });

  it("records desk posture's upright and slouched time from its outputs, carried over a resume", () => {
    const recorder = started({ techniqueId: 'posture' });
    const posture = (tMs: number, uprightMs: number, slouchedMs: number) => ({ ...out(tMs), uprightMs, slouchedMs });
    recorder.step(posture(0, 0, 0));
    recorder.step(posture(1000, 800, 200));
    const saved = recorder.snapshot();
    expect(saved.posture).toEqual({ uprightMs: 800, slouchedMs: 200 });
    // Another technique's outputs leave it null.
    expect(started().snapshot().posture).toBeNull();
    // Resumed after a reload: the new checker counts from 0 again, the record adds on.
    const resumed = new SessionRecorder();
    resumed.continueFrom(saved, 1_700_000_100_000);
    resumed.step(posture(0, 0, 0));
    resumed.step(posture(500, 500, 0));
    expect(resumed.snapshot().posture).toEqual({ uprightMs: 1300, slouchedMs: 200 });
  });
});
