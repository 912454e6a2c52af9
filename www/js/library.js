// Owns: the library view (the default screen): every document by date,
// grouped by year, with its kind, date, summary, and an "Excerpt" badge
// saying what is missing from partial texts; the years the collection spans
// in the header's tagline.
import { h, plural, announce } from './dom.js';
import { libraryData } from './engine.js';
import { registerView, href } from './router.js';
import { setTagline } from './shell.js';

let rows = null;

/** The library rows (fetched once; inline in the folder form, so no wait). */
export function libraryRows() {
  if (!rows) rows = libraryData();
  return rows;
}

/** What a partial text lacks, without the "Missing:" the source may start it with. */
export function missingNote(partial) {
  return partial.replace(/^\s*missing\s*:\s*/i, '');
}

/** "1875–1961": the first and last year of dated rows (in any order). */
export function yearSpan(docs) {
  const years = docs.filter((d) => d.date).map((d) => Number(String(d.date).slice(0, 4)));
  if (!years.length) return '';
  const lo = Math.min(...years);
  const hi = Math.max(...years);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
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
    doc.partial ? h('p', { class: 'doc-card-partial' }, h('strong', {}, 'Missing: '), missingNote(doc.partial)) : null);
}

function render() {
  const docs = libraryRows();
  const groups = new Map();
  for (const d of docs) {
    const year = d.date ? d.date.slice(0, 4) : 'Undated';
    if (!groups.has(year)) groups.set(year, []);
    groups.get(year).push(d);
  }
  const span = yearSpan(docs);
  setTagline(span);
  const heading = h('h1', { id: 'library-title', tabindex: '-1' }, 'The collection');
  const node = h('section', { class: 'library', 'aria-labelledby': 'library-title' },
      heading,
      h('p', { class: 'lede' }, `${plural(docs.length, 'document')}${span ? `, ${span}` : ''}. Choose one to read it; every paragraph has a link you can cite.`),
      [...groups].map(([year, list]) => h('section', { class: 'year', 'aria-label': year },
        h('h2', { class: 'year-title' }, year),
        h('ol', { class: 'doc-list' }, list.map(card)))));
  document.title = 'Docent — the collection';
  announce(`Library: ${plural(docs.length, 'document')}`);
  return node;
}

registerView({
  name: 'library',
  priority: 0,
  matches: () => true,
  render,
  focus() {
    // The first paint is measured once the rows are in the DOM (bench/load.mjs).
    if (!performance.getEntriesByName('docent:library').length) performance.mark('docent:library');
    return null;
  },
  engine: false,
});
