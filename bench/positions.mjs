// The positions grid ("who said what, and when") on the State of the Union
// collection, where each address is its president's: time of the engine's
// `positions` call in Node (wasm) for frequent words, p50/p99 over repeated
// calls, beside the time of `search` for the same word (the search aims).
//
//   node bench/positions.mjs
//
// Figures are printed, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { convert } from './sotu-corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const engine = path.join(root, 'target/engine');
if (!fs.existsSync(path.join(engine, 'docent_bg.wasm'))) {
  execFileSync('bash', ['scripts/build-engine.sh'], { cwd: root, stdio: 'inherit' });
}
const { initSync, Docent } = await import(path.join(engine, 'docent.js'));
initSync({ module: fs.readFileSync(path.join(engine, 'docent_bg.wasm')) });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docent-positions-'));
const corpus = path.join(tmp, 'sotu-corpus');
convert(corpus);
const out = path.join(tmp, 'sotu');
execFileSync('cargo', ['run', '-q', '--release', '--example', 'bench-corpus', '--', corpus, out],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
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

console.log('positions grid on the State of the Union (233 addresses), Node, wasm engine');
console.log('word'.padEnd(12) + 'rows'.padStart(6) + 'cells'.padStart(8) + 'p50'.padStart(11) + 'p99'.padStart(11) + '   search p50 (same word, limit 20)');
for (const word of ['freedom', 'economy', 'peace', 'Soviet', 'tariff']) {
  const g = d.positions('query', word);
  const grid = time(() => d.positions('query', word), 50);
  const search = time(() => d.search(word, 20), 50);
  console.log(word.padEnd(12) + String(g.rows.length).padStart(6) + String(g.total).padStart(8) +
    ms(grid.p50).padStart(11) + ms(grid.p99).padStart(11) + '   ' + ms(search.p50));
}
fs.rmSync(tmp, { recursive: true, force: true });
