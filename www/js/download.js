// File downloads made in the page: a Blob and an <a download> (no request
// leaves the page; works from file:// and inside an iframe).
import { h } from './dom.js';

/** Offers `text` as a file `name` of type `mime`. */
export function download(text, name, mime) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A file name part from any text: letters and digits, dashes between. */
export function fileStem(text, fallback = 'file') {
  return String(text).trim().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || fallback;
}
