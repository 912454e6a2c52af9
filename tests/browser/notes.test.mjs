// Notes and bookmarks in the built reader (headless Chromium, file://): a note
// on a selection and a bookmark survive a reload and a rebuild that renumbers
// paragraphs (a temporary corpus, a paragraph inserted before, the same text
// found again); export → import round-trips; imports that are not JSON, of
// the wrong shape or of another collection are refused with a message and
// change nothing; the Markdown export cites; axe clean; one request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, open, ready, shot, ROOT, PAGE_URL } from './helpers.mjs';

const DOCENT = join(ROOT, 'target/release/docent');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

let browser;
let work;
let url;

const HEAD = 'Title: A test memorandum\nDate: 1956-10-20\nSource: Docent tests\n\n';
const PARAS = [
  'The first paragraph speaks of the weather in Moscow.',
  'The second paragraph is about the fishing convention.',
  'The third paragraph names Habomai and Shikotan as the islands to be handed over.',
];

function build(paras) {
  writeFileSync(join(work, 'corpus/documents/test-memo.txt'), HEAD + paras.join('\n\n') + '\n');
  execFileSync(DOCENT, ['build', '--corpus', join(work, 'corpus'), '--out', join(work, 'out')], { cwd: ROOT, encoding: 'utf8' });
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'docent-notes-test-'));
  mkdirSync(join(work, 'corpus/documents'), { recursive: true });
  writeFileSync(join(work, 'corpus/documents/other-record.txt'), 'Title: Another record\nDate: 1955-06-01\n\nA record so the collection has two documents.\n');
  build(PARAS);
  url = pathToFileURL(join(work, 'out/docent.html')).href;
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function fresh(hash) {
  const opened = await open(browser.context, hash, { url });
  await ready(opened.page);
  await opened.page.evaluate(() => localStorage.clear());
  return opened;
}

/**
 * Selects `words` inside paragraph `p` of the open document, across text
 * nodes (names found in the text are their own elements inside a paragraph).
 */
function select(page, p, words) {
  return page.evaluate(([p, words]) => {
    const el = document.querySelector(`#p-${p} .p-text`);
    const at = el.textContent.indexOf(words);
    if (at < 0) return false;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const r = document.createRange();
    let seen = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const end = seen + n.data.length;
      if (seen <= at && at < end) r.setStart(n, at - seen);
      if (seen < at + words.length && at + words.length <= end) { r.setEnd(n, at + words.length - seen); break; }
      seen = end;
    }
    getSelection().removeAllRanges();
    getSelection().addRange(r);
    return getSelection().toString() === words;
  }, [p, words]);
}

async function addNote(page, text) {
  await page.click('.note-button[data-action="note"]');
  await page.fill('#note-text', text);
  await page.click('.popover .button');
  await page.waitForFunction((t) => document.querySelector('.user-notes') && document.querySelector('.user-notes').textContent.includes(t), text);
}

const stored = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('docent.notes')).map((k) => [k, localStorage.getItem(k)])));

test('a note on a selection and a bookmark survive a reload and a rebuild that renumbers paragraphs', async () => {
  build(PARAS);
  const { page, requests, errors } = await fresh('#doc=test-memo&p=1');
  await page.reload();
  await ready(page);
  await page.click('.note-button[data-action="bookmark"]');
  await page.waitForSelector('#p-1 .note-flag[data-kind="bookmark"]');
  assert.ok(await select(page, 2, 'Habomai and Shikotan'));
  await addNote(page, 'The two islands, named together.');
  assert.deepEqual(await page.$$eval('.note-flag', (fs) => fs.map((f) => [f.closest('.para').dataset.p, f.textContent])), [['1', '★1'], ['2', '[2]']]);
  // Reload: still there.
  await page.reload();
  await ready(page);
  await page.waitForSelector('.user-notes');
  assert.match(await page.$eval('.user-notes', (e) => e.textContent), /The two islands, named together\./);
  // Rebuild with a paragraph inserted before both: the notes follow their text.
  build([PARAS[0], 'A paragraph inserted by a later edition.', PARAS[1], PARAS[2]]);
  await page.goto(`${url}#notes=all`);
  await page.reload();
  await ready(page);
  await page.waitForSelector('.notes-view');
  const items = await page.$$eval('.note-item', (is) => is.map((i) => [i.dataset.kind, i.dataset.p, i.dataset.lost, i.querySelector('.note-quote') ? i.querySelector('.note-quote').textContent : null]));
  assert.deepEqual(items, [['bookmark', '2', 'no', null], ['note', '3', 'no', 'Habomai and Shikotan']]);
  assert.match(await page.$eval('.note-item[data-kind="note"] .note-cite', (e) => e.textContent), /^Cite: “A test memorandum,” 1956-10-20, para\. 3, docent\.html#doc=test-memo&p=3\.$/);
  assert.match(await page.$eval('.notes-where', (e) => e.textContent), /Kept in this browser only/);
  await page.goto(`${url}#doc=test-memo`);
  await page.waitForSelector('.user-notes');
  assert.deepEqual(await page.$$eval('.note-flag', (fs) => fs.map((f) => f.closest('.para').querySelector('.p-text').textContent)), [PARAS[1], PARAS[2]]);
  await shot(page, 'notes-reader');
  assert.ok(requests.every((r) => r === url), `requests: ${requests}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('export → import round-trips; Markdown cites; bad imports are refused and change nothing', async () => {
  build(PARAS);
  const { page, errors } = await fresh('#doc=test-memo&p=0');
  await page.reload();
  await ready(page);
  await addNote(page, 'Weather, "quoted", and a comma.');
  assert.ok(await select(page, 2, 'Habomai'));
  await addNote(page, 'Second note.');
  await page.goto(`${url}#notes=all`);
  await page.waitForSelector('.notes-view[data-count="2"]');
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('.notes-export-json')]);
  const exported = readFileSync(await json.path(), 'utf8');
  const data = JSON.parse(exported);
  assert.equal(data.format, 'docent-notes');
  assert.equal(data.notes.length, 2);
  const [md] = await Promise.all([page.waitForEvent('download'), page.click('.notes-export-md')]);
  const markdown = readFileSync(await md.path(), 'utf8');
  assert.match(markdown, /^# Notes — /);
  assert.match(markdown, /## A test memorandum/);
  assert.match(markdown, /1\. \*\*Note, ¶0\*\*/);
  assert.match(markdown, /2\. \*\*Note, ¶2\*\* — “Habomai”/);
  assert.match(markdown, /\n {3}Cite: “A test memorandum,” 1956-10-20, para\. 2, docent\.html#doc=test-memo&p=2\.\n/);
  // Permalinks relative to the file (or --base-url), never this machine's path.
  assert.doesNotMatch(markdown, /file:/);
  // Delete both, then import the file: the same notes again.
  const before = await stored(page);
  for (let i = 0; i < 2; i++) {
    await page.click('.note-item .note-delete');
    await page.waitForSelector(`.notes-view[data-count="${1 - i}"]`);
  }
  const file = join(work, 'notes.json');
  writeFileSync(file, exported);
  await page.setInputFiles('#notes-import', file);
  await page.waitForSelector('.notes-view[data-count="2"]');
  assert.match(await page.$eval('.notes-message', (e) => e.textContent), /Imported 2 notes \(2 new\)/);
  assert.deepEqual(await stored(page), before, 'the same notes, stored the same way');
  // Refused: not JSON, the wrong shape, another collection, a bad note.
  const bad = [
    ['not JSON', 'this is { not json', /not JSON/],
    ['wrong shape', JSON.stringify({ hello: 'world' }), /not a Docent notes file/],
    ['another collection', JSON.stringify({ ...data, collection: { key: 'Other papers#12345678', title: 'Other papers' } }), /another collection \(“Other papers”\)/],
    ['a bad note', JSON.stringify({ ...data, notes: [...data.notes, { id: 'x', kind: 'scribble' }] }), /note 3 has an unknown kind/],
  ];
  for (const [what, text, message] of bad) {
    writeFileSync(file, text);
    await page.setInputFiles('#notes-import', file);
    await page.waitForFunction(() => document.querySelector('.notes-message[data-kind="error"]'));
    const said = await page.$eval('.notes-message', (e) => [e.textContent, e.getAttribute('role')]);
    assert.match(said[0], message, what);
    assert.match(said[0], /Your notes are unchanged/, what);
    assert.equal(said[1], 'alert');
    assert.deepEqual(await stored(page), before, `${what}: nothing changed`);
    assert.equal(await page.$$eval('.note-item', (i) => i.length), 2);
    await page.evaluate(() => { const m = document.querySelector('.notes-message'); m.textContent = ''; delete m.dataset.kind; });
  }
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => `${v.id}: ${v.nodes[0].target.join(' ')}`));
    assert.deepEqual(violations, [], `axe at ${width}px`);
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `scrolls sideways at ${width}px`);
    await shot(page, `notes-view-${width}`, { fullPage: true });
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('notes of one collection are not shown in another', async () => {
  const { page, errors } = await fresh('#doc=test-memo&p=1');
  await page.reload();
  await ready(page);
  await page.click('.note-button[data-action="bookmark"]');
  await page.waitForSelector('.note-flag');
  const other = await open(browser.context, '#notes=all', { url: PAGE_URL });
  await ready(other.page);
  await other.page.waitForSelector('.notes-view');
  assert.equal(await other.page.$eval('.notes-view', (e) => e.dataset.count), '0');
  assert.notEqual(await other.page.$eval('.notes-view', (e) => e.dataset.collection), await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('docent.notes')).split(':').slice(1).join(':')));
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
  await other.page.close();
  await page.close();
});

test('after a document is added, notes of the earlier build are offered, then brought in', async () => {
  build(PARAS);
  const { page, errors } = await fresh('#doc=test-memo&p=2');
  await page.reload();
  await ready(page);
  await page.click('.note-button[data-action="bookmark"]');
  await page.waitForSelector('.note-flag');
  writeFileSync(join(work, 'corpus/documents/added-later.txt'), 'Title: Added later\nDate: 1957-01-01\n\nA document added after the notes were made.\n');
  try {
    build(PARAS);
    await page.goto(`${url}#notes=all`);
    await page.reload();
    await ready(page);
    await page.waitForSelector('.notes-view[data-count="0"] .notes-earlier');
    assert.match(await page.$eval('.notes-earlier', (e) => e.textContent), /1 note kept for an earlier build/);
    await page.click('.notes-adopt');
    await page.waitForSelector('.notes-view[data-count="1"]');
    assert.ok(!(await page.$('.notes-earlier')), 'offered once');
    assert.deepEqual(await page.$$eval('.note-item', (is) => is.map((i) => [i.dataset.kind, i.dataset.p])), [['bookmark', '2']]);
    assert.equal(Object.keys(await stored(page)).length, 1, 'one notebook left');
  } finally {
    rmSync(join(work, 'corpus/documents/added-later.txt'));
  }
  assert.deepEqual(errors, []);
  await page.close();
});
