// The blocks of a document's body: which element each paragraph kind is
// (list item `<li>`, table row `<tr>`, else a `<div>`), the lists that nest
// consecutive items by depth and the tables that hold consecutive rows.
// Every block is `.para#p-N[data-p=N]` with its ¶ anchor, so deep links and
// targets work on all of them. Blocks are drawn once, with every layer
// (richtext.js `layerSpans`): nothing redraws them afterwards.
import { h, tagOf } from './dom.js';
import { renderCells } from './richtext.js';

/** The element of a paragraph block: `<li>`, `<tr>` or `<div>`. */
export function blockTag(para) {
  const [tag] = tagOf(para.kind);
  return tag === 'Item' ? 'li' : tag === 'Row' ? 'tr' : 'div';
}

/**
 * The inside of row `para`'s `<tr>`: its cells, the ¶ `anchor` in the first
 * (a row has no room beside its cells; CSS puts it in the left margin).
 */
export function rowChildren(para, anchor, spans = para.spans) {
  const [, role] = tagOf(para.kind);
  const cells = renderCells(para.text, spans, role === 1);
  const first = cells.find((c) => typeof c !== 'string');
  if (first) first.prepend(anchor);
  return cells;
}

/**
 * Groups blocks in reading order: consecutive `<li>` blocks become one
 * `<ul>`, a deeper item opening a list inside the item before it; consecutive
 * `<tr>` blocks become one table (in a wrapper that scrolls sideways on
 * narrow screens). Items carry their depth in `data-depth`.
 */
export function group(blocks) {
  const out = [];
  let lists = []; // open lists, outermost first: {depth, ul}
  let rows = null; // the open table's <tbody>
  for (const el of blocks) {
    if (el.tagName !== 'LI') lists = [];
    if (el.tagName !== 'TR') rows = null;
    if (el.tagName === 'LI') {
      const depth = Number(el.dataset.depth) || 1;
      while (lists.length > 1 && lists[lists.length - 1].depth > depth) lists.pop();
      const top = lists[lists.length - 1];
      const parent = top && top.depth < depth ? top.ul.lastElementChild : null;
      if (!top || parent) {
        const ul = h('ul', { class: 'items', dataset: { depth: String(depth) } });
        if (parent) parent.append(ul);
        else out.push(ul);
        lists.push({ depth, ul });
      }
      lists[lists.length - 1].ul.append(el);
    } else if (el.tagName === 'TR') {
      if (!rows) {
        rows = h('tbody', {});
        out.push(h('div', { class: 'table-wrap' }, h('table', { class: 'rows' }, rows)));
      }
      rows.append(el);
    } else {
      out.push(el);
    }
  }
  return out;
}
