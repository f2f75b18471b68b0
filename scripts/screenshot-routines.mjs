// Screenshots of /routines (empty, with routines of one's own and past runs, the editor with
// a problem shown) and of the routine bar on a practice page, at a laptop and a phone size.
//   npm run build && node scripts/screenshot-routines.mjs   → .cache/screenshots/routines-*.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, projectRoot, servePreview } from './lib/browser.mjs';

const outDir = join(projectRoot, '.cache/screenshots');
mkdirSync(outDir, { recursive: true });
const port = Number(process.env.PORT ?? 4189);

const HOUR = 3_600_000;
const now = Date.now();

const routines = [
  {
    id: 'routine-desk',
    name: 'Desk break',
    steps: [
      { techniqueId: 'seated-twist', target: { reps: 2, perSide: true, holdSeconds: 5 }, restSeconds: 15 },
      { techniqueId: 'self-hug', target: { reps: 3, holdSeconds: 5 }, restSeconds: 0 },
    ],
  },
  {
    id: 'routine-evening',
    name: 'Evening unwind on the floor',
    steps: [
      { techniqueId: 'cat-cow', target: { reps: 10 }, restSeconds: 20 },
      { techniqueId: 'thoracic-extension', target: { reps: 6, holdSeconds: 4 }, restSeconds: 30 },
      { techniqueId: 'foam-roller', target: { holdSeconds: 20 }, restSeconds: 60 },
      { techniqueId: 'standing-rotation', target: { holdSeconds: 20, perSide: true }, restSeconds: 0 },
    ],
  },
];

const runs = [
  { id: 'run-a', routineId: 'upper-back-reset', routineName: 'Upper-back reset', startedAt: now - 2 * HOUR, endedAt: now - 2 * HOUR + 480_000, status: 'completed' },
  { id: 'run-b', routineId: 'routine-desk', routineName: 'Desk break', startedAt: now - 26 * HOUR, endedAt: null, status: 'active' },
  { id: 'run-c', routineId: 'routine-gone', routineName: 'Old morning routine', startedAt: now - 80 * HOUR, endedAt: now - 80 * HOUR + 200_000, status: 'stopped' },
];

function session(id, runId, step, techniqueId, reps, sided = false) {
  return {
    id,
    schemaVersion: 1,
    techniqueId,
    source: 'camera',
    modelId: 'lightning',
    metricId: 'm',
    metricLabel: 'Metric',
    metricUnit: '°',
    startedAt: now - 2 * HOUR + step * 60_000,
    endedAt: now - 2 * HOUR + step * 60_000 + 50_000,
    durationMs: 50_000,
    timeInFrameMs: 45_000,
    reps: Array.from({ length: reps }, (_, index) => ({
      tMs: 3000 * (index + 1),
      side: sided ? (index % 2 === 0 ? 'left' : 'right') : null,
      peakMetric: 20,
      troughMetric: -10,
      durationMs: 2500,
      holdMs: null,
    })),
    holds: [],
    faults: {},
    cues: {},
    status: 'completed',
    routineRunId: runId,
    routineStep: step,
  };
}

const sessions = [
  session('a0', 'run-a', 0, 'cat-cow', 6),
  session('a1', 'run-a', 1, 'thoracic-extension', 5),
  session('a2', 'run-a', 2, 'foam-roller', 5),
  session('a3', 'run-a', 3, 'seated-twist', 4, true),
  session('a4', 'run-a', 4, 'standing-rotation', 2, true),
  session('a5', 'run-a', 5, 'self-hug', 3),
  session('b0', 'run-b', 0, 'seated-twist', 4, true),
  session('c0', 'run-c', 0, 'cat-cow', 5),
];

const server = await servePreview(port);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs() });
try {
  for (const [size, viewport] of [
    ['1280', { width: 1280, height: 900 }],
    ['390', { width: 390, height: 844 }],
  ]) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const shot = async (name, fullPage = true) => {
      const file = join(outDir, `routines-${name}-${size}.png`);
      await page.waitForTimeout(400);
      await page.screenshot({ path: file, fullPage });
      console.log(file);
    };
    await page.goto(`${server.url}/routines`);
    await page.getByTestId('no-user-routines').waitFor();
    await shot('empty');

    // Seed routines, runs and their sessions through the history page's import.
    await page.goto(`${server.url}/history`);
    const file = JSON.stringify({ format: 'unknot-export', schemaVersion: 1, exportedAt: now, sessions, routines, routineRuns: runs });
    await page.getByTestId('import-file').setInputFiles({ name: 'shots.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await page.getByTestId('import-result').waitFor();
    await page.goto(`${server.url}/routines`);
    await page.getByTestId('routine-run').first().waitFor();
    await shot('list');

    // The editor: a new routine with three steps, one of them invalid.
    await page.getByTestId('new-routine').click();
    const editor = page.getByTestId('routine-editor');
    await editor.getByTestId('routine-name').fill('Lunch stretch');
    await editor.getByTestId('add-step').click();
    const steps = editor.getByTestId('editor-step');
    await steps.nth(2).getByTestId('step-technique').selectOption('foam-roller');
    await steps.nth(1).getByTestId('step-reps').fill('0');
    await editor.getByTestId('save-routine').click();
    await editor.getByTestId('editor-error').waitFor();
    await editor.scrollIntoViewIfNeeded();
    await shot('editor');
    await editor.screenshot({ path: join(outDir, `routines-editor-only-${size}.png`) });
    await editor.getByTestId('cancel-edit').click();

    // The routine bar on the first step of a run.
    await page.locator('[data-routine-id="routine-desk"]').getByTestId('start-routine').click();
    await page.getByTestId('routine-bar').waitFor();
    await page.getByTestId('routine-progress').waitFor();
    await shot('bar', false);
    await page.getByTestId('routine-bar').screenshot({ path: join(outDir, `routines-bar-only-${size}.png`) });
    await page.getByTestId('skip-step').click();
    await page.waitForURL(/step=1/);
    await page.getByTestId('skip-step').click();
    await page.getByTestId('routine-complete').waitFor();
    await shot('bar-complete', false);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
