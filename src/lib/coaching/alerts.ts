/**
 * The desk watch's reminders reach the user outside the page: a short chime (Web Audio,
 * synthesised, no sound file) and, with permission, a system notification. Both are
 * best-effort: a browser without them simply shows the reminder on the page.
 */

export type NotifyPermission = 'granted' | 'denied' | 'default' | 'unsupported';

export class DeskAlerts {
  muted = false;
  private audio: AudioContext | null = null;

  get permission(): NotifyPermission {
    return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
  }

  /** Call from a click: browsers only let a page start audio, or ask to notify, after a gesture. */
  unlockSound(): void {
    if (typeof AudioContext === 'undefined') return;
    this.audio ??= new AudioContext();
    void this.audio.resume().catch(() => undefined);
  }

  async askPermission(): Promise<NotifyPermission> {
    if (typeof Notification === 'undefined') return 'unsupported';
    try {
      return await Notification.requestPermission();
    } catch {
      return Notification.permission;
    }
  }

  /** Two soft tones, rising: noticeable, not alarming. */
  chime(): void {
    const audio = this.audio;
    if (this.muted || !audio) return;
    const start = audio.currentTime + 0.02;
    [660, 880].forEach((frequency, index) => {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.type = 'sine';
      tone.frequency.value = frequency;
      const at = start + index * 0.22;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.18, at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
      tone.connect(gain).connect(audio.destination);
      tone.start(at);
      tone.stop(at + 0.22);
    });
  }

  /** A system notification when allowed; replaces the previous one (same tag). */
  notify(title: string, body: string): void {
    if (this.permission !== 'granted') return;
    try {
      new Notification(title, { body, tag: 'unknot-desk-watch' });
    } catch {
      // Some browsers only notify from a service worker: the page banner still shows.
    }
  }

  dispose(): void {
    void this.audio?.close().catch(() => undefined);
    this.audio = null;
  }
}
