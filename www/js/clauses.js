// Owns: the clause view (`#clause=ID&a=N&b=M&ignore=punct&mode=inline|side|table&base=K`):
// a timeline of a clause's versions as cards by date, and the diff of two of
// them inline, side by side, or all versions in one table (versiontable.js). Insertions are
// <ins> (underlined), deletions <del> (struck through), each with visually
// hidden "inserted:"/"deleted:" words so they read without colour and aloud.
// Every version is one click from its source paragraph (#doc=ID&p=N).
// Also the "Compare with…" header tool: the passages most like a selection.
import { h, replace, announce, plural } from './dom.js';
import { engine, ask } from './engine.js';
import { registerView, href, navigate } from './router.js';
import { addHeaderTool, openPanel, errorBox } from './shell.js';
import { shownDocument } from './reader.js';
import { libraryRows } from './library.js';
import { versionTable, baseSelect } from './versiontable.js';

const TOGGLES = [['case', 'Ignore case'], ['punct', 'Ignore punctuation'], ['spelling', 'Ignore spelling variants']];
const MODES = [['inline', 'Inline'], ['side', 'Side by side'], ['table', 'All versions']];
const FORMS = { wording: 'wording', reported: 'reported', summary: 'summary', omitted: 'omitted' };

const hidden = (text) => h('span', { class: 'visually-hidden' }, text);

function state(st, family) {
  const n = family.versions.length;
  const num = (k, d) => {
    const v = st[k];
    return v !== undefined && /^\d+$/.test(v) && Number(v) < n ? Number(v) : d;
  };
  // By default the first step of the clause's history: its first wording
  // (A) against the next one (B), read in date order like the timeline.
  const a = num('a', 0);
  const b = num('b', Math.min(n - 1, a + 1));
  const ignore = (st.ignore || '').split(',').filter((t) => TOGGLES.some(([k]) => k === t));
  const mode = MODES.some(([k]) => k === st.mode) ? st.mode : 'inline';
  // The base may be named by the version's id (`base=article-9-en`) as well as its index.
  const byId = family.versions.findIndex((v) => v.id === st.base);
  return { clause: family.id, a, b, ignore, mode, base: byId >= 0 ? byId : num('base', a) };
}

function link(s, change) {
  const next = { ...s, ...change };
  return {
    clause: next.clause,
    a: next.a,
    b: next.b,
    ignore: next.ignore.join(','),
    mode: next.mode === 'inline' ? null : next.mode,
    base: next.mode === 'table' ? next.base : null,
  };
}

/** One op of a diff as nodes: <ins>/<del> with spoken names, moves numbered. */
function opNode(op, side) {
  if (op.op === 'equal') {
    const text = side === 'a' ? op.a : op.b;
    if (op.a === op.b) return text;
    // A difference a toggle hid: shown dotted, the other wording on hover.
    return h('span', { class: 'hidden-diff', title: `${side === 'a' ? 'B' : 'A'}: ${side === 'a' ? op.b : op.a}` }, text);
  }
  const ins = op.op === 'insert';
  const moved = op.moved ? ` (moved phrase ${op.moved})` : '';
  return h(ins ? 'ins' : 'del', { dataset: op.moved ? { moved: String(op.moved) } : {} },
    hidden(ins ? `[inserted${moved}: ` : `[deleted${moved}: `),
    ins ? op.b : op.a,
    hidden(']'),
    op.moved ? h('sup', { class: 'move-mark', 'aria-hidden': 'true' }, `${ins ? '↧' : '↥'}${op.moved}`) : null);
}

function inline(diff) {
  return h('p', { class: 'diff-text', dataset: { mode: 'inline' } }, diff.ops.map((op) => opNode(op, op.op === 'delete' ? 'a' : 'b')));
}

function sideBySide(diff, va, vb) {
  const col = (side, v) => h('div', { class: 'diff-col' },
    h('h3', {}, v.label, h('span', { class: 'diff-date' }, ` · ${iso(v.date)}`)),
    h('p', { class: 'diff-text' }, diff.ops.filter((o) => o.op === 'equal' || o.op === (side === 'a' ? 'delete' : 'insert')).map((o) => opNode(o, side))));
  return h('div', { class: 'diff-side', dataset: { mode: 'side' } }, col('a', va), col('b', vb));
}

function iso(d) {
  const p = (x) => String(x).padStart(2, '0');
  return d.day ? `${d.year}-${p(d.month)}-${p(d.day)}` : d.month ? `${d.year}-${p(d.month)}` : `${d.year}`;
}

function summary(diff) {
  const parts = [`similarity ${Math.round(diff.similarity * 100)}%`];
  if (diff.moves) parts.push(plural(diff.moves, 'moved phrase'));
  if (diff.hidden.summary) parts.push(diff.hidden.summary);
  if (diff.note) parts.push(diff.note);
  return h('p', { class: 'diff-summary' }, parts.join(' · '));
}

function itemTable(step, va, vb) {
  const items = (v, ix) => ix.map((i) => `(${i + 1}) ${v.items[i]}`).join('; ');
  const rows = step.items.map((l) => h('tr', { dataset: { change: l.change } },
    h('td', {}, items(va, l.a)),
    h('td', { class: 'item-change' }, l.change),
    h('td', {}, l.diff && l.change !== 'same' ? inline(l.diff) : items(vb, l.b))));
  return h('table', { class: 'item-table' },
    h('caption', {}, `${va.label} → ${vb.label}, item by item`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, va.label), h('th', { scope: 'col' }, 'What became of it'), h('th', { scope: 'col' }, vb.label))),
    h('tbody', {}, rows));
}

function card(v, i, s) {
  const role = i === s.a ? 'a' : i === s.b ? 'b' : 'none';
  return h('li', { class: 'version-card', dataset: { role, form: FORMS[v.form] || 'wording' } },
    h('time', { datetime: iso(v.date) }, iso(v.date)),
    h('p', { class: 'vc-label' }, v.label),
    h('p', { class: 'vc-speaker' }, v.speaker, v.form !== 'wording' ? h('span', { class: 'vc-form' }, ` · ${v.form}`) : null),
    h('p', { class: 'vc-actions' },
      h('a', { href: href(link(s, { a: i, b: i === s.b ? s.a : s.b })), 'aria-current': role === 'a' ? 'true' : null, 'aria-label': `Compare from ${v.label} (A)`, title: 'A: compare from this version', dataset: { key: `a:${i}` } }, 'A'),
      h('a', { href: href(link(s, { b: i, a: i === s.a ? s.b : s.a })), 'aria-current': role === 'b' ? 'true' : null, 'aria-label': `Compare to ${v.label} (B)`, title: 'B: compare to this version', dataset: { key: `b:${i}` } }, 'B'),
      h('a', { href: href({ doc: v.doc, p: v.paragraph }), class: 'vc-source' }, v.paragraph === null ? 'Source' : `Source ¶${v.paragraph}`)));
}

function controls(s) {
  const toggles = TOGGLES.map(([k, label]) => h('label', {},
    h('input', { type: 'checkbox', name: k, checked: s.ignore.includes(k), dataset: { key: `ignore:${k}` }, on: { change: (ev) => {
      const ignore = ev.target.checked ? [...s.ignore, k] : s.ignore.filter((x) => x !== k);
      navigate(link(s, { ignore }), { replace: true });
    } } }), ` ${label}`));
  const modes = MODES.map(([k, label]) => h('a', { href: href(link(s, { mode: k })), 'aria-current': s.mode === k ? 'true' : null, dataset: { key: `mode:${k}` } }, label));
  return h('div', { class: 'diff-controls' },
    h('fieldset', {}, h('legend', {}, 'Comparison'), toggles),
    h('nav', { class: 'diff-modes', 'aria-label': 'View' }, modes));
}


function render(st) {
  const families = engine().clauses();
  const want = st.clause;
  const family = families.find((f) => f.id === want) || families[0];
  if (!family) return h('p', { class: 'empty' }, 'This collection has no registered clauses.');
  const s = state(st, family);
  const ignore = s.ignore.join(',') || null;
  const tabs = h('nav', { class: 'clause-tabs', 'aria-label': 'Clauses' },
    families.map((f) => h('a', { href: href({ clause: f.id }), 'aria-current': f.id === family.id ? 'page' : null }, f.title)));
  const step = engine().clause_step(family.id, s.a, s.b, ignore);
  const view = engine().clause(family.id, ignore);
  const full = view.family.versions;
  const va = full[s.a];
  const vb = full[s.b];
  let body;
  if (s.mode === 'table') body = versionTable(engine().clause_table(family.id, s.base, ignore), view.family);
  else if (step.items) body = itemTable(step, va, vb);
  else if (s.mode === 'side') body = sideBySide(step.diff, va, vb);
  else body = inline(step.diff);
  const base = s.mode === 'table'
    ? baseSelect(view.family, s.base, (i) => {
      navigate(link(s, { base: i }), { replace: true });
      const again = document.querySelector('.clause-view select[name="base"]');
      if (again) again.focus();
    })
    : null;
  const heading = h('h1', { id: 'clause-title', tabindex: '-1' }, family.title);
  const node = h('article', { class: 'clause-view', dataset: { clause: family.id, a: String(s.a), b: String(s.b), mode: s.mode } },
    tabs, heading,
    view.family.about ? h('p', { class: 'clause-about' }, view.family.about) : null,
    h('p', { class: 'clause-help', id: 'clause-help' },
      'Each card is one version, by date. Choose ', h('strong', {}, 'A'), ' on one card and ', h('strong', {}, 'B'),
      ' on another to see what changed from A to B: insertions underlined, deletions struck through.'),
    h('p', { class: 'who-said-what' }, h('a', { href: href({ grid: `clause:${family.id}` }) }, 'Who said what, and when')),
    h('ol', { class: 'timeline', 'aria-label': 'Versions by date', 'aria-describedby': 'clause-help' }, full.map((v, i) => card(v, i, s))),
    controls(s),
    h('section', { class: 'diff', 'aria-labelledby': 'diff-title' },
      h('h2', { id: 'diff-title', tabindex: '-1' }, s.mode === 'table' ? 'All versions' : `A: ${va.label} → B: ${vb.label}`),
      s.mode === 'table' ? null : summary(step.diff),
      s.mode !== 'table' && vb.form === 'omitted' ? h('p', { class: 'omission' }, `${vb.label}: the source says — “${vb.quote}”`) : null,
      base, body));
  document.title = `${family.title} — Docent`;
  announce(s.mode === 'table' ? `${family.title}: ${plural(family.versions.length, 'version')} aligned`
    : `${va.label} to ${vb.label}: similarity ${Math.round(step.diff.similarity * 100)}%`);
  return node;
}

registerView({
  name: 'clause',
  priority: 60,
  matches: (st) => 'clause' in st && !('doc' in st),
  render,
  focus(st, ctx) {
    // A new pair (A or B chosen, or a base): the diff is what changed, so
    // focus and show it; a toggle or a view mode keeps focus on itself.
    const p = ctx.previous;
    if (ctx.same && p && p.clause === st.clause && (p.a !== st.a || p.b !== st.b || p.base !== st.base)) {
      const title = ctx.main.querySelector('#diff-title');
      return { focus: title, scroll: title, block: 'start' };
    }
    return null;
  },
});

addHeaderTool(h('a', { class: 'header-link', href: href({ clause: 'territorial' }) }, 'Clauses'));

// ---- Compare with… ----

/** The selected text inside the document, else the highlighted paragraph's. */
function passage() {
  const sel = getSelection();
  const text = sel ? sel.toString().trim() : '';
  const article = document.querySelector('article.doc');
  if (text && article && sel.anchorNode && article.contains(sel.anchorNode)) return { text };
  const shown = shownDocument();
  if (shown && shown.p !== null) return { doc: shown.doc.id, p: shown.p, text: shown.doc.paragraphs[shown.p].text };
  return null;
}

function compareWith() {
  compare(passage());
}

/** Opens the panel of passages like `what` ({doc, p, text} or {text}). */
function compare(what) {
  if (!what) {
    openPanel('Compare with…', h('p', {}, 'Select a passage in a document (or open a paragraph link ¶), then press Compare with… again.'));
    announce('Select a passage first');
    return;
  }
  let hits;
  try {
    hits = ask((e) => (what.doc ? e.similar_passages(what.doc, what.p, null, 9) : e.similar_to_text(what.text, 8)));
    // A paragraph is not a passage like itself.
    hits = hits.filter((x) => !(x.doc === what.doc && x.paragraph === what.p)).slice(0, 8);
  } catch (err) {
    openPanel('Compare with…', errorBox('Cannot compare', err, () => compare(what)));
    return;
  }
  const titles = new Map(libraryRows().map((r) => [r.id, r.title]));
  const out = h('div', { class: 'compare-diff', 'aria-live': 'polite' });
  const items = hits.map((hit) => h('li', { class: 'compare-hit', dataset: { doc: hit.doc, p: String(hit.paragraph) } },
    h('p', { class: 'ch-title' }, h('a', { href: href({ doc: hit.doc, p: hit.paragraph }) }, `${titles.get(hit.doc) || hit.doc}, ¶${hit.paragraph}`),
      h('span', { class: 'ch-score' }, ` · ${Math.round(hit.score * 100)}% shared phrasing`)),
    h('p', { class: 'ch-preview' }, hit.preview, hit.preview.length >= 150 ? '…' : ''),
    h('button', { type: 'button', on: { click: () => {
      let other;
      try {
        other = ask((e) => e.document(hit.doc)).paragraphs[hit.paragraph].text;
      } catch (err) {
        replace(out, errorBox('Cannot compare', err));
        return;
      }
      const diff = engine().diff(what.text, other, null);
      const title = h('h3', { tabindex: '-1' }, `Selection → ${titles.get(hit.doc) || hit.doc}, ¶${hit.paragraph}`);
      replace(out, title, summary(diff), inline(diff));
      // The diff is drawn at the end of the panel: bring it into view there.
      title.focus({ preventScroll: true });
      title.scrollIntoView({ block: 'start' });
      announce(`Compared: similarity ${Math.round(diff.similarity * 100)}%`);
    } } }, 'Show the diff')));
  openPanel('Compare with…',
    h('p', { class: 'compare-source' }, 'Passages most like: “', what.text.length > 160 ? `${what.text.slice(0, 160)}…` : what.text, '”'),
    hits.length ? h('ol', { class: 'compare-hits' }, items) : h('p', {}, 'No similar passage elsewhere in the collection.'),
    out);
  announce(plural(hits.length, 'similar passage'));
}

addHeaderTool(h('button', { type: 'button', class: 'header-button compare-button', on: { mousedown: (ev) => ev.preventDefault(), click: compareWith } }, 'Compare with…'));
