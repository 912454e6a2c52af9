// All versions of a clause aligned (the clause view's `mode=table`, issue #17
// item 5). Owns only the table and its base picker; clauses.js owns the view
// and calls `versionTable(table, family, baseSelect)`.
// engine().clause_table answers one cell per version per column; a cell with
// span n > 1 covers n columns (drawn with colspan; the covered cells have span
// 0 and are skipped). States: base, same, changed, added, missing — each with
// a visible sign and a pattern (not colour alone; signs print), and a spoken
// word. Moved phrases get an outline and a "moved N" label linking to the
// other end of the same move.
import { h } from './dom.js';

const SIGN = { base: '', same: '=', changed: '≠', added: '+', missing: '∅' };
const SPOKEN = { same: '', changed: 'differs: ', added: 'added: ', missing: 'missing' };

function iso(d) {
  const p = (x) => String(x).padStart(2, '0');
  return d.day ? `${d.year}-${p(d.month)}-${p(d.day)}` : d.month ? `${d.year}-${p(d.month)}` : `${d.year}`;
}

const hidden = (text) => h('span', { class: 'visually-hidden' }, text);

/** A select of version labels; `onPick(i)` on change. */
export function baseSelect(family, base, onPick) {
  return h('label', { class: 'table-base' }, 'Compare every version with ',
    h('select', { name: 'base', on: { change: (ev) => onPick(Number(ev.target.value)) } },
      family.versions.map((v, i) => h('option', { value: String(i), selected: i === base }, `${v.label} (${iso(v.date)})`))));
}

function cellNode(cell, row, col, prevState, ends) {
  const span = cell.span || 1;
  const state = cell.state;
  const moved = cell.moved;
  const props = {
    class: 'vt-cell', colspan: span > 1 ? String(span) : null,
    dataset: { state, col: String(col), ...(cell.text.length > 40 ? { long: 'yes' } : {}), ...(prevState === state ? { cont: 'yes' } : {}), ...(moved ? { moved: String(moved) } : {}) },
  };
  const content = [];
  if (SIGN[state] && (prevState !== state || moved)) content.push(h('span', { class: 'vt-sign', 'aria-hidden': 'true' }, SIGN[state]));
  if (state === 'missing') {
    content.push(hidden(`[${SPOKEN.missing}]`));
  } else if (state === 'changed' || state === 'added') {
    content.push(hidden(`[${SPOKEN[state]}`), h('span', { class: 'vt-text' }, cell.text), hidden(']'));
  } else {
    content.push(h('span', { class: 'vt-text' }, cell.text));
  }
  if (moved) {
    props.id = `vt-move-${moved}-${row}-${col}`;
    const others = (ends.get(moved) || []).filter((x) => x !== props.id);
    content.push(others.length
      ? h('a', { class: 'vt-moved', href: `#${others[0]}`, on: { click: (ev) => { ev.preventDefault(); const t = document.getElementById(others[0]); if (t) { t.tabIndex = -1; t.focus(); } } } }, `moved ${moved}`)
      : h('span', { class: 'vt-moved' }, `moved ${moved}`));
  }
  return h('td', props, content);
}

/**
 * The aligned table: one row per version (label and date in a sticky first
 * column), one column per aligned run.
 */
export function versionTable(table, family) {
  const versions = family.versions;
  // Where each moved phrase occurs (ids of its cells), to link both ends.
  const ends = new Map();
  table.columns.forEach((c, ci) => c.cells.forEach((cell, vi) => {
    if (cell.moved && cell.span !== 0) {
      if (!ends.has(cell.moved)) ends.set(cell.moved, []);
      ends.get(cell.moved).push(`vt-move-${cell.moved}-${vi}-${ci}`);
    }
  }));
  const rows = versions.map((v, i) => {
    let prev = null;
    const cells = [];
    table.columns.forEach((c, ci) => {
      const cell = c.cells[i];
      if (!cell || cell.span === 0) return;
      cells.push(cellNode(cell, i, ci, prev, ends));
      prev = cell.state;
    });
    return h('tr', { dataset: { version: String(i), base: i === table.base ? 'yes' : 'no' } },
      h('th', { scope: 'row', class: 'vt-head' },
        h('span', { class: 'vt-label' }, v.label), ' ',
        h('time', { class: 'vt-date', datetime: iso(v.date) }, iso(v.date)),
        i === table.base ? h('span', { class: 'vt-base' }, ' (base)') : null),
      cells);
  });
  const legend = h('p', { class: 'vt-legend' }, 'Each row against the base: ',
    ['same', 'changed', 'added', 'missing'].map((s) => h('span', { class: 'vt-key', dataset: { state: s } },
      h('span', { class: 'vt-sign', 'aria-hidden': 'true' }, SIGN[s]), ` ${s}`)),
    h('span', { class: 'vt-key', dataset: { moved: 'yes' } }, 'moved phrase'));
  return h('div', { class: 'version-aligned' }, legend,
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'All versions aligned' },
      h('table', { class: 'version-table', dataset: { base: String(table.base) } },
        h('caption', {}, `All versions against “${versions[table.base].label}”`),
        h('tbody', {}, rows))));
}
