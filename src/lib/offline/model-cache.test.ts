import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadModelFile, MODELS_CACHE, ModelDownloadError, removeStoredModels, storedModelFiles } from './model-cache';

/** A minimal in-memory Cache Storage: what the browser gives the page, keyed by absolute URL. */
class MemoryCache {
  readonly entries = new Map<string, Response>();
  quotaBytes = Infinity;
  async match(key: string | Request): Promise<Response | undefined> {
    return this.entries.get(absolute(key))?.clone();
  }
  async put(key: string | Request, response: Response): Promise<void> {
    const size = (await response.clone().arrayBuffer()).byteLength;
    if (size > this.quotaBytes) throw new DOMException('full', 'QuotaExceededError');
    this.entries.set(absolute(key), response);
  }
  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
}
const absolute = (key: string | Request) => new URL(typeof key === 'string' ? key : key.url, 'https://unknot.test/').href;

class MemoryCacheStorage {
  readonly caches = new Map<string, MemoryCache>();
  async open(name: string) {
    if (!this.caches.has(name)) this.caches.set(name, new MemoryCache());
    return this.caches.get(name)!;
  }
  async has(name: string) {
    return this.caches.has(name);
  }
  async delete(name: string) {
    return this.caches.delete(name);
  }
}

/** A response whose body arrives in `chunks` pieces, like a download. */
function streamed(bytes: number, chunks: number): Response {
  const piece = new Uint8Array(bytes / chunks);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < chunks) controller.enqueue(piece);
      else controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes) } });
}

let storage: MemoryCacheStorage;
beforeEach(() => {
  storage = new MemoryCacheStorage();
  vi.stubGlobal('caches', storage);
});
afterEach(() => vi.unstubAllGlobals());

describe('downloadModelFile', () => {
  it('reports the bytes as they arrive and stores the file in the models cache', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => streamed(4000, 4)));
    const progress: number[] = [];
    const size = await downloadModelFile('/models/movenet-lightning.bin', (received) => progress.push(received));
    expect(size).toBe(4000);
    expect(progress).toEqual([1000, 2000, 3000, 4000]);
    expect(await storedModelFiles()).toEqual(new Map([['movenet-lightning.bin', 4000]]));
    expect(storage.caches.has(MODELS_CACHE)).toBe(true);
  });

  it('keeps what the service worker stored instead of writing it twice', async () => {
    const cache = await storage.open(MODELS_CACHE);
    await cache.put('/models/movenet-lightning.json', new Response('{"stored":"by the worker"}'));
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"fetched":true}')));
    await downloadModelFile('/models/movenet-lightning.json', () => {});
    expect(await (await cache.match('/models/movenet-lightning.json'))!.text()).toBe('{"stored":"by the worker"}');
  });

  it('says clearly what went wrong: no network, a server error, no room', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(downloadModelFile('/models/a.bin', () => {})).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/no network/) });

    vi.stubGlobal('fetch', vi.fn(async () => new Response('missing', { status: 404 })));
    await expect(downloadModelFile('/models/a.bin', () => {})).rejects.toMatchObject({ kind: 'server', message: expect.stringMatching(/404/) });

    (await storage.open(MODELS_CACHE)).quotaBytes = 10;
    vi.stubGlobal('fetch', vi.fn(async () => streamed(4000, 2)));
    const full = await downloadModelFile('/models/a.bin', () => {}).catch((error: unknown) => error);
    expect(full).toBeInstanceOf(ModelDownloadError);
    expect(full).toMatchObject({ kind: 'storage-full' });
    expect(await storedModelFiles()).toEqual(new Map());
  });
});

describe('removeStoredModels', () => {
  it('deletes the models cache only', async () => {
    await (await storage.open(MODELS_CACHE)).put('/models/a.bin', new Response('x'));
    await storage.open('unknot-shell-1');
    await removeStoredModels();
    expect([...storage.caches.keys()]).toEqual(['unknot-shell-1']);
    expect(await storedModelFiles()).toEqual(new Map());
  });
});
