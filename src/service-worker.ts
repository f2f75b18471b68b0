/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker: the app opens with no network. The rules (what is stored, how each
 * request is answered) are in $lib/offline/cache-plan.ts; this file applies them.
 *
 * A new version installs its whole shell into its own cache and then waits: the page offers
 * "reload" (never during a practice) and sends `skip-waiting` when the user accepts. On
 * activation the previous version's caches are deleted.
 */
import { base, build, files, prerendered, version } from '$service-worker';
import {
  fallbackPage,
  ISOLATION_HEADERS,
  isWorkerScript,
  WORKER_CSP,
  isStorableModelResponse,
  modelsCacheName,
  precacheUrls,
  routeRequest,
  shellCacheName,
  staleCaches,
  type RequestRoute,
} from '$lib/offline/cache-plan';
import { SKIP_WAITING_MESSAGE } from '$lib/offline/messages';

const worker = self as unknown as ServiceWorkerGlobalScope;

const SHELL_CACHE = shellCacheName(version);
const MODELS_CACHE = modelsCacheName(__MODEL_WEIGHTS_VERSION__);
const SHELL_URLS = precacheUrls({ base, build, files, prerendered });
const FALLBACK_PAGE = fallbackPage(base);
const SHELL_PATHS = new Set([...SHELL_URLS, FALLBACK_PAGE]);

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // cache: 'reload' skips the HTTP cache, so a file of the previous version cannot slip in.
      await cache.addAll(SHELL_URLS.map((url) => new Request(url, { cache: 'reload' })));
      // The fallback page where the host has one (static hosts do; `vite preview` does not).
      const fallback = await fetch(FALLBACK_PAGE, { cache: 'reload' }).catch(() => null);
      if (fallback?.ok) await cache.put(FALLBACK_PAGE, fallback);
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const stale = staleCaches(await caches.keys(), { shell: SHELL_CACHE, models: MODELS_CACHE });
      await Promise.all(stale.map((name) => caches.delete(name)));
      // The first visit's page is taken over at once, so the model it loads next is stored.
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('message', (event) => {
  if (event.data === SKIP_WAITING_MESSAGE) void worker.skipWaiting();
});

worker.addEventListener('fetch', (event) => {
  const route = routeRequest({
    url: new URL(event.request.url),
    method: event.request.method,
    mode: event.request.mode,
    origin: worker.location.origin,
    base,
    shell: SHELL_PATHS,
  });
  if (route.kind === 'network') return;
  event.respondWith(respond(route, event));
});

async function respond(route: Exclude<RequestRoute, { kind: 'network' }>, event: FetchEvent): Promise<Response> {
  const { request } = event;
  if (route.kind === 'model') return isolated(await modelResponse(route.key, event));
  const shell = await caches.open(SHELL_CACHE);
  const stored = await shell.match(route.key);
  if (stored) return isolated(stored);
  // Not stored (the shell is still installing, or was cleared): the network, then the fallback page.
  try {
    return isolated(await fetch(request));
  } catch (error) {
    const fallback = route.kind === 'page' ? await shell.match(route.fallback) : undefined;
    if (fallback) return isolated(fallback);
    throw error;
  }
}

async function modelResponse(key: string, event: FetchEvent): Promise<Response> {
  const cache = await caches.open(MODELS_CACHE);
  const stored = await cache.match(key);
  if (stored) return stored;
  const response = await fetch(event.request);
  // Stored while the page reads its copy (awaiting it here would hold the page's bytes back).
  if (isStorableModelResponse(response)) event.waitUntil(cache.put(key, response.clone()));
  return response;
}

/** The response with COOP/COEP/CORP added (and its `redirected` flag gone, which pages reject). */
function isolated(response: Response): Response {
  if (response.type === 'opaque' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  if (response.url && isWorkerScript(new URL(response.url).pathname, base)) headers.set('Content-Security-Policy', WORKER_CSP);
  const hasBody = ![101, 204, 205, 304].includes(response.status);
  return new Response(hasBody ? response.body : null, { status: response.status, statusText: response.statusText, headers });
}
