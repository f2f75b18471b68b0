// Screenshots of issue #12's pages, at a laptop and a phone size: /safety, the safety check
// and check-in on a practice page, "Stop — it hurts", self-massage with its ball timer, the
// desk watch, and /history with check-ins and desk-posture time.
//   npm run build && node scripts/screenshot-safety.mjs   → .cache/screenshots/safety-*.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, projectRoot, servePreview } from './lib/browser.mjs';

const outDir = join(projectRoot, '.cache/screenshots');
mkdirSync(outDir, { recursive: true });
const only = process.argv.slice(2);

const day = (daysAgo, hour) => {
  const date = new Date();
  date.setHours(hour, 0, 0, 0);
  date.setDate(date.getDate() - daysAgo);
  return date.getTime();
};

/** Five weeks of sessions with check-ins, improving a little, and desk-posture watches. */
function sessions() {
  const techniques = [
    ['cat-cow', 'archDeg', 'Spine arch', '°'],
    ['self-massage', 'stroke-pace', 'Stroke pace', '/min'],
    ['self-hug', 'rounding-pct', 'Rounding', '%'],
  ];
  const list = [];
  for (let index = 0; index < 24; index++) {
    const [techniqueId, metricId, metricLabel, metricUnit] = techniques[index % techniques.length];
    const startedAt = day(34 - Math.floor(index * 1.4), 8 + (index % 9));
    const before = Math.max(1, Math.min(9, Math.round(7 - index * 0.15 + ((index * 7) % 3) - 1)));
    list.push({
      id: `pain-${index}`,
      schemaVersion: 2,
      techniqueId,
      source: 'camera',
      modelId: 'lightning',
      metricId,
      metricLabel,
      metricUnit,
      startedAt,
      endedAt: startedAt + 180_000,
      durationMs: 170_000,
      timeInFrameMs: 160_000,
      reps: Array.from({ length: 4 }, (_, rep) => ({ tMs: 20_000 * (rep + 1), side: techniqueId === 'self-massage' ? (rep % 2 ? 'right' : 'left') : null, peakMetric: 30, troughMetric: techniqueId === 'cat-cow' ? -20 : 30, durationMs: 2000, holdMs: null })),
      holds: [],
      faults: {},
      cues: {},
      status: index === 5 ? 'stopped' : 'completed',
      painBefore: index % 5 === 4 ? 'skipped' : before,
      painAfter: index % 7 === 6 ? 'skipped' : Math.max(0, before - 1 - (index % 3)),
      painStopMs: index === 5 ? 40_000 : null,
      posture: null,
    });
  }
  for (let index = 0; index < 8; index++) {
    const startedAt = day(7 - index, 9);
    const watched = 2 * 3_600_000;
    const upright = watched * (0.6 + index * 0.04);
    list.push({
      id: `desk-${index}`, schemaVersion: 2, techniqueId: 'posture', source: 'camera', modelId: 'lightning', metricId: 'slouch-score', metricLabel: 'Slouch', metricUnit: '%',
      startedAt, endedAt: startedAt + watched, durationMs: watched, timeInFrameMs: watched, reps: [], holds: [], faults: {}, cues: {}, status: 'completed',
      painBefore: null, painAfter: null, painStopMs: null, posture: { uprightMs: upright, slouchedMs: watched - upright },
    });
  }
  return list;
}

const server = await servePreview(4187);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs() });
try {
  for (const [size, viewport] of [
    ['1280', { width: 1280, height: 800 }],
    ['390', { width: 390, height: 844 }],
  ]) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const shot = async (name, fullPage = true) => {
      if (only.length > 0 && !only.includes(name)) return;
      const file = join(outDir, `safety-${name}-${size}.png`);
      await page.waitForTimeout(400);
      await page.screenshot({ path: file, fullPage });
      console.log(file);
    };

    await page.goto(`${server.url}/safety`);
    await page.getByTestId('professionals').waitFor();
    await shot('safety-page');

    await page.goto(`${server.url}/practice/self-massage?backend=wasm`);
    await page.getByTestId('safety-check').waitFor();
    await shot('first-check', false);
    await page.getByTestId('flag-nerves').check();
    await page.getByTestId('safety-submit').click();
    await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ timeout: 120_000 });
    await page.getByTestId('check-in-before-4').click();
    await shot('self-massage');
    await page.getByTestId('ball-timer').locator('summary').click();
    await page.getByTestId('ball-start').click();
    await page.getByTestId('ball-timer').scrollIntoViewIfNeeded();
    await shot('ball-timer', false);
    await page.getByTestId('pain-stop').click();
    await page.getByTestId('pain-advice').waitFor();
    await page.getByTestId('pain-advice').scrollIntoViewIfNeeded();
    await shot('pain-stop', false);

    await page.goto(`${server.url}/practice/posture?backend=wasm`);
    await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ timeout: 120_000 });
    await shot('desk-watch');

    await page.goto(`${server.url}/history`);
    await page.getByTestId('history-empty').waitFor();
    const file = JSON.stringify({ format: 'unknot-export', schemaVersion: 2, exportedAt: Date.now(), sessions: sessions(), routines: [], routineRuns: [] });
    await page.getByTestId('import-file').setInputFiles({ name: 'shots.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await page.getByTestId('import-result').waitFor();
    await page.getByTestId('pain-section').scrollIntoViewIfNeeded();
    await shot('history-pain', false);
    await page.getByTestId('upright-section').scrollIntoViewIfNeeded();
    await shot('history-upright', false);
    await page.goto(`${server.url}/`);
    await page.getByTestId('safety-link').waitFor();
    await shot('home', false);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
