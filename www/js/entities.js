// Entities: mentions highlighted in the reader (coloured by kind, a header
// toggle turns them off), the entity panel (card, every mention in context
// grouped by document in date order, co-mentioned entities, a small
// timeline), and the index view (#entities: A–Z by kind with counts).
// `#entity=ID` opens the index with that entity's panel.
import { h, replace, announce, plural } from './dom.js';
import { engine } from './engine.js';
import { registerView, href } from './router.js';
import { addHeaderTool, openPanel, errorBox } from './shell.js';
import { renderText } from './richtext.js';
import { shownDocument } from './reader.js';

const KINDS = ['person', 'place', 'organization', 'document', 'event', 'concept', 'object'];
const KIND_LABEL = {
  person: 'People', place: 'Places', organization: 'Organizations', document: 'Documents and treaties',
  event: 'Events', concept: 'Concepts', object: 'Objects',
};

// ---- the toggle ------------------------------------------------------------

function stored() {
  try { return localStorage.getItem('docent.entities') !== 'off'; } catch { return true; }
}
// The saved choice is read once the collection is ready, not at start: the
// first localStorage access of a page costs milliseconds the library should
// not wait for, and names are only highlighted in documents.
let highlighting = true;
let restored = false;
document.body.dataset.entities = 'on';
function restore() {
  if (restored) return;
  restored = true;
  highlighting = stored();
  toggle.setAttribute('aria-pressed', String(highlighting));
  document.body.dataset.entities = highlighting ? 'on' : 'off';
}
addEventListener('docent:ready', restore);

const toggle = h('button', {
  type: 'button', class: 'entity-toggle', 'aria-pressed': String(highlighting),
  title: 'Highlight the people, places, organizations and documents named in the text',
  on: { click: () => setHighlighting(!highlighting) },
}, 'Names');
const indexLink = h('a', { class: 'entity-index-link', href: href({ entities: 'all' }) }, 'Index of names');
addHeaderTool(h('div', { class: 'entity-tools' }, toggle, indexLink));

function setHighlighting(on) {
  restored = true;
  highlighting = on;
  toggle.setAttribute('aria-pressed', String(on));
  document.body.dataset.entities = on ? 'on' : 'off';
  try { localStorage.setItem('docent.entities', on ? 'on' : 'off'); } catch { /* file:// without storage */ }
  const article = document.querySelector('#main article.doc');
  if (article) decorate(article, true);
  announce(on ? 'Names highlighted' : 'Name highlighting off');
}

// ---- mentions in the reader ------------------------------------------------

let seq = 0;

/** (Re)renders the paragraphs of the reader's article with or without mentions. */
function decorate(article, force = false) {
  restore();
  const shown = shownDocument();
  if (!shown || shown.doc.id !== article.dataset.doc) return;
  const want = highlighting ? 'on' : 'off';
  if (!force && (article.dataset.mentions === want || (!article.dataset.mentions && want === 'off'))) return;
  const id = ++seq;
  let rows = [];
  if (highlighting) {
    try {
      rows = engine().mentions(shown.doc.id);
    } catch (err) {
      article.dataset.mentions = 'error';
      return;
    }
  }
  if (id !== seq) return;
  const byPara = new Map();
  for (const m of rows) {
    if (!byPara.has(m.paragraph)) byPara.set(m.paragraph, []);
    byPara.get(m.paragraph).push(m);
  }
  for (const el of article.querySelectorAll('.para[data-p]')) {
    const p = Number(el.dataset.p);
    const para = shown.doc.paragraphs[p];
    const target = el.querySelector('.p-text');
    if (!para || !target) continue;
    const ms = byPara.get(p) || [];
    if (!ms.length && !target.querySelector('.mention')) continue;
    const extra = ms.map((m) => ({ start: m.start, end: m.end, kind: 'Mention', m }));
    target.replaceChildren(renderText(para.text, [...para.spans, ...extra], (s) => (s.kind === 'Mention' ? mentionEl(s.m) : null)));
  }
  article.dataset.mentions = want;
  article.dataset.mentionCount = String(rows.length);
}

function mentionEl(m) {
  const label = m.ambiguous ? `${m.name} (ambiguous)` : `${m.name}, ${m.kind}`;
  return h('button', {
    type: 'button',
    class: 'mention',
    title: m.variant ? `${label}; variant spelling` : label,
    dataset: {
      kind: m.kind, entity: m.ids.join(' '), variant: m.variant ? 'yes' : 'no',
      ambiguous: m.ambiguous ? 'yes' : 'no',
    },
  });
}

// Clicks on mentions anywhere in the page open the panel (one listener).
document.addEventListener('click', (ev) => {
  const button = ev.target.closest && ev.target.closest('button.mention');
  if (!button) return;
  const ids = button.dataset.entity.split(' ').filter(Boolean);
  if (ids.length === 1) showEntity(ids[0]);
  else showChoice(ids, button.textContent);
});

// Decorate each article the reader puts into <main>.
const main = document.getElementById('main');
new MutationObserver(() => {
  const article = main.querySelector('article.doc');
  if (article && !article.dataset.mentions) decorate(article, true);
}).observe(main, { childList: true });

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

function mentionGroups(r) {
  const groups = [];
  for (const m of r.mentions) {
    const last = groups[groups.length - 1];
    if (last && last.doc === m.doc) last.items.push(m);
    else groups.push({ doc: m.doc, title: m.doc_title, date: m.date, items: [m] });
  }
  return h('section', { class: 'entity-mentions', 'aria-labelledby': 'entity-mentions-title' },
    h('h3', { id: 'entity-mentions-title' }, plural(r.count, 'mention')),
    groups.map((g) => h('div', { class: 'entity-doc', dataset: { doc: g.doc } },
      h('h4', {}, h('a', { href: href({ doc: g.doc }) }, g.title || g.doc), ' ', h('span', { class: 'when' }, g.date || 'undated')),
      h('ol', {}, g.items.map(mentionItem)))));
}

/** Opens the panel on one entity (by id or any name). */
export function showEntity(name) {
  let r;
  try {
    r = engine().entity(name);
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

function renderIndex(params, mainEl) {
  let rows;
  try {
    rows = summaries();
  } catch (err) {
    replace(mainEl, errorBox('The index of names could not be shown', err));
    return;
  }
  const byKind = KINDS.map((k) => [k, rows.filter((r) => r.kind === k)]).filter(([, list]) => list.length);
  const nav = h('nav', { class: 'entity-kinds', 'aria-label': 'Kinds' },
    h('ul', {}, byKind.map(([k, list]) => h('li', {}, h('a', { href: `#kind-${k}`, on: { click: (ev) => { ev.preventDefault(); document.getElementById(`kind-${k}`).scrollIntoView(); } } }, `${KIND_LABEL[k]} (${list.length})`)))));
  const sections = byKind.map(([k, list]) => h('section', { class: 'entity-index-kind', id: `kind-${k}`, dataset: { kind: k }, 'aria-labelledby': `kind-${k}-title` },
    h('h2', { id: `kind-${k}-title` }, KIND_LABEL[k]),
    h('ul', { class: 'entity-index-list' }, list.map((e) => h('li', { dataset: { entity: e.id, count: String(e.count), sort: e.sort, registered: e.registered === false ? 'no' : 'yes' } },
      entityButton(e, plural(e.count, 'mention')),
      e.registered === false ? h('span', { class: 'entity-found-mark', title: 'found in the text — not in the register' }, ' (found in the text)') : null,
      h('span', { class: 'entity-index-desc' }, e.description))))));
  const total = rows.reduce((n, r) => n + r.count, 0);
  replace(mainEl, h('article', { class: 'entity-index', 'aria-labelledby': 'entity-index-title' },
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#' }, '← Library')),
    h('h1', { id: 'entity-index-title', tabindex: '-1' }, 'Index of names'),
    h('p', { class: 'entity-index-summary' }, `${plural(rows.length, 'entity', 'entities')}, ${plural(total, 'mention')} in the collection. Select a name to see every passage that mentions it.`),
    nav, sections));
  document.title = 'Index of names — Docent';
  announce(`Index of names: ${plural(rows.length, 'entity', 'entities')}`);
  const wanted = params.get('entity');
  if (wanted) showEntity(wanted);
  else document.getElementById('entity-index-title').focus();
}

registerView({
  name: 'entities',
  priority: 40,
  matches: (params) => !params.has('doc') && (params.has('entities') || params.has('entity')),
  render: renderIndex,
  update(params) {
    if (!document.querySelector('#main .entity-index')) return false;
    const wanted = params.get('entity');
    if (wanted) showEntity(wanted);
    return true;
  },
});
