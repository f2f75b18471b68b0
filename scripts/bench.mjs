// `npm run bench`: the built app in headless Chromium, fed the fixture cat-cow clip as the
// webcam, once per model on WASM. Prints, per model: bare model ms/frame (estimatePoses loop),
// app ms/frame end to end (model + core + state + overlay draw), their ratio, core and draw
// ms/frame, live frames/s against the camera's 30, time to first pose, tensors and JS heap
// after N frames against after warm-up, and video-file analysis speed against real time.
// Figures are medians. It is a benchmark, not a test: it prints, it does not judge.
//
//   npm run bench                      # all models, 1000 frames each
//   BENCH_FRAMES=300 npm run bench -- lightning blazepose-full
//   BENCH_THREADS=off,2 npm run bench -- lightning   # WASM single-threaded, then on 2 threads
// (BENCH_THREADS: a comma list of `?threads=` values, auto|off|N; the page is cross-origin
// isolated under vite preview, so a number really runs threaded. tfjs never runs more threads
// than half of navigator.hardwareConcurrency: BENCH_CORES=N makes the page report N cores,
// e.g. BENCH_CORES=4 BENCH_THREADS=off,2 to try 2 threads on a 2-core machine.)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, fixturesDir, projectRoot, servePreview } from './lib/browser.mjs';

const ALL_MODELS = ['lightning', 'thunder', 'blazepose-lite', 'blazepose-full', 'blazepose-heavy'];
const models = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ALL_MODELS;
const frames = Number(process.env.BENCH_FRAMES ?? 1000);
const warmupFrames = 60;
const threadSettings = (process.env.BENCH_THREADS ?? 'auto').split(',').map((value) => value.trim()).filter(Boolean);
const reportedCores = process.env.BENCH_CORES ? Number(process.env.BENCH_CORES) : undefined;
const clip = join(fixturesDir, 'video/cat-cow-side.mp4');

if (!existsSync(clip)) {
  console.error(`bench: ${clip} not found; the benchmark needs ../shared/fixtures beside the project.`);
  process.exit(1);
}
if (!existsSync(join(projectRoot, 'build/index.html'))) {
  console.log('bench: building the app first…');
  execFileSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'inherit' });
}
const feed = join(projectRoot, '.cache/e2e/cat-cow.mjpeg');
if (!existsSync(feed)) {
  mkdirSync(join(projectRoot, '.cache/e2e'), { recursive: true });
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', clip, '-vf', 'scale=640:-2', '-r', '30', '-q:v', '5', '-an', feed]);
}

// BENCH_PORT: another port, for benchmarks run side by side in several checkouts.
const server = await servePreview(Number(process.env.BENCH_PORT ?? 4183));
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...chromiumArgs({ fakeCameraFile: feed }), '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

/** Reads the session's counters; `gc` first so heap figures are live memory, not garbage. */
async function snapshot(page) {
  return page.evaluate(() => {
    const session = window.__unknot;
    window.gc?.();
    return {
      count: session.timings.count,
      medians: session.timings.medians(),
      drawMs: session.drawTimings.median(),
      tensors: session.tensorCount(),
      heapMB: performance.memory ? performance.memory.usedJSHeapSize / 2 ** 20 : Number.NaN,
      fps: session.fps,
      firstPoseMs: session.firstPoseMs,
      backend: session.backend,
      threads: session.threads,
      isolated: window.crossOriginIsolated,
    };
  });
}

async function waitForFrames(page, count, timeoutMs) {
  await page.waitForFunction((n) => window.__unknot.timings.count >= n, count, { timeout: timeoutMs, polling: 250 });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const rows = [];
try {
  for (const model of models) for (const threadSetting of threadSettings) {
    const page = await browser.newPage();
    if (reportedCores) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: reportedCores });
    }
    const loadStart = Date.now();
    await page.goto(`${server.url}/practice/cat-cow?model=${model}&backend=wasm&threads=${threadSetting}&bench=1`);
    await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ timeout: 180_000 });
    const loadMs = Date.now() - loadStart;

    await page.getByTestId('start').click();
    await waitForFrames(page, warmupFrames, 120_000);
    const warm = await snapshot(page);
    // Live frames/s, measured over a fixed wall-clock window after warm-up.
    const liveStart = { count: warm.count, at: Date.now() };
    await page.waitForTimeout(5000);
    const liveFps = ((await snapshot(page)).count - liveStart.count) / ((Date.now() - liveStart.at) / 1000);
    await waitForFrames(page, warmupFrames + frames, frames * 1000 + 60_000);
    const after = await snapshot(page);

    // The bare model on the live camera, the app's own work paused: what reading a live
    // camera costs here, apart from the app.
    const modelOnCamera = await page.evaluate((n) => window.__unknot.timeModelOnCamera(n), 200);
    // The bare model on the last camera frame, with the camera stopped.
    const modelOnly = await page.evaluate((n) => window.__unknot.timeModelOnly(n), 200);

    // Video-file analysis of the whole clip, against its 10.1 s of real time.
    const analysisStart = Date.now();
    await page.getByTestId('video-file').setInputFiles(clip);
    await page.getByTestId('analysis-done').waitFor({ timeout: 600_000 });
    const analysisS = (Date.now() - analysisStart) / 1000;
    const reps = await page.getByTestId('rep-count').innerText();
    await page.close();

    const bareModelMs = median(modelOnly);
    const appMs = after.medians.totalMs + after.drawMs;
    rows.push({
      model,
      backend: after.backend,
      threads: `${threadSetting}→${after.threads}${after.isolated ? '' : ' (not isolated)'}`,
      'model ms': bareModelMs.toFixed(1),
      'app ms': appMs.toFixed(1),
      'app/model': (appMs / bareModelMs).toFixed(2),
      'model+cam ms': median(modelOnCamera).toFixed(1),
      'app/model+cam': (appMs / median(modelOnCamera)).toFixed(2),
      'core ms': after.medians.coreMs.toFixed(2),
      'draw ms': after.drawMs.toFixed(2),
      'live fps': liveFps.toFixed(1),
      'first pose ms': Math.round(after.firstPoseMs),
      'load ms': loadMs,
      tensors: `${warm.tensors}→${after.tensors}`,
      'heap MB': `${warm.heapMB.toFixed(1)}→${after.heapMB.toFixed(1)}`,
      'file ×realtime': (10.1 / analysisS).toFixed(2),
      'file reps': reps,
    });
    // Each row as it is measured too: a long run that is stopped keeps what it found.
    console.log(`${model}, threads ${threadSetting}: done (${after.count} frames) ${JSON.stringify(rows.at(-1))}`);
  }
} finally {
  await browser.close();
  server.close();
}

console.log(
  `\nUnknot bench: ${frames} frames per model after ${warmupFrames} warm-up, WASM, headless Chromium, ${(await import('node:os')).cpus().length} cores` +
    (reportedCores ? ` (the page told ${reportedCores})` : ''),
);
console.table(rows);
console.log(
  'model ms: bare estimatePoses on one frozen frame, camera stopped. model+cam ms: the same loop on the live\n' +
    'camera (frame read from the video, camera decoding beside it), app paused. app ms: per camera frame,\n' +
    'model + core + state + overlay draw; app/model+cam is the share the app itself adds.\n' +
    'core ms is coarse here (browser timers are rounded to 0.1 ms without cross-origin isolation);\n' +
    'the exact core figure comes from `vitest bench` on the recorded trace (printed above).',
);
