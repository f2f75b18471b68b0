/**
 * What the practice page tells the rest of the app: whether a practice is under way (the
 * update offer waits until it ends) and which model it loaded (kept for offline use). One
 * shared instance; the practice page reports, the layout reads.
 */
import type { ModelId } from '../pose/models';

/** The practice page's session status (`null` when no session is open). */
export type PracticeStatus = 'loading' | 'ready' | 'running' | 'paused' | 'error' | null;

export class PracticeActivity {
  /** A session is running or paused: nothing may reload the page now. */
  inProgress = $state(false);
  /** The last model a practice page loaded on this visit. */
  loadedModel = $state<ModelId | null>(null);

  report(status: PracticeStatus, model: ModelId | null): void {
    this.inProgress = status === 'running' || status === 'paused';
    if (model && (status === 'ready' || status === 'running' || status === 'paused')) this.loadedModel = model;
  }
}

export const practiceActivity = new PracticeActivity();
