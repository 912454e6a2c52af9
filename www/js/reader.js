// Owns: the reader view (`#doc=ID`, `#doc=ID&p=N`, `&q=QUERY` marks a
// search): metadata, then the text with speaker turns, editorial marks,
// lists, tables, footnotes, name mentions, search hits and a link on every
// paragraph, each paragraph drawn ONCE from one `reading` answer (the
// document with its layers). `&p=N` scrolls to paragraph N and highlights it.
import { h, tagOf, announce } from './dom.js';
import { ask } from './engine.js';
import { registerView, href } from './router.js';
import { renderText, layerSpans, layerIndex } from './richtext.js';
import { noteMaps, backLink, attachFootnotes } from './footnotes.js';
import { citeButton, citation } from './cite.js';
import { blockTag, rowChildren, group } from './blocks.js';
import { namesOn } from './names.js';
import { hitBar, dropHitBar } from './hitbar.js';
import { missingNote } from './library.js';

let shown = null; // { doc, target: number|null, q, names }

// Parts other modules put in the document (notes.js: its buttons, the flags
// on noted paragraphs, the "Your notes" list). The reader asks for them on
// every render and places them itself; nothing writes into the article later
// (a part that changes asks the router to `refresh()`). A part is
// `fn(doc, current)` → `{ tools, flags: Map(p → Node), list }` (each
// optional); `current()` is `{doc, p}` at the time it is called.
const parts = [];

/** Adds a part to every document the reader shows (see above). */
export function addReaderPart(fn) {
  parts.push(fn);
}

/** The document on screen and the highlighted paragraph, for other widgets. */
export function shownDocument() {
  return shown ? { doc: shown.doc, p: shown.target } : null;
}

const LINKABLE = /^https?:\/\/[^\s]+$/i;

function value(text) {
  return LINKABLE.test(text.trim())
    ? h('a', { href: text.trim(), rel: 'noopener noreferrer', target: '_blank' }, text.trim())
    : text;
}

function metadata(doc) {
  const rows = [];
  const add = (k, v) => { if (v) rows.push(h('dt', {}, k), h('dd', {}, value(v))); };
  add('Date', doc.date_label || (doc.date && `${doc.date.year}`));
  add('Kind', doc.kind);
  for (const [k, v] of doc.fields) add(k, v);
  add('Document id', doc.id);
  add('Source file', doc.source_file);
  return h('dl', { class: 'meta' }, rows);
}

// Speakers get one of six accent hues, stable per name.
function hue(name) {
  let x = 0;
  for (const c of name) x = (x * 31 + c.codePointAt(0)) >>> 0;
  return String(x % 6);
}

// Source heading levels → h2…h6 under the title's h1, never skipping a level.
function headingLevels(doc) {
  const levels = doc.paragraphs.map((p) => tagOf(p.kind)).filter(([t]) => t === 'Heading').map(([, l]) => l || 1);
  const top = Math.min(...levels);
  let prev = 1;
  return levels.map((l) => (prev = Math.min(6, 2 + l - top, prev + 1)));
}

function paragraph(doc, para, i, maps, level, layers) {
  const [tag, value] = tagOf(para.kind);
  const anchor = h('a', { class: 'p-anchor', href: href({ doc: doc.id, p: i }), 'aria-label': `Link to paragraph ${i}` }, `¶${i}`);
  const data = { p: String(i), kind: tag.toLowerCase() };
  const el = blockTag(para);
  const spans = layerSpans(para, i, layers);
  if (el === 'tr') return h('tr', { class: 'para', id: `p-${i}`, tabindex: '-1', dataset: data }, rowChildren(para, anchor, spans));
  const text = renderText(para.text, spans);
  let body;
  if (tag === 'Heading') {
    body = h(`h${level}`, { class: 'p-text' }, text);
  } else {
    // A note shows its number (CSS, from data-n): editions' notes do not repeat it in their text.
    body = h('p', { class: 'p-text', dataset: tag === 'Footnote' ? { n: String(value) } : {} }, text);
  }
  if (tag === 'Item') {
    data.depth = String(value || 1);
    // A label at the start ("(a)", "3.") is the item's marker: no bullet.
    if (para.spans.some((s) => s.kind === 'Label' && s.start === 0)) data.labelled = 'yes';
  }
  const extras = [];
  if (para.speaker) {
    data.speaker = para.speaker.name;
    data.mode = para.speaker.mode.toLowerCase();
    data.hue = hue(para.speaker.name);
    if (para.speaker.mode === 'Reported') {
      extras.push(h('span', { class: 'turn-label' }, para.speaker.name, h('span', { class: 'turn-mode' }, ' · reported speech')));
    }
  }
  if (tag === 'Footnote') {
    data.note = String(value);
    extras.push(backLink(doc, value, maps));
  }
  if (tag === 'Gap') extras.push(h('span', { class: 'gap-label' }, 'Gap in the source'));
  return h(el, {
    class: `para${para.speaker ? ' turn' : ''}`, id: `p-${i}`, tabindex: '-1', dataset: data,
  }, anchor, h('div', { class: 'p-main' }, extras.filter((x) => x && x.classList.contains('turn-label')), body,
    extras.filter((x) => x && !x.classList.contains('turn-label'))));
}

// A phone shows the text first: the metadata block starts closed there.
const WIDE = '(min-width: 48rem)';

function render(state) {
  const q = state.q && state.q.trim() ? state.q : null;
  const names = namesOn();
  // The one engine question of this view (TextsPending in the folder form:
  // the router waits and renders again).
  const reading = ask((e) => e.reading(state.doc, q, names));
  const { doc } = reading;
  const layers = layerIndex(reading);
  const maps = noteMaps(doc);
  const body = [];
  const notes = [];
  const levels = headingLevels(doc);
  const paras = doc.paragraphs.map((para, i) => {
    const level = tagOf(para.kind)[0] === 'Heading' ? levels.shift() : 0;
    const el = paragraph(doc, para, i, maps, level, layers);
    (tagOf(para.kind)[0] === 'Footnote' ? notes : body).push(el);
    return el;
  });
  const extra = parts.map((part) => part(doc, () => ({ doc, p: shown ? shown.target : null })) || {});
  for (const { flags } of extra) {
    for (const [p, node] of flags || []) {
      const host = paras[p] && (paras[p].querySelector(':scope > .p-main') || paras[p].querySelector('td:last-child'));
      if (host) host.append(node);
    }
  }
  const title = h('h1', { id: 'doc-title', tabindex: '-1' }, doc.title || doc.id);
  const cite = citeButton(() => ({ doc, p: shown ? shown.target : null }));
  const lang = language(doc);
  const text = h('div', { class: 'doc-body', lang }, body.length ? group(body) : h('p', { class: 'empty' }, 'This record has no text.'));
  const notesEl = notes.length ? h('section', { class: 'notes', lang, 'aria-labelledby': 'notes-title' }, h('h2', { id: 'notes-title' }, 'Notes'), notes) : null;
  let bar = null;
  dropHitBar();
  if (reading.search) {
    const marks = [...text.querySelectorAll('mark.search-hit'), ...(notesEl ? notesEl.querySelectorAll('mark.search-hit') : [])];
    bar = hitBar({ doc: doc.id, p: state.p, q }, reading.search, marks);
  }
  const article = h('article', {
    class: 'doc', 'aria-labelledby': 'doc-title',
    dataset: { doc: doc.id, mentions: names ? 'on' : 'off', mentionCount: String(reading.mentions.length), searchHighlighted: q || null },
  },
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#' }, '← Library')),
    bar,
    h('header', { class: 'doc-head' },
      h('p', { class: 'doc-kicker' },
        doc.kind ? h('span', { class: 'kind' }, doc.kind) : null,
        doc.partial ? h('span', { class: 'badge' }, 'Excerpt') : null),
      title,
      doc.partial ? h('p', { class: 'excerpt-note', role: 'note' }, h('strong', {}, 'Excerpt. Missing: '), missingNote(doc.partial)) : null,
      h('div', { class: 'doc-actions' }, cite, h('span', { class: 'cite-scope', id: 'cite-scope' }), extra.map((x) => x.tools)),
      h('p', { class: 'print-only cite-print', id: 'cite-print' }),
      h('details', { class: 'meta-block', open: matchMedia(WIDE).matches }, h('summary', {}, 'About this document'), metadata(doc))),
    text,
    notesEl);
  attachFootnotes(article, doc, maps);
  // One notes section: the document's own notes, then the parts' lists.
  (notesEl || article).append(...extra.map((x) => x.list).filter(Boolean));
  shown = { doc, target: null, q, names, article };
  document.title = `${doc.title || doc.id} — Docent`;
  return article;
}

// The language of the text when a record says it (a `Language` field with a
// code such as "fr"), so screen readers and hyphenation use the right one.
function language(doc) {
  const field = doc.fields.find(([k]) => k.toLowerCase() === 'language');
  const code = field && field[1].trim();
  return code && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(code) ? code : null;
}

/** Where focus and scroll go: the target paragraph, else the title. */
function focus(state, ctx) {
  if (!shown) return null;
  const p = target(state, shown.doc);
  mark(p);
  scope();
  if (p !== null) {
    const el = shown.article.querySelector(`#p-${p}`);
    announce(`Paragraph ${p}`);
    // A re-render for a setting (Names) keeps the reader where they were.
    if (ctx.same && ctx.previous && ctx.previous.p === state.p && ctx.previous.doc === state.doc) return { scroll: 'keep' };
    return { focus: el, scroll: el };
  }
  if (ctx.same && ctx.previous && ctx.previous.doc === state.doc) return null; // keep focus key and scroll
  announce(`Opened ${shown.doc.title || shown.doc.id}`);
  return { focus: ctx.initial ? null : shown.article.querySelector('#doc-title'), scroll: 'top' };
}

function target(state, doc) {
  const raw = state.p;
  if (raw === undefined || !/^\d+$/.test(raw)) return null;
  const p = Number(raw);
  return p < doc.paragraphs.length ? p : null;
}

// What the Cite button cites (and the citation printed with the page).
function scope() {
  const el = document.getElementById('cite-scope');
  if (el) el.textContent = shown && shown.target !== null ? `cites paragraph ${shown.target}` : 'cites the whole document';
  const printed = document.getElementById('cite-print');
  if (printed && shown) printed.textContent = `Cite as: ${citation(shown.doc, shown.target)}`;
}

/** Marks paragraph `p` (or none) as the target. */
function mark(p) {
  for (const el of shown.article.querySelectorAll('.para[data-target]')) delete el.dataset.target;
  shown.target = p;
  if (p !== null) {
    const el = shown.article.querySelector(`#p-${p}`);
    if (el) el.dataset.target = 'yes';
  }
}

/** Same document, query and names: only the target paragraph changes (in place). */
function update(state) {
  if (!shown || !shown.article.isConnected || state.doc !== shown.doc.id) return false;
  const q = state.q && state.q.trim() ? state.q : null;
  return q === shown.q && namesOn() === shown.names && !q;
}

registerView({
  name: 'reader',
  priority: 100,
  matches: (state) => 'doc' in state,
  render,
  update,
  focus,
  leave: () => { shown = null; dropHitBar(); },
});
