// Shared by the scripts and the Playwright config: how we start the system Chromium and
// serve the built app, so the e2e tests, the trace recorder and the benchmark agree.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = join(projectRoot, '../shared/fixtures');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for headless Chromium on a closed network, as root, optionally with a fake camera. */
export function chromiumArgs({ fakeCameraFile, denyCamera = false, noCamera = false } = {}) {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--autoplay-policy=no-user-gesture-required',
  ];
  // A fake camera device unless the test wants none; fed from a file when one is given.
  if (!noCamera) args.push('--use-fake-device-for-media-stream');
  if (fakeCameraFile) args.push(`--use-file-for-fake-video-capture=${fakeCameraFile}`);
  // Auto-accept the permission prompt, unless the test plays a user who blocks the camera.
  if (denyCamera) args.push('--deny-permission-prompts');
  else args.push('--use-fake-ui-for-media-stream');
  return args;
}

/** Starts `vite preview` on the built app and resolves once it answers. */
export async function servePreview(port) {
  if (!existsSync(join(projectRoot, 'build/index.html'))) {
    throw new Error('No build found: run `npm run build` first.');
  }
  const viteBin = join(projectRoot, 'node_modules/vite/bin/vite.js');
  const child = spawn(process.execPath, [viteBin, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // Never keep the calling script alive just for the server's output.
  child.stderr.unref?.();
  child.unref();
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return { url, close: () => child.kill() };
    } catch (error) {
      if (process.env.DEBUG_SERVE) console.error('servePreview:', error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error(`vite preview did not start on ${url}: ${stderr}`);
}
