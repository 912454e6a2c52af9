// Print that can be cited: the page printed to PDF by Chromium (page.pdf) and
// read back with pdftotext (poppler-utils). A document prints its paragraph
// numbers, the source's numbered notes and the reader's own notes in ONE
// Notes section, and its citation with the permalink, without the header's
// chrome (logo, search box, links); a clause comparison and a search result
// list (with its query) print legibly; so does the positions grid.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, open, ready } from './helpers.mjs';

let browser;
let work;
before(async () => {
  browser = await launch();
  work = mkdtempSync(join(tmpdir(), 'docent-print-test-'));
});
after(async () => {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
});

const CHROME = ['Search the papers', 'Compare with', 'Index of names', 'Clauses', 'Bookmark', 'Add note', 'All notes', '← Library', 'Back to the library'];

async function pdfText(page, name) {
  await page.emulateMedia({ media: 'print' });
  const path = join(work, `${name}.pdf`);
  await page.pdf({ path, format: 'A4' });
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

function noChrome(text, what) {
  for (const word of CHROME) assert.ok(!text.includes(word), `${what}: "${word}" is printed`);
  assert.doesNotMatch(text.split('\n').filter((l) => l.trim())[0], /Docent|normalization papers/, `${what}: the header is printed`);
}

test('a document prints paragraph numbers, numbered notes in one Notes section, and its citation', async () => {
  const { page, errors } = await open(browser.context, '#doc=frus1955-57v23p1-d90&p=2');
  await ready(page);
  await page.evaluate(() => localStorage.clear());
  await page.click('.note-button[data-action="note"]');
  await page.fill('#note-text', 'Shigemitsu floats a conference.');
  await page.click('.popover .button');
  await page.waitForSelector('.user-notes');
  const text = await pdfText(page, 'document');
  for (const p of [0, 1, 2, 3, 4]) assert.match(text, new RegExp(`¶${p}\\s`), `paragraph ${p} numbered`);
  assert.match(text, /⁽²⁾/, "the source's note markers");
  assert.match(text, /\[1\]/, "the reader's note marker");
  const notes = text.split('\n').filter((l) => /^\s*Notes\s*$/.test(l));
  assert.equal(notes.length, 1, 'one Notes section');
  const after = text.slice(text.search(/^\s*Notes\s*$/m));
  assert.match(after, /1\. Source: Department of State/, "the source's notes, numbered");
  assert.match(after, /Your notes[\s\S]*1\.\s+.*Shigemitsu floats a conference\./, "the reader's notes, numbered, in the same section");
  const joined = text.replace(/\s*\n\s*/g, ''); // pdftotext breaks the long link across lines
  // The engine's Chicago note; its permalink relative to the file (or the
  // --base-url address), never this machine's file:/// path.
  assert.match(joined, /Cite as: “Telegram From the Secretary of State to the Department of State,” .*, para\. 2, docent\.html#doc=frus1955-57v23p1-d90&p=2\./, 'the citation with its link');
  assert.doesNotMatch(text, /file:/, 'no local path on paper');
  noChrome(text, 'document');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a clause comparison, a search result list (with its query) and the grid print legibly', async () => {
  const { page, errors } = await open(browser.context, '#clause=territorial&a=7&b=8');
  await ready(page);
  let text = await pdfText(page, 'clause');
  assert.match(text, /The territorial clause: Habomai and Shikotan/);
  assert.match(text, /A: Kono's proposal → B: Article 9 as signed/);
  assert.match(text, /similarity \d+%/);
  assert.match(text, /Soviet Socialist Republics and Japan/);
  noChrome(text, 'clause');
  await page.emulateMedia({ media: 'screen' });
  await page.goto(page.url().split('#')[0] + '#q=Habomai%20Shikotan');
  await page.waitForSelector('.search-count');
  text = await pdfText(page, 'search');
  assert.match(text, /Search: “Habomai Shikotan”/);
  assert.match(text, /\d+ paragraphs in \d+ documents/);
  assert.ok(!text.includes('every occurrence in its context'), 'no links to other views on paper');
  noChrome(text, 'search');
  await page.emulateMedia({ media: 'screen' });
  await page.goto(page.url().split('#')[0] + '#grid=query%3AHabomai');
  await page.waitForSelector('.grid[data-complete="yes"]');
  text = await pdfText(page, 'grid');
  assert.match(text, /Who said what/i);
  assert.match(text, /Khrushchev/);
  assert.ok(!text.includes('Export CSV'), 'no controls on paper');
  noChrome(text, 'grid');
  assert.deepEqual(errors, []);
  await page.close();
});
