// No two separate source paragraphs shown as one block, found generically:
// for every plain record of the shipped collection and of the FRUS records in
// the archive layout (tests/fixtures/frus-archive/), each pair of adjacent
// source lines where the first is short and ends nothing open and the second
// starts a new unit (a label such as SUBJECT or PARTICIPANTS:, a list marker,
// "Name, Title", a date) must not be drawn inside one block of the page, and
// neither may a label alone on its line and the line after it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, mkdtempSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, open, ready, ROOT } from './helpers.mjs';

const SOURCES = [join(ROOT, 'corpus/documents'), join(ROOT, 'tests/fixtures/frus-archive/documents')];
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';

// What starts a unit on its own line.
const label = (t) => {
  const s = t.replace(/\*/g, '').trim();
  const head = s.split(':')[0];
  const caps = head.length >= 3 && head.split(' ').length <= 3 && /^[\p{Lu} -]+$/u.test(head) && (s.includes(':') || head === s);
  const titled = s.includes(':') && ['Subject', 'Participants', 'Present', 'Place', 'Time', 'Distribution'].includes(head);
  return caps || titled;
};
const listMarker = (t) => /^\s*(- |• |\(?[\p{L}\d]{1,2}\) |\(\p{L}{1,2}\)|\d{1,2}\. )/u.test(t);
const nameAndTitle = (t) => /^(\p{Lu}[\p{L}.'’-]*\s){0,4}\p{Lu}[\p{L}'’-]{2,}, \p{Lu}/u.test(t.trim()) && !date(t);
const date = (t) => new RegExp(`^([\\p{L} ]+, )?(${MONTHS}) \\d{1,2}\\??, \\d{4}`, 'u').test(t.replace(/\*/g, '').trim());
const startsUnit = (t) => label(t) || listMarker(t) || nameAndTitle(t) || date(t);
// A line that visibly goes on (a comma, an article or preposition at its end).
const openEnd = (t) => /([,;(–—-]|\b(the|of|a|an|and|or|to|in|on|by|for|with|from|at))$/i.test(t.trim());

/** Pairs of source lines that must be in different blocks: [a, b]. */
function boundaries(src) {
  const lines = src.split('\n').map((l) => l.replace(/\*\*|^#+\s*/g, '').trim());
  const out = [];
  for (let k = 0; k + 1 < lines.length; k++) {
    const [a, b] = [lines[k], lines[k + 1]];
    if (!a || !b) continue; // a blank line between: the importer's rules decide
    const short = [...a].length < 60 && !openEnd(a);
    if (short && (startsUnit(b) || (label(a) && !a.includes(': ')))) out.push([a, b]);
  }
  return out;
}

let browser;
let pageUrl;
const temps = [];

before(async () => {
  const corpus = mkdtempSync(join(tmpdir(), 'docent-blocks-corpus-'));
  const out = mkdtempSync(join(tmpdir(), 'docent-blocks-out-'));
  temps.push(corpus, out);
  mkdirSync(join(corpus, 'documents'));
  for (const dir of SOURCES) {
    for (const n of readdirSync(dir).filter((n) => n.endsWith('.txt'))) copyFileSync(join(dir, n), join(corpus, 'documents', n));
  }
  // (Another importer may not read today's registers; blocks do not need them.)
  if (!process.env.DOCENT_BIN) for (const f of ['entities.toml', 'clauses.toml']) copyFileSync(join(ROOT, 'corpus', f), join(corpus, f));
  // DOCENT_BIN (run from its own checkout) builds the page with another importer, e.g. an older one.
  const bin = process.env.DOCENT_BIN || join(ROOT, 'target/release/docent');
  execFileSync(bin, ['build', '--corpus', corpus, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'], cwd: process.env.DOCENT_BIN ? join(process.env.DOCENT_BIN, '../../..') : ROOT });
  pageUrl = pathToFileURL(join(out, 'docent.html')).href;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

test('no two source paragraphs are drawn as one block, on the collection and on FRUS archive records', async () => {
  const { page, errors } = await open(browser.context, '', { url: pageUrl });
  await ready(page);
  const merged = [];
  let checked = 0;
  for (const dir of SOURCES) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
      const pairs = boundaries(readFileSync(join(dir, name), 'utf8'));
      if (!pairs.length) continue;
      const id = name.replace(/\.txt$/, '');
      await page.evaluate((doc) => { location.hash = `#doc=${encodeURIComponent(doc)}`; }, id);
      await page.waitForSelector(`article.doc[data-doc="${id}"] .para`);
      const blocks = await page.$$eval('article.doc .para', (els) => els.map((el) => {
        const c = el.cloneNode(true);
        for (const a of c.querySelectorAll('.p-anchor, .fn-back, .visually-hidden')) a.remove();
        return c.textContent.replace(/\s+/g, ' ').trim();
      }));
      for (const [a, b] of pairs) {
        checked++;
        // The end of one line and the start of the next, as one block would show them.
        const joined = `${a.slice(-24)} ${b.slice(0, 24)}`.replace(/\s+/g, ' ');
        const hit = blocks.find((t) => t.includes(joined));
        if (hit) merged.push(`${name}: ${JSON.stringify(a)} + ${JSON.stringify(b)}`);
      }
    }
  }
  assert.ok(checked >= 20, `only ${checked} line pairs checked: the detector finds too little`);
  assert.deepEqual(merged, [], `blocks joining two source units:\n${merged.join('\n')}`);
  assert.deepEqual(errors, []);
});

test('the detector sees a merged block (it can fail)', () => {
  // A SUBJECT label and its value, and a participants list, as a record has them.
  const src = 'SUBJECT\nJapanese-Soviet Talks\nPARTICIPANTS:\nThe Secretary\nAmbassador Bohlen\nMr. Ringwalt\n1. First point.\n';
  const pairs = boundaries(src);
  assert.ok(pairs.some(([a]) => a === 'SUBJECT'), JSON.stringify(pairs));
  assert.ok(pairs.some(([, b]) => b === '1. First point.'), JSON.stringify(pairs));
});
