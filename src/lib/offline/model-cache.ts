/**
 * The page's side of the models cache (Cache Storage): what is stored, downloading a file into
 * it with progress, and removing it. The service worker fills the same cache as models load
 * (src/service-worker.ts); the page writes too, for what loaded before the worker took over.
 */
import { modelsCacheName } from './cache-plan';

export const MODELS_CACHE = modelsCacheName(__MODEL_WEIGHTS_VERSION__);

export function cacheStorageAvailable(): boolean {
  return typeof caches !== 'undefined';
}

export function modelFileUrl(assetBase: string, name: string): string {
  return `${assetBase}/models/${name}`;
}

/** Stored model files: name → bytes. */
export async function storedModelFiles(): Promise<Map<string, number>> {
  const stored = new Map<string, number>();
  if (!cacheStorageAvailable() || !(await caches.has(MODELS_CACHE))) return stored;
  const cache = await caches.open(MODELS_CACHE);
  for (const request of await cache.keys()) {
    const name = new URL(request.url).pathname.split('/').pop() ?? '';
    const response = await cache.match(request);
    if (!response) continue;
    const length = Number(response.headers.get('content-length'));
    stored.set(name, Number.isFinite(length) && length > 0 ? length : (await response.blob()).size);
  }
  return stored;
}

/**
 * Whether every one of `files` is in the models cache; null where the browser has no Cache
 * Storage (nothing can be stored for offline use there).
 */
export async function modelFilesStored(files: readonly string[]): Promise<boolean | null> {
  if (!cacheStorageAvailable()) return null;
  const stored = await storedModelFiles();
  return files.every((file) => stored.has(file));
}

/** Bytes of a served model file, known from the build (no request: offline one would only fail); null if not known. */
export function modelFileBytes(name: string): number | null {
  return __MODEL_FILE_BYTES__[name] ?? null;
}

export class ModelDownloadError extends Error {
  constructor(
    message: string,
    readonly kind: 'network' | 'storage-full' | 'server',
  ) {
    super(message);
    this.name = 'ModelDownloadError';
  }
}

/**
 * Downloads one model file into the cache, telling `onBytes` how many bytes arrived so far.
 * Resolves with the file's size.
 */
export async function downloadModelFile(url: string, onBytes: (received: number) => void): Promise<number> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new ModelDownloadError('The download failed: there seems to be no network connection.', 'network');
  }
  if (!response.ok || !response.body) throw new ModelDownloadError(`The server answered ${response.status} for ${url}.`, 'server');
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onBytes(received);
    }
  } catch {
    throw new ModelDownloadError('The download broke off: the network connection was lost.', 'network');
  }
  // Where the service worker answered, it has stored the file already (or is doing so).
  const cache = await caches.open(MODELS_CACHE);
  if (!(await cache.match(url))) {
    const headers = new Headers({ 'content-length': String(received) });
    const type = response.headers.get('content-type');
    if (type) headers.set('content-type', type);
    try {
      await cache.put(url, new Response(new Blob(chunks), { headers }));
    } catch (error) {
      if (error instanceof DOMException && error.name === 'QuotaExceededError') {
        throw new ModelDownloadError('Your browser has no room left to store the models.', 'storage-full');
      }
      throw error;
    }
  }
  return received;
}

export async function removeStoredModels(): Promise<void> {
  if (cacheStorageAvailable()) await caches.delete(MODELS_CACHE);
}
