import { describe, expect, it } from 'vitest';
import type { PipelineOutput } from '../coaching/pipeline';
import { DESK_WATCH_FPS, DeskWatchState } from './desk-watch.svelte';
import type { PracticeSession } from './practice-session.svelte';

function setup(breakEveryMs = 10_000) {
  const listeners = new Set<(output: PipelineOutput) => void>();
  const starts: unknown[] = [];
  const session = {
    source: null as string | null,
    frameIntervalMs: null as number | null,
    onOutput(listener: (output: PipelineOutput) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async startCamera(_video: unknown, options: { frameIntervalMs?: number }) {
      starts.push(options);
      session.source = 'camera';
      session.frameIntervalMs = options.frameIntervalMs ?? null;
    },
  };
  const sent = { chimes: 0, notes: [] as string[] };
  const alerts = {
    muted: false,
    permission: 'granted' as const,
    unlockSound: () => undefined,
    askPermission: async () => 'granted' as const,
    chime: () => void sent.chimes++,
    notify: (title: string, body: string) => void sent.notes.push(`${title}: ${body}`),
    dispose: () => undefined,
  };
  const watch = new DeskWatchState(session as unknown as PracticeSession, { breakEveryMs: () => breakEveryMs, alerts });
  const emit = (tMs: number, uprightMs: number) =>
    listeners.forEach((listener) => listener({ tMs, phase: 'upright', events: [], uprightMs, slouchedMs: 0 } as unknown as PipelineOutput));
  return { watch, session, starts, sent, emit };
}

describe('DeskWatchState', () => {
  it('starts the camera throttled to the watch rate and reminds with a chime and a notification', async () => {
    const { watch, starts, sent, emit } = setup();
    await watch.start({} as HTMLVideoElement, 'skipped');
    expect(starts).toEqual([{ painBefore: 'skipped', frameIntervalMs: 1000 / DESK_WATCH_FPS }]);
    expect(watch.active).toBe(true);
    for (let t = 0; t <= 12_000; t += 333) emit(t, t);
    expect(watch.given).toBe(1);
    expect(watch.reminder?.kind).toBe('break');
    expect(sent.chimes).toBe(1);
    expect(sent.notes).toEqual(['Unknot: time for a stretch break: Stand up, roll your shoulders, try a self-hug or a seated twist.']);
    watch.dismiss();
    expect(watch.reminder).toBeNull();
  });

  it('ignores a full-rate session (not the watch)', async () => {
    const { watch, session, emit } = setup();
    await watch.start({} as HTMLVideoElement, null);
    session.frameIntervalMs = null; // as if Start camera had been used instead
    for (let t = 0; t <= 30_000; t += 333) emit(t, t);
    expect(watch.given).toBe(0);
  });
});
