// A small non-modal pop-up anchored to a button: footnotes, sic notes, entity
// cards. It takes focus when it opens; Escape, its Close button or a click
// outside closes it and returns focus to the button that opened it.
import { h } from './dom.js';

let open = null;

/** Closes the open pop-up, if any (focus goes back to its button). */
export function closePopover({ restoreFocus = true } = {}) {
  if (!open) return;
  const { box, anchor } = open;
  open = null;
  box.remove();
  anchor.setAttribute('aria-expanded', 'false');
  if (restoreFocus && anchor.isConnected) anchor.focus();
}

/**
 * Opens a pop-up under `anchor` labelled `label` holding `content` (nodes).
 * Returns the pop-up element.
 */
export function openPopover(anchor, label, ...content) {
  const reopening = open && open.anchor === anchor;
  closePopover({ restoreFocus: false });
  if (reopening) {
    anchor.focus();
    return null;
  }
  const close = h('button', { type: 'button', class: 'popover-close', 'aria-label': 'Close', on: { click: () => closePopover() } }, '×');
  const box = h('div', { class: 'popover', role: 'dialog', 'aria-label': label, tabindex: '-1' },
    close, h('div', { class: 'popover-body' }, content));
  document.body.append(box);
  place(box, anchor);
  anchor.setAttribute('aria-expanded', 'true');
  open = { box, anchor };
  box.focus();
  return box;
}

function place(box, anchor) {
  const r = anchor.getBoundingClientRect();
  const width = Math.min(box.offsetWidth, document.documentElement.clientWidth - 16);
  const left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
  box.style.left = `${left + scrollX}px`;
  box.style.top = `${r.bottom + scrollY + 6}px`;
}

addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && open) {
    ev.preventDefault();
    closePopover();
  }
});

addEventListener('pointerdown', (ev) => {
  if (open && !open.box.contains(ev.target) && !open.anchor.contains(ev.target)) {
    closePopover({ restoreFocus: false });
  }
});

// Following a link inside the pop-up closes it.
addEventListener('hashchange', () => closePopover({ restoreFocus: false }));
