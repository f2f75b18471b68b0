/**
 * The desk watch on the desk-posture page: desk posture at a low frame rate while the user
 * works, with its reminders shown on the page, chimed, and (with permission) notified.
 */
import { DeskAlerts, type NotifyPermission } from '../coaching/alerts';
import type { PainRating } from '../storage/schema';
import { DeskWatch, REMINDER_TEXT, REMINDER_TITLE, type DeskReminder } from './desk-watch';
import type { PracticeSession } from './practice-session.svelte';

/** Frames a second while watching: enough for a slouch held for seconds, a fraction of the CPU. */
export const DESK_WATCH_FPS = 3;

export interface DeskWatchStateOptions {
  /** Read when the watch starts, so a changed target applies to the next watch. */
  breakEveryMs: () => number;
  alerts?: Pick<DeskAlerts, 'permission' | 'unlockSound' | 'askPermission' | 'chime' | 'notify' | 'dispose' | 'muted'>;
}

export class DeskWatchState {
  /** The reminder on show; null when none (or dismissed). */
  reminder = $state.raw<DeskReminder | null>(null);
  /** Reminders given in this watch, for the page (and tests). */
  given = $state(0);
  permission = $state<NotifyPermission>('default');

  /** The break interval of the watch running now (or the next one). */
  breakEveryMs = $state(0);
  private readonly readBreakEvery: () => number;
  private watch: DeskWatch;
  private readonly alerts: NonNullable<DeskWatchStateOptions['alerts']>;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly session: PracticeSession,
    options: DeskWatchStateOptions,
  ) {
    this.readBreakEvery = options.breakEveryMs;
    this.breakEveryMs = options.breakEveryMs();
    this.watch = new DeskWatch({ breakEveryMs: this.breakEveryMs });
    this.alerts = options.alerts ?? new DeskAlerts();
    this.permission = this.alerts.permission;
  }

  /** Whether the session running now is the watch (throttled camera). */
  get active(): boolean {
    return this.session.source === 'camera' && this.session.frameIntervalMs !== null;
  }

  /** Starts the camera throttled and listens for reminders. Call from a click (sound needs a gesture). */
  async start(video: HTMLVideoElement, painBefore: PainRating): Promise<void> {
    this.alerts.unlockSound();
    this.breakEveryMs = this.readBreakEvery();
    this.watch = new DeskWatch({ breakEveryMs: this.breakEveryMs });
    this.reminder = null;
    this.given = 0;
    this.unsubscribe?.();
    this.unsubscribe = this.session.onOutput((output) => {
      if (!this.active) return;
      for (const reminder of this.watch.step(output)) this.remind(reminder);
    });
    await this.session.startCamera(video, { painBefore, frameIntervalMs: 1000 / DESK_WATCH_FPS });
  }

  async askPermission(): Promise<void> {
    this.permission = await this.alerts.askPermission();
  }

  dismiss(): void {
    this.reminder = null;
  }

  set muted(muted: boolean) {
    this.alerts.muted = muted;
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.alerts.dispose();
  }

  private remind(reminder: DeskReminder): void {
    this.reminder = reminder;
    this.given++;
    this.alerts.chime();
    this.alerts.notify(`Unknot: ${REMINDER_TITLE[reminder.kind].toLowerCase()}`, REMINDER_TEXT[reminder.kind]);
  }
}
