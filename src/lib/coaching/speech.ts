/** Speaks cues aloud with the browser's on-device speech synthesis (no network voices). */

export class CueVoice {
  muted = false;

  get available(): boolean {
    return typeof speechSynthesis !== 'undefined';
  }

  speak(text: string): void {
    if (this.muted || !this.available) return;
    // A new cue replaces one still being spoken: stale advice is worse than none.
    speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    const localVoice = speechSynthesis.getVoices().find((voice) => voice.localService && voice.lang.startsWith('en'));
    if (localVoice) utterance.voice = localVoice;
    utterance.rate = 0.95;
    speechSynthesis.speak(utterance);
  }

  stop(): void {
    if (this.available) speechSynthesis.cancel();
  }
}
