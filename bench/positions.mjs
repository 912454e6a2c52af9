// The positions grid ("who said what, and when") on the State of the Union
// collection, where each address is its president's: time of the engine's
// answer for frequent words — the grid's shape (`positions`), the shape and
// the first rows' quotations (what the page waits for before it draws), all
// quotations — p50/p99 over repeated calls, in Node (wasm) and in headless
// Chromium (the built page, file://), beside the time of `search` for the
// same word (the search aims: p99 ≤ 5 ms in Node, ≤ 10 ms in Chromium); then
// the longest frame while the page draws the "peace" grid.
//
//   node bench/positions.mjs
//
// Figures are printed, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { ROOT, loadEngine, sotuBundle } from './engine.mjs';

const root = ROOT;
const Docent = await loadEngine();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docent-positions-'));
const { corpus, out } = sotuBundle(tmp);
const d = new Docent(fs.readFileSync(path.join(out, 'bundle.bin')));

// The page asks for the grid's shape (`positions`), then the quotations of
// the rows it is about to draw (`positions_quotes`): the answer it waits
// for is the shape and the first rows' quotations (FIRST of them).
const FIRST = 150;
// Runs in Node and in the page (Playwright sends its source): no outside
// names; in the page the engine is the test hook's.
function measure({ words, runs, first }, e = globalThis.__docent.engine()) {
  const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  const time = (f) => {
    f();
    const t = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      f();
      t.push(performance.now() - s);
    }
    t.sort((a, b) => a - b);
    return [pct(t, 0.5), pct(t, 0.99)];
  };
  return words.map((w) => {
    const g = e.positions('query', w);
    const inRows = [...new Set(g.rows.flatMap((r) => r.cells))];
    const firstHits = Uint32Array.from(inRows.slice(0, first));
    const allHits = Uint32Array.from(inRows);
    return {
      word: w, rows: g.rows.length, cells: g.total,
      shape: time(() => e.positions('query', w)),
      answer: time(() => { e.positions('query', w); e.positions_quotes('query', w, firstHits); }),
      all: time(() => e.positions_quotes('query', w, allHits)),
      search: time(() => e.search(w, 20)),
    };
  });
}
const ms = (x) => `${x.toFixed(2)} ms`;
function table(results) {
  console.log('word'.padEnd(10) + 'rows'.padStart(5) + 'cells'.padStart(7) + '  shape p50/p99'.padEnd(22) +
    ` + ${FIRST} quotes p50/p99`.padEnd(26) + 'all quotes p50'.padEnd(16) + 'search p50');
  for (const r of results) {
    console.log(r.word.padEnd(10) + String(r.rows).padStart(5) + String(r.cells).padStart(7) + '  ' +
      `${ms(r.shape[0])} / ${ms(r.shape[1])}`.padEnd(20) + `${ms(r.answer[0])} / ${ms(r.answer[1])}`.padEnd(26) +
      ms(r.all[0]).padEnd(16) + ms(r.search[0]));
  }
}

const WORDS = ['freedom', 'economy', 'peace', 'Soviet', 'tariff'];
console.log('positions grid on the State of the Union (233 addresses), Node, wasm engine');
table(measure({ words: WORDS, runs: 50, first: FIRST }, d));
// The same calls in the page, in Chromium.
const page = path.join(tmp, 'page');
execFileSync(path.join(root, 'target/release/docent'), ['build', '--corpus', corpus, '--out', page], { cwd: root, stdio: 'ignore' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const context = await browser.newContext();
await context.addInitScript(() => { globalThis.__docentTest = true; });
const url = pathToFileURL(path.join(page, 'docent.html')).href;
async function open() {
  const tab = await context.newPage();
  await tab.goto(url);
  await tab.waitForFunction(() => document.body.dataset.engine === 'ready', null, { timeout: 120000 });
  return tab;
}
// Drawing: the "peace" grid opened as a link would, frames timed with
// requestAnimationFrame (the gap between two frames is the longest the page
// could not answer) and long tasks (> 50 ms) counted, until it is complete.
async function drawFrames(hash) {
  const gaps = [];
  const long = [];
  let last = performance.now();
  let done = false;
  const tick = (t) => { gaps.push(t - last); last = t; if (!done) requestAnimationFrame(tick); };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push(e.duration); }).observe({ type: 'longtask' });
  await new Promise((r) => requestAnimationFrame((t) => { last = t; r(); }));
  requestAnimationFrame(tick);
  const t0 = performance.now();
  let firstCells = null;
  location.hash = hash;
  await new Promise((resolve) => {
    const poll = () => {
      if (firstCells === null && document.querySelector('.grid .grid-cell')) firstCells = performance.now() - t0;
      if (document.querySelector('.grid[data-complete="yes"]')) resolve();
      else setTimeout(poll, 0);
    };
    poll();
  });
  const complete = performance.now() - t0;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  done = true;
  gaps.sort((a, b) => b - a);
  return { cells: document.querySelectorAll('.grid .grid-cell').length, firstCells, complete, frames: gaps.length, longest: gaps.slice(0, 3), long };
}
const PEACE = '#grid=query%3Apeace';
// First in a fresh page (its first question to the engine: code and the
// name index still cold), then where the engine has answered already.
let tab = await open();
const cold = await tab.evaluate(drawFrames, PEACE);
await tab.close();
tab = await open();
const inPage = await tab.evaluate(measure, { words: WORDS, runs: 30, first: FIRST });
const warm = await tab.evaluate(drawFrames, PEACE);
await browser.close();
console.log('\nthe same in headless Chromium (the built page over file://; timer resolution ~0.1 ms)');
table(inPage);
for (const [what, r] of [['a fresh page', cold], ['after the timings above', warm]]) {
  console.log(`\ndrawing the "peace" grid in Chromium, ${what}: ${r.cells} cells (with empty ones), first cells after ${ms(r.firstCells)}, complete after ${ms(r.complete)} over ${r.frames} frames`);
  console.log(`longest frames ${r.longest.map(ms).join(', ')}; long tasks (> 50 ms): ${r.long.length ? r.long.map(ms).join(', ') : 'none'}`);
}
fs.rmSync(tmp, { recursive: true, force: true });
