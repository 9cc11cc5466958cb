// Usage: node page.mjs <built assets/search-xx.js> <query> — runs the search page's own
// start() code with a stand-in DOM, where an appended <script> runs its file, as if the page
// was opened with ?q=<query>; prints the result names shown, each result's items (element
// tags with their text), the "did you mean" line, whether the no-result help shows, and the
// scripts it loaded. The stand-in has no innerHTML: the page must build text nodes.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const search = require('../../themes/default/static/search.js');
const [manifest, query] = process.argv.slice(2);
const loaded = [];
const q = '?q=' + encodeURIComponent(query);
const window = { location: { href: 'file:///site/search/index.html' + q, search: q }, history: { replaceState() {} } };

function el(tag) {
  return {
    tag, children: [], attrs: {}, listeners: {}, textContent: '', hidden: false,
    appendChild(c) {
      this.children.push(c);
      if (c.tag === 'script') setTimeout(() => run(c));
      return c;
    },
    removeChild(c) { this.children.splice(this.children.indexOf(c), 1); },
    get firstChild() { return this.children[0] || null; },
    getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; },
    addEventListener(t, f) { (this.listeners[t] = this.listeners[t] || []).push(f); },
  };
}

function run(script) {
  let ok = true;
  try {
    vm.runInNewContext(readFileSync(script.src, 'utf8'), { window });
    loaded.push(script.src);
  } catch (e) { ok = false; }
  (script.listeners[ok ? 'load' : 'error'] || []).forEach((f) => f());
}

const input = el('input');
input.attrs['data-index'] = manifest;
input.value = '';
const ids = {
  'search-input': input, 'search-results': el('ol'), 'search-status': el('p'),
  'search-none': el('div'), 'search-suggest': el('p'),
};
ids['search-none'].hidden = true;
ids['search-suggest'].hidden = true;
ids['search-suggest'].attrs['data-label'] = 'did you mean:';
const document = {
  readyState: 'complete', documentElement: { lang: (manifest.match(/search-([^/]+)\.js$/) || [])[1] || 'ja' }, head: el('head'),
  createElement: el, createTextNode: (t) => ({ tag: '#text', textContent: t }),
  getElementById: (id) => ids[id] || null, addEventListener() {},
};
search.start(document, window);
// Scripts load one macrotask after being added; wait until nothing new arrives.
let last = -1;
while (loaded.length !== last) {
  last = loaded.length;
  await new Promise((r) => setTimeout(r, 20));
}
const names = ids['search-results'].children.map((li) => li.children[0].textContent);
// [tag, text] of a node and its children, flattened.
const flat = (n) => [[n.tag, n.textContent], ...(n.children || []).flatMap(flat)];
const items = ids['search-results'].children.map((li) => li.children.flatMap(flat));
const s = ids['search-suggest'];
const suggest = s.hidden ? null : { text: s.children.map((c) => c.textContent).join(''), href: s.children[1]?.href };
process.stdout.write(JSON.stringify({ names, items, suggest, none: !ids['search-none'].hidden, loaded }));
