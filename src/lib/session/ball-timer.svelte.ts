/**
 * The massage-ball timer's state: ticks while running, says each change of side aloud.
 * The only clock reads of the feature live here (injected for tests).
 */
import { CueVoice } from '../coaching/speech';
import { BALL_ANNOUNCEMENTS, ballTimerAt, type BallTimerPhase } from '../techniques/self-massage/ball-timer';

export interface BallTimerOptions {
  clock?: () => number;
  every?: (run: () => void, ms: number) => () => void;
  voice?: Pick<CueVoice, 'speak' | 'stop' | 'muted'>;
}

const defaultEvery = (run: () => void, ms: number) => {
  const timer = setInterval(run, ms);
  return () => clearInterval(timer);
};

export class BallTimerState {
  running = $state(false);
  phase = $state<BallTimerPhase | null>(null);
  remainingMs = $state(0);

  private startedAt = 0;
  private stopTicking: (() => void) | null = null;
  private readonly clock: () => number;
  private readonly every: NonNullable<BallTimerOptions['every']>;
  private readonly voice: NonNullable<BallTimerOptions['voice']>;

  constructor(
    private readonly perSideMs: () => number,
    options: BallTimerOptions = {},
  ) {
    this.clock = options.clock ?? (() => performance.now());
    this.every = options.every ?? defaultEvery;
    this.voice = options.voice ?? new CueVoice();
  }

  set muted(muted: boolean) {
    this.voice.muted = muted;
  }

  start(): void {
    this.stop();
    this.startedAt = this.clock();
    this.running = true;
    this.phase = null;
    this.tick();
    this.stopTicking = this.every(() => this.tick(), 250);
  }

  stop(): void {
    this.stopTicking?.();
    this.stopTicking = null;
    this.running = false;
    this.voice.stop();
  }

  private tick(): void {
    const reading = ballTimerAt(this.clock() - this.startedAt, this.perSideMs());
    if (reading.phase !== this.phase) {
      this.phase = reading.phase;
      this.voice.speak(BALL_ANNOUNCEMENTS[reading.phase]);
    }
    this.remainingMs = reading.remainingMs;
    if (reading.phase === 'done') {
      this.stopTicking?.();
      this.stopTicking = null;
      this.running = false;
    }
  }
}
