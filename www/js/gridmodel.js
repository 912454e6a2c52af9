// The positions grid's data (grid.js draws it): the fragment's grid and
// filters, the engine's answer read into rows of cells, rows × columns after
// filters, and the CSV. Pure functions, no DOM.

export const SIDES = [['soviet', 'Soviet'], ['japanese', 'Japanese'], ['us', 'U.S.'], ['other', 'Other'], ['unknown', 'Unknown']];
export const SIDE_LABEL = Object.fromEntries(SIDES);

/** `query:Habomai` → {by: 'query', value: 'Habomai'} (no prefix = a query). */
export function parseGrid(raw) {
  const m = /^(query|entity|clause):(.*)$/s.exec(raw || '');
  return m ? { by: m[1], value: m[2] } : { by: 'query', value: raw || '' };
}

/** The fragment state of a grid: `{grid, sides, from, to, zoom}` (defaults left out). */
export function gridLink(by, value, extra = {}) {
  return { grid: `${by}:${value}`, ...extra };
}

export function filtersOf(st) {
  const sides = (st.sides || '').split(',').filter((s) => SIDE_LABEL[s]);
  const year = (k) => (/^\d{4}$/.test(st[k] || '') ? st[k] : null);
  const zoom = ['doc', 'year'].includes(st.zoom) ? st.zoom : null;
  return { sides, from: year('from'), to: year('to'), zoom };
}

/**
 * The engine's `positions` answer (document ids once; each matching
 * paragraph once as `[doc, paragraph, reported, family?, version?]`; rows
 * naming them by number) as rows of cell objects `{k, doc, title, date,
 * paragraph, reported, clause, snippet, text}`, `k` the paragraph's number
 * for `positions_quotes`; `library` maps document ids to their library rows
 * (title, date). A cell's snippet (and text, its plain form) is null until
 * it is quoted.
 */
export function readAnswer(answer, library) {
  const docs = answer.docs.map((id) => {
    const row = library.get(id);
    return { id, date: row ? row.date : null, title: row ? row.title : id };
  });
  const cells = answer.hits.map(([d, paragraph, reported, family, version], k) => ({
    k, doc: docs[d].id, title: docs[d].title, date: docs[d].date, paragraph, reported: reported === 1,
    clause: family ? [family, version] : null, snippet: null, text: null,
  }));
  const rows = answer.rows.map((r) => ({ ...r, cells: r.cells.map((k) => cells[k]) }));
  return { by: answer.by, asked: answer.asked, total: answer.total, rows };
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
  // Code-unit order, not localeCompare: ISO dates sort so, and a title
  // only breaks a tie; the first localeCompare of a page loads a collator
  // (~20 ms).
  const order = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
  const columns = [...used.values()].sort((a, b) => {
    if (!a.date !== !b.date) return a.date ? -1 : 1;
    return order(a.date || '', b.date || '') || order(a.title, b.title);
  });
  // First and last statements: in column order (date order), undated last
  // but never "last" when a dated one exists.
  const at = new Map(columns.map((c, i) => [c.key, i]));
  for (const row of rows) {
    let lo = Infinity;
    let hi = -1;
    let hiDated = -1;
    for (const [k, items] of row.byCol) {
      const i = at.get(k);
      lo = Math.min(lo, i);
      hi = Math.max(hi, i);
      if (items[0].date) hiDated = Math.max(hiDated, i);
    }
    row.first = row.byCol.get(columns[lo].key)[0];
    const last = row.byCol.get(columns[hiDated >= 0 ? hiDated : hi].key);
    row.last = last[last.length - 1];
  }
  const sidesPresent = SIDES.map(([k]) => k).filter((k) => answer.rows.some((r) => r.side === k));
  const allYears = [...new Set(answer.rows.flatMap((r) => r.cells.filter((c) => c.date).map((c) => c.date.slice(0, 4))))].sort();
  const shown = rows.reduce((n, r) => n + r.count, 0);
  return { zoom, columns, rows, sidesPresent, years: allYears, shown, total: answer.total };
}

/** Every cell of the model, in the order shown (rows, then columns). */
export function shownCells(model) {
  return model.rows.flatMap((r) => model.columns.flatMap((col) => r.byCol.get(col.key) || []));
}

/** One CSV field, RFC 4180: quoted when it holds a quote, comma or line break. */
function field(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The grid as CSV (CRLF line ends, a header line), in the order shown; its cells quoted. */
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
