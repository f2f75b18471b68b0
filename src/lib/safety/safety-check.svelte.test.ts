import { describe, expect, it } from 'vitest';
import type { SafetyAnswers } from './red-flags';
import { adviceFor, parseSafetyAnswers } from './red-flags';
import { SafetyCheckState } from './safety-check.svelte';

function state(stored?: SafetyAnswers, { saveOk = true } = {}) {
  const saved: SafetyAnswers[] = [];
  const check = new SafetyCheckState({
    load: () => stored,
    save: (answers) => {
      saved.push(answers);
      return saveOk;
    },
    now: () => 1_700_000_000_000,
  });
  return { check, saved };
}

describe('red flag advice', () => {
  it('any flag: see a professional; the urgent one: get help now; none: clear', () => {
    expect(adviceFor([])).toBe('clear');
    expect(adviceFor(['nerves'])).toBe('see-professional');
    expect(adviceFor(['severe', 'injury'])).toBe('see-professional');
    expect(adviceFor(['severe', 'urgent'])).toBe('urgent');
  });

  it('reads back only well-formed stored answers', () => {
    expect(parseSafetyAnswers({ answeredAt: 5, flags: ['nerves', 'nerves'] })).toEqual({ answeredAt: 5, flags: ['nerves'] });
    expect(parseSafetyAnswers({ answeredAt: 5, flags: ['headache'] })).toBeUndefined();
    expect(parseSafetyAnswers({ flags: [] })).toBeUndefined();
    expect(parseSafetyAnswers('yes')).toBeUndefined();
    expect(parseSafetyAnswers(null)).toBeUndefined();
  });
});

describe('SafetyCheckState', () => {
  it('asks before the first session, stores the answers and advises', () => {
    const { check, saved } = state();
    check.init({ askIfNew: true });
    expect(check.open).toBe('first-session');
    check.submit(['injury']);
    expect(check.open).toBeNull();
    expect(saved).toEqual([{ answeredAt: 1_700_000_000_000, flags: ['injury'] }]);
    expect(check.advice).toBe('see-professional');
    expect(check.justAnswered).toBe(true);
  });

  it('does not ask again once answered, nor on a page that only shows it', () => {
    const answered = state({ answeredAt: 1, flags: [] });
    answered.check.init({ askIfNew: true });
    expect(answered.check.open).toBeNull();
    expect(answered.check.advice).toBe('clear');
    const safetyPage = state();
    safetyPage.check.init();
    expect(safetyPage.check.open).toBeNull();
  });

  it('asks again when the user reports high pain (7 or more), not for lower ratings or a skip', () => {
    const { check } = state({ answeredAt: 1, flags: [] });
    check.init({ askIfNew: true });
    check.reportPain(6);
    check.reportPain('skipped');
    expect(check.open).toBeNull();
    check.reportPain(7);
    expect(check.open).toBe('high-pain');
    check.dismiss();
    expect(check.open).toBeNull();
    // Answers can be changed at any time.
    check.review();
    expect(check.open).toBe('review');
    check.submit(['urgent']);
    expect(check.advice).toBe('urgent');
  });

  it('says so when the browser refused to keep the answers, and still uses them', () => {
    const { check } = state(undefined, { saveOk: false });
    check.init({ askIfNew: true });
    check.submit(['nerves']);
    expect(check.notSaved).toBe(true);
    expect(check.advice).toBe('see-professional');
  });
});
