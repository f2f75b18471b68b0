// Records the keypoints the real model produces on a fixture clip, by running the built app
// in headless Chromium and analysing the clip as a video file. Writes a JSON trace that the
// unit tests replay through the checker.
//
//   npm run build && npm run record-trace -- [model] [clip] [out]
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, fixturesDir, projectRoot, servePreview } from './lib/browser.mjs';

const model = process.argv[2] ?? 'lightning';
const clipArgument = process.argv[3] ?? 'cat-cow-side.mp4';
const clipPath = isAbsolute(clipArgument) ? clipArgument : join(fixturesDir, 'video', clipArgument);
const clip = basename(clipPath);
const technique = clip.startsWith('bridge') ? 'foam-roller' : 'cat-cow';
const out =
  process.argv[4] ?? join(projectRoot, `src/lib/techniques/${technique}/traces/${clip.replace(/\.mp4$/, '')}.${model}.json`);

const round = (value) => Math.round(value * 10000) / 10000;
function compactFrame(frame) {
  const compact = (points) =>
    Object.fromEntries(Object.entries(points).map(([name, p]) => [name, Object.fromEntries(Object.entries(p).map(([k, v]) => [k, round(v)]))]));
  return {
    tMs: frame.tMs,
    aspect: round(frame.aspect),
    keypoints: compact(frame.keypoints),
    ...(frame.keypoints3D ? { keypoints3D: compact(frame.keypoints3D) } : {}),
  };
}

const server = await servePreview(4181);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs() });
try {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') console.error('[page]', message.text());
  });
  // The raw keypoints do not depend on the checker: any live practice page records them.
  await page.goto(`${server.url}/practice/cat-cow?model=${model}&backend=wasm`);
  // The status id is in the page but not shown (people read the stage): wait for it attached, not visible.
  await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ state: 'attached', timeout: 120_000 });
  const started = Date.now();
  await page.getByTestId('video-file').setInputFiles(clipPath);
  await page.getByTestId('analysis-done').waitFor({ timeout: 600_000 });
  const seconds = (Date.now() - started) / 1000;
  const href = await page.getByTestId('trace-download').getAttribute('href');
  const trace = await page.evaluate(async (url) => (await fetch(url)).json(), href);
  const timeline = technique === 'cat-cow' ? await page.getByTestId('timeline').innerText() : '';
  const reps = await page.getByTestId('rep-count').innerText();
  const result = { model: trace.model, clip, recordedWith: 'scripts/record-trace.mjs', frames: trace.frames.map(compactFrame) };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result) + '\n');
  console.log(`${clip} with ${model}: ${trace.frames.length} frames in ${seconds.toFixed(1)} s, reps ${reps}`);
  console.log(timeline);
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  server.close();
}
