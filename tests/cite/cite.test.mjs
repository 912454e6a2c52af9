// `docent cite` for every document of the collection, in BibTeX, RIS and
// CSL-JSON, parsed back by citation-js (a well-kept reader of all three):
// each must give the document's title, date and permalink.
//
//   cargo build --release && node --test tests/cite/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DOCENT = join(ROOT, 'target/release/docent');
const BASE = 'https://example.org/reader/docent.html';
const docent = (...args) => execFileSync(DOCENT, [...args, '--corpus', join(ROOT, 'corpus')], { encoding: 'utf8' });
const docs = JSON.parse(docent('documents', '--json'));

/** The CSL item citation-js reads from `text`, in the given input format. */
function parse(text, format) {
  const items = new Cite(text, { forceType: format }).data;
  assert.equal(items.length, 1, `${format}: one item`);
  return items[0];
}

const dateParts = (iso) => (iso ? iso.split('-').map(Number) : undefined);
const FORMATS = { bibtex: '@biblatex/text', ris: '@ris/file', 'csl-json': '@csl/list+object' };

/** Title, date and URL of the item parsed from `format` match document `doc`. */
function check(doc, paragraph, format) {
  const args = ['cite', doc.id, '--format', format, '--base-url', BASE];
  if (paragraph !== null) args.push('--paragraph', String(paragraph));
  let text = docent(...args);
  if (format === 'csl-json') text = JSON.parse(text);
  const item = parse(text, FORMATS[format]);
  const where = `${doc.id} ${format}`;
  assert.equal(item.title, doc.title.trim().replace(/\.$/, ''), `${where}: title`);
  const url = `${BASE}#doc=${doc.id}` + (paragraph === null ? '' : `&p=${paragraph}`);
  assert.equal(item.URL, url, `${where}: URL`);
  const want = dateParts(doc.date);
  const got = item.issued && item.issued['date-parts'] ? item.issued['date-parts'][0] : undefined;
  if (!want) {
    // Undated: nothing, or the year its book appeared.
    assert.ok(got === undefined || got.length === 1, `${where}: no date, or a year`);
  } else if (format === 'ris' && item.type === 'chapter') {
    // RIS readers take a chapter's date from PY, the year alone.
    assert.deepEqual(got, want.slice(0, 1), `${where}: year`);
  } else {
    assert.deepEqual(got, want, `${where}: date`);
  }
}

for (const doc of docs) {
  test(`${doc.id}: BibTeX, RIS and CSL-JSON parse back`, () => {
    for (const format of Object.keys(FORMATS)) {
      check(doc, null, format);
      check(doc, doc.paragraphs - 1, format);
    }
  });
}

test('a chapter in a book cites as a chapter, with its book', () => {
  const frus = docs.find((d) => d.id.startsWith('frus')).id;
  const item = parse(docent('cite', frus, '--format', 'ris'), '@ris/file');
  assert.equal(item.type, 'chapter');
  assert.match(item['container-title'], /Foreign Relations of the United States/);
  assert.equal(item.editor[0].family, 'Glennon');
  const bib = parse(docent('cite', frus, '--format', 'bibtex'), '@biblatex/text');
  assert.equal(bib.type, 'chapter');
  assert.equal(bib.publisher, 'United States Government Printing Office');
});

test('without --base-url the permalink is relative to the page file', () => {
  const id = docs[0].id;
  const item = JSON.parse(docent('cite', id, '--format', 'csl-json'))[0];
  assert.equal(item.URL, `docent.html#doc=${id}`);
});
