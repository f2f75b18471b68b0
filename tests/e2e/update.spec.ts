/**
 * Updates that never break a session: a second build with another version is deployed while
 * a practice runs. The new version installs and waits; the page offers it only once the
 * practice has stopped, then reloads into it, and the old version's cache is gone.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, projectRoot } from '../../scripts/lib/browser.mjs';
import { catCowCameraFeed, FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON, mediaDir } from './media';
import { startStaticSite } from './static-site';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs({ fakeCameraFile: catCowCameraFeed }) } });

const buildDir = join(projectRoot, 'build');
const nextBuildDir = join(mediaDir, 'build-next');
const readVersion = (dir: string): string => (JSON.parse(readFileSync(join(dir, '_app/version.json'), 'utf8')) as { version: string }).version;

test.beforeAll(() => {
  test.setTimeout(300_000);
  // The same sources built again as another version, beside the real build (its own
  // SvelteKit output folder too, so the `vite preview` of the other tests is untouched).
  // Quiet unless it fails (SvelteKit also remarks that tsconfig.json extends the other output folder).
  execFileSync(process.execPath, [join(projectRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
    cwd: projectRoot,
    stdio: 'pipe',
    env: {
      ...process.env,
      UNKNOT_VERSION: `${readVersion(buildDir)}-next`,
      UNKNOT_BUILD_DIR: nextBuildDir,
      UNKNOT_KIT_OUT: join(mediaDir, 'kit-next'),
    },
  });
});

test('a version deployed during a practice waits until it stops, then the page reloads into it', async ({ browser }, testInfo) => {
  test.skip(!FIXTURES_AVAILABLE, FIXTURES_MISSING_REASON);
  const current = readVersion(buildDir);
  const next = readVersion(nextBuildDir);
  expect(next).not.toBe(current);

  const site = await startStaticSite(buildDir);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${site.url}/practice/cat-cow?backend=wasm`);
    await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 90_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    await page.getByTestId('start').click();
    await expect(page.getByTestId('status')).toHaveText('running');

    // Deployed mid-practice. The page looks for updates when it comes back online (and hourly).
    site.deploy(nextBuildDir);
    await context.setOffline(true);
    await context.setOffline(false);
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null, undefined, { timeout: 90_000, polling: 500 });

    // Installed and waiting, but the practice goes on and nothing is offered yet.
    const repsAtUpdate = Number(await page.getByTestId('rep-count').innerText());
    await expect(page.getByTestId('rep-count')).not.toHaveText(String(repsAtUpdate), { timeout: 40_000 });
    await expect(page.getByTestId('status')).toHaveText('running');
    await expect(page.getByTestId('update-banner')).toHaveCount(0);

    await page.getByTestId('stop').click();
    await expect(page.getByTestId('summary')).toBeVisible();
    await expect(page.getByTestId('update-banner')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('update-offered.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByTestId('update-reload')).toBeInViewport();
    await page.screenshot({ path: testInfo.outputPath('update-offered-phone.png') });

    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
    await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 90_000 });
    await expect(page.getByTestId('update-banner')).toHaveCount(0);
    // The page runs the new version, from the new version's cache; the old one is deleted.
    const served = await page.evaluate(async () => (await (await fetch('../_app/version.json')).json()) as { version: string });
    expect(served.version).toBe(next);
    await page.getByRole('link', { name: 'Stretches' }).click();
    await expect(page.getByTestId('storage-use')).toContainText(`Version ${next}.`);
    const cacheNames = await page.evaluate(() => caches.keys());
    expect(cacheNames.filter((name) => name.startsWith('unknot-shell-'))).toEqual([`unknot-shell-${next}`]);
    // The session recorded before the update is kept.
    await page.goto(`${site.url}/history`);
    await expect(page.getByTestId('session')).toHaveCount(1);
  } finally {
    await context.close();
    await site.close();
  }
});
