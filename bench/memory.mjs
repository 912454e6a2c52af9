// Wasm memory over a long session, in Node over the optimized engine
// (target/engine/docent.js + docent_bg.wasm, initSync from bytes, as the page
// does). Prints (never asserts) memory.buffer.byteLength after loading the
// collection bundle of a built reader, then after 10,000 queries, 1,000 entity
// lookups and 1,000 diffs, each batch run twice: flat means the second batch
// grows nothing. Also prints how errors from the engine arrive in JS.
//
// Run: node bench/memory.mjs [path/to/docent.html]   (default dist/docent.html,
// after bash scripts/setup.sh)
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { blockBytes } from './page-data.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HTML = resolve(process.argv[2] || join(ROOT, 'dist/docent.html'));
const GLUE = join(ROOT, 'target/engine/docent.js');
const WASM = join(ROOT, 'target/engine/docent_bg.wasm');
for (const f of [HTML, GLUE, WASM]) {
  if (!existsSync(f)) {
    console.error(`${f} is missing: run \`bash scripts/setup.sh\` first`);
    process.exit(1);
  }
}

const { initSync, Docent } = await import(pathToFileURL(GLUE).href);
const exports = initSync({ module: readFileSync(WASM) });
const html = readFileSync(HTML, 'utf8');
const bundle = blockBytes(html, 'docent-bundle');
if (!bundle) {
  console.error(`${HTML} has no docent-bundle blocks (a folder form?): use a single-file build`);
  process.exit(1);
}

const mib = (n) => `${(n / 1048576).toFixed(2)} MiB`;
const memory = () => exports.memory.buffer.byteLength;
const rows = [];
const record = (label, note = '') => rows.push({ label, bytes: memory(), note });

console.log(`== wasm memory (${HTML.replace(`${ROOT}/`, '')}, bundle ${(bundle.length / 1024).toFixed(1)} KB) ==`);
record('after instantiation');
const d = new Docent(bundle);
record('after loading the bundle');
const library = d.library();
for (const row of library) d.document(row.id);
record('after every document once', `${library.length} documents`);

// ---- the workloads: built from the collection itself, so they hit real data ----
const words = [];
for (const row of library) {
  for (const p of d.document(row.id).paragraphs) {
    for (const w of p.text.match(/[\p{L}\p{N}]{3,}/gu) || []) words.push(w);
  }
}
let seed = 42;
const rand = (n) => { seed = (seed * 1103515245 + 12345) >>> 0; return seed % n; };
const pick = (xs) => xs[rand(xs.length)];
const typo = (w) => (w.length > 4 ? w.slice(0, 2) + w.slice(3) : `${w}x`);

function query(i) {
  switch (i % 6) {
    case 0: return pick(words);
    case 1: return `${pick(words)} ${pick(words)}`;
    case 2: return `"${pick(words)} ${pick(words)}"`;
    case 3: return typo(pick(words));
    case 4: return `${pick(words).toUpperCase()} -${pick(words)}`;
    default: return pick(words).slice(0, 3);
  }
}

function batch(label, n, fn) {
  if (!fn) { rows.push({ label: `${label}`, bytes: null, note: 'not in this engine' }); return; }
  let failures = 0;
  for (let round = 1; round <= 2; round++) {
    for (let i = 0; i < n; i++) {
      try { fn(i); } catch { failures++; }
    }
    record(`after ${n.toLocaleString('en')} ${label}${round === 2 ? ' (again)' : ''}`, failures ? `${failures} calls threw` : '');
  }
}

let found = 0;
batch('queries', 10000, typeof d.search === 'function' && ((i) => {
  const q = query(i);
  const r = d.search(q, 20);
  if (r.total > 0) found++;
  // Every fifth query also highlights its best document, as opening a hit does.
  if (i % 5 === 0 && r.hits.length) d.highlights(q, r.hits[0].doc);
}));

if (typeof d.search === 'function') rows.at(-1).note = `${found} of 20,000 queries found something`;

const entityIds = typeof d.entities === 'function' ? d.entities().map((e) => e.id) : [];
batch('entity lookups', 1000, entityIds.length > 0 && ((i) => d.entity(entityIds[(i * 7) % entityIds.length])));

// Diffs over the registered clause wordings (every pair, every toggle set).
const texts = [];
if (typeof d.clauses === 'function') {
  for (const f of d.clauses()) {
    for (const v of d.clause(f.id, null).family.versions) if (v.quote) texts.push(v.quote);
  }
}
const TOGGLES = [null, 'case', 'punct', 'spelling', 'case,punct,spelling'];
batch('diffs', 1000, typeof d.diff === 'function' && texts.length > 1
  && ((i) => d.diff(texts[i % texts.length], texts[(i * 7 + 1) % texts.length], TOGGLES[i % TOGGLES.length])));

const loaded = rows[1].bytes;
console.log(`${'step'.padEnd(40)} ${'memory'.padStart(10)}  ${'vs loaded'.padStart(9)}`);
for (const r of rows) {
  const figure = r.bytes === null ? 'n/a'.padStart(10) : mib(r.bytes).padStart(10);
  const ratio = r.bytes === null ? ''.padStart(9) : `${(r.bytes / loaded).toFixed(2)}×`.padStart(9);
  console.log(`${r.label.padEnd(40)} ${figure}  ${ratio}  ${r.note}`);
}
const growth = rows.at(-1).bytes === null ? rows.filter((r) => r.bytes !== null).at(-1).bytes : rows.at(-1).bytes;
console.log(`loading the bundle (${(bundle.length / 1024).toFixed(1)} KB) grew memory by ${mib(loaded - rows[0].bytes)}; `
  + `the whole session grew it by ${mib(growth - loaded)} after load`);

// ---- errors arrive as JS exceptions with readable messages ----
console.log('\n== errors across the boundary ==');
const cases = [
  ['Docent.new(garbage bytes)', () => new Docent(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]))],
  ['Docent.new(empty)', () => new Docent(new Uint8Array())],
  ['Docent.new(truncated bundle)', () => new Docent(bundle.subarray(0, Math.floor(bundle.length / 2)))],
  ['Docent.new(other version)', () => { const b = Uint8Array.from(bundle); b[8] ^= 0xff; return new Docent(b); }],
  ['document("no-such-id")', () => d.document('no-such-id')],
];
if (typeof d.entity === 'function') cases.push(['entity("no-such-entity")', () => d.entity('no-such-entity')]);
if (typeof d.highlights === 'function') cases.push(['highlights("x", "no-such-id")', () => d.highlights('x', 'no-such-id')]);
if (typeof d.clause === 'function') cases.push(['clause("no-such-clause")', () => d.clause('no-such-clause', null)]);
if (typeof d.diff === 'function') cases.push(['diff("a", "b", "colour")', () => d.diff('a', 'b', 'colour')]);
if (typeof d.clause_step === 'function') cases.push(['clause_step(first, 0, 999)', () => d.clause_step(d.clauses()[0].id, 0, 999, null)]);
let unreadable = 0;
for (const [label, fn] of cases) {
  let outcome;
  try {
    outcome = `returned ${JSON.stringify(fn()).slice(0, 100)}`;
  } catch (err) {
    const readable = err instanceof Error && err.message.length > 20 && !/unreachable|RuntimeError/.test(err.message);
    if (!readable) unreadable++;
    outcome = `${err instanceof Error ? err.constructor.name : typeof err}: ${String(err.message ?? err).slice(0, 110)}`;
  }
  console.log(`${label.padEnd(34)} → ${outcome}`);
}
console.log(unreadable ? `${unreadable} error(s) were not readable Error exceptions` : 'every error is an Error with a readable message');
