/**
 * The short safety check's state on a page: asked before the first session (nothing stored
 * yet) and again whenever the user reports high pain; the answers are kept on the device and
 * can be changed on /safety. It advises, it never blocks: the user may continue.
 */
import { loadSafetyAnswers, saveSafetyAnswers } from '../storage/preferences';
import type { PainRating } from '../storage/schema';
import { adviceFor, HIGH_PAIN, type RedFlagId, type SafetyAdvice, type SafetyAnswers } from './red-flags';

/** Why the check is showing. */
export type SafetyCheckReason = 'first-session' | 'high-pain' | 'review';

export interface SafetyCheckOptions {
  load?: () => SafetyAnswers | undefined;
  save?: (answers: SafetyAnswers) => boolean;
  now?: () => number;
}

export class SafetyCheckState {
  answers = $state.raw<SafetyAnswers | undefined>(undefined);
  /** Why the check is shown now; null when it is not. */
  open = $state<SafetyCheckReason | null>(null);
  /** The browser refused to keep the answers (they apply to this visit). */
  notSaved = $state(false);
  /** Set once answers are given on this page, so the advice is shown beside them. */
  justAnswered = $state(false);

  private readonly load: () => SafetyAnswers | undefined;
  private readonly save: (answers: SafetyAnswers) => boolean;
  private readonly now: () => number;

  constructor(options: SafetyCheckOptions = {}) {
    this.load = options.load ?? loadSafetyAnswers;
    this.save = options.save ?? saveSafetyAnswers;
    this.now = options.now ?? Date.now;
  }

  /** Reads the stored answers; `askIfNew`: a practice page asks before the first session. */
  init({ askIfNew = false }: { askIfNew?: boolean } = {}): void {
    this.answers = this.load();
    if (!this.answers && askIfNew) this.open = 'first-session';
  }

  get advice(): SafetyAdvice | null {
    return this.answers ? adviceFor(this.answers.flags) : null;
  }

  submit(flags: readonly RedFlagId[]): void {
    const answers: SafetyAnswers = { answeredAt: this.now(), flags: [...new Set(flags)] };
    this.answers = answers;
    this.notSaved = !this.save(answers);
    this.justAnswered = true;
    this.open = null;
  }

  /** A check-in rating: high pain asks the safety questions again. */
  reportPain(rating: PainRating): void {
    if (typeof rating === 'number' && rating >= HIGH_PAIN) {
      this.justAnswered = false;
      this.open = 'high-pain';
    }
  }

  review(): void {
    this.justAnswered = false;
    this.open = 'review';
  }

  /** "Not now": closes the check without answering (asked again next time). */
  dismiss(): void {
    this.open = null;
  }
}
