// TEI editions in the reader (dist/docent.html and pages built at test time
// from temp corpora): every word of every TEI document body, notes included,
// is on the page — for the shipped FRUS records and for a volume file holding
// eight documents; lists nest by depth, label lines are lines, tables are
// tables; a hostile record stays text; notes open from their markers and the
// unmarked source note is listed; deep links, search marks and names reach
// list items and table cells.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, open, ready, shot, wordCounts, ROOT, PAGE_URL } from './helpers.mjs';

const DOCS_DIR = join(ROOT, 'corpus/documents');
const FIXTURES = join(ROOT, 'tests/fixtures/tei');
const DOCENT = join(ROOT, 'target/release/docent');
const TEI_FILES = readdirSync(DOCS_DIR).filter((n) => /-d\d+\.xml$/.test(n)).sort();
const FIXTURE_DOCS = readdirSync(FIXTURES).filter((n) => /-d\d+\.xml$/.test(n))
  .sort((a, b) => Number(a.match(/d(\d+)\.xml$/)[1]) - Number(b.match(/d(\d+)\.xml$/)[1]));

/** The `<div type="document">` elements of a TEI file, as written: [{id, xml}]. */
function documentDivs(xml) {
  const out = [];
  const start = /<div\b[^>]*\btype="document"[^>]*>/g;
  for (let m; (m = start.exec(xml));) {
    const tags = /<(\/?)div\b[^>]*?(\/?)>/g;
    tags.lastIndex = m.index + m[0].length;
    let depth = 1;
    let end = -1;
    for (let t; depth > 0 && (t = tags.exec(xml));) {
      if (t[1]) depth--;
      else if (!t[2]) depth++;
      end = t.index + t[0].length;
    }
    out.push({ id: (m[0].match(/xml:id="([^"]+)"/) || [])[1], xml: xml.slice(m.index, end) });
    start.lastIndex = end;
  }
  return out;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of TEI markup: comments and tags dropped (a tag parts words), entities decoded. */
function teiText(xml) {
  return xml.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e) => {
      if (e[0] === '#') return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      return ENTITIES[e] ?? all;
    });
}

/**
 * The page's text of the open document: every text node of `article.doc`
 * (title, metadata, body, notes, hidden notes), one space between nodes so
 * blocks do not run together; and the same joined as `textContent` does.
 */
async function pageText(page) {
  return page.$eval('article.doc', (a) => {
    const parts = [];
    const walk = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) parts.push(walk.currentNode.data);
    return { spaced: parts.join(' '), joined: a.textContent };
  });
}

/**
 * Words of `source` not on the page. A word counts as there when the page has
 * it as a word, or — when markup in the source cut it (`Ex<hi>am</hi>ple`,
 * a line break inside a word) — as a run of the page's text.
 */
function missing(source, shown) {
  const have = wordCounts(shown.spaced);
  const flat = shown.joined.normalize('NFC');
  return [...wordCounts(source).keys()].filter((w) => !have.has(w) && !flat.includes(w));
}

/** Builds `corpus` (a temp dir) into a page; returns its file:// URL. */
function build(corpus) {
  const out = mkdtempSync(join(tmpdir(), 'docent-tei-out-'));
  temps.push(out);
  execFileSync(DOCENT, ['build', '--corpus', corpus, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  return pathToFileURL(join(out, 'docent.html')).href;
}

function tempCorpus(files) {
  const dir = mkdtempSync(join(tmpdir(), 'docent-tei-corpus-'));
  temps.push(dir);
  mkdirSync(join(dir, 'documents'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'documents', name), text);
  return dir;
}

// The wrapper of one fixture (XML declaration, TEI start tag with its
// namespaces, teiHeader, <text><body>) around other document divs.
function wrap(divs) {
  const first = readFileSync(join(FIXTURES, FIXTURE_DOCS[0]), 'utf8');
  const open = first.slice(0, first.indexOf('<body>') + '<body>'.length);
  const close = first.slice(first.indexOf('</body>'));
  return `${open}\n${divs.join('\n')}\n${close}`;
}

const temps = [];
let browser;
let volumeUrl;
let hostileUrl;
before(async () => {
  browser = await launch();
  // One volume file with the eight documents, and the persons register.
  const volume = tempCorpus({
    'volume.xml': wrap(FIXTURE_DOCS.map((f) => documentDivs(readFileSync(join(FIXTURES, f), 'utf8'))[0].xml)),
  });
  copyFileSync(join(FIXTURES, 'frus1955-57v23p1-persons.xml'), join(volume, 'documents/frus1955-57v23p1-persons.xml'));
  volumeUrl = build(volume);
  const hostile = tempCorpus({ 'hostile.xml': wrap([HOSTILE, SECOND]) });
  copyFileSync(join(FIXTURES, 'frus1955-57v23p1-persons.xml'), join(hostile, 'documents/frus1955-57v23p1-persons.xml'));
  hostileUrl = build(hostile);
});
after(async () => {
  await browser.close();
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

// A record written to attack the page, and to show every new mark once.
const HOSTILE = `<div type="document" xml:id="d1" n="1">
  <head>1. Hostile record<note n="1" xml:id="d1fn1" type="source">Source: written for the test.</note></head>
  <p>Styled <hi rend="italic">&lt;img src=x onerror=alert(1)&gt;</hi> text, a
    <ref target="javascript:alert(1)">click</ref> here, a <ref target="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">datum</ref>,
    an <ref target="https://example.org/x">ok</ref> address, a <ref target="#nowhere">stray</ref> target,
    and <persName ref="&quot;&gt;&lt;script&gt;">X</persName> named.<note n="2" xml:id="d1fn2">A note with &lt;script&gt;alert(2)&lt;/script&gt; in it.</note></p>
  <p>Marks: <hi rend="underline">underlined</hi>, <hi rend="smallcaps">smallcapped</hi>, x<hi rend="sup">superior</hi>,
    <del hand="#KH">struckout</del>, <add place="above">interlined</add>, <unclear>blurred</unclear>,
    see <ref target="#d2">the second record</ref>.</p>
  <table>
    <row role="label"><cell>Island</cell><cell>Held by</cell></row>
    <row><cell>Etorofu</cell><cell><persName corresp="#p_SM1">Shigemitsu</persName> <hi rend="italic">spoke of it</hi></cell></row>
    <row><cell>Kunashiri</cell><cell>tablequeryword</cell></row>
  </table>
  <p>After the table.</p>
</div>`;
const SECOND = `<div type="document" xml:id="d2" n="2">
  <head>2. Second record</head>
  <p>The second record's text.</p>
</div>`;

/** Opens `hash` of page `url`, with dialogs recorded. */
async function openDoc(url, hash, options = {}) {
  const o = await open(browser.context, hash, { url, ...options });
  o.dialogs = [];
  o.page.on('dialog', (d) => { o.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await ready(o.page);
  if (hash.startsWith('#doc=')) await o.page.waitForSelector('article.doc');
  return o;
}

test('every word of every shipped TEI document, notes included, is on the page', async () => {
  assert.ok(TEI_FILES.length >= 5, 'the collection ships FRUS records');
  const { page, requests, errors } = await openDoc(PAGE_URL, '');
  for (const file of TEI_FILES) {
    const divs = documentDivs(readFileSync(join(DOCS_DIR, file), 'utf8'));
    assert.equal(divs.length, 1, `${file}: one document`);
    const id = file.replace(/\.xml$/, '');
    await page.evaluate((h) => { location.hash = h; }, `#doc=${id}`);
    await page.waitForSelector(`article.doc[data-doc="${id}"]`);
    assert.deepEqual(missing(teiText(divs[0].xml), await pageText(page)), [], `${id}: words of the TEI body missing from the page`);
  }
  assert.deepEqual(requests, [PAGE_URL]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a volume file of eight documents: every word of each is on its page', async () => {
  const { page, errors } = await openDoc(volumeUrl, '');
  const ids = await page.$$eval('.doc-card', (cs) => cs.map((c) => c.dataset.doc));
  const want = FIXTURE_DOCS.map((f) => `volume-d${f.match(/d(\d+)\.xml$/)[1]}`);
  assert.deepEqual([...ids].sort(), [...want].sort(), 'one document per div');
  for (const [i, f] of FIXTURE_DOCS.entries()) {
    const div = documentDivs(readFileSync(join(FIXTURES, f), 'utf8'))[0];
    await page.evaluate((h) => { location.hash = h; }, `#doc=${want[i]}`);
    await page.waitForSelector(`article.doc[data-doc="${want[i]}"]`);
    assert.deepEqual(missing(teiText(div.xml), await pageText(page)), [], `${want[i]}: words of the TEI body missing from the page`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('lists: participants as a list, lettered items nested in their item, SUBJECT/PARTICIPANTS as lines', async () => {
  const { page, errors } = await openDoc(volumeUrl, '#doc=volume-d105');
  const participants = page.locator('ul.items', { has: page.locator('li', { hasText: 'Tanzan Ishibashi' }) });
  assert.equal(await participants.count(), 1);
  assert.equal(await participants.locator(':scope > li.para').count(), 5, 'five participants');
  const heads = await page.$$eval('.para[data-kind="line"] .p-text', (ps) => ps.map((p) => p.textContent.trim()));
  for (const head of ['SUBJECT', 'PARTICIPANTS']) assert.ok(heads.includes(head), `${head} is a line (${heads.join(' | ')})`);
  assert.equal(await page.locator('.para[data-kind="line"] .label', { hasText: 'PARTICIPANTS' }).count(), 1);
  await page.evaluate(() => scrollTo(0, document.querySelector('.doc-body').offsetTop));
  await shot(page, 'tei-list-d105-1280-light');

  await page.goto(`${volumeUrl}#doc=volume-d97&p=21`);
  await page.waitForSelector('article.doc[data-doc="volume-d97"]');
  const two = page.locator('li.para', { has: page.locator(':scope > .p-main .label', { hasText: /^\(2\)$/ }) });
  assert.equal(await two.count(), 1, 'item (2)');
  const nested = two.locator(':scope > ul.items > li.para');
  assert.equal(await nested.count(), 6);
  assert.deepEqual(await nested.locator(':scope > .p-main .label').allTextContents(), ['(a)', '(b)', '(c)', '(d)', '(e)', '(f)']);
  assert.equal(await two.getAttribute('data-target'), 'yes', 'a deep link reaches a list item');
  // The label is the marker: no bullet beside it.
  assert.equal(await nested.first().evaluate((li) => getComputedStyle(li).listStyleType), 'none');
  await shot(page, 'tei-list-d97-1280-light');
  await page.setViewportSize({ width: 360, height: 800 });
  await page.evaluate(() => document.getElementById('p-21').scrollIntoView({ block: 'start' }));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px at 360 px`);
  await shot(page, 'tei-list-d97-360-light');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a hostile TEI record is inert: its markup stays text, only web addresses are links', async () => {
  const { page, requests, errors, dialogs } = await openDoc(hostileUrl, '#doc=hostile-d1');
  const article = page.locator('article.doc');
  assert.equal(await article.locator('img, script, iframe, object, embed').count(), 0);
  const text = await article.textContent();
  assert.ok(text.includes('<img src=x onerror=alert(1)>'), 'the markup is shown as text');
  assert.equal(await article.locator('a[href^="javascript:" i], a[href^="data:" i]').count(), 0);
  assert.equal(await article.locator('a', { hasText: /^click$/ }).count(), 0, 'the javascript: reference is text');
  assert.equal(await article.locator('a', { hasText: /^datum$/ }).count(), 0, 'the data: reference is text');
  assert.equal(await article.locator('a', { hasText: /^stray$/ }).count(), 0, 'a target outside the collection is text');
  const ok = article.locator('a', { hasText: /^ok$/ });
  assert.equal(await ok.getAttribute('href'), 'https://example.org/x');
  assert.equal(await ok.getAttribute('rel'), 'noopener noreferrer');
  // The name's hostile key is nobody's: no attribute carries it.
  assert.equal(await page.locator('[data-entity*="script"], [data-entity*="<"]').count(), 0);
  await page.locator('button.fn-ref[data-note="2"]').click();
  await page.locator('.popover').waitFor();
  assert.equal(await page.locator('.popover script').count(), 0);
  assert.ok((await page.locator('.popover').textContent()).includes('<script>alert(2)</script>'));
  await page.keyboard.press('Escape');
  await page.waitForTimeout(200);
  assert.deepEqual(dialogs, [], 'no dialog');
  assert.deepEqual(requests, [hostileUrl.split('#')[0]]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('marks of an edition: underline, small caps, superscript, deletion, addition, unclear, links', async () => {
  const { page, errors } = await openDoc(hostileUrl, '#doc=hostile-d1');
  const a = page.locator('article.doc');
  assert.equal(await a.locator('u', { hasText: 'underlined' }).count(), 1);
  assert.equal(await a.locator('.smallcaps', { hasText: 'smallcapped' }).evaluate((e) => getComputedStyle(e).fontVariantCaps), 'small-caps');
  assert.equal(await a.locator('sup', { hasText: 'superior' }).count(), 1);
  const del = a.locator('del', { hasText: 'struckout' });
  assert.equal(await del.getAttribute('title'), 'hand KH');
  assert.equal((await del.locator('.visually-hidden').textContent()).trim(), 'deleted:');
  const ins = a.locator('ins', { hasText: 'interlined' });
  assert.equal(await ins.getAttribute('title'), 'place: above');
  assert.equal((await ins.locator('.visually-hidden').textContent()).trim(), 'inserted:');
  assert.equal(await a.locator('.unclear', { hasText: 'blurred' }).getAttribute('title'), 'unclear in the source');
  const link = a.locator('a.doc-link', { hasText: 'the second record' });
  assert.equal(await link.getAttribute('href'), '#doc=hostile-d2');
  await shot(page, 'tei-marks-1280-light', { fullPage: true });
  await link.click();
  await page.waitForSelector('article.doc[data-doc="hostile-d2"]');
  assert.deepEqual(errors, []);
  await page.close();
});

test('tables: a heading row of <th>, cells with their marks, deep links, search marks and names in cells', async () => {
  const { page, errors } = await openDoc(hostileUrl, '#doc=hostile-d1');
  const p = await page.locator('tr.para', { hasText: 'tablequeryword' }).getAttribute('data-p');
  // Opened afresh (hits are drawn when a document opens).
  await page.evaluate((h) => { location.hash = h; }, `#doc=hostile-d1&p=${p}&q=tablequeryword`);
  await page.reload();
  await ready(page);
  const table = page.locator('article.doc table.rows');
  assert.equal(await table.count(), 1);
  assert.deepEqual(await table.locator('tr').evaluateAll((rs) => rs.map((r) => [...r.cells].map((c) => `${c.tagName}:${c.textContent.replace(/¶\d+/, '').trim()}`))), [
    ['TH:Island', 'TH:Held by'],
    ['TD:Etorofu', 'TD:Shigemitsu spoke of it'],
    ['TD:Kunashiri', 'TD:tablequeryword'],
  ]);
  assert.equal(await table.locator('td em', { hasText: 'spoke of it' }).count(), 1, 'a mark inside its cell');
  // Every row is a paragraph with its anchor; the deep link highlights the row.
  const rows = table.locator('tr.para');
  assert.equal(await rows.count(), 3);
  const target = page.locator('tr.para[data-target]');
  await target.waitFor();
  assert.equal(await target.locator('a.p-anchor').getAttribute('href'), `#doc=hostile-d1&p=${p}`);
  assert.equal(await page.locator('tr.para[data-target] td mark.search-hit', { hasText: 'tablequeryword' }).count(), 1);
  await page.waitForSelector('article.doc[data-mentions="on"]');
  assert.ok(await table.locator('td [data-entity]', { hasText: 'Shigemitsu' }).count() >= 1, 'a name in a cell is marked');
  assert.equal(await table.locator('tr.para > :first-child > a.p-anchor').count(), 3, 'anchors survive the redraw');
  await shot(page, 'tei-table-1280-light');
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px at 360 px`);
  await shot(page, 'tei-table-360-light', { fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('search marks and names reach list items', async () => {
  const { page, errors } = await openDoc(PAGE_URL, '#doc=frus1955-57v23p1-d97&p=22&q=conference');
  await page.waitForSelector('#p-22 mark.search-hit');
  assert.equal(await page.evaluate(() => document.getElementById('p-22').tagName), 'LI');
  await page.waitForSelector('article.doc[data-mentions="on"]');
  assert.ok(await page.locator('#p-23 [data-entity]', { hasText: 'Etorofu' }).count() >= 1, 'a name in a list item');
  assert.ok(await page.locator('#p-22 mark.search-hit').count() >= 1, 'hits stay after names are drawn');
  assert.deepEqual(errors, []);
  await page.close();
});

test('TEI notes: a marker opens its note; the unmarked source note is listed, its links sound', async () => {
  const id = 'frus1955-57v23p1-d97';
  const { page, errors } = await openDoc(PAGE_URL, `#doc=${id}`);
  const marker = page.locator('button.fn-ref[data-note="3"]');
  await marker.click();
  const pop = page.locator('.popover[role="dialog"]');
  await pop.waitFor();
  assert.ok((await pop.textContent()).includes('United States Policy With Respect to the Kurile Islands'));
  await page.keyboard.press('Escape');
  await pop.waitFor({ state: 'detached' });
  // Note 1 (the source note, on the title in the edition) has no marker in the text.
  assert.equal(await page.locator('button.fn-ref[data-note="1"]').count(), 0);
  const source = page.locator('section.notes .para[data-note="1"]');
  assert.match(await source.textContent(), /Source: Department of State, Central Files/);
  // Every back link goes to a paragraph that cites its note; none points nowhere.
  const backs = await page.$$eval('section.notes .para', (ps) => ps.map((p) => [p.dataset.note, p.querySelector('a.fn-back')?.getAttribute('href') ?? null]));
  assert.ok(backs.length >= 10);
  for (const [n, back] of backs) {
    if (back === null) continue;
    const p = new URLSearchParams(back.slice(1)).get('p');
    assert.equal(await page.locator(`#p-${p} button.fn-ref[data-note="${n}"]`).count(), 1, `note ${n} back to ¶${p}`);
  }
  assert.equal(backs.find(([n]) => n === '1')[1], null, 'no back link for the uncited note');
  await source.scrollIntoViewIfNeeded();
  await shot(page, 'tei-notes-1280-light');
  assert.deepEqual(errors, []);
  await page.close();
});

test('axe-core finds no violations on TEI documents (lists, lines, tables, marks; light and dark)', async () => {
  const axe = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  for (const colorScheme of ['light', 'dark']) {
    for (const [url, hash] of [[PAGE_URL, '#doc=frus1955-57v23p1-d97&p=22'], [hostileUrl, '#doc=hostile-d1']]) {
      const { page } = await openDoc(url, hash, { colorScheme });
      await page.waitForSelector('article.doc[data-mentions]');
      await page.evaluate(axe);
      const result = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.length}× ${v.nodes[0].target.join(' ')} — ${v.help}`);
      });
      assert.deepEqual(result, [], `${hash} (${colorScheme}): axe violations`);
      if (url === hostileUrl) await shot(page, `tei-marks-1280-${colorScheme}`, { fullPage: true });
      await page.close();
    }
  }
});

test("the edition's list of persons gives cards; its markup gives mentions", async () => {
  // Masayuki Tani is only in FRUS's list of persons (no entities.toml entry).
  const { page, errors } = await open(browser.context, '#entity=Ambassador%20Tani');
  await ready(page);
  const card = page.locator('#panel .entity-card[data-entity="p-tm1"]');
  await card.waitFor();
  const text = await page.locator('#panel').textContent();
  assert.match(text, /Masayuki Tani/);
  assert.match(text, /Japanese Ambassador to the United States/, 'the persons list description is on the card');
  assert.match(text, /frus1955-57v23p1-d97|Memorandum From the Assistant Secretary/, 'the markup made mentions in d97');
  // A register entry that claims the edition's id keeps both descriptions.
  await page.evaluate(() => { location.hash = '#entity=shigemitsu'; });
  const sm = page.locator('#panel .entity-card[data-entity="shigemitsu"]');
  await sm.waitFor();
  assert.match(await page.locator('#panel').textContent(), /The edition's register:/);
  assert.deepEqual(errors, []);
  await page.close();
});
