// The positions grid, "Who said what, and when" (issue #18). Owns <main>
// while the fragment has `grid`:
//   #grid=query:WORDS | #grid=entity:ID | #grid=clause:FAMILY
//   optional &sides=soviet,japanese,us,other,unknown  &from=YYYY&to=YYYY  &zoom=doc|year
// One engine call (`positions`) per grid; the rows come ordered by side then
// first date. This file turns them into a table with role=grid (speakers ×
// documents, or × years when zoomed), roving tabindex and arrow keys, a detail
// box with the full turn of the focused or hovered cell, side/date filters,
// CSV export, print, and "compare" between two wordings of a clause family.
// The model (`gridModel`) and the CSV (`gridCsv`) are pure functions; the
// view glue is `registerView` at the bottom.
import { h, replace, announce, plural } from './dom.js';
import { engine, ask, TextsPending } from './engine.js';
import { libraryRows } from './library.js';
import { registerView, href, navigate } from './router.js';
import { errorBox } from './shell.js';

export const SIDES = [['soviet', 'Soviet'], ['japanese', 'Japanese'], ['us', 'U.S.'], ['other', 'Other'], ['unknown', 'Unknown']];
const SIDE_LABEL = Object.fromEntries(SIDES);
const BY_LABEL = { query: 'Search', entity: 'Entity', clause: 'Clause' };
const CHUNK = 300; // cells drawn at once; past them, rows are added per frame within FRAME_MS
const FRAME_MS = 12;

/** `query:Habomai` → {by: 'query', value: 'Habomai'} (no prefix = a query). */
export function parseGrid(raw) {
  const m = /^(query|entity|clause):(.*)$/s.exec(raw || '');
  return m ? { by: m[1], value: m[2] } : { by: 'query', value: raw || '' };
}

/** The fragment state of a grid: `{grid, sides, from, to, zoom}` (defaults left out). */
export function gridLink(by, value, extra = {}) {
  return { grid: `${by}:${value}`, ...extra };
}

function filtersOf(st) {
  const sides = (st.sides || '').split(',').filter((s) => SIDE_LABEL[s]);
  const year = (k) => (/^\d{4}$/.test(st[k] || '') ? st[k] : null);
  const zoom = ['doc', 'year'].includes(st.zoom) ? st.zoom : null;
  return { sides, from: year('from'), to: year('to'), zoom };
}

/**
 * Rows and columns of the grid after filters. Columns: one per document in
 * date order (or per year with zoom "year"), undated last. Each row keeps
 * only its filtered cells, grouped by column; its first and last statements
 * are flagged.
 */
export function gridModel(answer, f) {
  const inRange = (c) => {
    if (!f.from && !f.to) return true;
    if (!c.date) return false;
    const y = c.date.slice(0, 4);
    return (!f.from || y >= f.from) && (!f.to || y <= f.to);
  };
  const docs = new Map();
  for (const r of answer.rows) for (const c of r.cells) if (!docs.has(c.doc)) docs.set(c.doc, { doc: c.doc, title: c.title, date: c.date });
  const dated = [...docs.values()].filter((d) => d.date);
  const years = new Set(dated.map((d) => d.date.slice(0, 4)));
  const zoom = f.zoom || (dated.length > 14 && years.size > 3 ? 'year' : 'doc');
  const keyOf = (c) => (zoom === 'year' ? (c.date ? c.date.slice(0, 4) : 'undated') : c.doc);
  const rows = [];
  const used = new Map();
  for (const r of answer.rows) {
    if (f.sides.length && !f.sides.includes(r.side)) continue;
    const cells = r.cells.filter(inRange);
    if (!cells.length) continue;
    const byCol = new Map();
    for (const c of cells) {
      const k = keyOf(c);
      if (!byCol.has(k)) byCol.set(k, []);
      byCol.get(k).push(c);
      if (!used.has(k)) {
        used.set(k, zoom === 'year'
          ? { key: k, date: c.date ? k : null, label: c.date ? k : 'undated', title: c.date ? `the year ${k}` : 'undated documents' }
          : { key: k, date: c.date, label: c.date || 'undated', title: c.title || c.doc });
      }
    }
    rows.push({ speaker: r.speaker, side: r.side, entity: r.entity || null, narration: r.narration, byCol, count: cells.length });
  }
  const columns = [...used.values()].sort((a, b) => {
    if (!a.date !== !b.date) return a.date ? -1 : 1;
    return (a.date || '').localeCompare(b.date || '') || a.title.localeCompare(b.title);
  });
  // First and last statements: in column order (date order), undated last
  // but never "last" when a dated one exists.
  for (const row of rows) {
    const all = columns.flatMap((c) => row.byCol.get(c.key) || []);
    const datedCells = all.filter((c) => c.date);
    row.first = all[0];
    row.last = datedCells.length ? datedCells[datedCells.length - 1] : all[all.length - 1];
  }
  const sidesPresent = SIDES.map(([k]) => k).filter((k) => answer.rows.some((r) => r.side === k));
  const allYears = [...new Set(answer.rows.flatMap((r) => r.cells.filter((c) => c.date).map((c) => c.date.slice(0, 4))))].sort();
  const shown = rows.reduce((n, r) => n + r.count, 0);
  return { zoom, columns, rows, sidesPresent, years: allYears, shown, total: answer.total };
}

/** One CSV field, RFC 4180: quoted when it holds a quote, comma or line break. */
function field(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The grid as CSV (CRLF line ends, a header line), in the order shown. */
export function gridCsv(model) {
  const lines = [['speaker', 'side', 'date', 'document', 'title', 'paragraph', 'reported', 'text']];
  for (const r of model.rows) {
    for (const col of model.columns) {
      for (const c of r.byCol.get(col.key) || []) {
        lines.push([r.speaker, r.side, c.date || '', c.doc, c.title || '', c.paragraph, c.reported ? 'yes' : 'no', c.text]);
      }
    }
  }
  return `${lines.map((l) => l.map(field).join(',')).join('\r\n')}\r\n`;
}

// ---- the view --------------------------------------------------------------

let seq = 0; // drawing id: a newer draw (or leaving) stops an older one
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

function shortTitle(t) {
  return t.length > 48 ? `${t.slice(0, 46).trimEnd()}…` : t;
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
  const picked = state.parts.table.querySelector('.grid-compare[aria-pressed="true"]');
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

function cellNode(row, col, r, c) {
  const items = row.byCol.get(col.key) || [];
  return h('td', {
    role: 'gridcell', tabindex: '-1', class: 'grid-cell',
    dataset: { row: String(r), col: String(c), n: String(items.length) },
  },
  items.length ? h('span', { class: 'cell-head' }, col.label, col.date && state.model.zoom === 'doc' ? ` · ${shortTitle(col.title)}` : '') : null,
  items.length ? h('ul', { class: 'grid-items' }, items.map((it) => quoteItem(row, it))) : h('span', { class: 'visually-hidden' }, 'nothing'));
}

function rowHead(row) {
  const who = row.narration && row.speaker === 'Narration' ? 'Narration (no speaker)' : row.speaker;
  return h('th', { role: 'rowheader', scope: 'row', class: 'grid-speaker' },
    h('span', { class: 'gs-name' }, who),
    h('span', { class: 'gs-meta' }, [SIDE_LABEL[row.side] || row.side, row.narration && row.speaker !== 'Narration' ? 'narration' : null, plural(row.count, 'passage')].filter(Boolean).join(' · ')));
}

/** Draws the table: the first rows at once, the rest in chunks per frame. */
function drawTable() {
  const id = ++seq;
  const { model, parts } = state;
  const cols = model.columns;
  const head = h('thead', {}, h('tr', { role: 'row' },
    h('th', { role: 'columnheader', scope: 'col', class: 'grid-corner' }, 'Speaker'),
    cols.map((col) => h('th', { role: 'columnheader', scope: 'col', class: 'grid-col', title: col.title },
      h('span', { class: 'gc-date' }, col.label),
      model.zoom === 'doc' && col.date ? h('span', { class: 'gc-title' }, col.title) : null))));
  const table = h('table', { role: 'grid', class: 'grid', 'aria-labelledby': 'grid-title', dataset: { zoom: model.zoom, complete: 'no' } }, head);
  parts.table = table;
  parts.cells = [];
  replace(parts.scroll, table);
  let r = 0;
  let lastSide = null;
  let body = null;
  // Fixed layout: column widths come from the header, so adding rows never
  // measures the whole table again.
  table.style.width = `${9 + 12 * cols.length}rem`;
  const step = (budget) => {
    let drawn = 0;
    const t0 = performance.now();
    while (r < model.rows.length && (drawn < budget || (budget === 0 && performance.now() - t0 < FRAME_MS))) {
      const row = model.rows[r];
      if (row.side !== lastSide) {
        lastSide = row.side;
        body = h('tbody', { role: 'rowgroup', dataset: { side: row.side } },
          h('tr', { role: 'row', class: 'grid-side' }, h('th', { role: 'rowheader', scope: 'rowgroup', colspan: String(cols.length + 1) }, `${SIDE_LABEL[row.side] || row.side} side`)));
        table.append(body);
      }
      const cells = cols.map((col, c) => cellNode(row, col, r, c));
      parts.cells.push(cells);
      body.append(h('tr', { role: 'row', class: 'grid-row', dataset: { side: row.side, speaker: row.speaker, narration: row.narration ? 'yes' : 'no' } }, rowHead(row), cells));
      if (r === 0) cells[0].tabIndex = 0;
      drawn += cols.length;
      r += 1;
    }
    if (r < model.rows.length) {
      parts.progress.textContent = `Drawing… ${r} of ${plural(model.rows.length, 'row')}`;
      requestAnimationFrame(() => { if (id === seq) step(0); });
    } else {
      table.dataset.complete = 'yes';
      parts.progress.textContent = '';
    }
  };
  step(CHUNK);
}

// ---- keyboard: roving tabindex over the gridcells --------------------------

function narrow() {
  return matchMedia('(max-width: 40rem)').matches;
}

function moveTo(cell, from) {
  if (!cell) return;
  if (from) from.tabIndex = -1;
  cell.tabIndex = 0;
  cell.focus();
  if (!narrow()) cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

function onGridKey(ev) {
  const cells = state.parts.cells;
  const target = ev.target;
  const cell = target.closest && target.closest('td.grid-cell');
  if (!cell) return;
  const inside = target !== cell; // a link or button inside the cell
  if (inside) {
    if (ev.key === 'Escape' || ev.key === 'F2') {
      ev.preventDefault();
      leaveCell(cell);
      cell.focus();
    }
    return;
  }
  const r = Number(cell.dataset.row);
  const c = Number(cell.dataset.col);
  const rows = cells.length;
  const width = cells[0] ? cells[0].length : 0;
  const skip = narrow(); // stacked: empty cells are not shown, so not visited
  const ok = (x) => x && (!skip || x.dataset.n !== '0');
  const along = (dr, dc) => {
    let rr = r + dr;
    let cc = c + dc;
    while (rr >= 0 && rr < rows && cc >= 0 && cc < width) {
      if (ok(cells[rr][cc])) return cells[rr][cc];
      if (skip && dc === 0) { rr += dr; continue; }
      if (!skip) return cells[rr][cc];
      rr += dr; cc += dc;
    }
    return null;
  };
  let next = null;
  switch (ev.key) {
    case 'ArrowRight': next = along(0, 1); break;
    case 'ArrowLeft': next = along(0, -1); break;
    case 'ArrowDown': next = along(1, 0); break;
    case 'ArrowUp': next = along(-1, 0); break;
    case 'Home': next = ev.ctrlKey ? cells[0][0] : cells[r][0]; break;
    case 'End': next = ev.ctrlKey ? cells[rows - 1][width - 1] : cells[r][width - 1]; break;
    case 'PageDown': next = cells[Math.min(rows - 1, r + 5)][c]; break;
    case 'PageUp': next = cells[Math.max(0, r - 5)][c]; break;
    case 'Enter':
    case 'F2': {
      const first = enterCell(cell);
      if (first) { ev.preventDefault(); first.focus(); }
      return;
    }
    default: return;
  }
  ev.preventDefault();
  if (next) moveTo(next, cell);
}

function enterCell(cell) {
  const controls = [...cell.querySelectorAll('a, button')];
  for (const x of controls) x.tabIndex = 0;
  return controls[0] || null;
}

function leaveCell(cell) {
  for (const x of cell.querySelectorAll('a, button')) x.tabIndex = -1;
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
      model.years.map((y) => h('option', { value: y, selected: value === y }, y))));
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
    seq += 1;
    parts.cells = [];
    replace(parts.scroll, h('p', { class: 'empty' }, model.total ? 'No passage is left with these filters.' : 'No passage matches.'));
  } else {
    drawTable();
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
  withTitles(answer);
  state = { key: st.grid, by, value, answer, f: filtersOf(st), main: ctx.main, parts: {} };
  const parts = state.parts;
  const title = heading(by, value);
  parts.count = h('p', { class: 'grid-count', 'aria-live': 'polite' });
  parts.progress = h('p', { class: 'grid-progress', role: 'status' });
  parts.controls = h('div', {});
  parts.compareNote = h('p', { class: 'grid-compare-note', 'aria-live': 'polite' });
  parts.scroll = h('div', { class: 'grid-scroll' });
  parts.detail = h('section', { class: 'grid-detail', 'aria-label': 'The whole turn' });
  parts.scroll.addEventListener('keydown', onGridKey);
  parts.scroll.addEventListener('focusin', (ev) => {
    const cell = ev.target.closest('td.grid-cell');
    if (!cell) return;
    if (ev.target === cell) {
      for (const x of parts.scroll.querySelectorAll('td.grid-cell[tabindex="0"]')) if (x !== cell) x.tabIndex = -1;
      cell.tabIndex = 0;
    }
    showDetail(cell);
  });
  parts.scroll.addEventListener('focusout', (ev) => {
    const cell = ev.target.closest && ev.target.closest('td.grid-cell');
    if (cell && !(ev.relatedTarget && cell.contains(ev.relatedTarget))) leaveCell(cell);
  });
  parts.scroll.addEventListener('mouseover', (ev) => showDetail(ev.target.closest && ev.target.closest('td.grid-cell')));
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

// The engine sends each cell's quotation once (its marked snippet) and no
// titles (the page has them): the CSV and the headers take them from here.
function withTitles(answer) {
  const titles = new Map(libraryRows().map((r) => [r.id, r.title]));
  for (const r of answer.rows) {
    for (const c of r.cells) {
      c.title = titles.get(c.doc) || c.doc;
      c.text = c.snippet.map((f) => f.text).join('');
    }
  }
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
  leave() { seq += 1; state = null; },
});
