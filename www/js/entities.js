// Owns: the entity panel (card, every mention in context grouped by
// document in date order and filterable by year, co-mentioned entities, a
// small timeline) and the index view (#entities: A–Z by kind with counts).
// `#entities=all&entity=ID` is the index with that entity's card open, so a
// card is a link. Mentions in the text are drawn by the reader (richtext.js);
// a click on one opens its card here. The Names toggle is names.js.
import { h, announce, plural } from './dom.js';
import { engine, ask } from './engine.js';
import { registerView, href } from './router.js';
import { openPanel, closePanel, errorBox } from './shell.js';

const KINDS = ['person', 'place', 'organization', 'document', 'event', 'concept', 'object'];
const KIND_LABEL = {
  person: 'People', place: 'Places', organization: 'Organizations', document: 'Documents and treaties',
  event: 'Events', concept: 'Concepts', object: 'Objects',
};

// Clicks on mentions anywhere in the page open the panel (one listener).
document.addEventListener('click', (ev) => {
  const button = ev.target.closest && ev.target.closest('button.mention');
  if (!button) return;
  const ids = button.dataset.entity.split(' ').filter(Boolean);
  if (ids.length === 1) showEntity(ids[0]);
  else showChoice(ids, button.textContent);
});

// ---- the entity panel ------------------------------------------------------

function dates(d) {
  return d ? d.replace('/', ' – ') : null;
}

function kindBadge(kind) {
  return h('span', { class: 'entity-kind', dataset: { kind } }, kind);
}

function names(title, list) {
  if (!list || !list.length) return null;
  return [h('dt', {}, title), h('dd', {}, list.join(' · '))];
}

function entityButton(e, extra) {
  return h('button', {
    type: 'button', class: 'entity-link', dataset: { kind: e.kind, entity: e.id },
    on: { click: () => showEntity(e.id) },
  }, e.name, extra ? h('span', { class: 'entity-count' }, extra) : null);
}

// In the index a name is a link: its card has an address (back/forward, share).
function entityLink(e, extra) {
  return h('a', {
    class: 'entity-link', href: href({ entities: 'all', entity: e.id }), dataset: { kind: e.kind, entity: e.id, key: `entity:${e.id}` },
  }, e.name, extra ? h('span', { class: 'entity-count' }, extra) : null);
}

function timeline(r) {
  if (!r.timeline.length) return null;
  const max = Math.max(...r.timeline.map((t) => t.count));
  return h('section', { class: 'entity-timeline', 'aria-labelledby': 'entity-timeline-title' },
    h('h3', { id: 'entity-timeline-title' }, 'Timeline'),
    h('ol', {}, r.timeline.map((t) => {
      const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
      bar.style.width = `${Math.max(4, Math.round((100 * t.count) / max))}%`;
      return h('li', {},
        h('span', { class: 'when' }, t.date || 'undated'),
        h('a', { href: href({ doc: t.doc }), class: 'what', title: t.title }, t.title || t.doc),
        h('span', { class: 'track' }, bar),
        h('span', { class: 'n' }, String(t.count)));
    })));
}

function mentionItem(m) {
  const flags = [];
  if (m.variant) flags.push(h('span', { class: 'flag', dataset: { flag: 'variant' } }, 'variant spelling'));
  if (m.candidates.length) flags.push(h('span', { class: 'flag', dataset: { flag: 'ambiguous' } }, `ambiguous: ${m.candidates.join(' or ')}`));
  if (m.by_context) flags.push(h('span', { class: 'flag', dataset: { flag: 'context' } }, 'resolved by context'));
  return h('li', { class: 'entity-mention' },
    h('a', { href: href({ doc: m.doc, p: m.paragraph }), 'aria-label': `Paragraph ${m.paragraph}: ${m.before}${m.text}${m.after}` },
      h('span', { class: 'p-num' }, `¶${m.paragraph}`), ' ',
      m.before, h('mark', {}, m.text), m.after),
    flags.length ? h('span', { class: 'flags' }, flags) : null);
}

// Mentions per document shown at first: a long list is a page of documents
// with "show all" per document, not one 10,000 px column.
const FIRST = 3;

function mentionGroups(r) {
  const groups = [];
  for (const m of r.mentions) {
    const last = groups[groups.length - 1];
    if (last && last.doc === m.doc) last.items.push(m);
    else groups.push({ doc: m.doc, title: m.doc_title, date: m.date, items: [m] });
  }
  const year = (g) => (g.date ? g.date.slice(0, 4) : 'undated');
  const years = [...new Set(groups.map(year))];
  const docs = groups.map((g) => {
    const rest = g.items.slice(FIRST);
    const more = rest.length ? h('details', { class: 'entity-more' },
      h('summary', {}, `${plural(rest.length, 'more mention')} in this document`),
      h('ol', { start: String(FIRST + 1) }, rest.map(mentionItem))) : null;
    return h('div', { class: 'entity-doc', dataset: { doc: g.doc, year: year(g) } },
      h('h4', {}, h('a', { href: href({ doc: g.doc }) }, g.title || g.doc), ' ', h('span', { class: 'when' }, g.date || 'undated'),
        ' ', h('span', { class: 'entity-doc-count' }, `(${g.items.length})`)),
      h('ol', {}, g.items.slice(0, FIRST).map(mentionItem)), more);
  });
  const filter = years.length > 1 ? h('label', { class: 'entity-year' }, 'Year ',
    h('select', { on: { change: (ev) => {
      for (const d of docs) d.hidden = ev.target.value !== '' && d.dataset.year !== ev.target.value;
    } } }, h('option', { value: '' }, 'all'), years.map((y) => h('option', { value: y }, y)))) : null;
  return h('section', { class: 'entity-mentions', 'aria-labelledby': 'entity-mentions-title' },
    h('h3', { id: 'entity-mentions-title' }, `${plural(r.count, 'mention')} in ${plural(groups.length, 'document')}`),
    filter, docs);
}

/** Opens the panel on one entity (by id or any name). */
export function showEntity(name) {
  let r;
  try {
    r = ask((e) => e.entity(name));
  } catch (err) {
    openPanel('Entity', errorBox('This entity could not be shown', err, () => showEntity(name)));
    return;
  }
  if (r.error) {
    showChoice(r.candidates.map((c) => c.id), r.query, r.error === 'not found' ? 'No entity has this name. The closest:' : null);
    return;
  }
  const found = r.registered === false;
  const card = h('div', { class: 'entity-card', dataset: { entity: r.id, kind: r.kind, registered: found ? 'no' : 'yes' } },
    h('p', { class: 'entity-head' }, kindBadge(r.kind), dates(r.dates) ? h('span', { class: 'entity-dates' }, dates(r.dates)) : null),
    found ? h('p', { class: 'entity-found' }, `Found in the text — not in the register (${r.kind}, as guessed)`) : null,
    h('p', { class: 'entity-description' }, r.description),
    h('p', { class: 'who-said-what' }, h('a', { href: href({ grid: `entity:${r.id}` }) }, 'Who said what, and when')),
    h('dl', { class: 'entity-names' },
      names('Also', r.aliases),
      names('Variant spellings in the sources', r.variants),
      names('Shared with other entities', r.ambiguous),
      r.note ? [h('dt', {}, 'Note'), h('dd', {}, r.note)] : null,
      r.wikidata ? [h('dt', {}, 'Wikidata'), h('dd', {}, h('a', { href: `https://www.wikidata.org/wiki/${r.wikidata}`, rel: 'noopener noreferrer', target: '_blank' }, r.wikidata))] : null));
  const co = r.co_mentioned.length
    ? h('section', { class: 'entity-co', 'aria-labelledby': 'entity-co-title' },
      h('h3', { id: 'entity-co-title' }, 'Named in the same paragraphs'),
      h('ul', {}, r.co_mentioned.map((c) => h('li', {}, entityButton(c, String(c.paragraphs))))))
    : null;
  const panel = openPanel(r.name, card, timeline(r), co, mentionGroups(r),
    h('p', { class: 'entity-all' }, h('a', { href: href({ entities: 'all' }) }, 'All names A–Z')));
  panel.dataset.entity = r.id;
  announce(`${r.name}: ${plural(r.count, 'mention')}`);
}

/** A panel listing candidate entities (an ambiguous name, or no match). */
function showChoice(ids, text, intro) {
  const all = summaries();
  const rows = ids.map((id) => all.find((e) => e.id === id)).filter(Boolean);
  const panel = openPanel(`“${text}”`,
    h('p', {}, intro || 'This name may refer to:'),
    h('ul', { class: 'entity-choices' }, rows.map((e) => h('li', {}, entityButton(e), ' — ', e.description))));
  panel.dataset.entity = '';
}

// ---- the index view --------------------------------------------------------

let cached = null;
function summaries() {
  if (!cached) cached = engine().entities();
  return cached;
}

function renderIndex() {
  let rows;
  try {
    rows = summaries();
  } catch (err) {
    return errorBox('The index of names could not be shown', err);
  }
  const byKind = KINDS.map((k) => [k, rows.filter((r) => r.kind === k)]).filter(([, list]) => list.length);
  const nav = h('nav', { class: 'entity-kinds', 'aria-label': 'Kinds' },
    h('ul', {}, byKind.map(([k, list]) => h('li', {}, h('a', { href: `#kind-${k}`, on: { click: (ev) => { ev.preventDefault(); document.getElementById(`kind-${k}`).scrollIntoView(); } } }, `${KIND_LABEL[k]} (${list.length})`)))));
  const sections = byKind.map(([k, list]) => h('section', { class: 'entity-index-kind', id: `kind-${k}`, dataset: { kind: k }, 'aria-labelledby': `kind-${k}-title` },
    h('h2', { id: `kind-${k}-title` }, KIND_LABEL[k]),
    h('ul', { class: 'entity-index-list' }, list.map((e) => h('li', { dataset: { entity: e.id, count: String(e.count), sort: e.sort, registered: e.registered === false ? 'no' : 'yes' } },
      entityLink(e, plural(e.count, 'mention')),
      e.registered === false ? h('span', { class: 'entity-found-mark', title: 'found in the text — not in the register' }, ' (found in the text)') : null,
      h('span', { class: 'entity-index-desc' }, e.description))))));
  const total = rows.reduce((n, r) => n + r.count, 0);
  const node = h('article', { class: 'entity-index', 'aria-labelledby': 'entity-index-title' },
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#' }, '← Library')),
    h('h1', { id: 'entity-index-title', tabindex: '-1' }, 'Index of names'),
    h('p', { class: 'entity-index-summary' }, `${plural(rows.length, 'entity', 'entities')}, ${plural(total, 'mention')} in the collection. Select a name to see every passage that mentions it.`),
    nav, sections);
  document.title = 'Index of names — Docent';
  announce(`Index of names: ${plural(rows.length, 'entity', 'entities')}`);
  return node;
}

registerView({
  name: 'entities',
  priority: 40,
  matches: (state) => !('doc' in state) && ('entities' in state || 'entity' in state),
  render: renderIndex,
  // Same index, another card (or none): the index stays as it is.
  update: () => Boolean(document.querySelector('#main .entity-index')),
  focus(state, ctx) {
    if (state.entity) {
      if (!ctx.previous || ctx.previous.entity !== state.entity || !ctx.same) showEntity(state.entity);
      return { focus: document.getElementById('panel-title'), scroll: 'keep' };
    }
    if (ctx.same && ctx.previous && ctx.previous.entity) closePanel();
    return null;
  },
});
