// Makes the installable app's images with the system Chromium, and writes them into static/
// (they are committed: building needs no browser).
//
//   node scripts/make-pwa-assets.mjs icons         # static/icons/*.png from the favicon's drawing
//   node scripts/make-pwa-assets.mjs screenshots   # static/screenshots/*.jpg of the built app
//
// The manifest (static/manifest.webmanifest) names these files and their sizes.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, projectRoot, servePreview } from './lib/browser.mjs';

const what = process.argv[2] ?? 'icons';
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs({ noCamera: true }) });

/** The favicon's glyph (an arched back and a head) without its rounded tile. */
function glyph() {
  const svg = readFileSync(join(projectRoot, 'static/favicon.svg'), 'utf8');
  return svg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '').replace(/<rect[^>]*\/>/, '');
}

/** Renders an SVG (viewBox 0 0 64 64) to a square PNG of `size` px. */
async function renderPng(svgBody, size, file) {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="${size}" height="${size}">${svgBody}</svg></body></html>`,
  );
  await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  await page.close();
  console.log(`wrote ${file}`);
}

try {
  if (what === 'icons') {
    const dir = join(projectRoot, 'static/icons');
    mkdirSync(dir, { recursive: true });
    const tile = readFileSync(join(projectRoot, 'static/favicon.svg'), 'utf8').replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
    // "any": the favicon as it is (a rounded tile).
    await renderPng(tile, 192, join(dir, 'icon-192.png'));
    await renderPng(tile, 512, join(dir, 'icon-512.png'));
    // Apple's touch icon is shown on an opaque square: the full-bleed tile.
    const fullBleed = `<rect width="64" height="64" fill="#0f766e"/>${glyph()}`;
    await renderPng(fullBleed, 180, join(dir, 'apple-touch-icon.png'));
    // "maskable": full-bleed background, the glyph shrunk into the central safe circle (radius
    // 40% of the side), since platforms crop the icon to their own shape.
    const maskable = `<rect width="64" height="64" fill="#0f766e"/><g transform="translate(32 32) scale(0.72) translate(-32 -30)">${glyph()}</g>`;
    await renderPng(maskable, 512, join(dir, 'maskable-512.png'));
    await renderPng(maskable, 192, join(dir, 'maskable-192.png'));
  } else if (what === 'screenshots') {
    const dir = join(projectRoot, 'static/screenshots');
    mkdirSync(dir, { recursive: true });
    const server = await servePreview(4197);
    try {
      for (const [name, viewport] of [
        ['home-wide', { width: 1280, height: 800 }],
        ['home-narrow', { width: 390, height: 844 }],
      ]) {
        const page = await browser.newPage({ viewport, deviceScaleFactor: 1, colorScheme: 'light' });
        await page.goto(server.url);
        await page.locator('[data-technique]').first().waitFor();
        await page.waitForTimeout(500);
        const file = join(dir, `${name}.jpg`);
        await page.screenshot({ path: file, type: 'jpeg', quality: 80 });
        await page.close();
        console.log(`wrote ${file}`);
      }
    } finally {
      server.close();
    }
  } else {
    throw new Error(`make-pwa-assets: unknown "${what}" (icons or screenshots)`);
  }
} finally {
  await browser.close();
}
