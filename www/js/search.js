// Owns: the search box in the header (first in tab order; `/` focuses it,
// ArrowDown goes to the first result) and the results view (`#q=QUERY`,
// `&order=date`): counts, "showing results for", "did you mean", filter and
// OR chips drawn from the query as the engine understood it (`parsed`: no
// second grammar here), the query syntax, and the hits grouped by document
// (a roving list: ArrowUp/ArrowDown move between hits, Tab leaves it).
// Hits inside an opened document are the reader's (reader.js, hitbar.js).
import { h, announce, plural } from './dom.js';
import { ask } from './engine.js';
import { registerView, href, navigate, currentState, onRoute } from './router.js';
import { addHeaderTool, errorBox } from './shell.js';
import { concordanceLink } from './kwic.js';

const LIMIT = 60;

// ---- the box ----
const input = h('input', {
  id: 'search-q', type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false',
  placeholder: 'Search the papers  ( / )', 'aria-label': 'Search the papers', 'aria-keyshortcuts': '/ ArrowDown',
});
const form = h('form', { class: 'search-box', role: 'search', on: { submit: (ev) => { ev.preventDefault(); go(input.value, false); } } }, input);
addHeaderTool(form, { first: true });

let seq = 0; // request id: the latest keystroke wins
input.addEventListener('input', () => {
  const id = ++seq;
  requestAnimationFrame(() => {
    if (id !== seq) return; // a newer keystroke came meanwhile
    // One history entry per search typed: the first keystroke adds it, the
    // rest replace it, even before its hashchange has drawn the view (the
    // fragment is set at once, the view a task later).
    const searching = document.body.dataset.view === 'search' || new URLSearchParams(location.hash.slice(1)).has('q');
    go(input.value, searching);
  });
});
input.addEventListener('keydown', (ev) => {
  if (ev.key !== 'ArrowDown') return;
  const first = document.querySelector('#main .result-hit');
  if (first) { ev.preventDefault(); first.focus(); }
});

function go(q, replaceEntry) {
  const { order } = currentState();
  if (q.trim() === '') navigate({}, { replace: replaceEntry });
  else navigate({ q, order: order === 'date' ? 'date' : null }, { replace: replaceEntry });
}

addEventListener('keydown', (ev) => {
  const typing = ev.target instanceof HTMLElement && (ev.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName));
  if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.key === '/') {
    ev.preventDefault();
    input.focus();
    input.select();
  }
});

// The box shows the query of the state (back/forward, a link), unless typing.
onRoute((view, state) => {
  const q = state.q || '';
  if (view !== 'waiting' && input.value !== q && document.activeElement !== input) input.value = q;
});

// ---- the results view ----
function fragmentNodes(snippet) {
  return snippet.map((f) => (f.mark ? h('mark', {}, f.text) : f.text));
}

const FILTER_KINDS = new Set(['speaker', 'doc', 'kind', 'year']);

/** The query without one piece as written (a chip's ×). */
function without(q, text) {
  const at = q.indexOf(text);
  return at < 0 ? q : `${q.slice(0, at)} ${q.slice(at + text.length)}`.replace(/\s+/g, ' ').trim();
}

/** An OR group's label: its alternatives as written, each on its own, "or" between. */
function eitherLabel(p) {
  return p.alternatives.flatMap((a, i) => [i ? h('span', { class: 'chip-or' }, ' or ') : null, h('span', { class: 'chip-alt' }, a.text)]);
}

// Filters, exclusions and OR groups of the query as chips (an OR group shows
// its alternatives, as the engine understood them); removing one edits the query.
function chips(state, result) {
  const q = state.q;
  const active = result.parsed.filter((p) => FILTER_KINDS.has(p.what) || p.negated || p.what === 'or');
  const out = active.map((p) => h('button', {
    type: 'button', class: 'chip', dataset: { active: 'yes', what: p.what, key: `chip:${p.text}` },
    'aria-label': p.what === 'or' ? `Remove either of ${p.text}` : `Remove filter ${p.text}`,
    on: { click: () => go(without(q, p.text), false) },
  }, p.what === 'or' ? eitherLabel(p) : p.text, h('span', { 'aria-hidden': 'true' }, ' ×')));
  // Suggested filters: the speakers and years of the hits shown.
  const speakers = new Map();
  const years = new Map();
  for (const hit of result.hits) {
    if (hit.speaker) speakers.set(hit.speaker, (speakers.get(hit.speaker) || 0) + 1);
    if (hit.date) years.set(hit.date.slice(0, 4), (years.get(hit.date.slice(0, 4)) || 0) + 1);
  }
  const have = new Set(active.map((p) => `${p.what}:${p.value}`));
  const suggest = (filter, key, n) => (have.has(key) ? null : h('button', {
    type: 'button', class: 'chip', dataset: { active: 'no', key: `chip:${filter}` }, 'aria-label': `Add filter ${filter} (${n} shown)`,
    on: { click: () => go(`${q.trim()} ${filter}`, false) },
  }, filter));
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 4);
  for (const [name, n] of top(speakers)) {
    out.push(suggest(/\s/.test(name) ? `speaker:"${name}"` : `speaker:${name}`, `speaker:${name.toLowerCase()}`, n));
  }
  if (years.size > 1) for (const [y, n] of top(years)) out.push(suggest(y, `year:${y}`, n));
  const shown = out.filter(Boolean);
  return shown.length ? h('div', { class: 'chips', role: 'group', 'aria-label': 'Filters' }, shown) : null;
}

const SYNTAX = [
  ['kruschev okinawa', 'every word, in any order; typos forgiven'],
  ['"Habomai and Shikotan"', 'the exact phrase'],
  ['Habomai OR Shikotan', 'either word or phrase (OR in capitals); treaty Habomai OR Shikotan: treaty and either island'],
  ['speaker:Khrushchev', 'what one speaker said (speaker:"From the floor")'],
  ['doc:1956-10-17', 'in documents whose id starts so'],
  ['kind:memorandum', 'in one kind of document (kind:footnote for notes)'],
  ['1956  1955..1956', 'documents dated in a year or a range (undated ones left out)'],
  ['-Okinawa', 'leave out paragraphs with this word'],
];

/** The query language, as a disclosure (open when nothing was found). */
function syntax(open) {
  return h('details', { class: 'search-syntax', open },
    h('summary', { dataset: { key: 'syntax' } }, 'How to search'),
    h('dl', {}, SYNTAX.map(([code, what]) => [h('dt', {}, h('code', {}, code)), h('dd', {}, what)])),
    h('p', {}, 'Every word must match, unless joined by OR; a lower-case “or” is searched as a word.'));
}

/** Ways on when nothing matched: the correction, each word alone, the syntax. */
function noResults(result) {
  const words = result.parsed.flatMap((p) => (p.what === 'or' ? p.alternatives : [p])).filter((p) => p.what === 'word' && !p.negated);
  const filters = result.parsed.filter((p) => FILTER_KINDS.has(p.what));
  const tries = [];
  if (result.did_you_mean) tries.push(h('a', { href: href({ q: result.did_you_mean }) }, result.did_you_mean));
  if (words.length > 1) for (const w of words) tries.push(h('a', { href: href({ q: w.text }) }, w.text));
  if (filters.length) tries.push(h('a', { href: href({ q: words.map((w) => w.text).join(' ') || result.query }) }, 'without the filters'));
  // Always a way on: the names the collection knows, and the documents.
  tries.push(h('a', { href: href({ entities: 'all' }) }, 'the index of names'), h('a', { href: '#' }, 'the library'));
  return h('p', { class: 'search-tries' }, 'Try: ', tries.flatMap((t, i) => (i ? [' · ', t] : [t])));
}

/** A hit's snippet with its speaker once (the text may start with the speaker's label). */
function hitText(x) {
  const first = x.snippet[0] && x.snippet[0].text;
  const labelled = x.speaker && first && first.trimStart().startsWith(x.speaker);
  return [labelled || !x.speaker ? null : h('span', { class: 'result-speaker' }, `${x.speaker}: `), fragmentNodes(x.snippet)];
}

function byDate(docs, hitsOf) {
  const date = (d) => (hitsOf(d)[0] && hitsOf(d)[0].date) || '9999';
  return [...docs].sort((a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0));
}

function results(state) {
  const q = state.q;
  let result;
  try {
    result = ask((e) => e.search(q, LIMIT));
  } catch (err) {
    if (err && err.loaded) throw err; // texts loading: the router waits
    return [errorBox('The search failed', err)];
  }
  const nodes = [];
  const count = result.total === 0
    ? `No paragraph matches “${q.trim()}”`
    : `${plural(result.total, 'paragraph')} in ${plural(result.docs.length, 'document')}`;
  nodes.push(h('h1', { id: 'search-title', class: 'search-count', tabindex: '-1', dataset: { total: String(result.total) } }, count));
  // The other views of these results come first, before the filters: a
  // keyboard user reaches them in one Tab from the count.
  if (result.total > 0) nodes.push(h('p', { class: 'kwic-entry' }, concordanceLink(q), ': every occurrence in its context'));
  if (result.total) nodes.push(h('p', { class: 'who-said-what' }, h('a', { href: href({ grid: `query:${q}` }) }, 'Who said what, and when')));
  announce(result.total === 0 ? 'No results' : plural(result.total, 'result'));
  if (result.showing_for) {
    nodes.push(h('p', { class: 'showing-for', role: 'note' }, 'Showing results for ',
      h('strong', {}, result.showing_for), '. Search instead for ',
      h('a', { href: href({ q: `"${q.trim()}"` }) }, `“${q.trim()}”`), ' exactly.'));
  }
  for (const n of result.notices || []) nodes.push(h('p', { class: 'search-notice', role: 'note' }, n));
  if (result.did_you_mean) {
    nodes.push(h('p', { class: 'did-you-mean' }, 'Did you mean ',
      h('a', { href: href({ q: result.did_you_mean }), dataset: { suggestion: result.did_you_mean } }, result.did_you_mean), '?'));
  }
  if (result.total === 0) nodes.push(noResults(result));
  nodes.push(chips(state, result));
  const hitsOf = (d) => result.hits.filter((x) => x.doc === d.doc);
  if (result.total > 0) {
    const order = state.order === 'date' ? 'date' : 'best';
    nodes.push(h('p', { class: 'search-order' }, 'Order: ',
      h('a', { href: href({ q, order: null }), 'aria-current': order === 'best' ? 'true' : null, dataset: { key: 'order-best' } }, 'best first'), ' · ',
      h('a', { href: href({ q, order: 'date' }), 'aria-current': order === 'date' ? 'true' : null, dataset: { key: 'order-date' } }, 'by date')));
  }
  const docs = state.order === 'date' ? byDate(result.docs, hitsOf) : result.docs;
  const list = [];
  for (const d of docs) {
    const docHits = hitsOf(d);
    if (!docHits.length) continue;
    const first = docHits[0];
    list.push(h('li', { class: 'result-doc', dataset: { doc: d.doc } },
      h('h2', {}, h('a', { href: href({ doc: d.doc, p: first.paragraph, q }), tabindex: '-1' }, d.title || d.doc)),
      h('p', { class: 'result-meta' }, [first.date || 'undated', plural(d.hits, 'matching paragraph')].join(' · ')),
      h('ol', { class: 'result-hits' }, docHits.map((x) => h('li', { dataset: { p: String(x.paragraph) } },
        h('a', { class: 'result-hit', href: href({ doc: x.doc, p: x.paragraph, q }), tabindex: '-1', dataset: { key: `hit:${x.doc}:${x.paragraph}` } },
          hitText(x)))))));
  }
  if (list.length) {
    const hits = list.flatMap((li) => [...li.querySelectorAll('.result-hit')]);
    hits[0].tabIndex = 0; // roving: one Tab stop for the whole list
    nodes.push(h('ol', { class: 'result-docs', 'aria-label': 'Results (arrow keys move between them)', on: { keydown: (ev) => rove(ev, hits) } }, list));
  }
  const hidden = result.total - result.hits.length;
  if (hidden > 0) nodes.push(h('p', { class: 'search-more' }, `${plural(hidden, 'more paragraph')} not shown: add words or filters to narrow the search.`));
  nodes.push(syntax(result.total === 0));
  return nodes;
}

/** ArrowUp/ArrowDown/Home/End between the hits; the one focused keeps the Tab stop. */
function rove(ev, hits) {
  const at = hits.indexOf(document.activeElement);
  if (at < 0) return;
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: hits.length - 1 }[ev.key];
  if (next === undefined) return;
  ev.preventDefault();
  if (next < 0) { input.focus(); return; }
  const el = hits[Math.min(next, hits.length - 1)];
  for (const x of hits) x.tabIndex = x === el ? 0 : -1;
  el.focus();
}

registerView({
  name: 'search',
  priority: 50,
  matches: (state) => 'q' in state && !('doc' in state),
  render(state) {
    document.title = `${state.q} — search — Docent`;
    return h('div', { class: 'search-results', dataset: { query: state.q } }, results(state));
  },
  focus(state, ctx) {
    // Typing: focus stays in the box; a new query starts at the top.
    if (document.activeElement === input) return { focus: input, scroll: ctx.previous && ctx.previous.q === state.q ? 'keep' : 'top' };
    // A chip that went away (removed filter): the first chip, else the count.
    if (ctx.same && ctx.focusKey && ctx.focusKey.startsWith('chip:')
      && ![...ctx.main.querySelectorAll('[data-key]')].some((el) => el.dataset.key === ctx.focusKey)) {
      return { focus: ctx.main.querySelector('.chip') || ctx.main.querySelector('#search-title'), scroll: 'keep' };
    }
    return null;
  },
});
