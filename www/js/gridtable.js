// The positions grid's table (grid.js owns the view): an ARIA grid of div
// rows, role=grid > rowgroup (the column headers; then one per side) > row >
// rowheader + gridcell. Column widths are fixed (each row a CSS grid of
// --cols columns), so a row added never lays the others out again, and rows
// off screen are not laid out at all (content-visibility). A large grid is
// drawn in pieces from the frame after the view's first, as many per
// animation frame as fit in FRAME_MS, each piece's quotations asked for in
// one engine call; the first cell is the grid's tab stop and arrows work
// while the rest is drawn.
// Keys: roving tabindex over the gridcells (arrows, Home/End, Ctrl+Home/End,
// PageUp/PageDown), Enter or F2 into a cell's links and buttons, Escape or
// F2 back out.
import { h, plural } from './dom.js';
import { SIDE_LABEL } from './gridmodel.js';

const FRAME_MS = 8; // drawing per frame, leaving the rest of it to layout and paint
const PIECE_CELLS = 500; // gridcells quoted and drawn at once, at most (whole rows)

let drawing = 0; // a newer draw (or leaving the view) stops an older one

/** Stops the grid being drawn, if any. */
export function stopDrawing() {
  drawing += 1;
}

function shortTitle(t) {
  return t.length > 48 ? `${t.slice(0, 46).trimEnd()}…` : t;
}

function rowHead(row) {
  const who = row.narration && row.speaker === 'Narration' ? 'Narration (no speaker)' : row.speaker;
  return h('div', { role: 'rowheader', class: 'grid-speaker' },
    h('span', { class: 'gs-name' }, who),
    h('span', { class: 'gs-meta' }, [SIDE_LABEL[row.side] || row.side, row.narration && row.speaker !== 'Narration' ? 'narration' : null, plural(row.count, 'passage')].filter(Boolean).join(' · ')));
}

/**
 * Draws `model` (gridModel's) into `host`: the column headers at once, the
 * rows in later frames. `quote(items)` fills the items' snippets
 * (one engine call), `itemNode(row, item)` makes a quotation's <li>,
 * `progress` is the status line. Returns `cells`: cells[r][c] the gridcells
 * drawn so far.
 */
export function drawGrid(host, model, { quote, itemNode, progress }) {
  const id = ++drawing;
  const cols = model.columns;
  const doc = model.zoom === 'doc';
  const grid = h('div', {
    role: 'grid', class: 'grid', 'aria-labelledby': 'grid-title',
    'aria-colcount': String(cols.length + 1), dataset: { zoom: model.zoom, complete: 'no' },
  }, h('div', { role: 'rowgroup', class: 'grid-head' }, h('div', { role: 'row', class: 'grid-hrow' },
    h('div', { role: 'columnheader', class: 'grid-corner' }, 'Speaker'),
    cols.map((col) => h('div', { role: 'columnheader', class: 'grid-col', title: col.title },
      h('span', { class: 'gc-date' }, col.label),
      doc && col.date ? h('span', { class: 'gc-title' }, col.title) : null)))));
  grid.style.setProperty('--cols', String(cols.length));
  host.replaceChildren(grid);
  const cells = [];
  let r = 0;
  let group = null;
  // Most cells of a large grid are empty (a blank cell, as screen readers
  // say): copies of one.
  const blank = h('div', { role: 'gridcell', tabindex: '-1', class: 'grid-cell', dataset: { n: '0' } });
  const cellNode = (row, col, c) => {
    const items = row.byCol.get(col.key);
    let cell;
    if (items) {
      cell = h('div', { role: 'gridcell', tabindex: '-1', class: 'grid-cell', dataset: { n: String(items.length) } },
        h('span', { class: 'cell-head' }, col.label, col.date && doc ? ` · ${shortTitle(col.title)}` : ''),
        h('ul', { class: 'grid-items' }, items.map((it) => itemNode(row, it))));
    } else {
      cell = blank.cloneNode(true);
    }
    cell.dataset.row = String(r);
    cell.dataset.col = String(c);
    return cell;
  };
  // One piece: whole rows up to PIECE_CELLS gridcells, quoted in one call.
  const piece = () => {
    let end = r;
    do end += 1; while (end < model.rows.length && (end - r + 1) * cols.length <= PIECE_CELLS);
    quote(model.rows.slice(r, end).flatMap((row) => [...row.byCol.values()].flat()));
    for (; r < end; r++) {
      const row = model.rows[r];
      if (!group || group.dataset.side !== row.side) {
        group = h('div', { role: 'rowgroup', class: 'grid-group', dataset: { side: row.side } },
          h('div', { role: 'row', class: 'grid-side' },
            h('div', { role: 'rowheader', 'aria-colspan': String(cols.length + 1) }, `${SIDE_LABEL[row.side] || row.side} side`)));
        grid.append(group);
      }
      const rowCells = cols.map((col, c) => cellNode(row, col, c));
      if (r === 0) rowCells[0].tabIndex = 0;
      cells.push(rowCells);
      group.append(h('div', {
        role: 'row', class: 'grid-row',
        dataset: { side: row.side, speaker: row.speaker, narration: row.narration ? 'yes' : 'no' },
      }, rowHead(row), rowCells));
    }
  };
  const step = (budget) => {
    const t0 = performance.now();
    do piece(); while (r < model.rows.length && performance.now() - t0 < budget);
    if (r < model.rows.length) {
      progress.textContent = `Drawing… ${r} of ${plural(model.rows.length, 'row')}`;
      requestAnimationFrame(() => { if (id === drawing) step(FRAME_MS); });
    } else {
      grid.dataset.complete = 'yes';
      progress.textContent = '';
    }
  };
  // Rows from the frame after the view's first (it paints first), one
  // piece in that frame: those rows are in sight, so laid out at once.
  requestAnimationFrame(() => requestAnimationFrame(() => { if (id === drawing) step(0); }));
  return cells;
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

/** The grid's keydown: `cells` as drawGrid returned them. */
export function gridKey(ev, cells) {
  const target = ev.target;
  const cell = target.closest && target.closest('.grid-cell');
  if (!cell) return;
  if (target !== cell) { // a link or button inside the cell
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

/** Takes a cell's links and buttons out of the tab order again. */
export function leaveCell(cell) {
  for (const x of cell.querySelectorAll('a, button')) x.tabIndex = -1;
}
