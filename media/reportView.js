// Script of the WU Log Lens report and explanation views (loaded with the page's nonce; the page
// text comes from the extension, escaped). It turns clicks on evidence references and toolbar
// buttons into messages to the extension, puts rich text on the clipboard when asked, keeps the
// scroll position, copies a selection without the reference links, and answers the extension's
// test probes (what the view shows, a click on a reference) so tests go through the real DOM.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const gen = Number(document.body.dataset.gen || 0);
  const report = document.getElementById('report');

  const saved = vscode.getState();
  if (saved && typeof saved.scrollY === 'number') window.scrollTo(0, saved.scrollY);
  let timer;
  window.addEventListener('scroll', () => {
    clearTimeout(timer);
    timer = setTimeout(() => vscode.setState({ scrollY: window.scrollY }), 150);
  });

  /** @param {Element | null} a */
  function openRef(a) {
    if (!(a instanceof HTMLElement)) return;
    vscode.postMessage({ type: 'open', file: Number(a.dataset.file), line: Number(a.dataset.line) });
  }

  document.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    const ref = target && target.closest('a.ref');
    if (ref) {
      e.preventDefault();
      openRef(ref);
      return;
    }
    const button = target && target.closest('button[data-action]');
    if (button instanceof HTMLElement) vscode.postMessage({ type: 'action', action: button.dataset.action });
  });

  // Copy a selection as clean text and HTML: reference links become their text.
  let richCopy = null;
  document.addEventListener('copy', (e) => {
    if (!e.clipboardData) return;
    if (richCopy) {
      e.clipboardData.setData('text/html', richCopy.html);
      e.clipboardData.setData('text/plain', richCopy.text);
      e.preventDefault();
      return;
    }
    const sel = window.getSelection();
    if (!sel || !sel.rangeCount || sel.isCollapsed) return;
    const box = document.createElement('div');
    box.appendChild(sel.getRangeAt(0).cloneContents());
    for (const a of Array.from(box.querySelectorAll('a'))) a.replaceWith(document.createTextNode(a.textContent || ''));
    e.clipboardData.setData('text/html', box.innerHTML);
    e.clipboardData.setData('text/plain', sel.toString());
    e.preventDefault();
  });

  /** Rich text on the clipboard: the async API, else a copy event. */
  async function writeRich(html, text) {
    try {
      // eslint-disable-next-line no-undef
      const item = new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([text], { type: 'text/plain' }) });
      await navigator.clipboard.write([item]);
      return { ok: true, how: 'clipboard.write' };
    } catch (err) {
      richCopy = { html, text };
      try {
        const ok = document.execCommand('copy');
        return ok ? { ok: true, how: 'execCommand' } : { ok: false, error: String(err) };
      } catch (err2) {
        return { ok: false, error: `${err}; ${err2}` };
      } finally {
        richCopy = null;
      }
    }
  }

  function links() {
    return Array.from(document.querySelectorAll('a.ref'));
  }

  /** What the view shows, for tests. */
  function snapshot() {
    const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    return {
      gen,
      title: document.title,
      text: report ? report.innerText : '',
      html: report ? report.innerHTML : '',
      headings: Array.from(document.querySelectorAll('#report h1, #report h2, #report h3')).map((h) => h.textContent),
      links: links().map((a) => ({ text: a.textContent, file: Number(a.getAttribute('data-file')), line: Number(a.getAttribute('data-line')), href: a.getAttribute('href') })),
      buttons: Array.from(document.querySelectorAll('button[data-action]')).map((b) => b.getAttribute('data-action')),
      scripts: Array.from(document.scripts).map((s) => (s.src ? s.src.split('/').pop() : 'inline')),
      csp: meta ? meta.getAttribute('content') : null,
      warning: (document.querySelector('.warning') || {}).textContent || null,
    };
  }

  window.addEventListener('message', async (event) => {
    const m = event.data || {};
    if (m.type === 'copyRich') {
      const r = await writeRich(String(m.html), String(m.text));
      vscode.postMessage({ type: 'copied', id: m.id, ...r });
    } else if (m.type === 'probe') {
      let data;
      if (m.op === 'snapshot') data = snapshot();
      else if (m.op === 'click') {
        const a = links()[Number(m.index)];
        if (a instanceof HTMLElement) a.click();
        data = { clicked: !!a };
      } else if (m.op === 'button') {
        const b = document.querySelector(`button[data-action="${CSS.escape(String(m.action))}"]`);
        if (b instanceof HTMLElement) b.click();
        data = { clicked: !!b };
      } else if (m.op === 'readClipboard') {
        try {
          const items = await navigator.clipboard.read();
          const out = {};
          for (const item of items) for (const type of item.types) out[type] = await (await item.getType(type)).text();
          data = { ok: true, types: out };
        } catch (err) {
          data = { ok: false, error: String(err) };
        }
      }
      vscode.postMessage({ type: 'probeResult', id: m.id, data });
    }
  });

  vscode.postMessage({ type: 'ready', gen });
})();
