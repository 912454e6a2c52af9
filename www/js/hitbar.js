// Owns: the bar of search hits in an opened document (`#doc=ID&p=N&q=…`):
// "Hit k of M", Previous / Next (also the n / N keys), Back to results, and
// Escape or × to stop highlighting. The reader puts it in its article (near
// the top, so it is a few Tabs away) and draws the <mark>s itself, with the
// other layers, from the same `reading` answer: the bar only steps through
// the marks it is given and never redraws text.
import { h, announce, plural } from './dom.js';
import { href, navigate } from './router.js';

let active = null; // { marks: [<mark>], at, count, state }

/** The bar for `state` ({doc, p, q}) over the `marks` (in reading order) of a `search` layer. */
export function hitBar(state, search, marks) {
  const count = h('span', { class: 'hit-count', 'aria-live': 'off' });
  const paragraphs = plural(search.paragraphs, 'matching paragraph');
  const bar = h('div', { class: 'hit-bar', role: 'region', 'aria-label': 'Search hits in this document' },
    count,
    h('button', { type: 'button', 'aria-keyshortcuts': 'Shift+N', dataset: { key: 'hit-prev' }, on: { click: () => step(-1) }, disabled: !marks.length }, '↑ Previous'),
    h('button', { type: 'button', 'aria-keyshortcuts': 'N', dataset: { key: 'hit-next' }, on: { click: () => step(1) }, disabled: !marks.length }, '↓ Next'),
    h('a', { href: href({ q: state.q }), dataset: { key: 'hit-back' } }, 'Back to results'),
    h('a', { href: href({ doc: state.doc, p: state.p }), 'aria-label': 'Stop highlighting (Escape)', 'aria-keyshortcuts': 'Escape', dataset: { key: 'hit-stop' } }, '×'));
  // Start at the first hit of the opened paragraph.
  let at = marks.findIndex((m) => m.closest(`[data-p="${state.p}"]`));
  if (at >= 0) marks[at].dataset.current = 'yes';
  active = { marks, at, count, state, paragraphs };
  label();
  return bar;
}

function label() {
  const { marks, at, count, paragraphs } = active;
  count.textContent = !marks.length ? `No hits in this document (${paragraphs})`
    : at >= 0 ? `Hit ${at + 1} of ${marks.length} · ${paragraphs}` : `${plural(marks.length, 'hit')} · ${paragraphs}`;
}

/** The bar is gone (another view, another document). */
export function dropHitBar() {
  active = null;
}

function step(delta) {
  if (!active || !active.marks.length || !active.count.isConnected) return;
  const { marks } = active;
  if (active.at >= 0) delete marks[active.at].dataset.current;
  active.at = (active.at + delta + marks.length) % marks.length;
  const mark = marks[active.at];
  mark.dataset.current = 'yes';
  mark.scrollIntoView({ block: 'center' });
  label();
  announce(`Hit ${active.at + 1} of ${marks.length}`);
}

addEventListener('keydown', (ev) => {
  if (!active || !active.count.isConnected || ev.defaultPrevented) return;
  const typing = ev.target instanceof HTMLElement && (ev.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName));
  if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.key === 'n' || ev.key === 'N') {
    ev.preventDefault();
    step(ev.key === 'n' ? 1 : -1);
  } else if (ev.key === 'Escape' && !document.querySelector('.popover') && document.getElementById('panel').hidden) {
    ev.preventDefault();
    const { doc, p } = active.state;
    navigate({ doc, p });
  }
});
