/** Bad input gets a clear message and the page keeps working. */
import { expect, test } from '@playwright/test';
import { openPractice } from './helpers';

// page.route cannot see the requests a service worker makes, and ours answers model requests
// once it takes over: these tests fake the network, so they run without it.
test.use({ serviceWorkers: 'block' });

test('a model that fails to load gets a clear message', async ({ page }) => {
  await page.route('**/models/movenet-lightning.bin', (route) => route.fulfill({ status: 404, body: 'missing' }));
  await page.goto('/practice/cat-cow?model=lightning&backend=wasm');
  await expect(page.getByTestId('status')).toHaveText('error', { timeout: 90_000 });
  await expect(page.getByTestId('error')).toContainText('pose model could not be loaded');
});

test('a file that is not a video gets a clear message and keeps the page working', async ({ page }) => {
  await openPractice(page);
  await page.getByTestId('video-file').setInputFiles({ name: 'broken.mp4', mimeType: 'video/mp4', buffer: Buffer.from('this is not a video') });
  await expect(page.getByTestId('status')).toHaveText('error');
  await expect(page.getByTestId('error')).toContainText('not a video format');
  await expect(page.getByTestId('start')).toBeEnabled();
});
