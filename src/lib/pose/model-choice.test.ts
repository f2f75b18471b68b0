import { describe, expect, it } from 'vitest';
import { BLAZEPOSE_LADDER, ladderFrom, ModelChooser, modelChoiceText, MOVENET_LADDER, type ModelSwitch } from './model-choice';
import type { ModelId } from './models';

/**
 * A camera at `cameraFps` and a model taking `frameMs(model)` a frame, on the app's frame loop:
 * one frame at a time, and a frame that arrived while the model ran is taken as soon as it is
 * done (camera/camera.ts), so the rate kept is the camera's while a frame fits in its interval
 * and 1000 / frameMs when it does not. Switches happen at once.
 * Runs from `fromMs` to `untilMs` on the chooser's clock; the camera says `cameraFps` and delivers `deliveredFps`.
 */
function simulate(
  chooser: ModelChooser,
  frameMs: (model: ModelId, tMs: number) => number,
  untilMs: number,
  { cameraFps = 30, deliveredFps = cameraFps, fromMs = 0 }: { cameraFps?: number; deliveredFps?: number; fromMs?: number } = {},
) {
  const intervalMs = 1000 / deliveredFps;
  const switches: (ModelSwitch & { tMs: number })[] = [];
  let tMs = fromMs;
  while (tMs < untilMs) {
    const took = frameMs(chooser.model, tMs);
    tMs += Math.max(took, intervalMs);
    const change = chooser.observe({ tMs, frameMs: took, cameraFps });
    if (change) {
      switches.push({ ...change, tMs });
      chooser.switched(change.to);
    }
  }
  return switches;
}

/** Frame times measured on the 2-core bench machine (app ms per frame, live camera). */
const benchMachine: Record<ModelId, number> = { lightning: 32, thunder: 100, 'blazepose-lite': 28, 'blazepose-full': 42, 'blazepose-heavy': 153 };
/** A machine three times as fast (e.g. WebGL on a laptop graphics chip). */
const fastMachine = Object.fromEntries(Object.entries(benchMachine).map(([id, ms]) => [id, ms / 3])) as Record<ModelId, number>;

describe('ladders', () => {
  it('keeps a technique in its model family: 3D/silhouette techniques climb BlazePose, the rest MoveNet', () => {
    expect(ladderFrom('blazepose-lite')).toBe(BLAZEPOSE_LADDER);
    expect(ladderFrom('blazepose-full')).toBe(BLAZEPOSE_LADDER);
    expect(ladderFrom('lightning')).toBe(MOVENET_LADDER);
  });

  it('refuses a start model that is not on the ladder', () => {
    expect(() => new ModelChooser(MOVENET_LADDER, 'blazepose-lite')).toThrow(/not on the ladder/);
  });
});

describe('ModelChooser', () => {
  it('on the bench machine stays on BlazePose lite: it keeps 30 fps and full is predicted not to fit', () => {
    const chooser = new ModelChooser(BLAZEPOSE_LADDER, 'blazepose-lite');
    expect(simulate(chooser, (model) => benchMachine[model], 120_000)).toEqual([]);
    expect(chooser.state.keptFps).toBeCloseTo(30, 0);
  });

  it('on the bench machine steps down from BlazePose full to lite within a few seconds, and stays', () => {
    const chooser = new ModelChooser(BLAZEPOSE_LADDER, 'blazepose-full');
    const switches = simulate(chooser, (model) => benchMachine[model], 120_000);
    expect(switches.map(({ from, to, reason }) => ({ from, to, reason }))).toEqual([{ from: 'blazepose-full', to: 'blazepose-lite', reason: 'too-slow' }]);
    expect(switches[0]!.tMs).toBeLessThan(6000);
    expect(switches[0]!.keptFps).toBeLessThan(0.95 * 30);
  });

  it('on a fast machine climbs to the most precise model that keeps up (full), not to heavy', () => {
    const chooser = new ModelChooser(BLAZEPOSE_LADDER, 'blazepose-lite');
    const switches = simulate(chooser, (model) => fastMachine[model], 120_000);
    expect(switches.map((s) => s.to)).toEqual(['blazepose-full']);
    expect(chooser.model).toBe('blazepose-full');
  });

  it('when a step up turns out too slow it steps back and does not try again for minutes (no flapping)', () => {
    // The prediction says full fits (25 ms), but on this machine full really takes 45 ms.
    const lite = 15;
    const chooser = new ModelChooser(BLAZEPOSE_LADDER, 'blazepose-lite');
    const switches = simulate(chooser, (model) => (model === 'blazepose-lite' ? lite : 45), 4 * 60_000);
    expect(switches.map((s) => `${s.to}:${s.reason}`)).toEqual(['blazepose-full:room-to-spare', 'blazepose-lite:too-slow']);
    // Five minutes after the failure it may try once more.
    const later = simulate(chooser, (model) => (model === 'blazepose-lite' ? lite : 45), 8 * 60_000, { fromMs: 4 * 60_000 });
    expect(later.map((s) => s.to)).toEqual(['blazepose-full', 'blazepose-lite']);
  });

  it('steps down when the machine slows mid-session (e.g. on battery) and back up once it has room again', () => {
    const chooser = new ModelChooser(BLAZEPOSE_LADDER, 'blazepose-full');
    // Fast for the first minute, then three times slower for a minute, then fast again.
    const slowFrom = 60_000;
    const slowUntil = 120_000;
    const frameMs = (model: ModelId, tMs: number) => (tMs >= slowFrom && tMs < slowUntil ? benchMachine[model] : fastMachine[model]);
    const switches = simulate(chooser, frameMs, 12 * 60_000);
    const down = switches.find((s) => s.reason === 'too-slow')!;
    expect(down).toMatchObject({ from: 'blazepose-full', to: 'blazepose-lite' });
    expect(down.tMs).toBeGreaterThan(slowFrom);
    expect(down.tMs).toBeLessThan(slowFrom + 6000);
    // Back to full once it was fast again, after the retry pause, and not straight back and forth.
    const up = switches.filter((s) => s.reason === 'room-to-spare');
    expect(up).toHaveLength(1);
    expect(up[0]!.tMs).toBeGreaterThan(down.tMs + 5 * 60_000);
    expect(chooser.model).toBe('blazepose-full');
  });

  it('does not step down when the camera, not the model, is slow (low light: 15 fps from a 30 fps camera)', () => {
    const chooser = new ModelChooser(BLAZEPOSE_LADDER, 'blazepose-full');
    // The model takes 12 ms but the camera, set to 30, delivers only 15 frames a second.
    const switches = simulate(chooser, () => 12, 60_000, { deliveredFps: 15 });
    expect(switches.filter((s) => s.reason === 'too-slow')).toEqual([]);
  });

  it('never proposes anything while the first frames settle, nor below the fastest model', () => {
    const chooser = new ModelChooser(MOVENET_LADDER, 'lightning');
    // Far too slow for the camera, but there is nothing faster in the family.
    expect(simulate(chooser, () => 80, 60_000)).toEqual([]);
    expect(chooser.state.keptFps).toBeLessThan(15);
    const fresh = new ModelChooser(BLAZEPOSE_LADDER, 'blazepose-full');
    expect(simulate(fresh, () => 200, 1900)).toEqual([]);
  });

  it('a model that cannot be loaded is not asked for again soon', () => {
    const chooser = new ModelChooser(BLAZEPOSE_LADDER, 'blazepose-lite');
    let asked = 0;
    let tMs = 0;
    for (; tMs < 4 * 60_000; tMs += 1000 / 30) {
      const change = chooser.observe({ tMs, frameMs: fastMachine['blazepose-lite'], cameraFps: 30 });
      if (change) {
        asked++;
        chooser.unavailable(change.to, tMs);
      }
    }
    expect(asked).toBe(1);
    expect(chooser.model).toBe('blazepose-lite');
    expect(chooser.state.lastSwitch).toBeNull();
    // Nor is a faster one to step down to.
    const slow = new ModelChooser(BLAZEPOSE_LADDER, 'blazepose-full');
    asked = 0;
    for (tMs = 0; tMs < 4 * 60_000; tMs += 42) {
      const change = slow.observe({ tMs, frameMs: 42, cameraFps: 30 });
      if (change) {
        asked++;
        slow.unavailable(change.to, tMs);
      }
    }
    expect(asked).toBe(1);
    expect(slow.model).toBe('blazepose-full');
  });
});

describe('modelChoiceText', () => {
  it('says why the model runs, in frames a second a user can check', () => {
    const chooser = new ModelChooser(BLAZEPOSE_LADDER, 'blazepose-full');
    expect(modelChoiceText(chooser.state)).toBe('Chosen automatically: measured in the first seconds of the camera.');
    simulate(chooser, (model) => benchMachine[model], 20_000);
    expect(modelChoiceText(chooser.state)).toMatch(/^Chosen automatically: switched from Precise \(3D\) because it kept only 2[0-4] of the camera's 30 frames a second\.$/);
    const steady = new ModelChooser(BLAZEPOSE_LADDER, 'blazepose-lite');
    simulate(steady, (model) => benchMachine[model], 20_000);
    expect(modelChoiceText(steady.state)).toBe("Chosen automatically: keeps 30 of the camera's 30 frames a second.");
    const climbed = new ModelChooser(BLAZEPOSE_LADDER, 'blazepose-lite');
    simulate(climbed, (model) => fastMachine[model], 20_000);
    expect(modelChoiceText(climbed.state)).toBe('Chosen automatically: switched up from Balanced (3D), which kept all 30 frames a second with time to spare.');
  });
});
