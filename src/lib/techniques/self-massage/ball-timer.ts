/**
 * The massage-ball version of self-massage (a ball between the upper back and a wall) is a
 * guided timer, not a measurement. Rolling the ball moves the shoulders up and down and
 * sideways a little, which a front camera might read, but there is no recording of anyone
 * doing it to check such a reading against, and a count nobody has checked would mislead.
 * So the app times each side and says plainly that it does not watch. Pure.
 */
import type { Side } from '../types';

export type BallTimerPhase = Side | 'done';

export interface BallTimerReading {
  phase: BallTimerPhase;
  /** Left in the current side; 0 once done. */
  remainingMs: number;
}

/** Left side first, then right, `perSideMs` each, from `elapsedMs` since the start. */
export function ballTimerAt(elapsedMs: number, perSideMs: number): BallTimerReading {
  const elapsed = Math.max(0, elapsedMs);
  if (elapsed < perSideMs) return { phase: 'left', remainingMs: perSideMs - elapsed };
  if (elapsed < 2 * perSideMs) return { phase: 'right', remainingMs: 2 * perSideMs - elapsed };
  return { phase: 'done', remainingMs: 0 };
}

export const BALL_STEPS = [
  'Stand with your back to a wall, a massage or tennis ball between the wall and the muscle beside one shoulder blade, never on the spine.',
  'Lean back gently. Bend and straighten your knees a little to roll the ball up and down; shift your weight to roll it across.',
  'Stay on a tender spot for a few breaths. About a minute, then the other side.',
] as const;

export const BALL_NOT_MEASURED = 'The camera does not check this version: it is a timer only.';

export const BALL_ANNOUNCEMENTS: Record<BallTimerPhase, string> = {
  left: 'Ball beside your left shoulder blade.',
  right: 'Other side now: ball beside your right shoulder blade.',
  done: 'Both sides done.',
};
