// Screenshots of the built app's pages, for looking at them as a user would.
//   npm run build && node scripts/screenshot.mjs [path ...]   → .cache/screenshots/*.png
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, projectRoot, servePreview } from './lib/browser.mjs';

const paths = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['/', '/practice/cat-cow', '/practice/seated-twist'];
const outDir = join(projectRoot, '.cache/screenshots');
mkdirSync(outDir, { recursive: true });
const server = await servePreview(4184);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs() });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const path of paths) {
    await page.goto(`${server.url}${path}`);
    await page.waitForTimeout(2500);
    const file = join(outDir, `${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
} finally {
  await browser.close();
  server.close();
}
