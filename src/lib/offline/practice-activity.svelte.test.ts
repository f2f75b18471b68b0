import { describe, expect, it } from 'vitest';
import { PracticeActivity } from './practice-activity.svelte';

describe('PracticeActivity', () => {
  it('counts a running or paused session as in progress, nothing else', () => {
    const activity = new PracticeActivity();
    const inProgress = (status: Parameters<PracticeActivity['report']>[0]) => {
      activity.report(status, 'lightning');
      return activity.inProgress;
    };
    expect(inProgress('running')).toBe(true);
    expect(inProgress('paused')).toBe(true);
    for (const status of ['loading', 'ready', 'error', null] as const) expect(inProgress(status)).toBe(false);
  });

  it('remembers a model once it has loaded, and keeps it after the page closes', () => {
    const activity = new PracticeActivity();
    activity.report('loading', 'blazepose-lite');
    expect(activity.loadedModel).toBeNull();
    activity.report('error', 'blazepose-lite');
    expect(activity.loadedModel).toBeNull();
    activity.report('ready', 'blazepose-lite');
    expect(activity.loadedModel).toBe('blazepose-lite');
    activity.report(null, null);
    expect(activity.loadedModel).toBe('blazepose-lite');
    expect(activity.inProgress).toBe(false);
  });
});
