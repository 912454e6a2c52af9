// Owns: text with marked ranges → DOM nodes, in ONE pass per paragraph.
// The text is only ever put into text nodes; each marked range becomes an
// element the page makes. The reader's layers — the model's spans (speaker
// label, editorial brackets, footnote markers, emphasis, sic …), the name
// mentions and the search hits — are composed by `layerSpans` into one list
// and drawn together: ranges nest (the outer one is the one that starts
// first, then the longer; on equal ranges model span ⊃ name ⊃ hit, so a hit
// inside a name is `<button.mention><mark>…`) and crossing ranges are split
// (a name across a bracket is drawn in two pieces, each inside or around
// the bracket). A table row's text is its cells separated by tabs:
// `renderCells` makes one cell per `Cell` span.
import { h, tagOf } from './dom.js';
import { href } from './router.js';

let sicCount = 0;

/**
 * The spans of paragraph `i` with its layers, in nesting order: the model's
 * spans, then `mentions` (`[{paragraph, start, end, ids, kind, name, …}]`),
 * then the hit ranges of `marks` (`{paragraphs: [{paragraph, ranges}]}`).
 * Both layers come from one `reading` answer, indexed once by `layerIndex`.
 */
export function layerSpans(para, i, layers) {
  const spans = [...para.spans];
  for (const m of (layers && layers.mentions.get(i)) || []) spans.push({ start: m.start, end: m.end, kind: 'Mention', m });
  for (const [start, end] of (layers && layers.hits.get(i)) || []) spans.push({ start, end, kind: 'SearchHit' });
  return spans;
}

/** The layers of a `reading` answer by paragraph: {mentions: Map, hits: Map}. */
export function layerIndex(reading) {
  const mentions = new Map();
  for (const m of reading.mentions) {
    if (!mentions.has(m.paragraph)) mentions.set(m.paragraph, []);
    mentions.get(m.paragraph).push(m);
  }
  const hits = new Map();
  if (reading.search) for (const p of reading.search.marks.paragraphs) hits.set(p.paragraph, p.ranges);
  return { mentions, hits };
}

/** A name mention: a button opening its entity card (entities.js listens). */
function mentionEl(m) {
  const label = m.ambiguous ? `${m.name} (ambiguous)` : `${m.name}, ${m.kind}`;
  return h('button', {
    type: 'button',
    class: 'mention',
    title: m.variant ? `${label}; variant spelling` : label,
    dataset: {
      kind: m.kind, entity: m.ids.join(' '), variant: m.variant ? 'yes' : 'no',
      ambiguous: m.ambiguous ? 'yes' : 'no',
    },
  });
}

/**
 * Renders `text` with `spans` ([{start, end, kind}], UTF-16 offsets) into a
 * DocumentFragment. `make(span)` returns the element for a span, or null to
 * leave it unmarked. Ranges are clamped to the text.
 */
export function renderSpans(text, spans, make) {
  const frag = document.createDocumentFragment();
  const len = text.length;
  const items = spans
    .map((s, i) => ({ s, i, start: Math.max(0, Math.min(len, s.start)), end: Math.max(0, Math.min(len, s.end)) }))
    .filter((x) => x.end > x.start);
  const cuts = new Set([0, len]);
  for (const x of items) { cuts.add(x.start); cuts.add(x.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const stack = [{ el: frag, item: null }];
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k];
    const b = points[k + 1];
    const active = items
      .filter((x) => x.start <= a && x.end >= b)
      .sort((x, y) => x.start - y.start || y.end - x.end || x.i - y.i);
    let keep = 0;
    while (keep + 1 < stack.length && keep < active.length && stack[keep + 1].item === active[keep]) keep++;
    stack.length = keep + 1;
    for (const x of active.slice(keep)) {
      const el = make(x.s);
      const parent = stack[stack.length - 1].el;
      if (el) parent.append(el);
      stack.push({ el: el || parent, item: x });
    }
    stack[stack.length - 1].el.append(text.slice(a, b));
  }
  return frag;
}

// Only web addresses become links: a `javascript:`, `data:` or `#x` target
// written in a source is shown as its text, never followed.
function webAddress(target) {
  let url;
  try { url = new URL(target.trim()); } catch { return null; }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

// Struck-out and inserted text: the note (hand, place) as a title, and a word
// screen readers say, since they do not announce <del>/<ins> by themselves.
function changed(tag, note, said) {
  return h(tag, { title: note || `${said} in the source` }, h('span', { class: 'visually-hidden' }, `${said}: `));
}

/**
 * A paragraph's text with the model's marks: speaker labels, editorial
 * brackets, footnote markers (buttons with `data-note`), emphasis, and sic
 * notes (a focusable span described by a note kept at the paragraph's end);
 * the typography of editions (underline, small caps, superscript), deleted,
 * inserted and unclear text, labels, and links (to a document of the
 * collection, or to a web address); the layers' `Mention` (a button) and
 * `SearchHit` (`<mark class=search-hit>`) spans of `layerSpans`. The model's
 * `Name` spans make nothing: the mentions layer draws names.
 * `extra(span)` may make elements for other span kinds.
 */
export function renderText(text, spans, extra = () => null) {
  const notes = [];
  const frag = renderSpans(text, spans, (span) => {
    const own = extra(span);
    if (own) return own;
    const [tag, value] = tagOf(span.kind);
    switch (tag) {
      case 'Mention': return mentionEl(span.m);
      case 'SearchHit': return h('mark', { class: 'search-hit' });
      case 'SpeakerLabel': return h('strong', { class: 'speaker-label' });
      case 'Editorial': return h('span', { class: 'editorial', title: 'Editorial insertion' });
      case 'Emphasis': return h('em', {});
      case 'Strong': return h('strong', {});
      case 'FootnoteRef':
        return h('button', {
          type: 'button', class: 'fn-ref', 'aria-label': `Note ${value}`,
          'aria-haspopup': 'dialog', 'aria-expanded': 'false', dataset: { note: String(value) },
        });
      case 'Sic': {
        const id = `sic-note-${++sicCount}`;
        const written = text.slice(span.start, span.end);
        notes.push(h('span', { id, class: 'visually-hidden' }, ` (Editor's note on “${written}”: ${value})`));
        return h('span', { class: 'sic', tabindex: '0', title: `sic — ${value}`, dataset: { note: value }, 'aria-describedby': id });
      }
      case 'Underline': return h('u', {});
      case 'SmallCaps': return h('span', { class: 'smallcaps' });
      case 'Superscript': return h('sup', {});
      case 'Deleted': return changed('del', value, 'deleted');
      case 'Added': return changed('ins', value, 'inserted');
      case 'Unclear': return h('span', { class: 'unclear', title: 'unclear in the source' });
      case 'Label': return h('span', { class: 'label' });
      case 'DocLink': return h('a', { class: 'doc-link', href: href({ doc: value }) });
      case 'Link': {
        const url = webAddress(String(value));
        return url ? h('a', { class: 'web-link', href: url, rel: 'noopener noreferrer', target: '_blank' }) : null;
      }
      default: return null;
    }
  });
  frag.append(...notes);
  unnest(frag);
  return frag;
}

// A button inside a link is two controls in one (axe: nested-interactive).
// Names inside a link stay marked but are not buttons; a footnote marker
// that a link encloses moves just after it.
function unnest(frag) {
  for (const a of frag.querySelectorAll('a')) {
    for (const b of a.querySelectorAll('button.mention')) {
      const span = h('span', { class: b.className, title: b.title, dataset: { ...b.dataset } });
      span.append(...b.childNodes);
      b.replaceWith(span);
    }
    for (const b of [...a.querySelectorAll('button')].reverse()) a.after(b);
  }
}

/**
 * The cells of a table row (`Row` paragraph): one `<th scope="col">` (heading
 * row) or `<td>` per `Cell` span, each with the other spans and `extraSpans`
 * clipped to it, and the tab between two cells kept as text between them
 * (so the row's text, and its words, stay apart).
 */
export function renderCells(text, spans, heading, extra = () => null) {
  const cells = spans.filter((s) => tagOf(s.kind)[0] === 'Cell').sort((a, b) => a.start - b.start);
  if (!cells.length) cells.push({ start: 0, end: text.length, kind: 'Cell' });
  const others = spans.filter((s) => tagOf(s.kind)[0] !== 'Cell');
  const out = [];
  let at = 0;
  for (const c of cells) {
    if (c.start > at) out.push(text.slice(at, c.start));
    const inside = others
      .map((s) => ({ ...s, start: Math.max(s.start, c.start) - c.start, end: Math.min(s.end, c.end) - c.start }))
      .filter((s) => s.end > s.start);
    out.push(h(heading ? 'th' : 'td', heading ? { scope: 'col' } : {}, renderText(text.slice(c.start, c.end), inside, extra)));
    at = Math.max(at, c.end);
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
