/**
 * What the service worker stores and how it answers each request. Pure, so the rules are unit
 * tested; src/service-worker.ts only applies them.
 *
 * Two caches:
 * - the shell, one per app version (`unknot-shell-<version>`): code, styles, every prerendered
 *   page, the WASM binaries, icons. Filled in full when a version installs, so a version is
 *   either wholly available offline or not yet active.
 * - the models (`unknot-models-<weights version>`): pose weights, tens of MB each, stored on
 *   first use or when the user makes the app available offline. Named by the weights package's
 *   version, not the app's, so an app update keeps them.
 */

export const CACHE_PREFIX = 'unknot-';

export function shellCacheName(appVersion: string): string {
  return `${CACHE_PREFIX}shell-${appVersion}`;
}

export function modelsCacheName(weightsVersion: string): string {
  return `${CACHE_PREFIX}models-${weightsVersion}`;
}

/** Our caches that belong to neither the current shell nor the current models: removed on activate. */
export function staleCaches(cacheNames: readonly string[], current: { shell: string; models: string }): string[] {
  return cacheNames.filter((name) => name.startsWith(CACHE_PREFIX) && name !== current.shell && name !== current.models);
}

/** Static files that are fetched only when needed, never up front. */
function isOnDemandStaticFile(path: string, base: string): boolean {
  // Model weights are cached per model on first use; the store screenshots only matter when
  // the browser shows its install dialog, online.
  return path.startsWith(`${base}/models/`) || path.startsWith(`${base}/screenshots/`);
}

export interface BuildManifest {
  /** `$service-worker`'s base: the app's path prefix ('' at the root of a host). */
  base: string;
  /** Vite's output (code, styles). */
  build: readonly string[];
  /** Files from static/. */
  files: readonly string[];
  /** Prerendered pages. */
  prerendered: readonly string[];
}

/**
 * The SPA fallback page adapter-static writes: the shell for any address with no page of its
 * own. Stored when the host serves it (`vite preview` does not: it renders such addresses
 * itself), so it is not part of the must-have list.
 */
export function fallbackPage(base: string): string {
  return `${base}/404.html`;
}

/** Every URL path the shell cache must hold for a version (an install fails without any one). */
export function precacheUrls(manifest: BuildManifest): string[] {
  const { base } = manifest;
  return [
    ...new Set([
      ...manifest.build,
      ...manifest.files.filter((path) => !isOnDemandStaticFile(path, base)),
      ...manifest.prerendered,
      // SvelteKit reads it when a navigation fails, to tell whether a new version is out.
      `${base}/_app/version.json`,
    ]),
  ];
}

export type RequestRoute =
  /** Not ours (another origin, not a GET, or a path the shell does not hold): the browser fetches it as usual. */
  | { kind: 'network' }
  /** A page: the stored page for `key` (the path without its query), else the network, else the fallback page. */
  | { kind: 'page'; key: string; fallback: string }
  /** A shell file, stored under `key`. */
  | { kind: 'shell'; key: string }
  /** Model weights: from the models cache, stored there on first use. */
  | { kind: 'model'; key: string };

export interface RequestFacts {
  url: URL;
  method: string;
  /** `Request.mode`; 'navigate' for a page load. */
  mode: string;
  /** The service worker's own origin. */
  origin: string;
  base: string;
  /** Paths in the shell cache (precacheUrls). */
  shell: ReadonlySet<string>;
}

export function routeRequest(request: RequestFacts): RequestRoute {
  const { url, base } = request;
  if (request.method !== 'GET' || url.origin !== request.origin) return { kind: 'network' };
  const path = url.pathname;
  if (path.startsWith(`${base}/models/`)) return { kind: 'model', key: path };
  if (request.mode === 'navigate') {
    // Pages take query strings (?model=…&backend=…); the stored shell is the same for all.
    const key = request.shell.has(path) ? path : request.shell.has(withoutTrailingSlash(path)) ? withoutTrailingSlash(path) : fallbackPage(base);
    return { kind: 'page', key, fallback: fallbackPage(base) };
  }
  if (request.shell.has(path)) return { kind: 'shell', key: path };
  return { kind: 'network' };
}

function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Whether a network response may be stored as model weights: complete and successful. */
export function isStorableModelResponse(response: { ok: boolean; status: number; type: string }): boolean {
  return response.ok && response.status === 200 && (response.type === 'basic' || response.type === 'default');
}

/**
 * Headers that make a page cross-origin isolated (COOP/COEP), added to every response the
 * service worker serves: static hosts that cannot send them still get SharedArrayBuffer
 * (threaded WASM) from the second visit on. CORP keeps our files loadable under COEP.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The pose worker's Content-Security-Policy. A worker loaded from a URL takes its policy from
 * its own response, not from the page's <meta> tag, so the service worker (and the preview
 * server) send this with the worker's script: the same rules as the page for what a worker
 * does (only this origin; WASM compiling; tfjs's threaded workers from blob: URLs).
 */
export const WORKER_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

/** Whether a path is one of the app's worker scripts (they get WORKER_CSP). */
export function isWorkerScript(path: string, base: string): boolean {
  return path.startsWith(`${base}/_app/immutable/workers/`);
}

