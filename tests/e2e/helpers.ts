import { expect, type Page, type Request } from '@playwright/test';

/** Records every request the page makes, to prove nothing leaves the app's origin. */
export function watchRequests(page: Page, appOrigin: string): { foreign: () => string[]; count: () => number } {
  const seen: string[] = [];
  const onRequest = (request: Request) => seen.push(request.url());
  page.on('request', onRequest);
  return {
    foreign: () => seen.filter((url) => !url.startsWith('blob:') && !url.startsWith('data:') && new URL(url).origin !== appOrigin),
    count: () => seen.length,
  };
}

/** Opens a practice page and waits until the model is loaded. */
export async function openPractice(page: Page, technique = 'cat-cow', query = 'backend=wasm'): Promise<void> {
  await page.goto(`/practice/${technique}?${query}`);
  await expect(page.getByTestId('status')).toHaveText('ready', { timeout: 90_000 });
}

/** Collects every distinct value an element's text takes, from now on. */
export async function recordTextValues(page: Page, testId: string): Promise<void> {
  await page.evaluate((id) => {
    const element = document.querySelector(`[data-testid="${id}"]`);
    const values = new Set<string>();
    (window as unknown as Record<string, Set<string>>)[`__seen_${id}`] = values;
    if (!element) return;
    values.add(element.textContent ?? '');
    new MutationObserver(() => values.add(element.textContent ?? '')).observe(element, { childList: true, characterData: true, subtree: true });
  }, testId);
}

export async function seenTextValues(page: Page, testId: string): Promise<string[]> {
  return page.evaluate((id) => [...((window as unknown as Record<string, Set<string>>)[`__seen_${id}`] ?? [])], testId);
}

export interface TimelineSpan {
  phase: string;
  startMs: number;
  endMs: number;
}

export async function readTimeline(page: Page): Promise<TimelineSpan[]> {
  return page.getByTestId('timeline').locator('li').evaluateAll((items) =>
    items.map((item) => ({
      phase: item.getAttribute('data-phase') ?? '',
      startMs: Number(item.getAttribute('data-start-ms')),
      endMs: Number(item.getAttribute('data-end-ms')),
    })),
  );
}

/** Analyses a video or photo on the open practice page and waits for its own result. */
export async function analyseFile(page: Page, file: string, timeout = 170_000): Promise<void> {
  await page.getByTestId('video-file').setInputFiles(file);
  const name = file.split('/').pop()!;
  await expect(page.locator(`[data-testid="analysis-done"][data-file="${name}"]`)).toBeAttached({ timeout });
}

/** Where a request from the pose worker to another origin is refused on purpose (the probe below). */
export const CSP_PROBE_HOST = 'csp-probe.invalid';

/**
 * Has the page's pose worker fetch another origin and returns the CSP directive that refused it
 * ('no violation' if none did within 5 s). A worker takes its policy from its own response,
 * not from the page's <meta> tag.
 */
export async function poseWorkerRefusalOfOtherOrigins(page: Page): Promise<string> {
  const worker = page.workers().find((candidate) => candidate.url().includes('/_app/immutable/workers/pose.worker'));
  expect(worker, 'the pose worker runs').toBeDefined();
  return worker!.evaluate(
    (host) =>
      new Promise<string>((resolve) => {
        self.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), { once: true });
        fetch(`https://${host}/`).catch(() => undefined);
        setTimeout(() => resolve('no violation'), 5000);
      }),
    CSP_PROBE_HOST,
  );
}
