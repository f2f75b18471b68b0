/**
 * Opens with no network: a first visit online, then the server gone and the browser offline.
 * The app is served by a plain static host (no COOP/COEP headers), as most hosts are: the
 * service worker serves every page, the WASM and the model it stored, and adds the isolation
 * headers itself.
 */
import { TECHNIQUES } from '../../src/lib/techniques/catalog';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, projectRoot } from '../../scripts/lib/browser.mjs';
import { catCowCameraFeed, FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON } from './media';
import { CSP_PROBE_HOST, poseWorkerRefusalOfOtherOrigins } from './helpers';
import { startStaticSite } from './static-site';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs({ fakeCameraFile: catCowCameraFeed }) } });

const buildDir = join(projectRoot, 'build');

/** Every request that failed, from the pages and from the service worker. */
function watchFailures(context: BrowserContext): string[] {
  const failures: string[] = [];
  context.on('requestfailed', (request) => {
    // The test's own probe of the pose worker's policy is refused on purpose.
    if (new URL(request.url()).hostname === CSP_PROBE_HOST) return;
    failures.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? '?'}`);
  });
  context.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.request().method()} ${response.url()}: ${response.status()}`);
  });
  return failures;
}

async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
}

test('after one visit, home, the practice page with the camera and its model, history and routines open offline', async ({ browser }, testInfo) => {
  test.skip(!FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON);
  const site = await startStaticSite(buildDir);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    // First visit, online: the practice page straight away, as from a shared link.
    await page.goto(`${site.url}/practice/cat-cow?model=lightning&backend=wasm`);
    await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 90_000 });
    await waitForServiceWorker(page);
    // The model that page loaded is kept: the home page's panel lists it as stored.
    await page.getByRole('link', { name: 'Stretches' }).click();
    await expect(page.getByTestId('offline-shell')).toHaveText(/opens with no network/);
    await expect(page.locator('[data-testid="offline-model"][data-model="lightning"]')).toHaveAttribute('data-stored', 'true', { timeout: 60_000 });
    // (The panel knows each model's size from the build: it asks the server nothing, so a page
    // open across the switch cannot leave a failed request behind. CI once caught the HEAD
    // requests it used to send as failures here.)
    await page.waitForLoadState('networkidle');

    // No network from here on: the server is gone and the browser is offline.
    await site.close();
    await context.setOffline(true);
    const failures = watchFailures(context);

    await page.goto(`${site.url}/practice/cat-cow?model=lightning&backend=wasm`);
    await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 90_000 });
    await expect(page.getByTestId('backend')).toHaveText('wasm');
    // The worker added COOP/COEP to what it served, which this host never sends.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // And the pose worker's own policy (a worker does not take the page's): a request from it
    // to another origin is refused by the policy, not only by the missing network.
    expect(await poseWorkerRefusalOfOtherOrigins(page)).toBe('connect-src');
    await page.getByTestId('start').click();
    await expect(page.getByTestId('status')).toHaveText('running');
    await expect(page.getByTestId('rep-count')).not.toHaveText('0', { timeout: 40_000 });
    const reps = await page.getByTestId('rep-count').innerText();
    await page.getByTestId('stop').click();
    await expect(page.getByTestId('summary')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('offline-practice.png') });

    // The session practised offline is in History.
    await page.goto(`${site.url}/history`);
    const sessions = page.getByTestId('session');
    await expect(sessions).toHaveCount(1);
    await expect(sessions.first().getByTestId('session-technique')).toHaveText('Cat-cow');
    await expect(sessions.first().getByTestId('session-reps')).toHaveText(new RegExp(`^${reps} reps?$`));

    await page.goto(`${site.url}/routines`);
    await expect(page.getByRole('heading', { name: 'Routines', level: 1 })).toBeVisible();
    await expect(page.getByTestId('new-routine')).toBeEnabled();

    // An address that has no page of its own gets the app's own "not found", not the browser's error page.
    await page.goto(`${site.url}/practice/no-such-stretch`);
    await expect(page.getByText('No such technique')).toBeVisible();

    await page.goto(`${site.url}/`);
    await expect(page.locator('[data-technique]')).toHaveCount(TECHNIQUES.length);
    await expect(page.locator('[data-testid="offline-model"][data-model="lightning"]')).toHaveAttribute('data-stored', 'true');
    await page.screenshot({ path: testInfo.outputPath('offline-home.png'), fullPage: true });

    expect(failures).toEqual([]);

    // A model never used here cannot load offline: the page says so and what to do.
    await page.goto(`${site.url}/practice/cat-cow?model=thunder&backend=wasm`);
    await expect(page.getByTestId('status')).toHaveText('error', { timeout: 90_000 });
    await expect(page.getByTestId('error')).toContainText('not stored on this device and could not be downloaded');
  } finally {
    await context.close();
    await site.close();
  }
});

test('"Make available offline" stores every model the techniques need, with progress, and can remove them', async ({ browser }, testInfo) => {
  const site = await startStaticSite(buildDir);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(site.url);
    await waitForServiceWorker(page);
    const panel = page.getByTestId('offline-panel');
    await panel.scrollIntoViewIfNeeded();
    await expect(page.getByTestId('offline-model')).toHaveCount(2);
    await expect(page.locator('[data-testid="offline-model"][data-stored="true"]')).toHaveCount(0);
    // The button says how much it will fetch (the two default models: MoveNet Lightning and BlazePose lite).
    await expect(page.getByTestId('make-offline')).toHaveText(/Make available offline \(\d+(\.\d)? MB\)/);

    const progressSeen = page.getByTestId('offline-progress').waitFor({ timeout: 30_000 });
    await page.getByTestId('make-offline').click();
    await progressSeen;
    await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 120_000 });
    await expect(page.locator('[data-testid="offline-model"][data-stored="true"]')).toHaveCount(2);
    await expect(page.getByTestId('storage-use')).toHaveText(/This site stores \d+(\.\d)? MB on this device/);
    await panel.screenshot({ path: testInfo.outputPath('offline-panel-ready.png') });

    // The panel's word is checked against the cache itself.
    const stored = await page.evaluate(async () => {
      const names = await caches.keys();
      const models = names.find((name) => name.startsWith('unknot-models-'));
      return models ? (await (await caches.open(models)).keys()).map((request) => new URL(request.url).pathname).sort() : [];
    });
    expect(stored).toEqual(
      [
        'blazepose-detector.bin',
        'blazepose-detector.json',
        'blazepose-lite.bin',
        'blazepose-lite.json',
        'movenet-lightning.bin',
        'movenet-lightning.json',
        // The people counter every practice page runs.
        'movenet-multipose.bin',
        'movenet-multipose.json',
      ].map((file) => `/models/${file}`),
    );

    // Offline now, BlazePose lite (never used before) runs from the stored files.
    await context.setOffline(true);
    await site.close();
    await page.goto(`${site.url}/practice/seated-twist?backend=wasm`);
    await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 90_000 });

    await context.setOffline(false);
    await page.goto(site.url.replace(/\/$/, '') + '/');
    await page.getByTestId('remove-offline').click();
    await expect(page.locator('[data-testid="offline-model"][data-stored="true"]')).toHaveCount(0);
    await expect(page.getByTestId('make-offline')).toBeVisible();
  } finally {
    await context.close();
    await site.close();
  }
});
