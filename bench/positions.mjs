// The positions grid ("who said what, and when") on the State of the Union
// collection, where each address is its president's: time of the engine's
// `positions` call for frequent words, p50/p99 over repeated calls, in Node
// (wasm) and in headless Chromium (the built page, file://), beside the time
// of `search` for the same word (the search aims: p99 ≤ 5 ms in Node, ≤ 10 ms
// in Chromium); then the longest frame while the page draws the "peace" grid.
//
//   node bench/positions.mjs
//
// Figures are printed, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { ROOT, loadEngine, sotuBundle } from './engine.mjs';

const root = ROOT;
const Docent = await loadEngine();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docent-positions-'));
const { corpus, out } = sotuBundle(tmp);
const d = new Docent(fs.readFileSync(path.join(out, 'bundle.bin')));

const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
function time(f, runs) {
  f();
  const t = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { p50: pct(t, 0.5), p99: pct(t, 0.99) };
}
const ms = (x) => `${x.toFixed(2)} ms`;

const WORDS = ['freedom', 'economy', 'peace', 'Soviet', 'tariff'];
console.log('positions grid on the State of the Union (233 addresses), Node, wasm engine');
console.log('word'.padEnd(12) + 'rows'.padStart(6) + 'cells'.padStart(8) + 'p50'.padStart(11) + 'p99'.padStart(11) + '   search p50 (same word, limit 20)');
for (const word of WORDS) {
  const g = d.positions('query', word);
  const grid = time(() => d.positions('query', word), 50);
  const search = time(() => d.search(word, 20), 50);
  console.log(word.padEnd(12) + String(g.rows.length).padStart(6) + String(g.total).padStart(8) +
    ms(grid.p50).padStart(11) + ms(grid.p99).padStart(11) + '   ' + ms(search.p50));
}
// The same calls in the page, in Chromium.
const page = path.join(tmp, 'page');
execFileSync(path.join(root, 'target/release/docent'), ['build', '--corpus', corpus, '--out', page], { cwd: root, stdio: 'ignore' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const context = await browser.newContext();
await context.addInitScript(() => { globalThis.__docentTest = true; });
const tab = await context.newPage();
await tab.goto(pathToFileURL(path.join(page, 'docent.html')).href);
await tab.waitForFunction(() => document.body.dataset.engine === 'ready', null, { timeout: 120000 });
const inPage = await tab.evaluate((words) => {
  const e = globalThis.__docent.engine();
  const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  const time = (f) => {
    f();
    const t = [];
    for (let i = 0; i < 30; i++) { const s = performance.now(); f(); t.push(performance.now() - s); }
    t.sort((a, b) => a - b);
    return [pct(t, 0.5), pct(t, 0.99)];
  };
  return words.map((w) => [w, e.positions('query', w).total, time(() => e.positions('query', w)), time(() => e.search(w, 20))]);
}, WORDS);
// Drawing: the "peace" grid opened as a link would, frames timed with
// requestAnimationFrame (the gap between two frames is the longest the page
// could not answer) and long tasks (> 50 ms) counted, until it is complete.
const drawing = await tab.evaluate(async (hash) => {
  const frames = [];
  const long = [];
  let last = performance.now();
  let done = false;
  const tick = (t) => { frames.push(t - last); last = t; if (!done) requestAnimationFrame(tick); };
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
  frames.sort((a, b) => b - a);
  return { cells: document.querySelectorAll('.grid .grid-cell').length, firstCells, complete, frames: frames.length, longest: frames.slice(0, 3), long };
}, '#grid=query%3Apeace');
await browser.close();
console.log('\nthe same in headless Chromium (the built page over file://; timer resolution ~0.1 ms)');
for (const [w, cells, [p50, p99], [s50]] of inPage) {
  console.log(w.padEnd(12) + ''.padStart(6) + String(cells).padStart(8) + ms(p50).padStart(11) + ms(p99).padStart(11) + '   ' + ms(s50));
}
console.log(`\ndrawing the "peace" grid in Chromium: ${drawing.cells} cells (with empty ones), first cells after ${ms(drawing.firstCells)}, complete after ${ms(drawing.complete)} over ${drawing.frames} frames`);
console.log(`longest frames ${drawing.longest.map(ms).join(', ')}; long tasks (> 50 ms): ${drawing.long.length ? drawing.long.map(ms).join(', ') : 'none'}`);
fs.rmSync(tmp, { recursive: true, force: true });
