// Load benchmark for the single-file reader. Prints (never asserts):
//  - dist/docent.html size, raw and gzipped, and what it is made of;
//  - the engine (wasm + glue) gzipped, without corpus data;
//  - over 10 fresh page loads from file:// (the page's own performance
//    marks), the median time from navigation to the library rendered into
//    the DOM (from the inline rows while the engine is still being parsed:
//    the figure #2's aim is read against) and to the
//    collection being ready (engine compiled, bundle decoded: search works);
//  - the first contentful paint (the library on screen), beside that of a
//    page with one line of text: what the browser adds after our code
//    (font matching, layout, raster) before anything shows.
// Run: node bench/load.mjs   (after bash scripts/setup.sh)
import { readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { blockBytes, blockData } from './page-data.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist/docent.html');
const WASM = join(ROOT, 'target/engine/docent_bg.wasm');
const GLUE = join(ROOT, 'target/engine/docent.js');
const LOADS = 10;
const ENGINE_AIM_KB = 85;
const LOAD_AIM_MS = 100;

for (const f of [DIST, WASM, GLUE]) {
  if (!existsSync(f)) {
    console.error(`${f} is missing: run \`bash scripts/setup.sh\` first`);
    process.exit(1);
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const row = (label, raw, zipped, note = '') =>
  console.log(`${label.padEnd(34)} ${kb(raw).padStart(10)} ${kb(zipped).padStart(10)}  ${note}`);

const html = readFileSync(DIST);
const text = html.toString('utf8');
const block = (id) => blockBytes(text, id) || Buffer.alloc(0);
const packed = (id) => Buffer.from((blockData(text, id) || { base64: '' }).base64, 'base64').length;
const script = Buffer.from((text.match(/<script>\n\(function \(\) \{([\s\S]*?)<\/script>/) || ['', ''])[1]);
const styles = Buffer.from([...text.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join(''));
const wasm = readFileSync(WASM);
const glue = readFileSync(GLUE);
const engineGz = gz(Buffer.concat([wasm, glue]));

console.log('== sizes ==');
console.log(`${''.padEnd(34)} ${'raw'.padStart(10)} ${'gzip -9'.padStart(10)}`);
row('dist/docent.html (the one file)', html.length, gz(html));
row('  collection bundle (inflated)', block('docent-bundle').length, gz(block('docent-bundle')),
  `inlined deflated: ${kb(packed('docent-bundle'))}`);
row('  wasm (inflated)', block('docent-wasm').length, gz(block('docent-wasm')),
  `inlined deflated: ${kb(packed('docent-wasm'))}`);
row('  page JS (bundled, glue included)', script.length, gz(script));
row('  page CSS', styles.length, gz(styles));
row('engine: wasm + glue, no corpus', wasm.length + glue.length, engineGz,
  `aim ≤ ${ENGINE_AIM_KB} KB gz: ${(engineGz / 1024 / ENGINE_AIM_KB).toFixed(2)}× the aim`);
row('  docent_bg.wasm', wasm.length, gz(wasm));
row('  docent.js (glue)', glue.length, gz(glue));

const url = pathToFileURL(DIST).href;
// chromium.launch starts from a new temporary profile each run.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
// Baseline on the same machine and moment: an empty page's inline script.
// The machine may be busy; the ratio to this baseline is the steadier figure.
const empty = join(tmpdir(), `docent-bench-empty-${process.pid}.html`);
writeFileSync(empty, '<!doctype html><title>empty</title><p>Docent</p><script>performance.mark("docent:library")</script>');
const baseline = [];
const baselinePaint = [];
const library = [];
const engine = [];
const paint = [];
const firstPaint = (page) => page.waitForFunction(
  () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime, null, { timeout: 10000 })
  .then((h) => h.jsonValue());
for (let i = 0; i < LOADS; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pathToFileURL(empty).href);
  baseline.push(await page.evaluate(() => performance.getEntriesByName('docent:library')[0].startTime));
  baselinePaint.push(await firstPaint(page));
  await context.close();
}
rmSync(empty);
for (let i = 0; i < LOADS; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('docent:collection').length > 0
    && performance.getEntriesByName('docent:library').length > 0, null, { timeout: 10000 });
  const t = await page.evaluate(() => ({
    library: performance.getEntriesByName('docent:library')[0].startTime,
    ready: performance.getEntriesByName('docent:collection')[0].startTime,
  }));
  library.push(t.library);
  engine.push(t.ready);
  paint.push(await firstPaint(page));
  await context.close();
}
await browser.close();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;
console.log(`\n== load from file:// (${LOADS} fresh page loads, headless Chromium) ==`);
console.log(`machine load average ${loadavg()[0].toFixed(2)} (1 min)`);
console.log(`navigation → empty page script   median ${ms(median(baseline)).padStart(9)}  (baseline: an empty HTML file)`);
console.log(`navigation → library in the DOM   median ${ms(median(library)).padStart(9)}  (min ${ms(Math.min(...library))}, max ${ms(Math.max(...library))})  aim ≤ ${LOAD_AIM_MS} ms: ${(median(library) / LOAD_AIM_MS).toFixed(2)}× the aim, ${(median(library) / median(baseline)).toFixed(1)}× the empty page`);
console.log(`navigation → first paint         median ${ms(median(paint)).padStart(9)}  (min ${ms(Math.min(...paint))}, max ${ms(Math.max(...paint))})  the library on screen; a page with one line of text: ${ms(median(baselinePaint))}`);
console.log(`navigation → collection ready    median ${ms(median(engine)).padStart(9)}  (min ${ms(Math.min(...engine))}, max ${ms(Math.max(...engine))})  engine compiled, bundle decoded: search, documents`);
