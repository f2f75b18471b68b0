// Screenshots of /history: empty, with ~20 sessions of mixed techniques, and one technique
// selected, at a laptop and a phone size; for looking at the page as a user would.
//   npm run build && node scripts/screenshot-history.mjs   → .cache/screenshots/history-*.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, projectRoot, servePreview } from './lib/browser.mjs';

const outDir = join(projectRoot, '.cache/screenshots');
mkdirSync(outDir, { recursive: true });

const TECHNIQUES = [
  { id: 'cat-cow', sided: false, metric: ['archDeg', 'Spine arch', '°'] },
  { id: 'seated-twist', sided: true, metric: ['twistDeg', 'Twist', '°'] },
  { id: 'foam-roller', sided: false, metric: ['extensionDeg', 'Extension', '°'] },
  { id: 'self-hug', sided: false, metric: ['spreadPct', 'Shoulder spread', '%'] },
  { id: 'standing-rotation', sided: true, metric: ['twistDeg', 'Twist', '°'] },
];

function noon(daysAgo, hour) {
  const date = new Date();
  date.setHours(hour, 0, 0, 0);
  date.setDate(date.getDate() - daysAgo);
  return date.getTime();
}

/** ~20 sessions over two and a half weeks, mixed techniques, some stopped or interrupted. */
function sessions() {
  const list = [];
  for (let index = 0; index < 21; index++) {
    const technique = TECHNIQUES[index % TECHNIQUES.length];
    const [metricId, metricLabel, metricUnit] = technique.metric;
    const startedAt = noon(Math.floor(index * 0.85), 7 + ((index * 5) % 13));
    const count = 3 + ((index * 7) % 8);
    const reps = Array.from({ length: count }, (_, rep) => {
      const side = technique.sided ? (rep % 2 === 0 ? 'left' : 'right') : null;
      const depth = 28 + ((index * 3 + rep * 5) % 14) - index * 0.4;
      return {
        tMs: 4000 * (rep + 1),
        side,
        peakMetric: side === 'right' ? -depth : depth,
        troughMetric: technique.id === 'cat-cow' ? -12 - (rep % 5) : 0,
        durationMs: 3500,
        holdMs: technique.sided ? 5000 + rep * 300 : null,
      };
    });
    list.push({
      id: `shot-${index}`,
      schemaVersion: 1,
      techniqueId: technique.id,
      source: index % 6 === 5 ? 'file' : 'camera',
      modelId: 'lightning',
      metricId,
      metricLabel,
      metricUnit,
      startedAt,
      endedAt: startedAt + 150_000,
      durationMs: 60_000 + index * 9_000,
      timeInFrameMs: 55_000,
      reps,
      holds: reps.filter((rep) => rep.holdMs !== null).map((rep) => ({ tMs: rep.tMs, side: rep.side, durationMs: rep.holdMs, completed: true })),
      faults: {},
      cues: {},
      status: index === 3 ? 'stopped' : index === 8 ? 'interrupted' : 'completed',
    });
  }
  return list;
}

const server = await servePreview(4186);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs() });
try {
  for (const [size, viewport] of [
    ['1280', { width: 1280, height: 900 }],
    ['390', { width: 390, height: 844 }],
  ]) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const shot = async (name) => {
      const file = join(outDir, `history-${name}-${size}.png`);
      await page.waitForTimeout(400);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      // Tall pages also in parts, so an image viewer shows them at full size.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const part = 1500;
      for (let top = 0, index = 1; height > part + 100 && top < height; top += part, index++) {
        const clip = { x: 0, y: top, width: viewport.width, height: Math.min(part, height - top) };
        await page.screenshot({ path: file.replace(/\.png$/, `.part${index}.png`), fullPage: true, clip });
      }
    };
    await page.goto(`${server.url}/history`);
    await page.getByTestId('history-empty').waitFor();
    await shot('empty');

    const file = JSON.stringify({ format: 'unknot-export', schemaVersion: 1, exportedAt: Date.now(), sessions: sessions(), routines: [], routineRuns: [] });
    await page.getByTestId('import-file').setInputFiles({ name: 'shots.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await page.getByTestId('import-result').waitFor();
    await shot('sessions');

    await page.getByTestId('technique-filter').selectOption('seated-twist');
    await page.getByTestId('chart-sides').waitFor();
    await shot('seated-twist');

    await page.getByTestId('technique-filter').selectOption('cat-cow');
    await page.getByTestId('chart-range').waitFor();
    await page.locator('[data-testid="session"]').first().getByTestId('delete-session').click();
    await page.getByTestId('undo').waitFor();
    await page.getByTestId('import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"oops"') });
    await page.getByTestId('import-error').waitFor();
    await page.getByTestId('import-error').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(outDir, `history-cat-cow-undo-${size}.png`), fullPage: false });
    console.log(join(outDir, `history-cat-cow-undo-${size}.png`));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
