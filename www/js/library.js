// The library view (the default screen): every document by date, grouped by
// year, with its kind, date, summary, and an "Excerpt" badge saying what is
// missing from partial texts.
import { h, replace, plural, announce } from './dom.js';
import { libraryData } from './engine.js';
import { registerView, href } from './router.js';

let rows = null;

/** The library rows (fetched once; inline in the folder form, so no wait). */
export function libraryRows() {
  if (!rows) rows = libraryData();
  return rows;
}

function card(doc) {
  const when = doc.date_label || doc.date;
  return h('li', { class: 'doc-card', dataset: { doc: doc.id, partial: doc.partial ? 'yes' : 'no' } },
    h('h3', { class: 'doc-card-title' }, h('a', { href: href({ doc: doc.id }) }, doc.title || doc.id)),
    h('p', { class: 'doc-card-meta' },
      when ? h('time', { datetime: doc.date || null }, when) : null,
      doc.kind ? h('span', { class: 'kind' }, doc.kind) : null,
      doc.partial ? h('span', { class: 'badge' }, 'Excerpt') : null),
    doc.summary ? h('p', { class: 'doc-card-summary' }, doc.summary) : null,
    doc.partial ? h('p', { class: 'doc-card-partial' }, h('strong', {}, 'Missing: '), doc.partial) : null);
}

function render(params, main, ctx) {
  const docs = libraryRows();
  const groups = new Map();
  for (const d of docs) {
    const year = d.date ? d.date.slice(0, 4) : 'Undated';
    if (!groups.has(year)) groups.set(year, []);
    groups.get(year).push(d);
  }
  const years = docs.filter((d) => d.date).map((d) => d.date.slice(0, 4));
  const span = years.length ? (years[0] === years[years.length - 1] ? years[0] : `${years[0]}–${years[years.length - 1]}`) : '';
  const heading = h('h1', { id: 'library-title', tabindex: '-1' }, 'The collection');
  replace(main,
    h('section', { class: 'library', 'aria-labelledby': 'library-title' },
      heading,
      h('p', { class: 'lede' }, `${plural(docs.length, 'document')}${span ? `, ${span}` : ''}. Choose one to read it; every paragraph has a link you can cite.`),
      [...groups].map(([year, list]) => h('section', { class: 'year', 'aria-label': year },
        h('h2', { class: 'year-title' }, year),
        h('ol', { class: 'doc-list' }, list.map(card))))));
  document.title = 'Docent — the collection';
  if (!ctx.initial) {
    heading.focus();
    announce(`Library: ${plural(docs.length, 'document')}`);
  }
  if (!performance.getEntriesByName('docent:library').length) performance.mark('docent:library');
}

registerView({ name: 'library', priority: 0, matches: () => true, render, engine: false });
