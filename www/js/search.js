// Search: the box in the header, the results view (`#q=QUERY`), and the hits
// highlighted in an opened document (`#doc=ID&p=N&q=QUERY`) with next/previous
// hit keys. The engine answers per keystroke; answers of an older keystroke
// are dropped by request id. Every piece of text goes in as text nodes; the
// only elements made for matches are <mark>s.
import { h, replace, announce, plural, byId } from './dom.js';
import { engine } from './engine.js';
import { registerView, href, navigate, currentParams } from './router.js';
import { addHeaderTool, errorBox } from './shell.js';
import { refill } from './blocks.js';

const LIMIT = 60;

// ---- the box ----
const input = h('input', {
  id: 'search-q', type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false',
  placeholder: 'Search the papers  ( / )', 'aria-label': 'Search the papers', 'aria-keyshortcuts': '/',
});
const form = h('form', { class: 'search-box', role: 'search', on: { submit: (ev) => { ev.preventDefault(); go(input.value, false); } } }, input);
addHeaderTool(form);

let seq = 0; // request id: the latest keystroke wins
input.addEventListener('input', () => {
  const id = ++seq;
  requestAnimationFrame(() => {
    if (id !== seq) return; // a newer keystroke came meanwhile
    go(input.value, document.body.dataset.view === 'search');
  });
});

function go(q, replaceEntry) {
  if (q.trim() === '') navigate({}, { replace: replaceEntry });
  else navigate({ q }, { replace: replaceEntry });
}

addEventListener('keydown', (ev) => {
  const typing = ev.target instanceof HTMLElement && (ev.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName));
  if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.key === '/') {
    ev.preventDefault();
    input.focus();
    input.select();
  } else if ((ev.key === 'n' || ev.key === 'N') && hits.length) {
    ev.preventDefault();
    step(ev.key === 'n' ? 1 : -1);
  }
});

// ---- the results view ----
function fragmentNodes(snippet) {
  return snippet.map((f) => (f.mark ? h('mark', {}, f.text) : f.text));
}

// Filters of the query language shown as chips; removing one edits the query.
const FILTER = /(^|\s)(-?(?:speaker|doc|kind|year):(?:"[^"]*"?|\S*)|\d{4}(?:\.\.\d{4})?)(?=\s|$)/g;

function chips(q, result) {
  const active = [...q.matchAll(FILTER)].map((m) => m[2]);
  const out = active.map((f) => h('button', {
    type: 'button', class: 'chip', dataset: { active: 'yes' }, 'aria-label': `Remove filter ${f}`,
    on: { click: () => go(q.replace(f, '').replace(/\s+/g, ' ').trim(), false) },
  }, f, h('span', { 'aria-hidden': 'true' }, ' ×')));
  // Suggested filters: the speakers and years of the hits shown.
  const speakers = new Map();
  const years = new Map();
  for (const hit of result.hits) {
    if (hit.speaker) speakers.set(hit.speaker, (speakers.get(hit.speaker) || 0) + 1);
    if (hit.date) years.set(hit.date.slice(0, 4), (years.get(hit.date.slice(0, 4)) || 0) + 1);
  }
  const suggest = (filter, n) => {
    if (active.includes(filter)) return null;
    return h('button', {
      type: 'button', class: 'chip', dataset: { active: 'no' }, 'aria-label': `Add filter ${filter} (${n} shown)`,
      on: { click: () => go(`${q.trim()} ${filter}`, false) },
    }, filter);
  };
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 4);
  for (const [name, n] of top(speakers)) out.push(suggest(/\s/.test(name) ? `speaker:"${name}"` : `speaker:${name}`, n));
  if (years.size > 1) for (const [y, n] of top(years)) out.push(suggest(y, n));
  const shown = out.filter(Boolean);
  return shown.length ? h('div', { class: 'chips', role: 'group', 'aria-label': 'Filters' }, shown) : null;
}

function results(q) {
  let result;
  try {
    result = engine().search(q, LIMIT);
  } catch (err) {
    return [errorBox('The search failed', err)];
  }
  const nodes = [];
  const count = result.total === 0
    ? `No paragraph matches “${q.trim()}”`
    : `${plural(result.total, 'paragraph')} in ${plural(result.docs.length, 'document')}`;
  nodes.push(h('h1', { id: 'search-title', class: 'search-count', tabindex: '-1', dataset: { total: String(result.total) } }, count));
  if (result.total) nodes.push(h('p', { class: 'who-said-what' }, h('a', { href: href({ grid: `query:${q}` }) }, 'Who said what, and when')));
  announce(result.total === 0 ? 'No results' : plural(result.total, 'result'));
  for (const n of result.notices || []) nodes.push(h('p', { class: 'search-notice', role: 'note' }, n));
  if (result.did_you_mean) {
    nodes.push(h('p', { class: 'did-you-mean' }, 'Did you mean ',
      h('a', { href: href({ q: result.did_you_mean }), dataset: { suggestion: result.did_you_mean } }, result.did_you_mean), '?'));
  }
  nodes.push(chips(q, result));
  for (const d of result.docs) {
    const docHits = result.hits.filter((x) => x.doc === d.doc);
    if (!docHits.length) continue;
    const first = docHits[0];
    nodes.push(h('section', { class: 'result-doc', dataset: { doc: d.doc } },
      h('h2', {}, h('a', { href: href({ doc: d.doc, p: first.paragraph, q }) }, d.title || d.doc)),
      h('p', { class: 'result-meta' }, [first.date || 'undated', plural(d.hits, 'hit')].join(' · ')),
      h('ol', { class: 'result-hits' }, docHits.map((x) => h('li', { dataset: { p: String(x.paragraph) } },
        h('a', { class: 'result-hit', href: href({ doc: x.doc, p: x.paragraph, q }) },
          x.speaker ? h('span', { class: 'result-speaker' }, `${x.speaker}: `) : null,
          fragmentNodes(x.snippet)))))));
  }
  const hidden = result.total - result.hits.length;
  if (hidden > 0) nodes.push(h('p', { class: 'search-more' }, `${plural(hidden, 'more paragraph')} not shown: add words or filters to narrow the search.`));
  return nodes;
}

registerView({
  name: 'search',
  priority: 50,
  matches: (params) => params.has('q') && !params.has('doc'),
  render(params, main) {
    const q = params.get('q');
    if (input.value !== q) input.value = q;
    document.title = `${q} — search — Docent`;
    replace(main, h('div', { class: 'search-results', dataset: { query: q } }, results(q)));
  },
  update(params, main) {
    this.render(params, main);
    return true;
  },
});

// ---- hits in an opened document ----
let hits = []; // the <mark>s of the open document, in reading order
let current = -1;
let bar = null;

function step(delta) {
  if (!hits.length) return;
  if (current >= 0) delete hits[current].dataset.current;
  current = (current + delta + hits.length) % hits.length;
  const mark = hits[current];
  mark.dataset.current = 'yes';
  mark.scrollIntoView({ block: 'center' });
  const counter = bar && bar.querySelector('.hit-count');
  if (counter) counter.textContent = `Hit ${current + 1} of ${hits.length}`;
  announce(`Hit ${current + 1} of ${hits.length}`);
}

function clearHits() {
  hits = [];
  current = -1;
  if (bar) bar.remove();
  bar = null;
}

function highlightOpenDocument() {
  const params = currentParams();
  const article = document.querySelector('#main article.doc[data-doc]');
  const q = params.get('q');
  if (!article || !q || article.dataset.searchHighlighted === q) return;
  article.dataset.searchHighlighted = q;
  clearHits();
  const id = article.dataset.doc;
  let marks;
  let doc;
  try {
    marks = engine().highlights(q, id);
    doc = engine().document(id);
  } catch (err) {
    console.warn(err);
    return;
  }
  for (const ph of marks.paragraphs) {
    const para = doc.paragraphs[ph.paragraph];
    const el = document.getElementById(`p-${ph.paragraph}`);
    if (!para || !el) continue;
    const extra = ph.ranges.map(([start, end]) => ({ start, end, kind: 'SearchHit' }));
    refill(el, para, extra, (s) => (s.kind === 'SearchHit' ? h('mark', { class: 'search-hit' }) : null));
  }
  hits = [...article.querySelectorAll('mark.search-hit')];
  const target = params.get('p');
  bar = h('div', { class: 'hit-bar', role: 'region', 'aria-label': 'Search hits in this document' },
    h('span', { class: 'hit-count' }, hits.length ? plural(hits.length, 'hit') : 'No hits in this document'),
    h('button', { type: 'button', 'aria-keyshortcuts': 'Shift+N', on: { click: () => step(-1) }, disabled: !hits.length }, '↑ Previous'),
    h('button', { type: 'button', 'aria-keyshortcuts': 'N', on: { click: () => step(1) }, disabled: !hits.length }, '↓ Next'),
    h('a', { href: href({ q }) }, 'Back to results'),
    h('a', { href: href({ doc: id, p: target }), 'aria-label': 'Stop highlighting' }, '×'));
  article.append(bar);
  // Start at the first hit of the opened paragraph (no scroll: the reader did).
  const first = hits.findIndex((m) => m.closest(`#p-${target}`));
  if (first >= 0) {
    current = first;
    hits[first].dataset.current = 'yes';
    bar.querySelector('.hit-count').textContent = `Hit ${first + 1} of ${hits.length}`;
  }
}

// The reader renders into <main>; highlight after it does.
new MutationObserver(() => {
  if (!document.querySelector('#main article.doc')) clearHits();
  highlightOpenDocument();
}).observe(byId('main'), { childList: true });
addEventListener('hashchange', () => {
  const q = currentParams().get('q');
  if (q !== null && input.value !== q && document.activeElement !== input) input.value = q;
});
