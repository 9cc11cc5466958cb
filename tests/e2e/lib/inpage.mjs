// Functions evaluated inside the page (they must not use anything from the module scope).

/** Every link-like address the crawler should follow or check, resolved by the browser. */
export function collectLinks() {
  const out = [];
  for (const a of document.querySelectorAll('a[href], area[href]')) out.push({ href: a.href, kind: 'a' });
  for (const l of document.querySelectorAll('link[href]')) {
    const rel = (l.getAttribute('rel') || '').toLowerCase();
    // Canonical points at the published address, which this machine cannot reach.
    if (!rel.includes('canonical')) out.push({ href: l.href, kind: `link[rel=${rel}]` });
  }
  const missingTargets = [];
  for (const a of document.querySelectorAll('a[href^="#"]')) {
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    if (id && !document.getElementById(id)) missingTargets.push(a.getAttribute('href'));
  }
  const sw = document.querySelector('a.lang-switch');
  return { links: out, missingTargets, langSwitch: sw ? sw.href : null, lang: document.documentElement.lang };
}

/**
 * Phone rules at the current viewport: no sideways scrolling, tap targets of at least 24 px
 * (WCAG 2.5.8, with its exception for links inside a sentence), text of at least 16 px.
 */
export function phoneProblems(min) {
  const problems = [];
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    const text = (el.textContent || el.getAttribute('aria-label') || el.value || '').trim().replace(/\s+/g, ' ');
    return `${s} "${text.slice(0, 40)}"`;
  };
  const visible = (el) => {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden') return null;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return null;
    // Off-screen until focused (the skip link); checked in its focused state separately.
    if (r.right <= 0 || r.bottom + window.scrollY <= 0) return null;
    return r;
  };

  const vw = window.innerWidth;
  const sw = document.documentElement.scrollWidth;
  if (sw > vw) {
    const wide = [...document.body.querySelectorAll('*')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > vw + 0.5;
      })
      .slice(0, 3)
      .map(describe);
    problems.push(`scrolls sideways: scrollWidth ${sw}px > ${vw}px; too wide: ${wide.join(', ')}`);
  }

  const sentence = (el) => {
    const block = el.closest('p, dd, li, td, dt, blockquote, figcaption');
    if (!block) return false;
    const own = (el.textContent || '').trim().length;
    return (block.textContent || '').trim().length > own;
  };
  const targets = [];
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    const r = visible(el);
    if (!r) continue;
    const small = r.width < min.target - 0.01 || r.height < min.target - 0.01;
    targets.push({ el, r, small, cx: r.left + r.width / 2, cy: r.top + r.height / 2 });
  }
  // WCAG 2.5.8 spacing exception: an undersized target passes when a 24 px circle on its
  // centre meets no other target, nor the circle of another undersized target.
  const radius = min.target / 2;
  const distToRect = (x, y, r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  const spaced = (t) =>
    targets.every((o) => o === t || o.el.contains(t.el) || t.el.contains(o.el) ||
      (distToRect(t.cx, t.cy, o.r) >= radius - 0.01 && (!o.small || Math.hypot(t.cx - o.cx, t.cy - o.cy) >= min.target - 0.01)));
  for (const t of targets) {
    if (!t.small) continue;
    if (getComputedStyle(t.el).display === 'inline' && sentence(t.el)) continue;
    if (spaced(t)) continue;
    problems.push(`tap target ${Math.round(t.r.width)}×${Math.round(t.r.height)}px < ${min.target}px and too close to another: ${describe(t.el)}`);
  }

  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.nodeValue.trim()) continue;
    const el = n.parentElement;
    if (!el || seen.has(el) || !visible(el)) continue;
    seen.add(el);
    const size = parseFloat(getComputedStyle(el).fontSize);
    // Furigana (<rt>) are a reading aid set smaller than the word they annotate, as in print;
    // the word itself (the <ruby> base) is held to the minimum, and the reading to half of it.
    if (el.tagName === 'RT') {
      const ruby = el.closest('ruby');
      const word = ruby ? parseFloat(getComputedStyle(ruby).fontSize) : 0;
      if (word < min.font - 0.01 || size < word / 2 - 0.01) problems.push(`furigana ${size}px under a ${word}px word (want the word ≥ ${min.font}px, the reading ≥ half of it): ${describe(el)}`);
      continue;
    }
    if (size < min.font - 0.01) problems.push(`text ${size}px < ${min.font}px: ${describe(el)}`);
  }
  // Generated text (::before/::after content) is read too.
  for (const el of document.body.querySelectorAll('*')) {
    if (!visible(el)) continue;
    for (const pseudo of ['::before', '::after']) {
      const cs = getComputedStyle(el, pseudo);
      const content = cs.content;
      if (!content || content === 'none' || content === 'normal' || !/[^\s"']/.test(content.replace(/^"|"$/g, ''))) continue;
      if (!/^["']/.test(content)) continue; // counters, images: not text we can size-check simply
      const size = parseFloat(cs.fontSize);
      if (size < min.font - 0.01) problems.push(`text ${size}px < ${min.font}px: ${describe(el)}${pseudo} ${content}`);
    }
  }
  return problems;
}
