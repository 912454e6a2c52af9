// Calls every method of the wasm engine over the real corpus and prints one
// JSON document of all results (errors as {error: message}), so that two
// builds of the engine can be compared for identical output:
//
//   node scripts/engine-outputs.mjs [ENGINE_DIR [PAGE]] > a.json   (default target/engine, dist/docent.html)
//   ... rebuild ...; node scripts/engine-outputs.mjs > b.json; cmp a.json b.json
//
// Needs dist/docent.html (its bundle block) and ENGINE_DIR/docent.js + docent_bg.wasm.
import { readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { blockBytes } from '../bench/page-data.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = resolve(process.argv[2] || join(ROOT, 'target/engine'));
const { initSync, Docent } = await import(pathToFileURL(join(dir, 'docent.js')).href);
initSync({ module: readFileSync(join(dir, 'docent_bg.wasm')) });
const html = readFileSync(resolve(process.argv[3] || join(ROOT, 'dist/docent.html')), 'utf8');
const bundle = blockBytes(html, 'docent-bundle');
if (!bundle) throw new Error('dist/docent.html has no docent-bundle blocks (rebuild it)');
const d = new Docent(bundle);

const out = [];
const call = (name, ...args) => {
  let r;
  try {
    r = d[name](...args);
  } catch (e) {
    r = { error: String(e && e.message ? e.message : e) };
  }
  out.push([name, args, r]);
  return r;
};

// Odd text for the escaping of strings: quotes, backslashes, controls, line
// and paragraph separators, astral and Cyrillic letters.
const odd = 'He said "no" \\ then\ttab\u0001\u001f\u007f \u2028line\u2029para 🙂 Хабомаи <b>&amp;</b>';

const lib = call('library');
const ids = lib.map((x) => x.id);
for (const id of [...ids, 'no-such-doc', odd]) call('document', id);

const queries = [...readFileSync(join(ROOT, 'tests/search_queries.toml'), 'utf8')
  .matchAll(/^query = "((?:[^"\\]|\\.)*)"/gm)].map((q) => JSON.parse(`"${q[1]}"`));
queries.push('', ' ', odd, '"unclosed phrase', '-', 'speaker:', 'year:1956', 'doc:nothing', 'kind:memo',
  'a'.repeat(300), 'khrushchv', 'hab*', 'x'.repeat(5000), '\ud800lone');
for (const q of queries) {
  call('search', q, 10);
  call('search', q, 1000);
}
for (const q of queries.slice(0, 40)) for (const id of ids) call('highlights', q, id);
call('highlights', 'okinawa', 'no-such-doc');

const ents = call('entities');
const names = [];
for (const group of Array.isArray(ents) ? ents : Object.values(ents)) {
  for (const e of Array.isArray(group) ? group : [group]) if (e && e.id) names.push(e.id, e.name);
}
names.push('', 'Khrushchev', 'khrushchev', 'KHRUSHCHEV', 'Xрущёв', 'Hatoyama', 'nobody at all', odd, 'Kono', 'Shikotan');
for (const n of names) call('entity', n);
for (const id of [...ids, 'no-such-doc']) call('mentions', id);
// The tagging benchmark's methods exist only in its build (tagging-bench).
if (d.retag) call('retag');
if (d.compile_register) call('compile_register');
if (d.tag_text) call('tag_text', 'Khrushchev met Kono.\n\nHatoyama and Shigemitsu went to Moscow. ' + odd);

const ignores = [undefined, '', 'case', 'punct', 'spelling', 'case,punct,spelling', 'bogus'];
const fams = call('clauses');
for (const f of [...fams, { id: 'no-such-family', versions: [] }]) {
  const n = (f.versions || []).length;
  for (const ig of ignores) call('clause', f.id, ig);
  for (let a = 0; a <= n; a++) {
    for (let b = 0; b <= n; b++) call('clause_step', f.id, a, b, a === b ? 'case' : undefined);
    call('clause_table', f.id, a, a % 2 ? 'case,punct,spelling' : undefined);
  }
}

const paras = [];
for (const id of ids) {
  const doc = d.document(id);
  doc.paragraphs.forEach((p, i) => paras.push([id, i, p.text]));
}
for (let i = 0; i + 7 < paras.length; i += 7) {
  for (const ig of ignores.slice(0, 6)) call('diff', paras[i][2], paras[i + 7][2], ig);
}
call('diff', odd, odd.replace('no', 'yes'), undefined);
call('diff', '', '', undefined);
call('diff', 'Habomai and Shikotan', 'H[abomai] and Shikotan islands', 'spelling');
for (let i = 0; i < paras.length; i += 3) call('similar_passages', paras[i][0], paras[i][1], undefined, undefined);
for (const id of ids) call('similar_passages', id, 0, 4, 3);
call('similar_passages', 'no-such-doc', 0, undefined, undefined);
call('similar_passages', ids[0], 99999, undefined, undefined);
for (let i = 0; i < paras.length; i += 11) call('similar_to_text', paras[i][2].slice(0, 300), 5);
call('similar_to_text', odd, undefined);

process.stdout.write(JSON.stringify(out, null, 1) + '\n');
console.error(`${out.length} calls`);
