import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { createDb } from '../db/client.ts';
import { hasChromium, launchBrowser } from '../tests/helpers/browser.ts';
import { repoRoot } from '../tests/helpers/server.ts';
import { writeDirect } from './ceiling.ts';
import { BENCH_TOKEN, startBenchServer } from './server.ts';
import { percentile } from './stats.ts';

/**
 * The web app's benchmarks, measured in Chromium against a real `charlens serve`:
 * - a 400-message transcript: time from navigation start to its first turn on screen;
 * - the list over 100,000 transcripts: time to its first rows on screen, and from the network log, that it
 *   asked for one keyset page and not the table;
 * - the initial JavaScript of the built app (entry and preloaded chunks), gzip.
 * Sizes scale with BENCH_SCALE like the other benchmarks.
 */
interface Row {
  benchmark: string;
  result: string;
  target: string;
}

const RUNS = 5;
const LONG_MESSAGES = 400;

/** ~1.2 KB of Markdown per turn, with a list and a code block now and then, like real assistant turns. */
function longTranscriptLine(): string {
  const messages = [];
  for (let i = 0; i < LONG_MESSAGES; i++) {
    const para = `Turn ${i}: the claim deserves a careful look, because **evidence** matters more than confidence. `.repeat(6);
    const extra = i % 5 === 1 ? '\n\n- first point\n- second point\n\n```ts\nconst x = compute(' + i + ');\n```' : '';
    messages.push(i % 2 === 0 ? { role: 'user', content: para } : { role: 'assistant', content: [{ type: 'text', text: para + extra }] });
  }
  return JSON.stringify({ external_id: 'bench/web/long', model: 'bench-web', scenario: 'bench-web-long', messages }) + '\n';
}

async function signIn(context: BrowserContext, url: string): Promise<void> {
  const response = await context.request.post(`${url}/api/v1/auth/login`, { data: { email: 'bench@example.com', password: 'bench-password' } });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()}`);
}

// In-page code as strings: tsx rewrites named functions with a helper that does not exist in the page.
function whenVisible(selector: string): string {
  return `new Promise((resolve) => { const check = () => { const el = document.querySelector(${JSON.stringify(selector)}); const r = el && el.getBoundingClientRect(); if (r && r.height > 0 && r.top < window.innerHeight) resolve(performance.now()); else requestAnimationFrame(check); }; check(); })`;
}

function whenCount(selector: string, count: number): string {
  return `new Promise((resolve) => { const wait = () => document.querySelectorAll(${JSON.stringify(selector)}).length >= ${count} ? resolve(performance.now()) : requestAnimationFrame(wait); wait(); })`;
}

function scrollFrames(selector: string, stepPx: number, count: number): string {
  return `new Promise((resolve) => { const el = document.querySelector(${JSON.stringify(selector)}); const times = []; let last = performance.now(); let n = 0; const step = (now) => { times.push(now - last); last = now; el.scrollTop += ${stepPx}; if (++n < ${count}) requestAnimationFrame(step); else resolve(times.slice(1)); }; requestAnimationFrame(step); })`;
}

/** Milliseconds from navigation start until `selector` is in the page and on screen, median of RUNS loads. */
async function timeToVisible(page: Page, url: string, selector: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await page.goto(url, { waitUntil: 'commit' });
    const ms: number = await page.evaluate(whenVisible(selector));
    if (i > 0) times.push(ms); // the first load warms the server's caches
  }
  return times.sort((a, b) => a - b);
}

function initialJsGzipBytes(): { initial: number; total: number } {
  const dist = join(repoRoot, 'dist/web');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  // The entry script and the chunks it preloads: what a first visit downloads before anything shows.
  const initialFiles = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).byteLength;
  const initial = initialFiles.reduce((n, f) => n + gz(f), 0);
  const all = execFileSync('ls', [join(dist, 'assets')], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.js'));
  const total = all.reduce((n, f) => n + gz(join('assets', f)), 0);
  return { initial, total };
}

export async function webBench(): Promise<Row[]> {
  const scale = Number(process.env['BENCH_SCALE'] ?? '1');
  const listN = Math.round(100_000 * scale);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const rows: Row[] = [];

  log('web: building the app…');
  execFileSync('npx', ['vite', 'build'], { cwd: repoRoot, stdio: 'pipe' });
  const js = initialJsGzipBytes();
  rows.push({ benchmark: 'web initial JavaScript (gzip)', result: `${(js.initial / 1024).toFixed(1)} KB (all chunks ${(js.total / 1024).toFixed(1)} KB)`, target: '< 200 KB' });

  if (!hasChromium) {
    rows.push({ benchmark: 'web benchmarks in Chromium', result: 'skipped: no Chromium', target: '' });
    return rows;
  }

  const dir = mkdtempSync(join(tmpdir(), 'charlens-bench-web-'));
  const browser = await launchBrowser();
  try {
    // 1. A 400-message transcript.
    const longServer = await startBenchServer(`file:${join(dir, 'long.db')}`);
    try {
      const upload = await fetch(`${longServer.url}/api/v1/transcripts/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/x-ndjson' },
        body: longTranscriptLine(),
      });
      if (!upload.ok) throw new Error(`long transcript upload: ${upload.status} ${await upload.text()}`);
      const list = await fetch(`${longServer.url}/api/v1/transcripts?limit=1`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
      const body: { items: { id: string }[] } = await list.json();
      const id = body.items[0]?.id ?? '';
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await signIn(context, longServer.url);
      const page = await context.newPage();
      const times = await timeToVisible(page, `${longServer.url}/transcripts/${id}`, '#turn-0');
      const all: number = await page.evaluate(whenCount('article.message', LONG_MESSAGES));
      rows.push({
        benchmark: `web: ${LONG_MESSAGES}-message transcript, first turn on screen`,
        result: `p50 ${percentile(times, 50).toFixed(0)} ms, max ${(times.at(-1) ?? NaN).toFixed(0)} ms (all turns in ${all.toFixed(0)} ms)`,
        target: '< 300 ms',
      });
      await context.close();
    } finally {
      await longServer.stop();
    }

    // 2. The list over 100,000 transcripts.
    log(`web: filling ${listN} transcripts…`);
    const listUrl = `file:${join(dir, 'list.db')}`;
    const db = await createDb(listUrl);
    await writeDirect(db.client, 0, listN);
    db.close();
    const listServer = await startBenchServer(listUrl);
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await signIn(context, listServer.url);
      const page = await context.newPage();
      const requests: URL[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname === '/api/v1/transcripts') requests.push(url);
      });
      const times = await timeToVisible(page, `${listServer.url}/transcripts`, 'table.transcripts tr[data-index]');
      await page.waitForTimeout(300);
      const firstLoad = requests.filter((u) => !u.searchParams.has('cursor'));
      const perLoad = firstLoad.length / (RUNS + 1);
      // Scrolling to the end of what is loaded fetches one more page, not the rest.
      requests.length = 0;
      await page.evaluate(`(() => { const el = document.querySelector('.table-scroll'); el.scrollTo(0, el.scrollHeight); })()`);
      await page.waitForTimeout(800);
      const afterScroll = requests.length;
      // Smoothness: scroll 3,000 px a frame for 90 frames and time the frames.
      await page.evaluate(`document.querySelector('.table-scroll').scrollTo(0, 0)`);
      const frames: number[] = await page.evaluate(scrollFrames('.table-scroll', 3000, 90));
      frames.sort((a, b) => a - b);
      const rowsFetched = Math.max(...[...firstLoad, ...requests].map((u) => Number(u.searchParams.get('limit') ?? '50')));
      const fetchesEverything = perLoad > 1 || afterScroll > 2 || rowsFetched >= listN;
      if (fetchesEverything) throw new Error(`the list fetched too much: ${perLoad} first-page requests per load, ${afterScroll} after one scroll, limit ${rowsFetched}`);
      rows.push({
        benchmark: `web: list of ${listN.toLocaleString('en')} transcripts, first rows on screen`,
        result: `p50 ${percentile(times, 50).toFixed(0)} ms, max ${(times.at(-1) ?? NaN).toFixed(0)} ms; ${perLoad} request of ${rowsFetched} rows per load, ${afterScroll} more after scrolling to the end`,
        target: '< 300 ms, one page per request',
      });
      rows.push({
        benchmark: `web: list of ${listN.toLocaleString('en')} transcripts, scrolling 3,000 px a frame`,
        result: `frame p50 ${percentile(frames, 50).toFixed(1)} ms, p95 ${percentile(frames, 95).toFixed(1)} ms`,
        target: 'reported (16.7 ms = 60 fps)',
      });
      await context.close();
    } finally {
      await listServer.stop();
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

// Run alone: `npx tsx bench/web.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await webBench();
  for (const r of rows) console.log(`| ${r.benchmark} | ${r.result} | ${r.target} |`);
}
