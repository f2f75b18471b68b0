/**
 * The pose worker itself, with the detector stood in for: frames that arrive while one is
 * computed wait their turn (BlazePose tracks from frame to frame and tfjs is not re-entrant),
 * answers go back in order with the model's own time, and every frame is closed.
 */
import { describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker } from './worker-protocol';

const model = vi.hoisted(() => ({ running: 0, mostAtOnce: 0, release: [] as (() => void)[] }));
vi.mock('./detector', async (original) => ({
  ...(await original<typeof import('./detector')>()),
  createPoseDetector: async () => ({
    model: 'lightning',
    backend: 'wasm',
    threads: 1,
    estimate: async (_frame: unknown, tMs: number) => {
      model.running++;
      model.mostAtOnce = Math.max(model.mostAtOnce, model.running);
      await new Promise<void>((resolve) => model.release.push(resolve));
      model.running--;
      return { tMs, aspect: 1, keypoints: {} };
    },
    tensorCount: () => 7,
    dispose: () => undefined,
  }),
}));

const posted: FromWorker[] = [];
const scope = { onmessage: null as ((event: { data: ToWorker }) => void) | null, postMessage: (message: FromWorker) => posted.push(message), close: () => undefined };
vi.stubGlobal('self', scope);
await import('./pose.worker');

describe('pose worker', () => {
  it('computes frames one at a time, in the order they came, and answers each in turn', async () => {
    scope.onmessage!({ data: { type: 'load', options: { model: 'lightning', assetBase: '' } } });
    await vi.waitFor(() => expect(posted.map((message) => message.type)).toEqual(['loaded']));
    const closed: number[] = [];
    const frame = (id: number) => ({ close: () => closed.push(id) }) as unknown as ImageBitmap;
    for (const id of [0, 1, 2]) scope.onmessage!({ data: { type: 'estimate', id, frame: frame(id), tMs: id * 33 } });
    for (let answered = 1; answered <= 3; answered++) {
      // Only one frame is ever in the model; the others wait.
      await vi.waitFor(() => expect(model.release).toHaveLength(1));
      expect(model.running).toBe(1);
      model.release.shift()!();
      await vi.waitFor(() => expect(posted).toHaveLength(1 + answered));
    }
    expect(model.mostAtOnce).toBe(1);
    const answers = posted.slice(1) as Extract<FromWorker, { type: 'estimated' }>[];
    expect(answers.map((answer) => [answer.id, answer.frame?.tMs])).toEqual([
      [0, 0],
      [1, 33],
      [2, 66],
    ]);
    for (const answer of answers) expect(answer.modelMs).toBeGreaterThanOrEqual(0);
    expect(closed).toEqual([0, 1, 2]);
  });
});
