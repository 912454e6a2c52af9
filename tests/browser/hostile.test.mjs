// Security: the hostile corpus (tests/hostile: markup, script, javascript:
// links, </textarea>, <!--, HTML entities and a 10,000-character word in every
// field) built into a reader of its own and opened over file://. On every view:
// no script runs, no dialog opens, every payload shows as literal text, the DOM
// holds only elements the page itself makes, and no request leaves the page.
// Also: www/ never parses strings as markup or code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, open, ready, shot, ROOT } from './helpers.mjs';
import { blockBytes, replaceBlock } from '../../bench/page-data.mjs';

const HOSTILE = join(ROOT, 'tests/hostile');
const DOCS_DIR = join(HOSTILE, 'documents');
const FILES = readdirSync(DOCS_DIR).filter((n) => /\.(txt|md)$/.test(n)).sort();
const IDS = FILES.map((n) => n.replace(/\.(txt|md)$/, ''));
const WWW = join(ROOT, 'www');

/** `key = "string"` and `key = ["string", …]` lines of a TOML chunk (enough of TOML for these files). */
function tomlKeys(chunk) {
  return Object.fromEntries([...chunk.matchAll(/^(\w+) = ("(?:[^"\\]|\\.)*"|\[.*\])$/gm)].map((m) => [m[1], JSON.parse(m[2])]));
}
/** A register's `[[table]]` entries, each with its `[[table.sub]]` entries under `sub`. */
function tomlTables(file, table, sub) {
  let text;
  try { text = readFileSync(join(HOSTILE, file), 'utf8'); } catch { return []; }
  return text.split(`[[${table}]]`).slice(1).map((chunk) => {
    const [head, ...rest] = sub ? chunk.split(`[[${table}.${sub}]]`) : [chunk];
    return sub ? { ...tomlKeys(head), [sub]: rest.map(tomlKeys) } : tomlKeys(head);
  });
}
const ENTITIES = tomlTables('entities.toml', 'entity');
const CLAUSES = tomlTables('clauses.toml', 'family', 'version');

/** Every file under `dir` (relative paths). */
function walk(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(dir, join(prefix, e.name)) : [join(prefix, e.name)]);
}

const HTML_TAGS = new Set(('a abbr address article aside b bdi bdo blockquote br button caption cite code col colgroup '
  + 'data dd del details dfn dialog div dl dt em fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr i '
  + 'input ins kbd label legend li main mark menu meter nav ol optgroup option output p pre progress q s samp search '
  + 'section select small span strong sub summary sup table tbody td template textarea tfoot th thead time tr u ul var wbr')
  .split(' '));

/**
 * Tag names the page can create: the shell's markup, and the tag names quoted
 * in the first argument of every h(…) / createElement(…) in www/js (or in a
 * `tag = …` expression feeding one).
 */
function pageTags() {
  const tags = new Set();
  const shell = readFileSync(join(WWW, 'index.html'), 'utf8');
  for (const m of shell.matchAll(/<([a-z][a-z0-9]*)[\s>]/g)) tags.add(m[1]);
  for (const f of walk(WWW).filter((f) => f.endsWith('.js'))) {
    const src = readFileSync(join(WWW, f), 'utf8');
    for (const m of src.matchAll(/\b(?:h|createElement)\(([^,()]+)[,)]|\btag\s*=\s*([^;]+);/g)) {
      for (const q of (m[1] || m[2]).matchAll(/'([a-z][a-z0-9]*)'/g)) if (HTML_TAGS.has(q[1])) tags.add(q[1]);
    }
  }
  return tags;
}

/** The markup-looking pieces of a source file: tags, comments, entities, the 10,000-character word. */
function payloads(file) {
  const raw = readFileSync(join(DOCS_DIR, file), 'utf8');
  const found = new Set();
  for (const m of raw.matchAll(/<[^<>\n]{1,80}>|<!--|-->|&#?[\w]+;|javascript:[^\s<>"]*|W{10000}/g)) found.add(m[0]);
  return [...found];
}

// Never made by the page, whatever widgets it grows (the DOM-wide check below catches the rest).
const FORBIDDEN = ['img', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'marquee', 'link', 'base',
  'video', 'audio', 'source', 'body style', 'meta:not([charset]):not([name]):not([http-equiv])'];

let browser;
let out;
let url;
let builtHtml;
const dialogs = [];

before(async () => {
  out = mkdtempSync(join(tmpdir(), 'docent-hostile-'));
  execFileSync(process.env.DOCENT_BIN || join(ROOT, 'target/release/docent'), ['build', '--corpus', HOSTILE, '--out', out], { stdio: ['ignore', 'pipe', 'inherit'] });
  builtHtml = readFileSync(join(out, 'docent.html'), 'utf8');
  url = pathToFileURL(join(out, 'docent.html')).href;
  browser = await launch();
  browser.context.on('page', (page) => page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); }));
});
after(async () => {
  await browser?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Opens the hostile reader at `hash` (recording requests and errors) and waits until it has routed. */
async function openView(hash) {
  const view = await open(browser.context, hash, { url });
  await ready(view.page);
  return view;
}

/** Everything a view must satisfy, whatever it shows. */
async function assertClean(where, { page, requests, errors }) {
  const pageTagSet = pageTags();
  const report = await page.evaluate(({ forbidden, allowed, scripts, styles }) => {
    const all = [...document.querySelectorAll('*')];
    return {
      pwned: typeof window.__pwned,
      foreign: [...new Set(all.map((e) => e.localName).filter((t) => !allowed.includes(t)))],
      forbidden: forbidden.flatMap((sel) => [...document.querySelectorAll(sel)].map((e) => e.outerHTML.slice(0, 120))),
      scripts: document.scripts.length,
      extraScripts: [...document.scripts].filter((s) => s.src || !['', 'module', 'application/octet-stream', 'application/json'].includes(s.type)).length,
      styles: document.querySelectorAll('style').length,
      styleLimit: styles,
      scriptLimit: scripts,
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.localName}[${a.name}]`)),
      jsLinks: all.flatMap((e) => ['href', 'src', 'action', 'formaction', 'xlink:href', 'data']
        .map((n) => e.getAttribute(n)).filter((v) => v && /^\s*(javascript|vbscript|data):/i.test(v))),
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || '',
      state: document.body.dataset.state,
    };
  }, {
    forbidden: FORBIDDEN,
    allowed: [...pageTagSet, 'html', 'head', 'body', 'meta', 'title', 'style', 'script', 'noscript'],
    scripts: (builtHtml.match(/<script[\s>]/g) || []).length,
    styles: (builtHtml.match(/<style[\s>]/g) || []).length,
  });
  assert.equal(report.state, 'ready', `${where}: the reader did not start`);
  assert.equal(report.pwned, 'undefined', `${where}: a payload script ran`);
  assert.deepEqual(dialogs, [], `${where}: a dialog opened`);
  assert.deepEqual(report.foreign, [], `${where}: elements the page never creates`);
  assert.deepEqual(report.forbidden, [], `${where}: forbidden elements`);
  assert.ok(report.scripts <= report.scriptLimit && report.extraScripts === 0, `${where}: a script element the page did not ship`);
  assert.ok(report.styles <= report.styleLimit, `${where}: ${report.styles} <style> elements, the page ships ${report.styleLimit}`);
  assert.deepEqual(report.handlers, [], `${where}: inline event handlers`);
  assert.deepEqual(report.jsLinks, [], `${where}: script or data URLs`);
  assert.match(report.csp, /^default-src 'none';/, `${where}: CSP meta`);
  assert.deepEqual([...new Set(requests)], [url], `${where}: requests other than the file itself`);
  assert.deepEqual(errors, [], `${where}: console errors`);
}

test('the hostile reader carries the CSP and ships only its own scripts', () => {
  assert.match(builtHtml, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  assert.doesNotMatch(builtHtml, /<script[^>]+src=|<link[^>]+href=|<img|<iframe/);
  // The corpus travels as base64, never as markup in the file; only the
  // library rows are inline as JSON (shown before the engine starts), in an
  // inert block where no `<` can end the element early.
  const rows = /<script type="application\/json" id="docent-library">([^<]*)<\/script>/;
  const json = builtHtml.match(rows)[1];
  assert.match(json, /__pwned/, 'the hostile titles are in the rows');
  assert.ok(JSON.parse(json).some((r) => r.title.includes('<script>window.__pwned')), 'escaped, not lost');
  assert.doesNotMatch(builtHtml.replace(rows, ''), /__pwned|alert\(/);
});

test('library: hostile titles and summaries are literal text', async () => {
  const view = await openView('');
  const { page } = view;
  await page.waitForSelector('.doc-card', { state: 'attached' });
  await assertClean('library', view);
  const text = await page.locator('main').innerText();
  for (const id of IDS) assert.ok(await page.locator(`.doc-card[data-doc="${id}"]`).count() === 1, `${id} listed`);
  assert.ok(text.includes("<script>window.__pwned = 1; alert('title')</script> Memorandum"), text.slice(0, 500));
  assert.ok(text.includes('<iframe src="javascript:alert(3)"></iframe>'), 'summary payload shown');
  await shot(page, 'hostile-library-1280-light');
  await page.close();
});

test('every hostile document shows every payload as literal text', async () => {
  for (const [i, id] of IDS.entries()) {
    const view = await openView(`#doc=${id}`);
    const { page } = view;
    await page.waitForSelector('article.doc', { state: 'attached' });
    if (ENTITIES.length) await page.waitForSelector('article.doc[data-mentions]', { state: 'attached' });
    await assertClean(`#doc=${id}`, view);
    const shown = await page.locator('article.doc').innerText();
    const missing = payloads(FILES[i]).filter((p) => !shown.includes(p));
    assert.deepEqual(missing.map((p) => p.slice(0, 60)), [], `${id}: payloads not shown literally`);
    await shot(page, `hostile-${id}-1280-light`, { fullPage: false });
    await page.close();
  }
});

test('hostile footnotes and citations stay text in their pop-ups', async () => {
  const view = await openView('#doc=hostile-chapter');
  const { page } = view;
  await page.waitForSelector('article.doc');
  const marker = page.locator('article.doc button.fn-ref, article.doc [data-note]').first();
  if (await marker.count()) {
    await marker.click();
    const pop = page.locator('[role="dialog"], .popover').first();
    await pop.waitFor();
    assert.match(await pop.innerText(), /<a href="javascript:alert\(11\)">note link<\/a> <script>window.__pwned=4<\/script> &lt;b&gt;/);
    await page.keyboard.press('Escape');
  } else {
    assert.fail('the hostile chapter shows no footnote marker');
  }
  await assertClean('footnote pop-up', view);
  await page.close();

  // The citation pop-up (clipboard refused) puts the title in a <textarea>: `</textarea>` must not end it.
  const cite = await openView('#doc=1956-01-01-script-record');
  await cite.page.waitForSelector('article.doc');
  await cite.page.evaluate(() => { Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('no')) } }); });
  await cite.page.locator('button.cite').first().click();
  const area = cite.page.locator('textarea.cite-text');
  await area.waitFor();
  const value = await area.inputValue();
  assert.ok(value.includes('</textarea><svg onload=alert(1)>'), value);
  assert.ok((await cite.page.title()).startsWith("<script>window.__pwned = 1; alert('title')</script>"), await cite.page.title());
  await assertClean('citation pop-up', cite);
  await cite.page.close();
});

test('the CSP allows exactly the page\'s own scripts, by hash: injected scripts and handlers do not run', async () => {
  const csp = builtHtml.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)[1];
  const scripts = [...builtHtml.matchAll(/<script( type="module")?>([\s\S]*?)<\/script>/g)].map((m) => m[2]);
  const want = scripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
  assert.deepEqual(csp.match(/'sha256-[^']+'/g), want, 'one hash per inline script, in order');
  assert.match(csp, /^default-src 'none'; script-src /);

  const view = await openView('');
  await view.page.waitForSelector('.doc-card', { state: 'attached' });
  // Whatever a future bug might insert: a script element, an inline handler, a javascript: URL.
  await view.page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = "script"';
    document.body.append(s);
    const b = document.createElement('button');
    b.setAttribute('onclick', 'window.__pwned = "handler"');
    b.id = 'csp-probe';
    document.body.append(b);
    const a = document.createElement('a');
    a.href = 'javascript:window.__pwned = "url"';
    a.id = 'csp-probe-link';
    a.textContent = 'x';
    document.body.append(a);
  });
  await view.page.click('#csp-probe');
  await view.page.click('#csp-probe-link');
  await view.page.waitForTimeout(200);
  assert.equal(await view.page.evaluate(() => typeof window.__pwned), 'undefined', 'the CSP let an injected script run');
  assert.ok(view.errors.some((e) => /Content Security Policy/.test(e)), `the browser reports the blocked script: ${view.errors}`);
  await view.page.close();
});

test('www/ never parses strings as markup or code', () => {
  const BANNED = /\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\s*\(|new\s+Function\b|createContextualFragment|DOMParser|\bsrcdoc\b|set(Timeout|Interval)\(\s*['"`]|\.setHTML(Unsafe)?\(|\bon[a-z]+\s*=\s*['"]/;
  const hits = [];
  for (const f of walk(WWW).filter((f) => /\.(js|html)$/.test(f))) {
    readFileSync(join(WWW, f), 'utf8').split('\n').forEach((line, n) => {
      if (BANNED.test(line)) hits.push(`www/${f}:${n + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(hits, []);
  // The shipped page script (widgets and the wasm-bindgen glue) too.
  const script = builtHtml.match(/<script>\n\(function \(\) \{([\s\S]*?)<\/script>/)[1];
  const shipped = script.split('\n').filter((l) => BANNED.test(l)).map((l) => l.trim().slice(0, 120));
  assert.deepEqual(shipped, []);
  // The rule is real: it catches each banned form.
  for (const bad of ['el.innerHTML = x', 'el.outerHTML=x', 'el.insertAdjacentHTML("beforeend", x)', 'document.write(x)', 'eval(x)', 'new Function("x")', 'setTimeout("x()", 1)', '<a onclick="x()">']) {
    assert.match(bad, BANNED, bad);
  }
});

test('entity index, panels and mentions show hostile names as literal text', { skip: !ENTITIES.length && 'no entities.toml' }, async () => {
  const index = await openView('#entities=all');
  await index.page.waitForSelector('.entity-index', { state: 'attached' });
  await assertClean('#entities=all', index);
  const listed = await index.page.locator('.entity-index').innerText();
  for (const e of ENTITIES) {
    assert.ok(listed.includes(e.name), `${e.id}: name not shown literally`);
    assert.ok(listed.includes(e.description), `${e.id}: description not shown literally`);
  }
  await shot(index.page, 'hostile-entities-1280-light');
  await index.page.close();

  for (const e of ENTITIES) {
    const view = await openView(`#entity=${e.id}`);
    const panel = view.page.locator(`#panel[data-entity="${e.id}"]`);
    await panel.waitFor({ state: 'attached' });
    await assertClean(`#entity=${e.id}`, view);
    const shown = await panel.innerText();
    for (const key of ['name', 'description', 'note']) {
      if (e[key]) assert.ok(shown.includes(e[key]), `${e.id}: ${key} not shown literally in the panel`);
    }
    await view.page.close();
  }

  // A mention in the reader opens the panel; its name is text there too.
  const reader = await openView('#doc=1956-01-01-script-record');
  await reader.page.waitForSelector('article.doc[data-mentions="on"] button.mention', { state: 'attached' });
  await reader.page.locator('article.doc button.mention[data-entity="hostile-person"]').first().click();
  await reader.page.locator('#panel[data-entity="hostile-person"]').waitFor({ state: 'attached' });
  await assertClean('mention → panel', reader);
  await reader.page.close();
});

test('clause views show hostile titles, labels, speakers and quotes as literal text', { skip: !CLAUSES.length && 'no clauses.toml' }, async () => {
  for (const f of CLAUSES) {
    for (const mode of ['inline', 'side', 'table']) {
      for (let a = 0; a + 1 < f.version.length; a++) {
        const where = `#clause=${f.id}&a=${a}&b=${a + 1}&mode=${mode}`;
        const ignore = a % 2 ? '&ignore=case,punct,spelling' : '';
        const view = await openView(where + ignore);
        const article = view.page.locator(`article.clause-view[data-clause="${f.id}"]`);
        await article.waitFor({ state: 'attached' });
        await assertClean(where, view);
        const shown = await article.innerText();
        for (const text of [f.title, f.about, ...f.version.flatMap((v) => [v.label, v.speaker])]) {
          assert.ok(shown.includes(text), `${where}: ${JSON.stringify(text.slice(0, 60))} not shown literally`);
        }
        const [va, vb] = [f.version[a], f.version[a + 1]];
        if (f.kind === 'list' && mode !== 'table') {
          for (const item of [...va.items, ...vb.items]) assert.ok(shown.includes(item), `${where}: item ${item} not shown literally`);
        } else if (mode === 'side') {
          // Each column, without its spoken [deleted: …] markers, is its quote exactly.
          const cols = await view.page.$$eval('.diff-side .diff-col .diff-text', (els) => els.map((el) => {
            const copy = el.cloneNode(true);
            for (const x of copy.querySelectorAll('.visually-hidden, .move-mark')) x.remove();
            return copy.textContent.replace(/\s+/g, ' ').trim();
          }));
          assert.deepEqual(cols, [va.quote, vb.quote], `${where}: columns are not the quotes`);
        }
        if (f.id === CLAUSES[0].id && a === 0) await shot(view.page, `hostile-clause-${mode}-1280-light`);
        await view.page.close();
      }
    }
  }
});

test('search: hostile queries and snippets stay text, hits open highlighted with <mark> only', { skip: !existsSync(join(WWW, 'js/search.js')) && 'no search widget' }, async () => {
  const queries = [
    'script pwned',                          // finds the script record: snippets carry markup as text
    'onerror alert',
    '<script>alert(1)</script>',
    '"<img src=x onerror=alert(4)>"',
    'javascript:alert(5) -click',
    '</textarea><!-- &lt;b&gt; &amp;',
    'speaker:"<script>Alert</script>" turn',
    `W${'W'.repeat(9999)}`,
  ];
  for (const q of queries) {
    const hash = `#${new URLSearchParams({ q })}`;
    const view = await openView(hash);
    const results = view.page.locator('.search-results');
    await results.waitFor({ state: 'attached' });
    await assertClean(`search ${q.slice(0, 40)}`, view);
    const shown = await results.innerText();
    const total = Number(await view.page.locator('.search-count').getAttribute('data-total'));
    if (total === 0) assert.ok(shown.includes(q.trim().slice(0, 200)), `${q.slice(0, 40)}: the query is not shown literally`);
    assert.equal(await view.page.locator('form.search-box input').inputValue(), q, 'the box holds the query as typed');
    if (q === 'script pwned') {
      assert.ok(total > 0, 'the script record is found');
      assert.match(shown, /<script>window\.__pwned/, 'snippets show markup as text');
      // Opening the hit highlights the words in the document, as <mark> elements.
      await view.page.locator('a.result-hit').first().click();
      await view.page.waitForSelector('article.doc mark.search-hit', { state: 'attached' });
      await assertClean('search hit opened', view);
      const marks = await view.page.$$eval('article.doc mark.search-hit', (ms) => ms.map((m) => m.textContent.toLowerCase()));
      assert.ok(marks.includes('script') && marks.includes('pwned'), marks.join(','));
    }
    await view.page.close();
  }
  // Typed into the box (not through the URL).
  const view = await openView('');
  await view.page.waitForSelector('.doc-card', { state: 'attached' });
  await view.page.fill('form.search-box input', '<img src=x onerror="window.__pwned=10"> Kono');
  await view.page.press('form.search-box input', 'Enter');
  await view.page.waitForSelector('.search-results', { state: 'attached' });
  await assertClean('typed search', view);
  await shot(view.page, 'hostile-search-1280-light');
  await view.page.close();
});

test('a damaged or outdated collection bundle shows a readable error that says to rebuild', async () => {
  const bytes = blockBytes(builtHtml, 'docent-bundle');
  const old = Buffer.from(bytes);
  old.writeUInt32LE(1, 8); // format version 1
  const cases = [
    ['garbage', Buffer.from('not a bundle at all'), /not a Docent bundle/],
    ['truncated', bytes.subarray(0, bytes.length >> 1), /damaged/],
    ['old version', old, /version 1 is not the version \d+/],
  ];
  for (const [name, data, want] of cases) {
    const file = join(out, `broken-${name.replace(' ', '-')}.html`);
    writeFileSync(file, replaceBlock(builtHtml, 'docent-bundle', data));
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-state="error"] .error-box[role="alert"]');
    const text = await page.locator('.error-box').innerText();
    assert.match(text, /The reader could not start/, name);
    assert.match(text, want, `${name}: ${text}`);
    assert.match(text, /rebuild/, `${name}: ${text}`);
    await page.close();
  }
});
