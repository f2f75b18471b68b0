import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/**
 * The app version names the service worker's shell cache, so each build must get its own.
 * UNKNOT_VERSION sets it (the update browser test builds a second version with it); by default
 * it is the package version plus the build time to the second. It is written back to the
 * environment because the build loads this file again in child processes (prerendering),
 * which must see the same version.
 */
process.env.UNKNOT_VERSION ??= `${pkg.version}+${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
const version = process.env.UNKNOT_VERSION;

/**
 * Hashes of the two inline style attributes the page is built with: app.html's wrapper
 * (`display: contents`) and SvelteKit's route announcer (visually hidden). Read from the files
 * themselves, so a SvelteKit update that changes the announcer's style keeps its hash right.
 */
function inlineStyleAttributeHashes() {
  const kitDir = dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'));
  const sources = [readFileSync(new URL('./src/app.html', import.meta.url), 'utf8'), readFileSync(join(kitDir, 'src/core/sync/write_root.js'), 'utf8')];
  const styles = sources.flatMap((source) => [...source.matchAll(/\sstyle="([^"]+)"/g)].map((match) => match[1]));
  if (styles.length < 2) throw new Error('svelte.config.js: the inline styles of app.html and the SvelteKit announcer were not found');
  return styles.map((style) => /** @type {`sha256-${string}`} */ (`sha256-${createHash('sha256').update(style).digest('base64')}`));
}

/**
 * Content-Security-Policy, written by SvelteKit into each prerendered page as a <meta> tag
 * with the hashes of its inline scripts. Only the app's own origin: a slip that adds a
 * remote request is refused by the browser (and reported as a violation the tests watch for).
 * - 'wasm-unsafe-eval': compiling the tfjs WASM binaries.
 * - blob: in script-src and worker-src: tfjs's threaded WASM starts its workers from a blob
 *   URL and loads its glue code into them from another (only where threads are used).
 * - blob:/data: for images and media: keypoint downloads and decoded frames are blobs.
 */
const csp = {
  mode: /** @type {const} */ ('hash'),
  directives: {
    'default-src': ['self'],
    'script-src': ['self', 'wasm-unsafe-eval', 'blob:'],
    'worker-src': ['self', 'blob:'],
    'style-src': ['self'],
    // Style attributes only where hashed; Svelte's own style updates go through the CSSOM.
    'style-src-attr': ['unsafe-hashes', ...inlineStyleAttributeHashes()],
    'img-src': ['self', 'blob:', 'data:'],
    'media-src': ['self', 'blob:'],
    'connect-src': ['self', 'blob:', 'data:'],
    'font-src': ['self'],
    'manifest-src': ['self'],
    'object-src': ['none'],
    'base-uri': ['self'],
    'form-action': ['self'],
  },
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Fully client-side: every page is prerendered as an empty shell and runs in the browser.
    // UNKNOT_BUILD_DIR and UNKNOT_KIT_OUT let a test build a second version beside the first.
    adapter: adapter({ pages: process.env.UNKNOT_BUILD_DIR ?? 'build', fallback: '404.html' }),
    outDir: process.env.UNKNOT_KIT_OUT ?? '.svelte-kit',
    version: { name: version },
    csp,
    // Registered by the app itself (src/lib/offline/service-worker.svelte.ts), so the page can
    // follow a new version as it installs and waits.
    serviceWorker: { register: false },
  },
};

export default config;
