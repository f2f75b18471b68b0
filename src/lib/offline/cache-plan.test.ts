import { describe, expect, it } from 'vitest';
import {
  fallbackPage,
  isStorableModelResponse,
  modelsCacheName,
  precacheUrls,
  routeRequest,
  shellCacheName,
  staleCaches,
  type RequestFacts,
  isWorkerScript,
  WORKER_CSP,
} from './cache-plan';

const manifest = {
  base: '',
  build: ['/_app/immutable/entry/start.abc.js', '/_app/immutable/assets/0.def.css'],
  files: [
    '/favicon.svg',
    '/manifest.webmanifest',
    '/icons/icon-192.png',
    '/screenshots/home-wide.jpg',
    '/models/movenet-lightning.json',
    '/models/movenet-lightning.bin',
    '/wasm/tfjs-backend-wasm-simd.wasm',
    '/wasm/tfjs-backend-wasm-threaded-simd.wasm',
  ],
  prerendered: ['/', '/history', '/routines', '/practice/cat-cow'],
};

describe('cache names', () => {
  it('names the shell by app version and the models by weights version', () => {
    expect(shellCacheName('0.1.0+20260101')).toBe('unknot-shell-0.1.0+20260101');
    expect(modelsCacheName('3.0.4')).toBe('unknot-models-3.0.4');
    expect(shellCacheName('a')).not.toBe(shellCacheName('b'));
  });

  it('removes the previous shells and models but keeps the current ones and other sites’ caches', () => {
    const current = { shell: shellCacheName('2'), models: modelsCacheName('3.0.4') };
    const names = [shellCacheName('1'), shellCacheName('2'), modelsCacheName('3.0.3'), modelsCacheName('3.0.4'), 'someone-else'];
    expect(staleCaches(names, current)).toEqual([shellCacheName('1'), modelsCacheName('3.0.3')]);
    expect(staleCaches([current.shell, current.models], current)).toEqual([]);
  });
});

describe('precacheUrls', () => {
  const urls = precacheUrls(manifest);

  it('holds the code, every page, the WASM binaries and the icons', () => {
    for (const url of [...manifest.build, ...manifest.prerendered, '/_app/version.json', '/wasm/tfjs-backend-wasm-simd.wasm', '/icons/icon-192.png', '/manifest.webmanifest']) {
      expect(urls).toContain(url);
    }
  });

  it('leaves the model weights and the store screenshots to be fetched when needed', () => {
    expect(urls.filter((url) => url.startsWith('/models/') || url.startsWith('/screenshots/'))).toEqual([]);
  });

  it('lists each URL once and keeps a base path', () => {
    expect(new Set(urls).size).toBe(urls.length);
    const based = precacheUrls({
      base: '/unknot',
      build: ['/unknot/_app/x.js'],
      files: ['/unknot/models/a.bin', '/unknot/favicon.svg'],
      prerendered: ['/unknot/', '/unknot/history'],
    });
    expect(based).toEqual(['/unknot/_app/x.js', '/unknot/favicon.svg', '/unknot/', '/unknot/history', '/unknot/_app/version.json']);
    expect(fallbackPage('/unknot')).toBe('/unknot/404.html');
  });
});

describe('routeRequest', () => {
  const shell = new Set([...precacheUrls(manifest), fallbackPage('')]);
  const facts = (url: string, overrides: Partial<RequestFacts> = {}): RequestFacts => ({
    url: new URL(url),
    method: 'GET',
    mode: 'cors',
    origin: 'https://unknot.test',
    base: '',
    shell,
    ...overrides,
  });

  it('answers a page from the shell whatever its query string', () => {
    expect(routeRequest(facts('https://unknot.test/practice/cat-cow?model=lightning&backend=wasm', { mode: 'navigate' }))).toEqual({
      kind: 'page',
      key: '/practice/cat-cow',
      fallback: '/404.html',
    });
    expect(routeRequest(facts('https://unknot.test/', { mode: 'navigate' }))).toMatchObject({ kind: 'page', key: '/' });
    expect(routeRequest(facts('https://unknot.test/history/', { mode: 'navigate' }))).toMatchObject({ kind: 'page', key: '/history' });
  });

  it('answers an address with no page of its own with the fallback page', () => {
    expect(routeRequest(facts('https://unknot.test/practice/no-such-stretch', { mode: 'navigate' }))).toMatchObject({ kind: 'page', key: fallbackPage('') });
  });

  it('sends model weights to the models cache, even when opened as a page', () => {
    expect(routeRequest(facts('https://unknot.test/models/movenet-lightning.bin'))).toEqual({ kind: 'model', key: '/models/movenet-lightning.bin' });
    expect(routeRequest(facts('https://unknot.test/models/movenet-lightning.json', { mode: 'navigate' }))).toMatchObject({ kind: 'model' });
  });

  it('answers shell files from the shell and leaves everything else to the network', () => {
    expect(routeRequest(facts('https://unknot.test/wasm/tfjs-backend-wasm-simd.wasm'))).toEqual({ kind: 'shell', key: '/wasm/tfjs-backend-wasm-simd.wasm' });
    expect(routeRequest(facts('https://unknot.test/not-in-the-build.js'))).toEqual({ kind: 'network' });
    expect(routeRequest(facts('https://elsewhere.test/favicon.svg'))).toEqual({ kind: 'network' });
    expect(routeRequest(facts('https://unknot.test/favicon.svg', { method: 'HEAD' }))).toEqual({ kind: 'network' });
    expect(routeRequest(facts('https://unknot.test/models/movenet-lightning.bin', { method: 'HEAD' }))).toEqual({ kind: 'network' });
  });
});

describe('isStorableModelResponse', () => {
  it('stores only complete, successful same-origin answers', () => {
    expect(isStorableModelResponse({ ok: true, status: 200, type: 'basic' })).toBe(true);
    expect(isStorableModelResponse({ ok: true, status: 206, type: 'basic' })).toBe(false);
    expect(isStorableModelResponse({ ok: false, status: 404, type: 'basic' })).toBe(false);
    expect(isStorableModelResponse({ ok: false, status: 0, type: 'opaque' })).toBe(false);
  });
});

describe('the pose worker policy', () => {
  it('names no other origin, keeps what the worker does, and goes with the app worker scripts only', () => {
    expect(WORKER_CSP).not.toMatch(/https?:|\*|'unsafe-eval'|'unsafe-inline'/);
    expect(WORKER_CSP).toContain("default-src 'self'");
    expect(WORKER_CSP).toContain("script-src 'self' 'wasm-unsafe-eval' blob:");
    expect(WORKER_CSP).toContain("connect-src 'self' blob: data:");
    expect(isWorkerScript('/_app/immutable/workers/pose.worker-EBH-Pb0H.js', '')).toBe(true);
    expect(isWorkerScript('/unknot/_app/immutable/workers/pose.worker-EBH-Pb0H.js', '/unknot')).toBe(true);
    expect(isWorkerScript('/_app/immutable/chunks/CvLrrnx9.js', '')).toBe(false);
    expect(isWorkerScript('/service-worker.js', '')).toBe(false);
  });
});
