// Screenshots of the practice page in every state a user meets, at a laptop, a phone held
// upright and a phone on its side, for looking at it as someone on a mat 2 m away would:
// ready, running (the fixture clip as the webcam), paused, mat view, the summary after Stop,
// the resume offer after a reload, calibration, an analysed photo, and each error (model
// failed to load, camera blocked, no camera, a file that is not a video), and the details with
// the automatic model choice after it stepped down (`model`).
//   npm run build && node scripts/screenshot-practice.mjs [state ...]   → .cache/screenshots/practice-*.png
// Needs the browser tests' media (.cache/e2e, made by their global set-up) for the camera states.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, fixturesDir, projectRoot, servePreview } from './lib/browser.mjs';

const outDir = join(projectRoot, '.cache/screenshots');
mkdirSync(outDir, { recursive: true });
const feed = join(projectRoot, '.cache/e2e/cat-cow.mjpeg');
const stillFeed = join(projectRoot, '.cache/e2e/neutral-sitting-still.mjpeg');
const photo = join(fixturesDir, 'images/cat');
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 }, landscape: { width: 844, height: 390 } };
const wanted = new Set(process.argv.slice(2));
const want = (state) => wanted.size === 0 || wanted.has(state);

const server = await servePreview(Number(process.env.SHOT_PORT ?? 4187));
const browsers = {};
async function browserWith(kind) {
  const options = { camera: { fakeCameraFile: feed }, still: { fakeCameraFile: stillFeed }, denied: { denyCamera: true }, none: { noCamera: true } }[kind];
  browsers[kind] ??= await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs(options) });
  return browsers[kind];
}

async function withPage(kind, viewport, run) {
  const browser = await browserWith(kind);
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  try {
    await run(page);
  } finally {
    await context.close();
  }
}

const ready = (page) => page.locator('[data-testid="status"]', { hasText: /^ready$/ }).waitFor({ state: 'attached', timeout: 120_000 });
async function shot(page, name, size, settle = 300) {
  const file = join(outDir, `practice-${name}-${size}.png`);
  await page.waitForTimeout(settle);
  await page.screenshot({ path: file });
  console.log(file);
}

try {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    if (want('ready') || want('running') || want('paused') || want('mat') || want('summary') || want('resume')) {
      await withPage('camera', viewport, async (page) => {
        await page.goto(`${server.url}/practice/cat-cow?backend=wasm`);
        await ready(page);
        if (want('ready')) await shot(page, 'ready', size);
        await page.getByTestId('start').click();
        await page.locator('[data-testid="status"]', { hasText: 'running' }).waitFor({ state: 'attached' });
        await page.waitForTimeout(7000);
        if (want('running')) await shot(page, 'running', size);
        if (want('paused')) {
          await page.keyboard.press('Space');
          await shot(page, 'paused', size);
          await page.keyboard.press('Space');
        }
        if (want('mat')) {
          await page.getByTestId('mat-view').click();
          await page.waitForTimeout(1500);
          await shot(page, 'mat', size);
          await page.getByTestId('mat-view').click();
        }
        if (want('resume')) {
          await page.waitForTimeout(1500);
          await page.reload();
          await page.getByTestId('resume-offer').waitFor({ timeout: 120_000 });
          await ready(page);
          await shot(page, 'resume', size);
          await page.getByTestId('resume').click();
          await page.waitForTimeout(3000);
          if (want('running')) await shot(page, 'resumed', size);
        }
        if (want('summary')) {
          await page.getByTestId('stop').click();
          await shot(page, 'summary', size);
        }
      });
    }
    if (want('model')) {
      // The automatic model choice after it stepped down, with the details open (issue #10).
      await withPage('camera', viewport, async (page) => {
        await page.goto(`${server.url}/practice/cat-cow?backend=wasm&startModel=blazepose-full`);
        await ready(page);
        await page.getByTestId('details').locator('summary').click();
        await page.getByTestId('start').click();
        await page.getByTestId('model-choice').filter({ hasText: 'switched from' }).waitFor({ timeout: 60_000 });
        await page.getByTestId('details').scrollIntoViewIfNeeded();
        await shot(page, 'model-choice', size);
      });
    }
    if (want('calibrating') && existsSync(stillFeed)) {
      await withPage('still', viewport, async (page) => {
        await page.goto(`${server.url}/practice/seated-twist?backend=wasm`);
        await ready(page);
        await page.getByTestId('start').click();
        await page.getByTestId('calibration').waitFor({ timeout: 30_000 });
        await shot(page, 'calibrating', size, 0);
      });
    }
    if (want('photo')) {
      await withPage('camera', viewport, async (page) => {
        await page.goto(`${server.url}/practice/cat-cow?backend=wasm`);
        await ready(page);
        const { readdirSync } = await import('node:fs');
        await page.getByTestId('video-file').setInputFiles(join(photo, readdirSync(photo)[0]));
        await page.getByTestId('analysis-done').waitFor({ timeout: 60_000 });
        await shot(page, 'photo', size);
      });
    }
    if (want('errors')) {
      await withPage('camera', viewport, async (page) => {
        await page.route('**/models/movenet-lightning.bin', (route) => route.fulfill({ status: 404, body: 'missing' }));
        await page.goto(`${server.url}/practice/cat-cow?backend=wasm`);
        await page.getByTestId('error').waitFor({ timeout: 120_000 });
        await shot(page, 'error-model', size);
      });
      await withPage('denied', viewport, async (page) => {
        await page.goto(`${server.url}/practice/cat-cow?backend=wasm`);
        await ready(page);
        await page.getByTestId('start').click();
        await page.getByTestId('error').waitFor();
        await shot(page, 'error-camera-blocked', size);
      });
      await withPage('none', viewport, async (page) => {
        await page.goto(`${server.url}/practice/cat-cow?backend=wasm`);
        await ready(page);
        await page.getByTestId('start').click();
        await page.getByTestId('error').waitFor();
        await shot(page, 'error-no-camera', size);
      });
      await withPage('camera', viewport, async (page) => {
        await page.goto(`${server.url}/practice/cat-cow?backend=wasm`);
        await ready(page);
        await page.getByTestId('video-file').setInputFiles({ name: 'broken.mp4', mimeType: 'video/mp4', buffer: Buffer.from('this is not a video') });
        await page.getByTestId('error').waitFor();
        await shot(page, 'error-bad-file', size);
      });
    }
  }
} finally {
  for (const browser of Object.values(browsers)) await browser.close();
  server.close();
}
