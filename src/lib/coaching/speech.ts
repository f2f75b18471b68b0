/** Speaks cues aloud with the browser's on-device speech synthesis (no network voices). */

export interface VoiceChoice {
  uri: string;
  name: string;
  lang: string;
}

const available = () => typeof speechSynthesis !== 'undefined';

/** On-device voices only: a network voice would send the cue text off the device. */
function localVoices(): SpeechSynthesisVoice[] {
  return available() ? speechSynthesis.getVoices().filter((voice) => voice.localService) : [];
}

/** Calls `onChange` with the local voices now and whenever the browser's list changes (it loads late); returns the unsubscribe. */
export function watchLocalVoices(onChange: (voices: VoiceChoice[]) => void): () => void {
  if (!available()) {
    onChange([]);
    return () => undefined;
  }
  const report = () => onChange(localVoices().map((voice) => ({ uri: voice.voiceURI, name: voice.name, lang: voice.lang })));
  report();
  speechSynthesis.addEventListener('voiceschanged', report);
  return () => speechSynthesis.removeEventListener('voiceschanged', report);
}

export class CueVoice {
  muted = false;
  /** The voice the user chose (voiceURI); null picks a local English voice. */
  voiceUri: string | null = null;

  get available(): boolean {
    return available();
  }

  speak(text: string): void {
    if (this.muted || !this.available) return;
    // A new cue replaces one still being spoken: stale advice is worse than none.
    speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    const voices = localVoices();
    const voice = voices.find((candidate) => candidate.voiceURI === this.voiceUri) ?? voices.find((candidate) => candidate.lang.startsWith('en'));
    if (voice) utterance.voice = voice;
    utterance.rate = 0.95;
    speechSynthesis.speak(utterance);
  }

  stop(): void {
    if (this.available) speechSynthesis.cancel();
  }
}
