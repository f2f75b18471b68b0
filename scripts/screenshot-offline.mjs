// Screenshots of the home page's offline panel (nothing stored, downloading, ready) at a laptop
// and a phone size. The update banner and the install button are photographed by their browser
// tests (tests/e2e/update.spec.ts, install.spec.ts).
//   npm run build && node scripts/screenshot-offline.mjs   → .cache/screenshots/offline-*.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, projectRoot, servePreview } from './lib/browser.mjs';

const outDir = join(projectRoot, '.cache/screenshots');
mkdirSync(outDir, { recursive: true });
const port = Number(process.env.PORT ?? 4191);
const sizes = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

const server = await servePreview(port);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs({ noCamera: true }) });
try {
  for (const [sizeName, viewport] of Object.entries(sizes)) {
    // Downloading: without the service worker and on a slow line, so the progress shows.
    {
      const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(server.url);
      const panel = page.getByTestId('offline-panel');
      await page.getByTestId('make-offline').waitFor();
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(outDir, `offline-${sizeName}-not-stored.png`) });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 2_000_000, uploadThroughput: 1_000_000 });
      await page.getByTestId('make-offline').click();
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="offline-progress"] progress')?.getAttribute('value') ?? 0) >= 30, undefined, { timeout: 60_000 });
      await page.screenshot({ path: join(outDir, `offline-${sizeName}-downloading.png`) });
      await context.close();
    }
    // Ready: the worker stored the app and the models are in.
    {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await page.getByTestId('make-offline').click();
      await page.getByTestId('offline-ready').waitFor({ timeout: 120_000 });
      await page.getByTestId('offline-panel').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(outDir, `offline-${sizeName}-ready.png`) });
      await context.close();
    }
    console.log(`offline panel: ${sizeName} done`);
  }
} finally {
  await browser.close();
  server.close();
}
