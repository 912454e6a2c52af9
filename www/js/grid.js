// The positions grid, "Who said what, and when" (issue #18). Owns <main>
// while the fragment has `grid`:
//   #grid=query:WORDS | #grid=entity:ID | #grid=clause:FAMILY
//   optional &sides=soviet,japanese,us,other,unknown  &from=YYYY&to=YYYY  &zoom=doc|year
// The engine answers in two steps: `positions` the grid's shape (rows by
// side then first date, each cell a document and paragraph), then
// `positions_quotes` the quotations of the cells about to be drawn, so a
// grid of thousands of cells shows its first rows at once. gridmodel.js
// reads the answer and applies the filters; gridtable.js draws the ARIA grid
// (speakers × documents, or × years when zoomed) and moves through it by
// keyboard. This file is the view: a detail box with the full turn of the
// focused or hovered cell, side/date filters, CSV export, print, and
// "compare" between two wordings of a clause family.
import { h, replace, announce, plural } from './dom.js';
import { engine, ask, TextsPending } from './engine.js';
import { libraryRows } from './library.js';
import { registerView, href, navigate } from './router.js';
import { errorBox } from './shell.js';
import { SIDE_LABEL, parseGrid, gridLink, filtersOf, readAnswer, gridModel, shownCells, gridCsv } from './gridmodel.js';
import { drawGrid, gridKey, leaveCell, stopDrawing } from './gridtable.js';

const BY_LABEL = { query: 'Search', entity: 'Entity', clause: 'Clause' };

// ---- the view --------------------------------------------------------------

let state = null; // {key, by, value, answer, f, main, parts}
const docCache = new Map();

function versionsOf(family) {
  if (!state.families) {
    state.families = new Map();
    try {
      for (const fam of engine().clauses()) state.families.set(fam.id, fam);
    } catch (err) {
      console.warn(err);
    }
  }
  return state.families.get(family);
}

function quoteItem(row, c) {
  const badges = [];
  if (c === row.first && c === row.last) badges.push(['only', 'only statement']);
  else if (c === row.first) badges.push(['first', 'first']);
  else if (c === row.last) badges.push(['last', 'last']);
  if (c.reported) badges.push(['reported', 'reported']);
  const link = h('a', {
    class: 'grid-quote', tabindex: '-1',
    href: href(state.by === 'query' ? { doc: c.doc, p: c.paragraph, q: state.value } : { doc: c.doc, p: c.paragraph }),
    dataset: { doc: c.doc, p: String(c.paragraph) },
  }, h('span', { class: 'gq-p' }, `¶${c.paragraph} `), c.snippet.map((s) => (s.mark ? h('mark', {}, s.text) : s.text)));
  let compare = null;
  if (c.clause) {
    const fam = versionsOf(c.clause[0]);
    const v = fam && fam.versions.find((x) => x.id === c.clause[1]);
    if (v) {
      compare = h('button', {
        type: 'button', class: 'grid-compare', tabindex: '-1', 'aria-pressed': 'false',
        dataset: { family: fam.id, version: String(v.n) },
        'aria-label': `Compare “${v.label}” (${fam.title})`,
        on: { click: (ev) => pickCompare(ev.currentTarget, fam, v) },
      }, 'compare');
    }
  }
  return h('li', { class: 'grid-item', dataset: { reported: c.reported ? 'yes' : 'no', mark: badges.map(([k]) => k).join(' ') } },
    badges.length ? h('span', { class: 'grid-badges' }, badges.map(([k, t]) => h('span', { class: 'grid-badge', dataset: { badge: k } }, t))) : null,
    link, compare);
}

function pickCompare(button, fam, v) {
  const picked = state.parts.scroll.querySelector('.grid-compare[aria-pressed="true"]');
  const note = state.parts.compareNote;
  if (picked === button) {
    button.setAttribute('aria-pressed', 'false');
    note.textContent = '';
    return;
  }
  if (picked && picked.dataset.family === fam.id && picked.dataset.version !== String(v.n)) {
    const a = Number(picked.dataset.version);
    const b = v.n;
    navigate({ clause: fam.id, a: Math.min(a, b), b: Math.max(a, b) });
    return;
  }
  if (picked) picked.setAttribute('aria-pressed', 'false');
  button.setAttribute('aria-pressed', 'true');
  note.textContent = `“${v.label}” chosen: choose another wording of ${fam.title} to compare.`;
}

/** Quotes the cells that are not yet: one engine call for them all. */
function quote(cells) {
  const todo = cells.filter((c) => !c.snippet);
  if (!todo.length) return;
  const quotes = ask((e) => e.positions_quotes(state.by, state.value, Uint32Array.from(todo, (c) => c.k)));
  todo.forEach((c, i) => {
    c.snippet = quotes[i];
    c.text = quotes[i].map((f) => f.text).join('');
  });
}

// ---- the detail box: the full turn of the focused or hovered cell ----------

function fullText(c) {
  try {
    if (!docCache.has(c.doc)) docCache.set(c.doc, engine().document(c.doc));
    const p = docCache.get(c.doc).paragraphs[c.paragraph];
    return p ? p.text : c.text;
  } catch {
    return c.text;
  }
}

function marked(text, snippet) {
  const words = [...new Set(snippet.filter((s) => s.mark).map((s) => s.text))].filter((w) => w.trim());
  if (!words.length) return [text];
  const out = [];
  let i = 0;
  const lower = text.toLowerCase();
  while (i < text.length) {
    let best = -1;
    let len = 0;
    for (const w of words) {
      const at = lower.indexOf(w.toLowerCase(), i);
      if (at >= 0 && (best < 0 || at < best)) { best = at; len = w.length; }
    }
    if (best < 0) break;
    if (best > i) out.push(text.slice(i, best));
    out.push(h('mark', {}, text.slice(best, best + len)));
    i = best + len;
  }
  out.push(text.slice(i));
  return out;
}

function showDetail(cell) {
  const box = state.parts.detail;
  if (!cell || box.dataset.for === `${cell.dataset.row}:${cell.dataset.col}`) return;
  box.dataset.for = `${cell.dataset.row}:${cell.dataset.col}`;
  const row = state.model.rows[Number(cell.dataset.row)];
  const col = state.model.columns[Number(cell.dataset.col)];
  const items = row.byCol.get(col.key) || [];
  if (!items.length) {
    replace(box, h('p', { class: 'gd-empty' }, `${row.speaker} · ${col.label}: nothing that matches.`));
    return;
  }
  replace(box, items.map((c) => h('div', { class: 'gd-turn' },
    h('p', { class: 'gd-head' }, `${row.speaker}${c.reported ? ' (reported)' : ''} · ${c.date || 'undated'} · ${c.title || c.doc}, ¶${c.paragraph}`),
    h('p', { class: 'gd-text' }, marked(fullText(c), c.snippet)))));
  // A long turn: show its first match.
  const mark = box.querySelector('mark');
  if (mark && box.scrollHeight > box.clientHeight) box.scrollTop = Math.max(0, mark.offsetTop - 48); // the box is positioned: its marks' offsetParent
}

// ---- controls ---------------------------------------------------------------

function go(change) {
  const f = { ...state.f, ...change };
  navigate(gridLink(state.by, state.value, {
    sides: f.sides.length ? f.sides.join(',') : null, from: f.from, to: f.to, zoom: f.zoom,
  }), { replace: true });
}

function controls() {
  const { model, f } = state;
  const sideBoxes = model.sidesPresent.map((k) => h('label', {},
    h('input', { type: 'checkbox', name: 'side', value: k, checked: !f.sides.length || f.sides.includes(k), on: { change: () => {
      const on = [...document.querySelectorAll('.grid-controls input[name="side"]:checked')].map((x) => x.value);
      go({ sides: on.length === model.sidesPresent.length ? [] : on });
    } } }), ` ${SIDE_LABEL[k]}`));
  const yearSelect = (name, label, value) => h('label', {}, `${label} `,
    h('select', { name, on: { change: (ev) => go({ [name]: ev.target.value || null }) } },
      h('option', { value: '', selected: !value }, name === 'from' ? 'the start' : 'the end'),
      model.years.map((y) => new Option(y, y, false, value === y))));
  const zoom = [['doc', 'Documents'], ['year', 'Years']].map(([k, label]) => h('button', {
    type: 'button', class: 'grid-zoom', 'aria-pressed': String(model.zoom === k), on: { click: () => go({ zoom: k }) },
  }, label));
  return h('div', { class: 'grid-controls' },
    h('fieldset', {}, h('legend', {}, 'Sides'), sideBoxes),
    h('fieldset', {}, h('legend', {}, 'Dates'), yearSelect('from', 'From', f.from), yearSelect('to', 'to', f.to)),
    h('div', { class: 'grid-actions', role: 'group', 'aria-label': 'Columns and output' },
      h('span', { class: 'grid-zoom-label' }, 'Columns:'), zoom,
      h('button', { type: 'button', class: 'grid-csv', on: { click: exportCsv } }, 'Export CSV'),
      h('button', { type: 'button', class: 'grid-print', on: { click: () => print() } }, 'Print')));
}

function exportCsv() {
  quote(shownCells(state.model)); // the rows not drawn yet
  const blob = new Blob([gridCsv(state.model)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const name = `docent-who-said-what-${state.by}-${state.value.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'all'}.csv`;
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  announce(`Exported ${plural(state.model.shown, 'passage')} as ${name}`);
}

function heading(by, value) {
  if (by === 'entity') {
    try {
      const e = engine().entity(value);
      if (!e.error) return e.name;
    } catch { /* the id then */ }
  }
  if (by === 'clause') {
    const fam = versionsOf(value);
    if (fam) return fam.title;
  }
  return `“${value}”`;
}

function countText(model) {
  if (!model.total) return 'Nobody says anything that matches.';
  const cols = model.zoom === 'year' ? plural(model.columns.length, 'year') : plural(model.columns.length, 'document');
  const n = model.shown === model.total ? plural(model.total, 'passage') : `${model.shown} of ${plural(model.total, 'passage')}`;
  return `${n} · ${plural(model.rows.length, 'row')} · ${cols}`;
}

function draw() {
  state.model = gridModel(state.answer, state.f);
  const { parts, model } = state;
  replace(parts.controls, controls());
  parts.count.textContent = countText(model);
  if (!model.rows.length) {
    stopDrawing();
    parts.cells = [];
    replace(parts.scroll, h('p', { class: 'empty' }, model.total ? 'No passage is left with these filters.' : 'No passage matches.'));
  } else {
    parts.cells = drawGrid(parts.scroll, model, { quote, itemNode: quoteItem, progress: parts.progress });
  }
  delete parts.detail.dataset.for;
  replace(parts.detail, h('p', { class: 'gd-empty' }, 'Focus or point at a cell to read the whole turn here.'));
  announce(countText(model));
}

function render(st, ctx) {
  const { by, value } = parseGrid(st.grid);
  let answer;
  try {
    answer = ask((e) => e.positions(by, value));
  } catch (err) {
    if (err instanceof TextsPending) throw err; // the router waits and asks again
    return errorBox('The grid cannot be shown', err);
  }
  answer = readAnswer(answer, new Map(libraryRows().map((r) => [r.id, r])));
  state = { key: st.grid, by, value, answer, f: filtersOf(st), main: ctx.main, parts: {} };
  const parts = state.parts;
  const title = heading(by, value);
  parts.count = h('p', { class: 'grid-count', 'aria-live': 'polite' });
  parts.progress = h('p', { class: 'grid-progress', role: 'status' });
  parts.controls = h('div', {});
  parts.compareNote = h('p', { class: 'grid-compare-note', 'aria-live': 'polite' });
  parts.scroll = h('div', { class: 'grid-scroll' });
  parts.detail = h('section', { class: 'grid-detail', 'aria-label': 'The whole turn' });
  parts.scroll.addEventListener('keydown', (ev) => gridKey(ev, parts.cells));
  parts.scroll.addEventListener('focusin', (ev) => {
    const cell = ev.target.closest('div.grid-cell');
    if (!cell) return;
    if (ev.target === cell) {
      for (const x of parts.scroll.querySelectorAll('div.grid-cell[tabindex="0"]')) if (x !== cell) x.tabIndex = -1;
      cell.tabIndex = 0;
    }
    showDetail(cell);
  });
  parts.scroll.addEventListener('focusout', (ev) => {
    const cell = ev.target.closest && ev.target.closest('div.grid-cell');
    if (cell && !(ev.relatedTarget && cell.contains(ev.relatedTarget))) leaveCell(cell);
  });
  parts.scroll.addEventListener('mouseover', (ev) => showDetail(ev.target.closest && ev.target.closest('div.grid-cell')));
  const back = by === 'query' ? href({ q: value }) : by === 'clause' ? href({ clause: value }) : href({ entity: value });
  const h1 = h('h1', { id: 'grid-title', tabindex: '-1' }, h('span', { class: 'grid-kicker' }, `Who said what · ${BY_LABEL[by]}: `), title);
  const view = h('article', { class: 'grid-view', dataset: { by, value } },
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: back }, by === 'query' ? '← Search results' : by === 'clause' ? '← The clause' : '← The entity')),
    h1,
    h('p', { class: 'grid-about' }, 'One row per speaker, grouped by side; one column per document in date order. Each quotation links to its paragraph. Arrow keys move between cells; Enter goes into a cell, Escape back out.'),
    parts.count, parts.controls, parts.compareNote, parts.progress,
    h('div', { class: 'grid-body' }, parts.scroll, parts.detail));
  document.title = `Who said what: ${title} — Docent`;
  draw();
  return view;
}

registerView({
  name: 'grid',
  priority: 70,
  matches: (st) => 'grid' in st && !('doc' in st),
  render,
  update(st) {
    if (!state || st.grid !== state.key || !state.main.querySelector('.grid-view')) return false;
    const focused = document.activeElement;
    const name = focused && focused.closest('.grid-controls') ? (focused.name || focused.className) : null;
    state.f = filtersOf(st);
    draw();
    // Focus stays on the control that changed (it was drawn again).
    const again = name && (state.parts.controls.querySelector(`[name="${name}"]${focused.value && focused.type === 'checkbox' ? `[value="${focused.value}"]` : ''}`)
      || state.parts.controls.querySelector(`.${name.split(' ')[0]}[aria-pressed="true"]`));
    if (again) again.focus();
    return true;
  },
  leave() { stopDrawing(); state = null; },
});
