/**
 * Graph render: opens a generated project of 10,000 drawn elements (200 bridges of 16 ports,
 * their segments, PoPs and uplinks, the WAN node; about 4,000 links) in headless Chromium
 * against the browser-mode server, and measures navigation → `data-app-state="ready"` (the
 * renderer's `wicm:ready` performance mark, i.e. ms since navigation start). The project has no
 * stored layout, so the time includes the bridge-grid auto layout and the label pass.
 *
 * Prints, for each renderer (field `renderer`: canvas, webgl): graph_open_10000_elements_ms
 * (median of warm runs; target < 3,000) and graph_pan_frame_10000_elements_ms (median time
 * between frames while the user drags the view across the graph; target <= 20, p95 alongside);
 * plus graph_open_10000_elements_cold_ms (first canvas run) and
 * graph_auto_layout_10000_elements_ms (the layout alone, in Node). Needs a build
 * (`node scripts/build.mjs`) and Chromium at /usr/bin/chromium (or WICM_CHROMIUM).
 *
 * WebGL runs in a browser of its own: without a GPU, Chromium's software WebGL (SwiftShader,
 * `--use-angle=swiftshader --enable-unsafe-swiftshader`, bench only). It is bounded: a probe
 * first (no WebGL2 context: skipped at once), a time budget for the whole phase and a timeout
 * per page, fewer warm runs when the budget runs short. When WebGL cannot be measured the
 * metric lines say why: {"metric":…,"renderer":"webgl","skipped":"<reason>"}.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TopologyDto } from '../core/contract/dto';
import { chromiumArgs } from '../playwright.config';
import type { GraphRenderer } from '../renderer/graph/renderers';
import { startEngineHost } from '../electron/host/engine-host';
import { autoLayout } from '../renderer/graph/layout';
import { drawnElements, generateWan, wan10000 } from '../test/helpers/graph-topology';

const OPEN_TARGET_MS = 3_000;
const FRAME_TARGET_MS = 20;
const RUNS = 3;
/** Mouse steps of one pan gesture (each a frame or more). */
const PAN_STEPS = 40;
/** The whole WebGL phase (probe, opens, pans) must end within this, or what is left is skipped. */
const WEBGL_BUDGET_MS = 100_000;
/** One page open may take this long before the renderer counts as too slow to measure. */
const OPEN_TIMEOUT_MS = 45_000;
/** Software WebGL for a machine without a GPU (bench only; the app never asks for it). */
const SWIFTSHADER_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'];
const CHROMIUM = process.env.WICM_CHROMIUM ?? '/usr/bin/chromium';
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

async function writeProject(dir: string, topology: TopologyDto): Promise<string> {
  const host = await startEngineHost({ mode: 'cli', logger: quiet, dataDir: dir, template: 'empty' });
  const call = async (method: string, req: unknown): Promise<void> => {
    const reply = await host.dispatch(method, req);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  };
  const path = join(dir, 'graph-10000.wicm');
  await call('topology.import', { text: JSON.stringify({ schema: 'wicm-topology/1', topology, positions: [] }) });
  await call('project.saveAs', { path });
  return path;
}

async function serve(dir: string, project: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [resolve('out/main/serve.js'), '--port', '0', '--data-dir', dir, '--project', project], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match?.[1]) ok(match[1]);
    });
    child.on('exit', (code) => fail(new Error(`serve exited with ${code}`)));
  });
  return { url, child };
}

interface Opened {
  readonly ms: number;
  readonly nodes: number;
  /** Frame intervals while panning after the open. */
  readonly frames: readonly number[];
}

async function openOnce(browser: Browser, url: string, renderer: GraphRenderer, timeout = OPEN_TIMEOUT_MS): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  try {
    await page.addInitScript((chosen) => localStorage.setItem('wicm.renderer', chosen), renderer);
    await page.goto(url);
    page.setDefaultTimeout(timeout);
    await page.locator('[data-app-state="ready"]').waitFor({ timeout });
    const ms = await page.evaluate(() => performance.getEntriesByName('wicm:ready')[0]?.startTime ?? Number.NaN);
    const graph = page.getByRole('img', { name: /WAN topology graph/ });
    const drawnWith = await graph.getAttribute('data-renderer');
    if (drawnWith !== renderer) throw new Error(`asked for the ${renderer} renderer, the page drew with ${drawnWith}`);
    const nodes = Number(await graph.getAttribute('data-node-count'));
    return { ms, nodes, frames: await panFrames(page) };
  } finally {
    await page.close();
  }
}

/** Drags the view across the graph in PAN_STEPS mouse steps and returns the intervals between the frames drawn meanwhile. */
async function panFrames(page: Page): Promise<number[]> {
  const box = (await page.getByRole('img', { name: /WAN topology graph/ }).boundingBox())!;
  // Grab empty canvas near the edge, so the drag pans instead of moving a node.
  const [x, y] = [box.x + 8, box.y + box.height - 8];
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  await page.evaluate(`(() => {
    window.frameTimes = [];
    window.stopFrames = false;
    const tick = (t) => { window.frameTimes.push(t); if (!window.stopFrames) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 400, y - 300, { steps: PAN_STEPS });
  await page.mouse.up();
  const times = await page.evaluate(() => {
    const w = window as unknown as { frameTimes: number[]; stopFrames: boolean };
    w.stopFrames = true;
    return w.frameTimes;
  });
  return times.slice(1).map((t, i) => t - times[i]!);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const print = (metric: string, value: number, unit: string, extra: Record<string, number | string> = {}): void => {
  process.stdout.write(JSON.stringify({ metric, value: Math.round(value * 10) / 10, unit, ...extra }) + '\n');
};

/** Prints the open and pan metrics of one renderer from its runs (the first is the cold one). */
function report(renderer: GraphRenderer, topology: TopologyDto, runs: readonly Opened[]): void {
  process.stderr.write(`graph-render ${renderer}: ${drawnElements(topology)} elements, ${runs[0]!.nodes} nodes drawn; runs ${runs.map((r) => Math.round(r.ms)).join(', ')} ms\n`);
  if (renderer === 'canvas') print('graph_open_10000_elements_cold_ms', runs[0]!.ms, 'ms', { renderer });
  const warm = runs.length > 1 ? runs.slice(1) : runs;
  print('graph_open_10000_elements_ms', median(warm.map((r) => r.ms)), 'ms', { renderer, target: OPEN_TARGET_MS, runs: warm.length });
  const frames = runs.flatMap((o) => o.frames).sort((a, b) => a - b);
  print('graph_pan_frame_10000_elements_ms', median(frames), 'ms', { renderer, target: FRAME_TARGET_MS, p95: Math.round(frames[Math.floor(frames.length * 0.95)]! * 10) / 10, frames: frames.length });
}

const skip = (renderer: GraphRenderer, reason: string): void => {
  for (const metric of ['graph_open_10000_elements_ms', 'graph_pan_frame_10000_elements_ms']) process.stdout.write(JSON.stringify({ metric, renderer, skipped: reason }) + '\n');
};

/** Why this browser cannot draw with cytoscape's WebGL renderer, or null when it can (same check as the app's). */
async function webglProbe(browser: Browser): Promise<string | null> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      return gl ? null : 'no WebGL2 context in this Chromium (no GPU, and software WebGL did not start)';
    });
  } finally {
    await page.close();
  }
}

/**
 * The WebGL phase, bounded by WEBGL_BUDGET_MS: a probe, a cold open, then warm opens while the
 * budget lasts. Prints the metrics, or `skipped` lines with the reason.
 */
async function measureWebgl(url: string, topology: TopologyDto): Promise<void> {
  const deadline = performance.now() + WEBGL_BUDGET_MS;
  const left = (): number => deadline - performance.now();
  const args = [...chromiumArgs.filter((a) => a !== '--disable-gpu'), ...SWIFTSHADER_ARGS];
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args });
    const blocked = await webglProbe(browser);
    if (blocked) return skip('webgl', blocked);
    const runs: Opened[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      // A warm run needs about as long as the last one took; stop early rather than overrun.
      const need = runs.length === 0 ? 0 : Math.max(...runs.map((r) => r.ms)) * 2;
      if (left() < need || left() < 5_000) break;
      try {
        runs.push(await openOnce(browser, url, 'webgl', Math.min(OPEN_TIMEOUT_MS, left())));
      } catch (e) {
        if (runs.length === 0) return skip('webgl', `software WebGL (SwiftShader) did not draw the 10,000 elements within ${Math.round(Math.min(OPEN_TIMEOUT_MS, WEBGL_BUDGET_MS) / 1000)} s: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        break;
      }
    }
    if (runs.length === 0) return skip('webgl', `no time left in the ${WEBGL_BUDGET_MS / 1000} s WebGL budget`);
    process.stderr.write(`graph-render webgl: software WebGL (SwiftShader), ${runs.length} run(s) within the ${WEBGL_BUDGET_MS / 1000} s budget\n`);
    report('webgl', topology, runs);
  } catch (e) {
    skip('webgl', `WebGL browser failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  } finally {
    await browser?.close();
  }
}

async function main(): Promise<void> {
  if (spawnSync(process.execPath, ['scripts/build.mjs', '--if-needed'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) throw new Error('build failed');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}; set WICM_CHROMIUM`);
  const topology: TopologyDto = generateWan(wan10000);
  const layoutStart = performance.now();
  for (let i = 0; i < 5; i++) autoLayout(topology);
  print('graph_auto_layout_10000_elements_ms', (performance.now() - layoutStart) / 5, 'ms');

  const dir = await mkdtemp(join(tmpdir(), 'wicm-graph-bench-'));
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  const guard = setTimeout(() => {
    process.stderr.write('graph-render bench: over 280 s, giving up\n');
    child?.kill('SIGKILL');
    process.exit(1);
  }, 280_000);
  try {
    const served = await serve(dir, await writeProject(dir, topology));
    child = served.child;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...chromiumArgs] });
    const runs: Opened[] = [];
    for (let i = 0; i < RUNS + 1; i++) runs.push(await openOnce(browser, served.url, 'canvas'));
    report('canvas', topology, runs);
    await browser.close();
    browser = undefined;
    await measureWebgl(served.url, topology);
  } finally {
    clearTimeout(guard);
    await browser?.close();
    child?.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`graph-render bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
