/**
 * Small per-device preferences (targets per technique, the spoken voice: muted, which voice; the safety check's answers). Kept in localStorage:
 * they are read synchronously before the page draws, and losing them costs nothing but a
 * default. Private mode or a full disk must never break practice, so every access is guarded.
 */
import { parseSafetyAnswers, type SafetyAnswers } from '../safety/red-flags';
import { sanitizeTargets, type TechniqueDefinition, type TechniqueTargets } from '../techniques/catalog';

const key = (techniqueId: string) => `unknot.targets.${techniqueId}`;

function readJson(storageKey: string): unknown {
  try {
    const text = globalThis.localStorage?.getItem(storageKey);
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The user's targets for a technique: saved values where valid, defaults elsewhere. */
export function loadTargets(technique: TechniqueDefinition): TechniqueTargets {
  const saved = readJson(key(technique.id));
  return sanitizeTargets(technique, typeof saved === 'object' && saved !== null ? (saved as Record<string, unknown>) : {});
}

/** Saves the targets; returns false when the browser refused (the targets still apply to this visit). */
export function saveTargets(technique: TechniqueDefinition, targets: TechniqueTargets): boolean {
  try {
    globalThis.localStorage?.setItem(key(technique.id), JSON.stringify(sanitizeTargets(technique, { ...targets })));
    return true;
  } catch {
    return false;
  }
}

const VOICE_KEY = 'unknot.voice';

export interface VoicePreferences {
  /** Cues are shown but not spoken. */
  muted: boolean;
  /** The speech-synthesis voice chosen by the user (its voiceURI); null for the default. */
  voiceUri: string | null;
}

export const DEFAULT_VOICE: VoicePreferences = { muted: false, voiceUri: null };

/** The voice settings saved on this device; defaults where nothing (or nothing valid) is saved. */
export function loadVoicePreferences(): VoicePreferences {
  const saved = readJson(VOICE_KEY);
  if (typeof saved !== 'object' || saved === null) return { ...DEFAULT_VOICE };
  const { muted, voiceUri } = saved as Record<string, unknown>;
  return {
    muted: typeof muted === 'boolean' ? muted : DEFAULT_VOICE.muted,
    voiceUri: typeof voiceUri === 'string' && voiceUri.length > 0 && voiceUri.length < 500 ? voiceUri : null,
  };
}

/** Saves the voice settings; false when the browser refused (they still apply to this visit). */
export function saveVoicePreferences(preferences: VoicePreferences): boolean {
  try {
    globalThis.localStorage?.setItem(VOICE_KEY, JSON.stringify({ muted: preferences.muted, voiceUri: preferences.voiceUri }));
    return true;
  } catch {
    return false;
  }
}

const ACTIVE_SESSION_KEY = 'unknot.activeSession';

/**
 * The session this tab is recording. sessionStorage survives a reload of the same tab but no
 * other tab sees it: after a reload the unfinished session can be offered at once, while a
 * session another open tab is still recording is never offered to this one.
 */
export function rememberActiveSession(id: string | null): void {
  try {
    if (id) globalThis.sessionStorage?.setItem(ACTIVE_SESSION_KEY, id);
    else globalThis.sessionStorage?.removeItem(ACTIVE_SESSION_KEY);
  } catch {
    // Private mode: the offer then waits until the session is clearly abandoned.
  }
}

export function activeSessionOfThisTab(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(ACTIVE_SESSION_KEY) ?? null;
  } catch {
    return null;
  }
}

const SAFETY_KEY = 'unknot.safetyCheck';

/**
 * The safety check's last answers, or undefined when it was never answered (or the stored
 * value is unreadable). Kept here, not in IndexedDB: the practice page must know before it
 * draws whether to ask, and losing it costs one more question.
 */
export function loadSafetyAnswers(): SafetyAnswers | undefined {
  return parseSafetyAnswers(readJson(SAFETY_KEY));
}

/** Returns false when the browser refused (the answers then apply to this visit only). */
export function saveSafetyAnswers(answers: SafetyAnswers): boolean {
  try {
    globalThis.localStorage?.setItem(SAFETY_KEY, JSON.stringify(answers));
    return true;
  } catch {
    return false;
  }
}
