// `npm run bench`: the built app in headless Chromium, fed the fixture cat-cow clip as the
// webcam, once per model on WASM. Prints, per model: bare model ms/frame (estimatePoses loop),
// app ms/frame end to end (model + core + state + overlay draw), their ratio, core and draw
// ms/frame, live frames/s against the camera's 30, time to first pose, tensors and JS heap
// after N frames against after warm-up, and video-file analysis speed against real time.
// Figures are medians. It is a benchmark, not a test: it prints, it does not judge.
//
// Then the desk watch (issue #12): desk posture on Lightning at the camera's full rate and
// throttled to the watch's 3 fps, and the camera alone (app paused) at 30 and at the watch's
// 7 fps, each for BENCH_WATCH_SECONDS (default 30): CPU ms per
// minute over all the browser's processes and its renderers (CDP SystemInfo), and how long the page's main thread was busy
// (CDP TaskDuration: wall time, so it grows when other programs take the cores).
//
// Then the automatic model choice (issue #10): on the cat-cow page (BlazePose family) and the desk
// posture page (MoveNet family), from the page's default and from a slower model, which model
// it runs after 20 s of camera and why. And a soak: the cat-cow page on the automatic choice
// for BENCH_SOAK_MIN minutes (default 2; 30 for the figure): frames/s, tensors and JS
// heap every BENCH_SOAK_EVERY_S (default 30) seconds, the heap's slope, and main-thread long tasks
// (> 50 ms) per minute.
//
//   npm run bench                      # all models, 1000 frames each, the desk watch, the auto choice, the soak
//   npm run bench -- auto soak         # only the automatic choice and the soak
//   BENCH_FRAMES=300 npm run bench -- lightning blazepose-full
//   npm run bench -- blazepose-lite:seg lightning:people   # with the silhouette / the people count
//   npm run bench -- lightning lightning:page   # in the pose worker, then on the page's main thread
//   npm run bench -- blazepose-lite:seg blazepose-lite:seg+everymask   # silhouette every 2nd frame, then every frame
//   npm run bench -- desk-watch        # the desk watch only
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
const args = process.argv.slice(2);
const models = args.length > 0 ? args.filter((name) => ALL_MODELS.includes(name.split(':')[0])) : ALL_MODELS;
const benchDeskWatch = args.length === 0 || args.includes('desk-watch');
const benchAuto = args.length === 0 || args.includes('auto');
const benchSoak = args.length === 0 || args.includes('soak');
const soakMinutes = Number(process.env.BENCH_SOAK_MIN ?? 2);
const soakEveryS = Number(process.env.BENCH_SOAK_EVERY_S ?? 30);
const watchSeconds = Number(process.env.BENCH_WATCH_SECONDS ?? 30);
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

/**
 * Counts main-thread tasks over 50 ms (the Long Tasks API) from the page's first moment, and
 * keeps what the Long Animation Frames API says ran in frames over 50 ms (which script, called
 * how), to find what a long task was.
 */
async function watchLongTasks(page) {
  await page.addInitScript(() => {
    window.__longTasks = [];
    window.__longFrames = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ at: entry.startTime, ms: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          window.__longFrames.push({
            at: entry.startTime,
            ms: entry.duration,
            blockingMs: entry.blockingDuration,
            renderMs: entry.renderStart ? entry.startTime + entry.duration - entry.renderStart : 0,
            scripts: (entry.scripts ?? []).map((script) => ({
              ms: script.duration,
              invoker: script.invoker,
              source: `${(script.sourceURL ?? '').split('/').pop()}:${script.sourceFunctionName ?? ''}`,
            })),
          });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      // No Long Animation Frames API in this browser: the counts above still stand.
    }
  });
}

/** The long frames since `sinceMs` grouped by their longest script (or "rendering"), most time first. */
async function longFrameCulprits(page, sinceMs) {
  return page.evaluate((since) => {
    const byCulprit = new Map();
    for (const frame of window.__longFrames.filter((f) => f.at >= since && f.blockingMs > 0)) {
      const top = [...frame.scripts].sort((a, b) => b.ms - a.ms)[0];
      const culprit = top && top.ms >= frame.renderMs ? `${top.invoker} (${top.source})` : 'style, layout and paint';
      const entry = byCulprit.get(culprit) ?? { culprit, frames: 0, totalMs: 0, longestMs: 0 };
      entry.frames++;
      entry.totalMs += frame.ms;
      entry.longestMs = Math.max(entry.longestMs, frame.ms);
      byCulprit.set(culprit, entry);
    }
    return [...byCulprit.values()].sort((a, b) => b.totalMs - a.totalMs).slice(0, 8).map((e) => ({ ...e, totalMs: Math.round(e.totalMs), longestMs: Math.round(e.longestMs) }));
  }, sinceMs);
}

/** Long tasks since `sinceMs` (page clock): how many per minute and the longest. */
async function longTasksSince(page, sinceMs) {
  return page.evaluate((since) => {
    const tasks = window.__longTasks.filter((task) => task.at >= since);
    const minutes = (performance.now() - since) / 60_000;
    return { perMinute: tasks.length / minutes, maxMs: tasks.reduce((max, task) => Math.max(max, task.ms), 0) };
  }, sinceMs);
}

/** Reads the session's counters; `gc` first so heap figures are live memory, not garbage. */
async function snapshot(page) {
  return page.evaluate(() => {
    const session = window.__unknot;
    window.gc?.();
    return {
      count: session.timings.count,
      medians: session.timings.medians(),
      drawMs: session.drawTimings.median(),
      workerModelMs: session.workerModelTimings.count > 0 ? session.workerModelTimings.median() : Number.NaN,
      tensors: session.tensorCount(),
      heapMB: performance.memory ? performance.memory.usedJSHeapSize / 2 ** 20 : Number.NaN,
      fps: session.fps,
      firstPoseMs: session.firstPoseMs,
      backend: session.backend,
      runsIn: session.modelRunsIn,
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

/** CPU seconds of every browser process (CDP SystemInfo), and of this page's main thread (CDP Performance). */
async function cpuNow(browserCdp, pageCdp) {
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  const { metrics } = await pageCdp.send('Performance.getMetrics');
  return {
    allS: processInfo.reduce((sum, info) => sum + info.cpuTime, 0),
    // The page's renderer runs the model (WASM on its main thread), the app and the drawing.
    rendererS: processInfo.filter((info) => info.type === 'renderer').reduce((sum, info) => sum + info.cpuTime, 0),
    mainS: metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN,
    frames: await pageCdp.send('Runtime.evaluate', { expression: 'window.__unknot.timings.count', returnByValue: true }).then((r) => r.result.value),
  };
}

/** Desk posture at the full camera rate, then as the desk watch: CPU ms per minute of each. */
async function benchDeskWatchCpu() {
  const browserCdp = await browser.newBrowserCDPSession();
  const measured = [];
  for (const mode of ['camera only, 30 fps (app paused)', 'full rate', 'camera only, watch rate (app paused)', 'desk watch']) {
    const page = await browser.newPage();
    const pageCdp = await page.context().newCDPSession(page);
    await pageCdp.send('Performance.enable');
    await page.goto(`${server.url}/practice/posture?model=lightning&backend=wasm&bench=1`);
    await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ timeout: 180_000 });
    await page.getByTestId(mode === 'desk watch' || mode.includes('watch rate') ? 'start-watch' : 'start').click();
    await page.waitForFunction(() => window.__unknot.timings.count >= 10, null, { timeout: 120_000, polling: 250 });
    await page.waitForTimeout(3000); // past calibration and warm-up
    // The camera running with nothing read from it: what the camera and the page cost alone.
    if (mode.startsWith('camera only')) await page.evaluate(() => window.__unknot.pause());
    const start = { at: Date.now(), ...(await cpuNow(browserCdp, pageCdp)) };
    await page.waitForTimeout(watchSeconds * 1000);
    const end = { at: Date.now(), ...(await cpuNow(browserCdp, pageCdp)) };
    const minutes = (end.at - start.at) / 60_000;
    measured.push({
      mode,
      'frames/s': ((end.frames - start.frames) / (minutes * 60)).toFixed(1),
      'CPU ms/min, all processes': Math.round(((end.allS - start.allS) * 1000) / minutes),
      'of which renderers': Math.round(((end.rendererS - start.rendererS) * 1000) / minutes),
      'main thread busy ms/min (wall)': Math.round(((end.mainS - start.mainS) * 1000) / minutes),
    });
    await page.close();
    console.log(`desk watch bench: ${mode} done`);
  }
  return measured;
}

/** The automatic choice from each start: which model runs after 20 s of camera, and why. */
async function benchAutoChoice() {
  const measured = [];
  const starts = [
    ['cat-cow', 'blazepose-lite'],
    ['cat-cow', 'blazepose-full'],
    ['posture', 'lightning'],
    ['posture', 'thunder'],
  ];
  for (const [technique, startModel] of starts) {
    const page = await browser.newPage();
    await page.goto(`${server.url}/practice/${technique}?startModel=${startModel}&backend=wasm&bench=1`);
    await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ state: 'attached', timeout: 180_000 });
    await page.getByTestId('start').click();
    await waitForFrames(page, 10, 120_000);
    await page.waitForTimeout(20_000);
    const choice = await page.evaluate(() => ({
      model: window.__unknot.activeModel,
      fps: window.__unknot.fps,
      kept: window.__unknot.modelChoice?.keptFps,
      why: document.querySelector('[data-testid="model-choice"]')?.textContent?.replace(/\s+/g, ' ').trim(),
    }));
    measured.push({ page: technique, 'starts on': startModel, 'runs after 20 s': choice.model, 'fps now': choice.fps, 'page says': choice.why });
    await page.close();
    console.log(`auto choice bench: ${technique} from ${startModel} done`);
  }
  return measured;
}

/** The cat-cow page on the automatic choice for `soakMinutes`: the same figures every `soakEveryS`. */
async function benchSoakRun() {
  const page = await browser.newPage();
  await watchLongTasks(page);
  await page.goto(`${server.url}/practice/cat-cow?backend=wasm&bench=1`);
  await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ state: 'attached', timeout: 180_000 });
  await page.getByTestId('start').click();
  await waitForFrames(page, warmupFrames, 120_000);
  const startPageMs = await page.evaluate(() => performance.now());
  const samples = [];
  const started = Date.now();
  let last = { count: (await snapshot(page)).count, at: Date.now() };
  for (let elapsedS = 0; elapsedS < soakMinutes * 60; ) {
    await page.waitForTimeout(soakEveryS * 1000);
    elapsedS = (Date.now() - started) / 1000;
    const now = await snapshot(page);
    const model = await page.evaluate(() => window.__unknot.activeModel);
    samples.push({
      'minute': (elapsedS / 60).toFixed(1),
      model,
      'frames/s': ((now.count - last.count) / ((Date.now() - last.at) / 1000)).toFixed(1),
      tensors: now.tensors,
      'heap MB': now.heapMB.toFixed(1),
    });
    last = { count: now.count, at: Date.now() };
    console.log(`soak: ${JSON.stringify(samples.at(-1))}`);
  }
  const longTasks = await longTasksSince(page, startPageMs);
  const culprits = await longFrameCulprits(page, startPageMs);
  await page.close();
  // Least-squares slope of the heap over time, MB a minute (less sensitive to one GC than end − start).
  const xs = samples.map((sample) => Number(sample.minute));
  const ys = samples.map((sample) => Number(sample['heap MB']));
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  const slope = xs.length > 1 ? xs.reduce((sum, x, i) => sum + (x - meanX) * (ys[i] - meanY), 0) / xs.reduce((sum, x) => sum + (x - meanX) ** 2, 0) : Number.NaN;
  return { samples, slope, longTasks, culprits };
}

const rows = [];
const deskRows = [];
const autoRows = [];
let soak = null;
try {
  for (const variant of models) for (const threadSetting of threadSettings) {
    // `model:seg` turns on BlazePose's silhouette, `model:people` the multi-person count (every second), `model:seg+people` both;
    // `+page` runs the model on the page's main thread instead of the pose worker (the old path);
    // `+everymask` computes the silhouette on every frame (the old cadence) instead of every second;
    // `+oneframe` hands the worker one frame at a time instead of two.
    const [model, extras = ''] = variant.split(':');
    const query =
      `${extras.includes('seg') ? '&segmentation=1' : '&segmentation=0'}${extras.includes('people') ? '&people=1000' : '&people=0'}` +
      `${extras.includes('page') ? '&worker=0' : ''}${extras.includes('everymask') ? '&maskEvery=1' : ''}${extras.includes('oneframe') ? '&inFlight=1' : ''}`;
    const page = await browser.newPage();
    if (reportedCores) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: reportedCores });
    }
    await watchLongTasks(page);
    const loadStart = Date.now();
    await page.goto(`${server.url}/practice/cat-cow?model=${model}&backend=wasm&threads=${threadSetting}&bench=1${query}`);
    // The status id is in the page but not shown (people read the stage): wait for it attached, not visible.
    await page.getByTestId('status').filter({ hasText: 'ready' }).waitFor({ state: 'attached', timeout: 180_000 });
    const loadMs = Date.now() - loadStart;

    await page.getByTestId('start').click();
    await waitForFrames(page, warmupFrames, 120_000);
    const warm = await snapshot(page);
    // Live frames/s, measured over a fixed wall-clock window after warm-up.
    const liveStart = { count: warm.count, at: Date.now(), pageMs: await page.evaluate(() => performance.now()) };
    await page.waitForTimeout(5000);
    const liveFps = ((await snapshot(page)).count - liveStart.count) / ((Date.now() - liveStart.at) / 1000);
    await waitForFrames(page, warmupFrames + frames, frames * 1000 + 60_000);
    const after = await snapshot(page);
    const longTasks = await longTasksSince(page, liveStart.pageMs);

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
    // Frame to pose drawn, as the user sees it (with two frames in flight, the wait in the worker too).
    const latencyMs = after.medians.totalMs + after.drawMs;
    // What one frame costs on the thread that bounds the rate: the page's main thread when the model
    // runs there; in the worker, the model's own time there (the page's part runs beside it).
    const appMs = after.runsIn === 'worker' ? after.workerModelMs : latencyMs;
    rows.push({
      model: variant,
      backend: after.backend,
      'runs in': after.runsIn,
      threads: `${threadSetting}→${after.threads}${after.isolated ? '' : ' (not isolated)'}`,
      'model ms': bareModelMs.toFixed(1),
      'app ms': appMs.toFixed(1),
      'app/model': (appMs / bareModelMs).toFixed(2),
      'latency ms': latencyMs.toFixed(1),
      'model+cam ms': median(modelOnCamera).toFixed(1),
      'app/model+cam': (appMs / median(modelOnCamera)).toFixed(2),
      'core ms': after.medians.coreMs.toFixed(2),
      'draw ms': after.drawMs.toFixed(2),
      'live fps': liveFps.toFixed(1),
      'long tasks/min': longTasks.perMinute.toFixed(1),
      'longest task ms': Math.round(longTasks.maxMs),
      'first pose ms': Math.round(after.firstPoseMs),
      'load ms': loadMs,
      tensors: `${warm.tensors}→${after.tensors}`,
      'heap MB': `${warm.heapMB.toFixed(1)}→${after.heapMB.toFixed(1)}`,
      'file ×realtime': (10.1 / analysisS).toFixed(2),
      'file reps': reps,
    });
    // Each row as it is measured too: a long run that is stopped keeps what it found.
    console.log(`${variant}, threads ${threadSetting}: done (${after.count} frames) ${JSON.stringify(rows.at(-1))}`);
  }
  if (benchDeskWatch) deskRows.push(...(await benchDeskWatchCpu()));
  if (benchAuto) autoRows.push(...(await benchAutoChoice()));
  if (benchSoak) soak = await benchSoakRun();
} finally {
  await browser.close();
  server.close();
}

if (rows.length > 0) {
  console.log(
    `\nUnknot bench: ${frames} frames per model after ${warmupFrames} warm-up, WASM, headless Chromium, ${(await import('node:os')).cpus().length} cores` +
      (reportedCores ? ` (the page told ${reportedCores})` : ''),
  );
  console.table(rows);
  console.log(
    'model ms: bare estimatePoses on one frozen frame, camera stopped. model+cam ms: the same loop on the live\n' +
      'camera (frame read from the video, camera decoding beside it), app paused. app ms: what one camera frame\n' +
      'costs on the thread that bounds the rate: on the page, model + core + state + overlay draw; in the worker,\n' +
      "the model's own time there (two frames in flight: the page's part runs beside it). latency ms: camera frame\n" +
      'to pose drawn (in the worker, the wait behind the frame before included). app/model+cam is the share the app adds.\n' +
      'core ms is coarse here (browser timers are rounded to 0.1 ms without cross-origin isolation);\n' +
      'the exact core figure comes from `vitest bench` on the recorded trace (printed above).',
  );
}
if (autoRows.length > 0) {
  console.log('\nThe automatic model choice, WASM (the model it runs after 20 s of camera, from each start):');
  console.table(autoRows);
}
if (soak) {
  const first = soak.samples[0];
  const last = soak.samples.at(-1);
  console.log(`\nSoak: the cat-cow page on the automatic choice for ${soakMinutes} min (figures every ${soakEveryS} s):`);
  console.table(soak.samples);
  console.log(
    `tensors ${first?.tensors}→${last?.tensors}; JS heap ${first?.['heap MB']}→${last?.['heap MB']} MB, slope ${soak.slope.toFixed(3)} MB/min ` +
      `(${(soak.slope * 30).toFixed(1)} MB over 30 min at that rate); main-thread long tasks ${soak.longTasks.perMinute.toFixed(1)}/min, longest ${Math.round(soak.longTasks.maxMs)} ms`,
  );
  if (soak.culprits.length > 0) {
    console.log('What ran in the frames that blocked the page for over 50 ms (Long Animation Frames), most time first:');
    console.table(soak.culprits);
  }
}
if (deskRows.length > 0) {
  console.log(`\nDesk posture on Lightning, WASM, ${watchSeconds} s each (60 000 CPU ms a minute is one core kept busy):`);
  console.table(deskRows);
}
