// Search cost in instructions, deterministic where wall-clock is not: for each
// engine dir, the CPU instructions per query (JS boundary and JSON included),
// counted by valgrind's callgrind over Node with a predictable V8 (one
// thread, optimizing compiler only). Two runs of one build agree to 0.01%,
// so a 1% change between two builds is real.
//
//   node bench/instructions.mjs [ENGINE_DIR ...]     (default: target/engine)
//
// Each engine runs the bench's 1,000 queries twice; a run with no query is
// subtracted (startup, wasm compilation). Needs valgrind (apt-get install
// valgrind) and the collection prepared by bench-corpus (built when missing).
// About a minute per engine. Figures are printed, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = 2;

if (process.argv[2] === '--child') {
  // The measured process: load one engine, run the queries `rounds` times.
  const [dir, data, rounds] = process.argv.slice(3);
  const glue = await import(path.resolve(dir, 'docent.js'));
  glue.initSync({ module: fs.readFileSync(path.join(dir, 'docent_bg.wasm')) });
  const docent = new glue.Docent(fs.readFileSync(path.join(data, 'bundle.bin')));
  const queries = JSON.parse(fs.readFileSync(path.join(data, 'queries.json'), 'utf8')).map((q) => q.q);
  let total = 0;
  for (let r = 0; r < +rounds; r++) for (const q of queries) total += docent.search(q, 10).total;
  console.log(total);
  process.exit(0);
}

if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('valgrind is missing: apt-get install valgrind');
  process.exit(1);
}
const data = path.join(os.tmpdir(), 'docent-bench-instructions');
if (!fs.existsSync(path.join(data, 'queries.json'))) {
  execFileSync('cargo', ['run', '-q', '--release', '--example', 'bench-corpus', '--', 'corpus', data], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
const queries = JSON.parse(fs.readFileSync(path.join(data, 'queries.json'), 'utf8')).length;

function instructions(dir, rounds) {
  const run = spawnSync('valgrind', [
    '--tool=callgrind', '--callgrind-out-file=/dev/null',
    process.execPath, '--predictable', '--no-wasm-lazy-compilation', '--no-liftoff',
    fileURLToPath(import.meta.url), '--child', dir, data, String(rounds),
  ], { encoding: 'utf8' });
  const m = /refs:\s+([\d,]+)/.exec(run.stderr);
  if (run.status !== 0 || !m) throw new Error(`callgrind failed on ${dir}:\n${run.stderr.slice(-2000)}`);
  return Number(m[1].replaceAll(',', ''));
}

const dirs = process.argv.length > 2 ? process.argv.slice(2) : [path.join(root, 'target/engine')];
let first;
for (const dir of dirs) {
  const per = (instructions(dir, ROUNDS) - instructions(dir, 0)) / (ROUNDS * queries);
  first ??= per;
  const ratio = dirs.length > 1 ? `  ×${(per / first).toFixed(3)} of the first` : '';
  console.log(`${dir}: ${Math.round(per / 1000)}k instructions per query (${queries} queries × ${ROUNDS})${ratio}`);
}
