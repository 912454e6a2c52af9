// The concordance (KWIC) view, `#kwic=QUERY` (and `&sort=left|right|date|doc|speaker`):
// every occurrence of the query on one line, left context right-aligned, the
// match centred in a <mark>, right context left-aligned; each line one link to
// its paragraph. Sort buttons (aria-pressed) re-sort in place, keeping focus;
// the count sits in a live region; "Export CSV" downloads the lines shown.
// Long concordances are drawn in chunks so the first lines show at once.
import { h, plural } from './dom.js';
import { ask, TextsPending } from './engine.js';
import { registerView, href, navigate } from './router.js';
import { errorBox } from './shell.js';
import { libraryRows } from './library.js';
import { download, fileStem } from './download.js';

const LIMIT = 10000; // lines asked of the engine
const FIRST = 200; // lines drawn at once; the rest in chunks of CHUNK per frame
const CHUNK = 400;
const SORTS = [
  ['text', 'Text order'], ['left', 'Left'], ['right', 'Right'],
  ['date', 'Date'], ['doc', 'Document'], ['speaker', 'Speaker'],
];
const CSV_HEADER = ['doc', 'date', 'paragraph', 'speaker', 'left', 'match', 'right'];

/** The plain link to the concordance of `q` (for the search results). */
export function concordanceLink(q) {
  return h('a', { class: 'kwic-link', href: href({ kwic: q }) }, 'Concordance');
}

/** One CSV field, RFC 4180: quoted when it holds a comma, a quote or a line break. */
export function csvField(value) {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The concordance lines as RFC 4180 CSV (CRLF line ends, a header row). */
export function kwicCsv(lines) {
  const rows = [CSV_HEADER, ...lines.map((l) => CSV_HEADER.map((k) => l[k]))];
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function sortOf(st) {
  const s = st.sort || 'text';
  return SORTS.some(([k]) => k === s) ? s : 'text';
}

function titles() {
  try {
    return new Map(libraryRows().map((r) => [r.id, r.title || r.id]));
  } catch {
    return new Map();
  }
}

let state = null; // { q, sort, result, seq, nodes: {list, count, more, buttons} }
let seq = 0; // drawing generation: a newer render or sort stops older chunks

function line(l, names) {
  const source = [l.date || 'undated', l.speaker, names.get(l.doc) || l.doc].filter(Boolean).join(' · ');
  return h('li', { class: 'kwic-line', dataset: { doc: l.doc, p: String(l.paragraph), start: String(l.start) } },
    h('a', { class: 'kwic-row', href: href({ doc: l.doc, p: l.paragraph }) },
      h('span', { class: 'kwic-left' }, h('span', {}, l.left)),
      h('span', { class: 'kwic-match' }, h('mark', {}, l.match)),
      h('span', { class: 'kwic-right' }, l.right),
      h('span', { class: 'kwic-source' }, source)));
}

/** Draws the lines of `state.result` into the list, the first FIRST at once. */
function draw() {
  const gen = ++seq;
  const { list } = state.nodes;
  const lines = state.result.lines;
  const names = titles();
  list.replaceChildren();
  list.dataset.complete = 'no';
  let at = 0;
  const step = (n) => {
    if (gen !== seq || (at > 0 && !list.isConnected)) return;
    const frag = document.createDocumentFragment();
    const end = Math.min(lines.length, at + n);
    for (; at < end; at++) frag.append(line(lines[at], names));
    list.append(frag);
    list.dataset.shown = String(at);
    if (at < lines.length) requestAnimationFrame(() => step(CHUNK));
    else list.dataset.complete = 'yes';
  };
  step(FIRST);
}

function counted(result) {
  const docs = new Set(result.lines.map((l) => l.doc)).size;
  if (result.total === 0) return `No occurrence of “${result.query.trim()}”`;
  const shown = result.lines.length < result.total ? ` (the first ${result.lines.length} shown)` : '';
  return `${plural(result.total, 'occurrence')} in ${plural(docs, 'document')}${shown}`;
}

function query(q, sort) {
  // ask(): in the folder form the texts may have to load first (TextsPending).
  return ask((e) => e.kwic(q, LIMIT, sort));
}

function setSort(sort) {
  navigate({ kwic: state.q, sort: sort === 'text' ? null : sort }, { replace: true });
}

function render(st) {
  const q = st.kwic;
  const sort = sortOf(st);
  document.title = `${q} — concordance — Docent`;
  let result;
  try {
    result = query(q, sort);
  } catch (err) {
    state = null;
    if (err instanceof TextsPending) throw err; // the router waits and asks again
    return errorBox('The concordance failed', err);
  }
  const buttons = SORTS.map(([key, label]) => h('button', {
    type: 'button', class: 'kwic-sort', 'aria-pressed': String(key === sort), dataset: { sort: key },
    on: { click: () => setSort(key) },
  }, label));
  const count = h('p', { class: 'kwic-count', id: 'kwic-count', role: 'status', 'aria-live': 'polite' });
  const list = h('ol', { class: 'kwic-lines', 'aria-labelledby': 'kwic-title', 'aria-describedby': 'kwic-count' });
  const exportButton = h('button', { type: 'button', class: 'button kwic-export', on: { click: exportCsv } }, 'Export CSV');
  state = { q, sort, result, nodes: { list, count, buttons, exportButton } };
  const view = h('section', { class: 'kwic', dataset: { query: q } },
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: href({ q }) }, '← Search results')),
    h('h1', { id: 'kwic-title', tabindex: '-1' }, 'Concordance of ', h('q', {}, q)),
    count,
    (result.notices || []).map((n) => h('p', { class: 'search-notice', role: 'note' }, n)),
    h('div', { class: 'kwic-tools' },
      h('div', { class: 'kwic-sorts', role: 'group', 'aria-label': 'Sort lines by' },
        h('span', { class: 'kwic-sorts-label', 'aria-hidden': 'true' }, 'Sort by'), buttons),
      exportButton),
    list);
  // The lines are drawn once the view is in the page (draw() checks isConnected).
  requestAnimationFrame(() => { if (state && state.nodes.list === list) finish(); });
  return view;
}

// After a render or a re-sort: the count (read by screen readers), the lines.
function finish() {
  const { result, nodes } = state;
  nodes.exportButton.disabled = result.lines.length === 0;
  nodes.list.dataset.total = String(result.total);
  nodes.list.dataset.sort = state.sort;
  draw();
  const label = SORTS.find(([k]) => k === state.sort)[1].toLowerCase();
  const text = counted(result) + (result.total && state.sort !== 'text' ? `, sorted by ${label}` : '');
  // Set after a frame: a live region announces changes, not its first content.
  requestAnimationFrame(() => { nodes.count.textContent = text; });
}

function update(st) {
  if (!state || st.kwic !== state.q) return false;
  const sort = sortOf(st);
  if (sort === state.sort) return true;
  try {
    state.result = query(state.q, sort);
  } catch (err) {
    return false;
  }
  state.sort = sort;
  for (const b of state.nodes.buttons) b.setAttribute('aria-pressed', String(b.dataset.sort === sort));
  // The pressed button keeps focus (the buttons are not redrawn); the count says it.
  state.nodes.count.textContent = '';
  finish();
  return true;
}

function exportCsv() {
  if (!state) return;
  const name = `concordance-${fileStem(state.q, 'query').slice(0, 40)}.csv`;
  download(kwicCsv(state.result.lines), name, 'text/csv;charset=utf-8');
}

registerView({
  name: 'kwic',
  priority: 60,
  matches: (st) => 'kwic' in st && !('doc' in st),
  render,
  update,
  // A re-sort keeps focus on the pressed button; a new concordance starts at its heading.
  focus: (st, ctx) => (ctx.same ? { scroll: 'keep' } : {}),
  leave: () => { state = null; seq++; },
});
