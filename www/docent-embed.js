// docent-embed.js: the reader on another page with one script tag.
// `docent build` copies it next to docent.html. On the host page:
//
//   <div data-docent="docent.html#doc=1956-10-17-khrushchev-kono&p=7"
//        data-title="Khrushchev and Kono, 17 October 1956" data-height="40rem"></div>
//   <script src="docent-embed.js"></script>
//
// Each element with `data-docent` (the reader's address, relative to the host
// page, with any fragment) gets the reader in an iframe, full width,
// `data-height` tall (default 40rem). The element then hears the reader:
//   el.addEventListener('docent:ready', …)   the collection is ready
//   el.addEventListener('docent:state', (e) => e.detail)   {view, state, link} after every move
//   el.addEventListener('docent:error', (e) => e.detail.message)   a refused request
// and steers it: DocentEmbed.navigate(el, { doc: 'ID', p: 3 }) or
// DocentEmbed.navigate(el, { q: 'Habomai' }). Elements added later:
// DocentEmbed.mount(). A classic script (it works from file:// too); it adds
// nothing but the iframes, and takes messages only from its own iframes.
(function () {
  'use strict';
  if (window.DocentEmbed) return; // loaded twice
  var frames = []; // [host element, iframe]

  function frameOf(el) {
    for (var i = 0; i < frames.length; i++) if (frames[i][0] === el) return frames[i][1];
    return null;
  }

  function mount(root) {
    var hosts = (root || document).querySelectorAll('[data-docent]');
    for (var i = 0; i < hosts.length; i++) {
      var el = hosts[i];
      if (frameOf(el)) continue;
      var frame = document.createElement('iframe');
      frame.src = el.getAttribute('data-docent');
      frame.title = el.getAttribute('data-title') || 'Docent reader';
      frame.setAttribute('allow', 'clipboard-write');
      frame.style.width = '100%';
      frame.style.height = el.getAttribute('data-height') || '40rem';
      frame.style.border = '1px solid #bbb';
      frame.style.borderRadius = '6px';
      el.replaceChildren(frame);
      frames.push([el, frame]);
    }
  }

  /** Opens a state ({doc, p}, {q}, …) in the reader of host element `el`. */
  function navigate(el, state, replace) {
    var frame = frameOf(el);
    if (!frame || !frame.contentWindow) throw new Error('DocentEmbed.navigate: this element holds no reader (no data-docent, or not mounted yet)');
    frame.contentWindow.postMessage({ docent: 1, type: 'navigate', state: state, replace: replace === true }, '*');
  }

  addEventListener('message', function (ev) {
    var data = ev.data;
    if (data === null || typeof data !== 'object' || data.docent !== 1 || typeof data.type !== 'string') return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i][1].contentWindow !== ev.source) continue;
      if (!/^(ready|state|error)$/.test(data.type)) return;
      frames[i][0].dispatchEvent(new CustomEvent('docent:' + data.type, { bubbles: true, detail: data }));
      return;
    }
  });

  window.DocentEmbed = { mount: mount, navigate: navigate };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { mount(); });
  else mount();
}());
