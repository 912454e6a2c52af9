// What the Node benchmarks share: the wasm engine (built when missing) and
// the State of the Union corpus as the bundle `docent build` makes
// (bench/sotu-corpus.mjs converts it, bench/corpus.rs bundles it).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { convert } from './sotu-corpus.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ENGINE_WASM = path.join(ROOT, 'target/engine/docent_bg.wasm');

/** The engine's `Docent` class, initialised (the engine is built first if missing). */
export async function loadEngine() {
  if (!fs.existsSync(ENGINE_WASM)) {
    execFileSync('bash', ['scripts/build-engine.sh'], { cwd: ROOT, stdio: 'inherit' });
  }
  const { initSync, Docent } = await import(path.join(ROOT, 'target/engine/docent.js'));
  initSync({ module: fs.readFileSync(ENGINE_WASM) });
  return Docent;
}

/**
 * Converts the SOTU corpus into `dir/sotu-corpus` and bundles it into
 * `dir/sotu` (bundle.bin and the other files bench/corpus.rs writes);
 * returns both paths.
 */
export function sotuBundle(dir) {
  const corpus = path.join(dir, 'sotu-corpus');
  const out = path.join(dir, 'sotu');
  convert(corpus);
  execFileSync('cargo', ['run', '-q', '--release', '--example', 'bench-corpus', '--', corpus, out],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return { corpus, out };
}
