// Text with marked ranges → DOM nodes. The text is only ever put into text
// nodes; each marked range becomes an element the page makes. Ranges may nest
// or even cross (a crossing range is split), so search highlights (<mark>) can
// be laid over the model's spans with the same function.
import { h, tagOf } from './dom.js';

let sicCount = 0;

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

/**
 * A paragraph's text with the model's marks: speaker labels, editorial
 * brackets, footnote markers (buttons with `data-note`), emphasis, and sic
 * notes (a focusable span described by a note kept at the paragraph's end).
 * `extra(span)` may make elements for other span kinds (e.g. search marks).
 */
export function renderText(text, spans, extra = () => null) {
  const notes = [];
  const frag = renderSpans(text, spans, (span) => {
    const own = extra(span);
    if (own) return own;
    const [tag, value] = tagOf(span.kind);
    switch (tag) {
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
      default: return null;
    }
  });
  frag.append(...notes);
  return frag;
}
