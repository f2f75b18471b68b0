/**
 * Installable: Chromium's own install criteria (manifest, icons fetched, a service worker),
 * read through the DevTools protocol, and the "Install app" button where the browser offers it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from '../../scripts/lib/browser.mjs';

let profileDir: string;
let context: BrowserContext;
let page: Page;

// Nothing installs from an incognito window, which is what Playwright's contexts are: these
// tests use a real profile. Chromium also holds its install offer back until a user has
// engaged with a site; the flag skips that wait, as for a returning user.
test.beforeEach(async ({ baseURL }) => {
  profileDir = mkdtempSync(join(tmpdir(), 'unknot-install-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: [...chromiumArgs({ noCamera: true }), '--bypass-app-banner-engagement-checks'],
    baseURL,
  });
  page = context.pages()[0] ?? (await context.newPage());
});

test.afterEach(async () => {
  await context.close();
  rmSync(profileDir, { recursive: true, force: true });
});

test('the manifest passes Chromium’s install criteria', async () => {
  await page.goto('/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  const cdp = await context.newCDPSession(page);

  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  expect(installabilityErrors).toEqual([]);

  const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data: string };
  expect(manifest.errors).toEqual([]);
  const data = JSON.parse(manifest.data) as {
    name: string;
    description: string;
    icons: { src: string; sizes: string; purpose?: string }[];
    screenshots: { src: string; sizes: string; form_factor: string }[];
  };
  expect(data.description).toMatch(/on your device/);
  const icon = (sizes: string, purpose: string) => data.icons.find((entry) => entry.sizes === sizes && (entry.purpose ?? 'any') === purpose);
  expect(icon('192x192', 'any')).toBeDefined();
  expect(icon('512x512', 'any')).toBeDefined();
  expect(icon('512x512', 'maskable')).toBeDefined();
  expect(data.screenshots.map((shot) => shot.form_factor).sort()).toEqual(['narrow', 'wide']);

  // Every image the manifest names is served; each PNG icon has the size it claims (IHDR).
  for (const image of [...data.icons, ...data.screenshots]) {
    const response = await page.request.get(new URL(image.src, manifest.url).href);
    expect(response.status(), image.src).toBe(200);
    if (image.src.endsWith('.png')) {
      const png = await response.body();
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, image.src).toBe(image.sizes);
    }
  }
  const { primaryIcon } = (await cdp.send('Page.getManifestIcons')) as { primaryIcon: string | null };
  expect(primaryIcon, 'Chromium fetched and decoded the install icon').toBeTruthy();
});

test('"Install app" appears where the browser offers installation and opens its prompt', async ({}, testInfo) => {
  await page.goto('/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  const button = page.getByTestId('install-app');
  await expect(button).toBeVisible({ timeout: 30_000 });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(button).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('install-button-phone.png'), clip: { x: 0, y: 0, width: 390, height: 200 } });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: testInfo.outputPath('install-button-desktop.png'), clip: { x: 0, y: 0, width: 1280, height: 200 } });
  // One offer, one prompt: the button goes while the browser's own dialog is up.
  await button.click();
  await expect(button).toHaveCount(0);
});
