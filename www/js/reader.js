// The reader view (`#doc=ID`, `#doc=ID&p=N`): metadata, then the text with
// speaker turns, editorial marks, lists, tables, footnotes and a link on
// every paragraph. `&p=N` scrolls to paragraph N and highlights it.
import { h, replace, tagOf, announce } from './dom.js';
import { engine } from './engine.js';
import { registerView, href } from './router.js';
import { renderText } from './richtext.js';
import { noteMaps, backLink, attachFootnotes } from './footnotes.js';
import { citeButton, citation } from './cite.js';
import { blockTag, rowChildren, group } from './blocks.js';

let shown = null; // { doc, target: number|null, citeLabel }

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

function paragraph(doc, para, i, maps, level) {
  const [tag, value] = tagOf(para.kind);
  const anchor = h('a', { class: 'p-anchor', href: href({ doc: doc.id, p: i }), 'aria-label': `Link to paragraph ${i}` }, `¶${i}`);
  const data = { p: String(i), kind: tag.toLowerCase() };
  const el = blockTag(para);
  if (el === 'tr') return h('tr', { class: 'para', id: `p-${i}`, tabindex: '-1', dataset: data }, rowChildren(para, anchor));
  const text = renderText(para.text, para.spans);
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

function render(params, main, ctx) {
  const id = params.get('doc');
  const doc = engine().document(id);
  const maps = noteMaps(doc);
  const body = [];
  const notes = [];
  const levels = headingLevels(doc);
  doc.paragraphs.forEach((para, i) => {
    const level = tagOf(para.kind)[0] === 'Heading' ? levels.shift() : 0;
    (tagOf(para.kind)[0] === 'Footnote' ? notes : body).push(paragraph(doc, para, i, maps, level));
  });
  const title = h('h1', { id: 'doc-title', tabindex: '-1' }, doc.title || doc.id);
  const cite = citeButton(() => ({ doc, p: shown ? shown.target : null }));
  const article = h('article', { class: 'doc', 'aria-labelledby': 'doc-title', dataset: { doc: doc.id } },
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#' }, '← Library')),
    h('header', { class: 'doc-head' },
      h('p', { class: 'doc-kicker' },
        doc.kind ? h('span', { class: 'kind' }, doc.kind) : null,
        doc.partial ? h('span', { class: 'badge' }, 'Excerpt') : null),
      title,
      doc.partial ? h('p', { class: 'excerpt-note', role: 'note' }, h('strong', {}, 'Excerpt. Missing: '), doc.partial) : null,
      h('div', { class: 'doc-actions' }, cite, h('span', { class: 'cite-scope', id: 'cite-scope' })),
      h('p', { class: 'print-only cite-print', id: 'cite-print' }),
      h('details', { class: 'meta-block', open: true }, h('summary', {}, 'About this document'), metadata(doc))),
    h('div', { class: 'doc-body' }, body.length ? group(body) : h('p', { class: 'empty' }, 'This record has no text.')),
    notes.length ? h('section', { class: 'notes', 'aria-labelledby': 'notes-title' }, h('h2', { id: 'notes-title' }, 'Notes'), notes) : null);
  attachFootnotes(article, doc, maps);
  replace(main, article);
  shown = { doc, target: null };
  document.title = `${doc.title || doc.id} — Docent`;
  const p = target(params, doc);
  if (p !== null) highlight(p);
  else {
    scrollTo(0, 0);
    if (!ctx.initial) title.focus();
    announce(`Opened ${doc.title || doc.id}`);
  }
  scope();
}

function target(params, doc) {
  const raw = params.get('p');
  if (raw === null || !/^\d+$/.test(raw)) return null;
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

/** Highlights paragraph `p`, scrolls it into view and focuses it. */
function highlight(p) {
  for (const el of document.querySelectorAll('.para[data-target]')) delete el.dataset.target;
  const el = document.getElementById(`p-${p}`);
  if (!el) return;
  el.dataset.target = 'yes';
  shown.target = p;
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'center' });
  announce(`Paragraph ${p}`);
  scope();
}

function update(params) {
  if (!shown || params.get('doc') !== shown.doc.id) return false;
  const p = target(params, shown.doc);
  if (p === null) {
    for (const el of document.querySelectorAll('.para[data-target]')) delete el.dataset.target;
    shown.target = null;
    scope();
    return true;
  }
  highlight(p);
  return true;
}

registerView({
  name: 'reader',
  priority: 100,
  matches: (params) => params.has('doc'),
  render,
  update,
  leave: () => { shown = null; },
});
