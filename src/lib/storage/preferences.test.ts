import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findTechnique } from '../techniques/catalog';
import { loadSafetyAnswers, loadTargets, loadVoicePreferences, saveSafetyAnswers, saveTargets, saveVoicePreferences } from './preferences';

class MemoryStorage {
  private readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
}

const twist = findTechnique('seated-twist')!;
const posture = findTechnique('posture')!;

describe('targets preferences', () => {
  beforeEach(() => vi.stubGlobal('localStorage', new MemoryStorage()));
  afterEach(() => vi.unstubAllGlobals());

  it('gives the technique defaults when nothing is saved', () => {
    expect(loadTargets(twist)).toEqual({ reps: 3, holdSeconds: 5 });
    expect(loadTargets(posture)).toEqual({ slouchAlertSeconds: 60, breakEveryMinutes: 30 });
  });

  it('round-trips saved targets per technique', () => {
    expect(saveTargets(twist, { reps: 4, holdSeconds: 20 })).toBe(true);
    expect(loadTargets(twist)).toEqual({ reps: 4, holdSeconds: 20 });
    expect(loadTargets(findTechnique('standing-rotation')!)).toEqual({ reps: 2, holdSeconds: 15 });
  });

  it('clamps out-of-range values and drops fields the technique does not use', () => {
    localStorage.setItem('unknot.targets.seated-twist', JSON.stringify({ reps: 999, holdSeconds: -3, slouchAlertSeconds: 30 }));
    expect(loadTargets(twist)).toEqual({ reps: 50, holdSeconds: 1 });
  });

  it('falls back to defaults on corrupt JSON or wrong types', () => {
    localStorage.setItem('unknot.targets.seated-twist', '{not json');
    expect(loadTargets(twist)).toEqual({ reps: 3, holdSeconds: 5 });
    localStorage.setItem('unknot.targets.seated-twist', JSON.stringify({ reps: 'many', holdSeconds: null }));
    expect(loadTargets(twist)).toEqual({ reps: 3, holdSeconds: 5 });
  });

  it('reports a refused save (private mode, full disk) instead of throwing', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    });
    expect(saveTargets(twist, { reps: 4, holdSeconds: 6 })).toBe(false);
    expect(loadTargets(twist)).toEqual({ reps: 3, holdSeconds: 5 });
  });
});

describe('safety check answers', () => {
  beforeEach(() => vi.stubGlobal('localStorage', new MemoryStorage()));
  afterEach(() => vi.unstubAllGlobals());

  it('none until answered; then the same answers back', () => {
    expect(loadSafetyAnswers()).toBeUndefined();
    expect(saveSafetyAnswers({ answeredAt: 1234, flags: ['severe', 'injury'] })).toBe(true);
    expect(loadSafetyAnswers()).toEqual({ answeredAt: 1234, flags: ['severe', 'injury'] });
    expect(saveSafetyAnswers({ answeredAt: 2000, flags: [] })).toBe(true);
    expect(loadSafetyAnswers()).toEqual({ answeredAt: 2000, flags: [] });
  });

  it('a corrupt stored value counts as not answered', () => {
    localStorage.setItem('unknot.safetyCheck', '{oops');
    expect(loadSafetyAnswers()).toBeUndefined();
  });
});

describe('voice preferences', () => {
  beforeEach(() => vi.stubGlobal('localStorage', new MemoryStorage()));
  afterEach(() => vi.unstubAllGlobals());

  it('not muted, default voice, until something is saved; then what was saved', () => {
    expect(loadVoicePreferences()).toEqual({ muted: false, voiceUri: null });
    expect(saveVoicePreferences({ muted: true, voiceUri: 'Daniel (en-GB)' })).toBe(true);
    expect(loadVoicePreferences()).toEqual({ muted: true, voiceUri: 'Daniel (en-GB)' });
  });

  it('ignores what is not a setting', () => {
    localStorage.setItem('unknot.voice', JSON.stringify({ muted: 'yes', voiceUri: 42 }));
    expect(loadVoicePreferences()).toEqual({ muted: false, voiceUri: null });
    localStorage.setItem('unknot.voice', '[');
    expect(loadVoicePreferences()).toEqual({ muted: false, voiceUri: null });
  });

  it('a refused save is reported, not thrown', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    });
    expect(saveVoicePreferences({ muted: true, voiceUri: null })).toBe(false);
  });
});
