// Records the keypoints the real model produces on the fixture clips and photos, by running
// the built app in headless Chromium and analysing each as a file (exactly what a user's
// upload goes through). Writes JSON traces that the unit tests and the accuracy report replay
// through the checkers.
//
//   npm run build && npm run record-trace -- <model> [clip.mp4 | photos | all ...]
//
// Clips go to src/lib/testing/traces/<clip>.<model>.json.gz; `photos` records every fixture photo
// into src/lib/testing/traces/photos.<model>.json.gz (gzipped: ~5× smaller). BlazePose traces carry the silhouette mask
// and every trace the multi-person count, as the app computes them.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { basename, isAbsolute, join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, fixturesDir, projectRoot, servePreview } from './lib/browser.mjs';

const model = process.argv[2] ?? 'lightning';
const requested = process.argv.slice(3);
const CLIPS = ['cat-cow-side.mp4', 'bridge-side.mp4', 'seated-twist-front.mp4'];
const targets = requested.length === 0 || requested.includes('all') ? [...CLIPS, 'photos'] : requested;
const outDir = join(projectRoot, 'src/lib/testing/traces');
/** Photos are analysed as a 2-second still; these of its ~60 frames are kept (the model settles on a still). */
const PHOTO_FRAMES_KEPT = [0, 1, 2, 5, 10, 20, 40];

const round = (value) => Math.round(value * 10000) / 10000;
function compactFrame(frame) {
  const compact = (points) =>
    Object.fromEntries(Object.entries(points).map(([name, p]) => [name, Object.fromEntries(Object.entries(p).map(([k, v]) => [k, round(v)]))]));
  return {
    tMs: frame.tMs,
    aspect: round(frame.aspect),
    keypoints: compact(frame.keypoints),
    ...(frame.keypoints3D ? { keypoints3D: compact(frame.keypoints3D) } : {}),
    ...(frame.mask ? { mask: frame.mask } : {}),
    ...(frame.people ? { people: frame.people.map((p) => ({ score: round(p.score), box: Object.fromEntries(Object.entries(p.box).map(([k, v]) => [k, round(v)])) })) } : {}),
  };
}

const server = await servePreview(4181);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs() });

/** Analyses one file on a fresh page; returns its raw frames, the time taken and what the page said. */
async function analyse(file) {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') console.error('[page]', message.text());
  });
  try {
    // Every frame's own silhouette: the app's cadence (mask-cadence.ts) is tested on top of these.
    const extra = model.startsWith('blazepose') ? '&segmentation=1&maskEvery=1' : '';
    // The raw keypoints do not depend on the checker: any practice page records them.
    await page.goto(`${server.url}/practice/cat-cow?model=${model}&backend=wasm&people=1000${extra}`);
    // The status id is in the page but not shown (people read the stage): wait for it attached, not visible.
    await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ state: 'attached', timeout: 120_000 });
    const started = Date.now();
    await page.getByTestId('video-file').setInputFiles(file);
    await page.locator(`[data-testid="analysis-done"][data-file="${basename(file)}"]`).waitFor({ state: 'attached', timeout: 600_000 });
    const seconds = (Date.now() - started) / 1000;
    const href = await page.getByTestId('trace-download').getAttribute('href');
    const trace = await page.evaluate(async (url) => (await fetch(url)).json(), href);
    return { frames: trace.frames.map(compactFrame), seconds, model: trace.model };
  } finally {
    await page.close();
  }
}

try {
  mkdirSync(outDir, { recursive: true });
  for (const target of targets) {
    if (target === 'photos') {
      const photos = [];
      for (const label of readdirSync(join(fixturesDir, 'images')).sort()) {
        for (const name of readdirSync(join(fixturesDir, 'images', label)).sort()) {
          const { frames, seconds } = await analyse(join(fixturesDir, 'images', label, name));
          photos.push({ file: `${label}/${name}`, label, frames: frames.filter((_, i) => PHOTO_FRAMES_KEPT.includes(i)) });
          console.log(`${label}/${name} with ${model}: ${frames.length} frames in ${seconds.toFixed(1)} s`);
        }
      }
      const out = join(outDir, `photos.${model}.json.gz`);
      writeFileSync(out, gzipSync(JSON.stringify({ model, recordedWith: 'scripts/record-trace.mjs', photos }) + '\n', { level: 9 }));
      console.log(`wrote ${out}`);
      continue;
    }
    const clipPath = isAbsolute(target) ? target : join(fixturesDir, 'video', target);
    const clip = basename(clipPath);
    const { frames, seconds } = await analyse(clipPath);
    const out = join(outDir, `${clip.replace(/\.mp4$/, '')}.${model}.json.gz`);
    writeFileSync(out, gzipSync(JSON.stringify({ model, source: clip, recordedWith: 'scripts/record-trace.mjs', frames }) + '\n', { level: 9 }));
    console.log(`${clip} with ${model}: ${frames.length} frames in ${seconds.toFixed(1)} s; wrote ${out}`);
  }
} finally {
  await browser.close();
  server.close();
}
