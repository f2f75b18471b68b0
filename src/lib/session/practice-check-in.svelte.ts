/**
 * The practice page's side of issue #12: the pain/stiffness check-in before and after a
 * session, the safety check (before the first session and after a high rating) and
 * "Stop — it hurts". Holds what the page shows; the session log stores the answers.
 */
import { SafetyCheckState } from '../safety/safety-check.svelte';
import type { PainRating } from '../storage/schema';
import type { PracticeSession } from './practice-session.svelte';

export class PracticeCheckIn {
  /** The "before" answer for the next session: a rating, 'skipped', or null (not answered yet). */
  before = $state<PainRating>(null);
  /** Set by "Stop — it hurts" until the next session starts: the page shows the advice. */
  painStopped = $state(false);
  readonly safety: SafetyCheckState;

  constructor(
    private readonly session: PracticeSession,
    safety: SafetyCheckState = new SafetyCheckState(),
  ) {
    this.safety = safety;
  }

  /** Reads the stored safety answers; asks the safety check when there are none yet. */
  init(): void {
    this.safety.init({ askIfNew: true });
  }

  answerBefore(rating: number): void {
    this.before = rating;
    this.safety.reportPain(rating);
  }

  skipBefore(): void {
    this.before = 'skipped';
  }

  /**
   * The answer to record with a session the user starts now: what they chose, or 'skipped'
   * (the question was in front of them). The next session is asked afresh.
   */
  takeBefore(): PainRating {
    const answer = this.before ?? 'skipped';
    this.before = null;
    this.painStopped = false;
    return answer;
  }

  answerAfter(rating: number): void {
    this.session.log.answerAfter(rating);
    this.safety.reportPain(rating);
  }

  skipAfter(): void {
    this.session.log.answerAfter('skipped');
  }

  /** Ends the session at once (saved with the pain stop) and shows the advice. */
  stopForPain(): void {
    this.session.stopForPain();
    this.painStopped = true;
  }
}
