/**
 * The desk watch's reminders, from desk posture's outputs (issue #12). Pure: time arrives on
 * the outputs. Two kinds:
 * - `slouch`: the checker reports a sustained slouch (its formFault 'sustained-slouch');
 * - `break`: every `breakEveryMs` of time at the desk (upright + slouched, so time away or
 *   out of view does not count), a stretch break is offered. Being away from the desk for
 *   `awayResetMs` is a break already: the count starts again.
 */
import type { CheckerOutput } from '../techniques/types';

export interface DeskWatchOptions {
  breakEveryMs: number;
  awayResetMs: number;
}

export const DEFAULT_DESK_WATCH: DeskWatchOptions = { breakEveryMs: 30 * 60_000, awayResetMs: 3 * 60_000 };

export type DeskReminder = { kind: 'slouch'; tMs: number } | { kind: 'break'; tMs: number; deskMs: number };

/** What the watch reads: desk posture's output (upright and slouched time come with it). */
export type DeskOutput = Pick<CheckerOutput, 'tMs' | 'events' | 'phase'> & { uprightMs?: number; slouchedMs?: number };

export class DeskWatch {
  private readonly options: DeskWatchOptions;
  /** Desk time at the last break (offered, or taken by going away). */
  private lastBreakDeskMs = 0;
  private awaySinceMs: number | undefined;

  constructor(options: Partial<DeskWatchOptions> = {}) {
    this.options = { ...DEFAULT_DESK_WATCH, ...options };
  }

  step(output: DeskOutput): DeskReminder[] {
    const reminders: DeskReminder[] = [];
    const deskMs = (output.uprightMs ?? 0) + (output.slouchedMs ?? 0);
    if (output.events.some((event) => event.type === 'formFault' && event.fault === 'sustained-slouch')) reminders.push({ kind: 'slouch', tMs: output.tMs });

    if (output.phase === 'out-of-frame') {
      this.awaySinceMs ??= output.tMs;
      if (output.tMs - this.awaySinceMs >= this.options.awayResetMs) this.lastBreakDeskMs = deskMs;
      return reminders;
    }
    this.awaySinceMs = undefined;
    if (deskMs - this.lastBreakDeskMs >= this.options.breakEveryMs) {
      this.lastBreakDeskMs = deskMs;
      reminders.push({ kind: 'break', tMs: output.tMs, deskMs });
    }
    return reminders;
  }

  reset(): void {
    this.lastBreakDeskMs = 0;
    this.awaySinceMs = undefined;
  }
}

export const REMINDER_TITLE: Record<DeskReminder['kind'], string> = {
  slouch: 'Sit tall',
  break: 'Time for a stretch break',
};

export const REMINDER_TEXT: Record<DeskReminder['kind'], string> = {
  slouch: 'You have been slouching for a while. Bring your head back over your shoulders.',
  break: 'Stand up, roll your shoulders, try a self-hug or a seated twist.',
};

/**
 * `?breakEvery=<seconds>` on the desk-posture page (a quick demo or test of the break
 * reminder); undefined when absent or not a positive number.
 */
export function parseBreakEverySeconds(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}
