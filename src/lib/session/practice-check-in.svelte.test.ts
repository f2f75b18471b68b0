import { describe, expect, it } from 'vitest';
import { SafetyCheckState } from '../safety/safety-check.svelte';
import { PracticeCheckIn } from './practice-check-in.svelte';
import type { PracticeSession } from './practice-session.svelte';
import { SessionLog } from './session-log.svelte';

function setup(stored = true) {
  const log = new SessionLog();
  let painStops = 0;
  const session = { log, stopForPain: () => painStops++ } as unknown as PracticeSession;
  const safety = new SafetyCheckState({ load: () => (stored ? { answeredAt: 1, flags: [] } : undefined), save: () => true, now: () => 2 });
  const checkIn = new PracticeCheckIn(session, safety);
  checkIn.init();
  return { checkIn, log, safety, stops: () => painStops };
}

describe('PracticeCheckIn', () => {
  it('the answer before goes with the next session once, then the question is asked afresh', () => {
    const { checkIn } = setup();
    checkIn.answerBefore(4);
    expect(checkIn.takeBefore()).toBe(4);
    expect(checkIn.before).toBeNull();
    // Started without answering: the question was there, so it is remembered as skipped.
    expect(checkIn.takeBefore()).toBe('skipped');
    checkIn.skipBefore();
    expect(checkIn.takeBefore()).toBe('skipped');
  });

  it('a high rating before or after brings the safety check back', () => {
    const { checkIn, safety, log } = setup();
    expect(safety.open).toBeNull();
    checkIn.answerBefore(8);
    expect(safety.open).toBe('high-pain');
    safety.dismiss();
    log.begin({ techniqueId: 'cat-cow', source: 'camera', modelId: 'lightning', metric: { id: 'a', label: 'A', unit: '°' } }, 0);
    log.end('stopped', 1000, { askAfter: true });
    checkIn.answerAfter(9);
    expect(log.record?.painAfter).toBe(9);
    expect(safety.open).toBe('high-pain');
  });

  it('asks the safety check before the first session', () => {
    expect(setup(false).safety.open).toBe('first-session');
  });

  it('"Stop — it hurts" stops the session and shows the advice until the next session starts', () => {
    const { checkIn, stops } = setup();
    checkIn.stopForPain();
    expect(stops()).toBe(1);
    expect(checkIn.painStopped).toBe(true);
    checkIn.takeBefore();
    expect(checkIn.painStopped).toBe(false);
  });
});
