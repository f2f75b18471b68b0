// Screenshots of the states issue #8 added, live through the fake camera, at a laptop and a
// phone size: the wrong position (someone on all fours on the thoracic-extension page), more
// than one person (two standing people on the standing rotation), and calibration held up
// with its reason (a person sitting three-quarter on, on the seated twist).
//   npm run build && node scripts/screenshot-truth.mjs   → .cache/screenshots/truth-*.png
// Needs the browser tests' media (.cache/e2e, made by their global set-up).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, fixturesDir, projectRoot, servePreview } from './lib/browser.mjs';

const outDir = join(projectRoot, '.cache/screenshots');
const media = join(projectRoot, '.cache/e2e');
mkdirSync(outDir, { recursive: true });
const turnedFeed = join(media, 'sitting-three-quarter.mjpeg');
if (!existsSync(turnedFeed)) {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-loop', '1', '-i', join(fixturesDir, 'images/neutral-sitting/yogan_sukhasana.png'), '-t', '8', '-vf', 'scale=-2:480,format=yuvj420p', '-r', '30', '-q:v', '5', turnedFeed]);
}
const STATES = [
  { name: 'wrong-position', feed: join(media, 'cat-cow.mjpeg'), technique: 'thoracic-extension', until: 'wrong-position' },
  { name: 'several-people', feed: join(media, 'two-people-then-one.mjpeg'), technique: 'standing-rotation', until: 'several-people' },
  { name: 'calibration-reason', feed: turnedFeed, technique: 'seated-twist', until: 'calibrating', banner: 'calibration' },
];
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

const server = await servePreview(Number(process.env.SHOT_PORT ?? 4188));
try {
  for (const state of STATES) {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs({ fakeCameraFile: state.feed }) });
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(`${server.url}/practice/${state.technique}?backend=wasm`);
      await page.locator('[data-testid="status"]', { hasText: /^ready$/ }).waitFor({ state: 'attached', timeout: 120_000 });
      await page.getByTestId('start').click();
      await page.locator('[data-testid="phase"]', { hasText: new RegExp(`^${state.until}$`) }).waitFor({ state: 'attached', timeout: 60_000 });
      if (state.banner) await page.getByTestId(state.banner).waitFor({ timeout: 10_000 });
      await page.waitForTimeout(1200);
      const file = join(outDir, `truth-${state.name}-${size}.png`);
      await page.screenshot({ path: file });
      console.log(file, '|', (await page.getByTestId('cue').textContent())?.trim());
      await context.close();
    }
    await browser.close();
  }
} finally {
  server.close();
}
