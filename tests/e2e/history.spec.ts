/**
 * The history page on real IndexedDB in Chromium: import, export into a fresh browser, delete
 * with undo, corrupt files, storage turned off, and a timing with 1,000 sessions. Each test
 * starts from an empty database (Playwright gives every test a fresh context).
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { toJsonExport } from '../../src/lib/storage/export';
import { sampleRep, sampleRoutine, sampleRoutineRun, sampleSession } from '../../src/lib/storage/sample-records';
import type { RepRecord, SessionRecord } from '../../src/lib/storage/schema';
import { TECHNIQUES } from '../../src/lib/techniques/catalog';

/** Local noon `daysAgo` days before today (the browser runs in this machine's time zone). */
function noon(daysAgo: number, hour = 12): number {
  const date = new Date();
  date.setHours(hour, 0, 0, 0);
  date.setDate(date.getDate() - daysAgo);
  return date.getTime();
}

function localDay(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

const catCow = (id: string, daysAgo: number, reps: number, overrides: Partial<SessionRecord> = {}) =>
  sampleSession({
    id,
    startedAt: noon(daysAgo),
    endedAt: noon(daysAgo) + 60_000,
    reps: Array.from({ length: reps }, (_, index) => sampleRep({ tMs: 3000 * (index + 1), peakMetric: 20 + index, troughMetric: -15 })),
    ...overrides,
  });

const twist = (id: string, daysAgo: number, left: number, right: number, overrides: Partial<SessionRecord> = {}) =>
  sampleSession({
    id,
    techniqueId: 'seated-twist',
    metricId: 'twistDeg',
    metricLabel: 'Twist',
    startedAt: noon(daysAgo, 8),
    endedAt: noon(daysAgo, 8) + 90_000,
    reps: [
      ...Array.from({ length: left }, (_, index) => sampleRep({ tMs: 4000 * index, side: 'left', peakMetric: 35 + index, troughMetric: 0 })),
      ...Array.from({ length: right }, (_, index) => sampleRep({ tMs: 4000 * (left + index), side: 'right', peakMetric: -(30 + index), troughMetric: 0 })),
    ],
    holds: [{ tMs: 0, side: 'left', durationMs: 6000, completed: true }],
    ...overrides,
  });

/** Cat-cow today, yesterday and 2 days ago (a 3-day streak), one stopped; two twists; a routine. */
const SAMPLE = {
  sessions: [
    catCow('cc-today', 0, 8),
    catCow('cc-yesterday', 1, 5, { status: 'stopped' }),
    catCow('cc-2', 2, 6),
    twist('tw-1', 1, 3, 2),
    twist('tw-5', 5, 2, 2, { status: 'interrupted' }),
  ],
  routines: [sampleRoutine()],
  routineRuns: [sampleRoutineRun()],
};
const SAMPLE_REPS = SAMPLE.sessions.reduce((sum, session) => sum + session.reps.length, 0);

async function openHistory(page: Page, query = ''): Promise<void> {
  await page.goto(`/history${query}`);
  // "Loading" is absent before the page mounts too: wait until the store is open (import enabled).
  await expect(page.getByTestId('import-file')).toBeEnabled();
  await expect(page.getByTestId('history-loading')).toHaveCount(0);
}

async function importText(page: Page, text: string, name = 'unknot-export.json'): Promise<void> {
  await expect(page.getByTestId('import-file')).toBeEnabled();
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function importSample(page: Page): Promise<void> {
  await importText(page, toJsonExport(SAMPLE, Date.now()));
  await expect(page.getByTestId('import-result')).toHaveText(`Imported ${SAMPLE.sessions.length} sessions, 0 already here (and 1 routine and 1 routine run).`);
}

/** The rows of a chart's data table: day → the numbers in its cells. */
async function chartData(page: Page, chart: string): Promise<Record<string, number[]>> {
  const rows = page.getByTestId(`chart-${chart}`).getByTestId('chart-data').locator('tbody tr');
  const entries = await rows.evaluateAll((trs) =>
    trs.map((tr) => [tr.getAttribute('data-day') ?? '', [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))] as const),
  );
  return Object.fromEntries(entries);
}

async function exportJson(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path()).toString('utf8') };
}

/** The export without its own date, sessions sorted, for comparing two histories. */
function comparable(text: string): unknown {
  const { exportedAt, ...document } = JSON.parse(text) as { exportedAt: number; sessions: SessionRecord[] };
  expect(exportedAt).toBeGreaterThan(0);
  return { ...document, sessions: [...document.sessions].sort((a, b) => (a.id < b.id ? -1 : 1)) };
}

test('empty: a friendly note with a link to the stretches; import is there', async ({ page }) => {
  await openHistory(page);
  const empty = page.getByTestId('history-empty');
  await expect(empty).toBeVisible();
  expect(await empty.getByRole('link').evaluate((link) => (link as HTMLAnchorElement).pathname)).toBe('/');
  await expect(page.getByTestId('session')).toHaveCount(0);
  await expect(page.getByTestId('import-file')).toBeEnabled();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' })).toHaveAttribute('aria-current', 'page');
});

test('importing an export shows its sessions, totals, streak and charts holding their reps', async ({ page }) => {
  await openHistory(page);
  await importSample(page);

  await expect(page.getByTestId('session')).toHaveCount(SAMPLE.sessions.length);
  await expect(page.getByTestId('total-sessions')).toHaveText(String(SAMPLE.sessions.length));
  await expect(page.getByTestId('total-reps')).toHaveText(String(SAMPLE_REPS));
  await expect(page.getByTestId('streak-current')).toHaveText('3');
  // Newest first; per-side reps for the twist, badges for stopped and interrupted.
  const ids = await page.getByTestId('session').evaluateAll((items) => items.map((item) => item.getAttribute('data-session-id')));
  expect(ids).toEqual(['cc-today', 'cc-yesterday', 'tw-1', 'cc-2', 'tw-5']);
  await expect(page.locator('[data-session-id="tw-1"]').getByTestId('session-reps')).toHaveText('3 left · 2 right');
  await expect(page.locator('[data-session-id="cc-today"]').getByTestId('session-reps')).toHaveText('8 reps');
  await expect(page.locator('[data-session-id="cc-yesterday"]').getByTestId('session-status')).toHaveText('Stopped early');
  await expect(page.locator('[data-session-id="tw-5"]').getByTestId('session-status')).toHaveText('Interrupted');
  // "All": sessions per day.
  await expect(page.getByTestId('chart-sessions').locator('canvas').first()).toBeVisible();
  expect(await chartData(page, 'sessions')).toEqual({ [localDay(noon(5))]: [1], [localDay(noon(2))]: [1], [localDay(noon(1))]: [2], [localDay(noon(0))]: [1] });

  await page.getByTestId('technique-filter').selectOption('cat-cow');
  await expect(page).toHaveURL(/\?technique=cat-cow$/);
  await expect(page.getByTestId('session')).toHaveCount(3);
  await expect(page.getByTestId('total-reps')).toHaveText('19');
  await expect(page.getByTestId('chart-reps').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('chart-range')).toBeVisible();
  await expect(page.getByTestId('chart-sides')).toHaveCount(0);
  expect(await chartData(page, 'reps')).toEqual({ [localDay(noon(2))]: [6], [localDay(noon(1))]: [5], [localDay(noon(0))]: [8] });
  // Cat-cow's range is peak − trough: the best rep of 8 peaks at 27, trough −15.
  expect((await chartData(page, 'range'))[localDay(noon(0))]).toEqual([42]);

  await page.getByTestId('technique-filter').selectOption('seated-twist');
  await expect(page.getByTestId('session')).toHaveCount(2);
  expect(await chartData(page, 'sides')).toEqual({ [localDay(noon(5))]: [2, 2], [localDay(noon(1))]: [3, 2] });
  expect(await chartData(page, 'hold')).toEqual({ [localDay(noon(5))]: [6], [localDay(noon(1))]: [6] });

  // The filter survives a reload through the address.
  await page.reload();
  await expect(page.getByTestId('technique-filter')).toHaveValue('seated-twist');
  await expect(page.getByTestId('session')).toHaveCount(2);

  // Importing the same file again adds nothing.
  await importText(page, toJsonExport(SAMPLE, Date.now()));
  await expect(page.getByTestId('import-result')).toHaveText(`Imported 0 sessions, ${SAMPLE.sessions.length} already here.`);
});

test('a corrupt or foreign file is refused with a message, and nothing changes', async ({ page }) => {
  await openHistory(page);
  await importSample(page);
  const before = await exportJson(page);

  const good = JSON.parse(toJsonExport({ sessions: [catCow('extra', 3, 4)], routines: [], routineRuns: [] }, Date.now())) as { sessions: Record<string, unknown>[] };
  good.sessions.push({ ...good.sessions[0], id: 'bad', reps: 'lots' });
  await importText(page, JSON.stringify(good));
  await expect(page.getByTestId('import-error')).toContainText('Session 2 of 2 (“bad”) is not valid: its field “reps” should be a list, not "lots".');
  await expect(page.getByTestId('import-error')).toContainText('Nothing was imported');

  // Well-formed JSON of the wrong shape: the message names the field that gives it away.
  await importText(page, JSON.stringify({ sessions: good.sessions }), 'sessions-only.json');
  await expect(page.getByTestId('import-error')).toContainText('It has no “format” field');
  await expect(page.getByTestId('import-result')).toHaveCount(0);

  await importText(page, '{"format": "unknot-export", "schemaVersion": 1, "sessions": [', 'truncated.json');
  await expect(page.getByTestId('import-error')).toContainText('not an Unknot export');

  await expect(page.getByTestId('session')).toHaveCount(SAMPLE.sessions.length);
  await expect(page.getByTestId('total-sessions')).toHaveText(String(SAMPLE.sessions.length));
  await page.reload();
  await expect(page.getByTestId('session')).toHaveCount(SAMPLE.sessions.length);
  expect(comparable((await exportJson(page)).text)).toEqual(comparable(before.text));
});

test('export JSON, import into a fresh browser: the same history; CSV has a row per rep', async ({ page, browser }) => {
  await openHistory(page);
  await importSample(page);
  const exported = await exportJson(page);
  expect(exported.name).toMatch(/^unknot-\d{4}-\d{2}-\d{2}\.json$/);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^unknot-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await csvDownload.path(), 'utf8');
  expect(csv.trim().split('\r\n')).toHaveLength(1 + SAMPLE_REPS);

  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await openHistory(other);
    await expect(other.getByTestId('history-empty')).toBeVisible();
    await importText(other, exported.text, exported.name);
    await expect(other.getByTestId('import-result')).toContainText(`Imported ${SAMPLE.sessions.length} sessions, 0 already here`);
    await expect(other.getByTestId('session')).toHaveCount(SAMPLE.sessions.length);
    await expect(other.getByTestId('total-reps')).toHaveText(String(SAMPLE_REPS));
    const reExported = await exportJson(other);
    expect(comparable(reExported.text)).toEqual(comparable(exported.text));
    expect((comparable(reExported.text) as { sessions: unknown[] }).sessions).toHaveLength(SAMPLE.sessions.length);
  } finally {
    await fresh.close();
  }
});

test('delete shows Undo, which puts the session back (also after a reload)', async ({ page }) => {
  await openHistory(page);
  await importSample(page);
  const target = page.locator('[data-session-id="cc-yesterday"]');
  await target.getByTestId('delete-session').click();
  await expect(target).toHaveCount(0);
  await expect(page.getByTestId('total-sessions')).toHaveText(String(SAMPLE.sessions.length - 1));
  await expect(page.getByTestId('undo-toast')).toContainText('Deleted the Cat-cow session');

  await page.getByTestId('undo').click();
  await expect(page.getByTestId('undo')).toHaveCount(0);
  await expect(target).toBeVisible();
  await expect(target.getByTestId('session-status')).toHaveText('Stopped early');
  await expect(page.getByTestId('total-sessions')).toHaveText(String(SAMPLE.sessions.length));
  await page.reload();
  await expect(page.locator('[data-session-id="cc-yesterday"]')).toBeVisible();

  // Without undo, the delete stays, and the toast goes away by itself.
  await page.locator('[data-session-id="tw-5"]').getByTestId('delete-session').click();
  await expect(page.getByTestId('undo')).toBeVisible();
  await expect(page.getByTestId('undo')).toHaveCount(0, { timeout: 12_000 });
  await page.reload();
  await expect(page.getByTestId('session')).toHaveCount(SAMPLE.sessions.length - 1);
  await expect(page.locator('[data-session-id="tw-5"]')).toHaveCount(0);
});

test('storage turned off: the page says so and still renders', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get: () => undefined, configurable: true });
  });
  await page.goto('/history');
  await expect(page.getByTestId('storage-error')).toContainText('not letting Unknot save anything');
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
  await expect(page.getByTestId('technique-filter')).toBeVisible();
  await expect(page.getByTestId('export-json')).toBeDisabled();
  await expect(page.getByTestId('session')).toHaveCount(0);
});

/** 1,000 sessions over ~400 days, every technique, realistic rep counts. */
function thousandSessions(): SessionRecord[] {
  const sessions: SessionRecord[] = [];
  for (let index = 0; index < 1000; index++) {
    const technique = TECHNIQUES[index % TECHNIQUES.length]!;
    const startedAt = noon(Math.floor(index * 0.4), 7 + (index % 12));
    const reps: RepRecord[] = Array.from({ length: 4 + (index % 9) }, (_, rep) =>
      sampleRep({
        tMs: 3000 * (rep + 1),
        side: technique.sided ? (rep % 2 === 0 ? 'left' : 'right') : null,
        peakMetric: 20 + ((index + rep) % 15),
        troughMetric: -10 - (rep % 7),
        holdMs: technique.defaultTargets.holdSeconds ? 5000 : null,
      }),
    );
    sessions.push(
      sampleSession({
        id: `perf-${index}`,
        techniqueId: technique.id,
        startedAt,
        endedAt: startedAt + 120_000,
        durationMs: 120_000,
        reps,
        holds: technique.defaultTargets.holdSeconds ? reps.map((rep) => ({ tMs: rep.tMs, side: rep.side, durationMs: 5000, completed: true })) : [],
        status: index % 23 === 0 ? 'stopped' : 'completed',
      }),
    );
  }
  return sessions;
}

test('1,000 sessions: time from navigation to the list and charts (printed, not asserted)', async ({ page }) => {
  const sessions = thousandSessions();
  const file = toJsonExport({ sessions, routines: [], routineRuns: [] }, Date.now());
  await openHistory(page);
  const importStart = Date.now();
  await importText(page, file);
  await expect(page.getByTestId('import-result')).toHaveText('Imported 1000 sessions, 0 already here.', { timeout: 60_000 });
  const importMs = Date.now() - importStart;

  const timings: string[] = [`import of ${(file.length / 1e6).toFixed(1)} MB: ${importMs} ms`];
  for (const [query, chart] of [
    ['', 'sessions'],
    ['?technique=seated-twist', 'sides'],
    ['?technique=cat-cow', 'reps'],
  ] as const) {
    const start = Date.now();
    await page.goto(`/history${query}`);
    await expect(page.getByTestId('session').first()).toBeVisible();
    await expect(page.getByTestId(`chart-${chart}`).locator('canvas').first()).toBeVisible();
    const wallMs = Date.now() - start;
    const inPageMs = await page.evaluate(() => Math.round(performance.now()));
    const rendered = await page.getByTestId('session').count();
    timings.push(`/history${query}: ${wallMs} ms (page clock ${inPageMs} ms), ${rendered} rows rendered`);
  }
  await expect(page.getByTestId('total-sessions')).toHaveText(String(sessions.filter((s) => s.techniqueId === 'cat-cow').length));
  await page.getByTestId('show-more').click();
  await expect(page.getByTestId('session-list').locator('section[data-day]')).toHaveCount(60);
  console.log(`[history timing, 1,000 sessions] ${timings.join('; ')}`);
  test.info().annotations.push({ type: 'timing', description: timings.join('; ') });
});
