// The language chooser on a 360 px phone: on a stage page and a record page in each language,
// every other language's switch is on screen without scrolling or opening a menu, is a tap
// target of at least 24×24 CSS px (WCAG 2.5.8), carries that language's own `lang` (its tag)
// and `hreflang`, and reads the language's own name as site.yaml declares it.
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './server.mjs';
import { tempDir } from './site.mjs';
import { PREFIX } from './suite.mjs';

/** A small phone held upright: the chooser must fit without scrolling. */
export const CHOOSER_VIEWPORT = { width: 360, height: 640 };
const TARGET_MIN = 24;

/**
 * The `languages:` of the site.yaml in `root`, each as site.yaml means it:
 * { code, name, tag (default code), hreflang (default tag), prefix (default "") }.
 * Reads the two shapes the project writes: a flow list on one line, or one flow map a line.
 */
export function siteLanguages(root) {
  const lines = fs.readFileSync(path.join(root, 'site.yaml'), 'utf8').split('\n');
  const at = lines.findIndex((l) => /^languages:/.test(l));
  if (at < 0) return [];
  let block = lines[at].slice('languages:'.length);
  for (let i = at + 1; i < lines.length && /^\s+-\s*\{/.test(lines[i]); i++) block += '\n' + lines[i];
  return [...block.matchAll(/\{([^{}]*)\}/g)].map(([, body]) => {
    const fields = {};
    for (const [, key, raw] of body.matchAll(/([A-Za-z][\w-]*):\s*(\[[^\]]*\]|"[^"]*"|'[^']*'|[^,]*)/g)) {
      fields[key] = raw.trim().replace(/^(["'])(.*)\1$/, '$2');
    }
    const tag = fields.tag ?? fields.code;
    return { code: fields.code, name: fields.name, tag, hreflang: fields.hreflang ?? tag, prefix: fields.prefix ?? '' };
  });
}

/** What the page shows of each language switch, measured in the page. */
function measureSwitches() {
  return [...document.querySelectorAll('a.lang-switch')].map((a) => {
    const r = a.getBoundingClientRect();
    const style = getComputedStyle(a);
    // The switch itself must receive a tap at its centre, not something drawn over it.
    const hit = r.width > 0 && r.height > 0 ? document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) : null;
    return {
      href: a.href,
      text: a.textContent.trim(),
      lang: a.getAttribute('lang'),
      hreflang: a.getAttribute('hreflang'),
      box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
      shown: style.display !== 'none' && style.visibility !== 'hidden' && r.width > 0 && r.height > 0,
      onTop: hit !== null && a.contains(hit),
      scrolled: window.scrollY !== 0 || window.scrollX !== 0,
    };
  });
}

/** Problems with the switch to `want` on a page, measured as `measureSwitches` returns it. */
function switchProblems(s, want, viewport) {
  const p = [];
  if (s.text !== want.name) p.push(`reads "${s.text}", want its own name "${want.name}"`);
  if (s.lang !== want.tag) p.push(`lang="${s.lang}", want "${want.tag}"`);
  if (s.hreflang !== want.hreflang) p.push(`hreflang="${s.hreflang}", want "${want.hreflang}"`);
  if (!s.shown) p.push('is not shown');
  const b = s.box;
  const onScreen = b.left >= 0 && b.top >= 0 && b.right <= viewport.width && b.bottom <= viewport.height;
  if (s.shown && (!onScreen || s.scrolled)) {
    p.push(`is not on screen without scrolling: at ${Math.round(b.left)},${Math.round(b.top)}–${Math.round(b.right)},${Math.round(b.bottom)} in ${viewport.width}×${viewport.height}`);
  }
  if (s.shown && onScreen && !s.onTop) p.push('is covered at its centre by another element');
  if (b.width < TARGET_MIN || b.height < TARGET_MIN) p.push(`tap target ${Math.round(b.width)}×${Math.round(b.height)}px, under ${TARGET_MIN}×${TARGET_MIN}`);
  return p;
}

/**
 * Problems of the chooser on each of `pages` (paths below a language's prefix, present in
 * every language) of the site in `dir`, in each of `languages` (as `siteLanguages` reads them).
 */
export async function chooserProblems(browser, dir, languages, pages) {
  if (languages.length < 2 || languages.some((l) => !l.code || !l.name)) {
    return [{ page: 'site.yaml', what: `want two or more languages with code and name, read ${JSON.stringify(languages)}` }];
  }
  const server = await serve(dir, PREFIX, 0);
  const context = await browser.newContext({ viewport: CHOOSER_VIEWPORT, deviceScaleFactor: 1, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const problems = [];
  try {
    for (const from of languages) {
      for (const rel of pages) {
        const at = from.prefix + rel;
        const res = await page.goto(server.url + at);
        if (!res || res.status() !== 200) { problems.push({ page: at, what: `status ${res?.status()}` }); continue; }
        const switches = await page.evaluate(measureSwitches);
        for (const want of languages.filter((l) => l !== from)) {
          const target = server.url + want.prefix + rel;
          const found = switches.filter((s) => s.href === target);
          if (found.length !== 1) { problems.push({ page: at, what: `want one switch to ${want.code} (${target.slice(server.url.length)}), found ${found.length}` }); continue; }
          for (const what of switchProblems(found[0], want, CHOOSER_VIEWPORT)) problems.push({ page: at, what: `switch to ${want.code} ${what}` });
        }
      }
    }
  } finally {
    await context.close();
    await server.close();
  }
  return problems;
}

/**
 * A copy of the built mini site (ja, en) with one chooser fault planted on each page the
 * self-test checks (`pages`: a stage and a record page); returns the copy's folder and the
 * faults the check must report there, and only those: [{ page, what: RegExp }].
 */
export function plantChooserFaults(site, pages) {
  const dir = path.join(tempDir('chooser'), 'site');
  fs.cpSync(site, dir, { recursive: true });
  fs.appendFileSync(path.join(dir, 'assets/style.css'), `
.planted-chooser-tiny { min-height: 0; height: 12px; width: 12px; padding: 0; overflow: hidden; }
.planted-chooser-low { margin-top: 700px; }
`);
  const plant = (rel, pattern, replacement) => {
    const file = path.join(dir, rel);
    const text = fs.readFileSync(file, 'utf8');
    if (!pattern.test(text)) throw new Error(`self-test: ${rel} has no ${pattern} to plant into; update plantChooserFaults`);
    fs.writeFileSync(file, text.replace(pattern, replacement));
  };
  const [stage, record] = pages;
  const switchTo = (code) => new RegExp(`<a class="lang-switch"( [^>]*hreflang="${code}")`);
  plant(stage, /(<a class="lang-switch"[^>]*hreflang="en"[^>]*>)English<\/a>/, '$1Anglais</a>');
  plant(record, switchTo('en'), '<a class="lang-switch planted-chooser-tiny"$1');
  plant(`en/${stage}`, switchTo('ja'), '<a class="lang-switch planted-chooser-low"$1');
  plant(`en/${record}`, /(<a class="lang-switch"[^>]*hreflang="ja") lang="ja"/, '$1 lang="en"');
  return {
    dir,
    faults: [
      { page: stage, what: /^switch to en reads "Anglais", want its own name "English"$/ },
      { page: record, what: /^switch to en tap target \d+×\d+px, under 24×24$/ },
      { page: `en/${stage}`, what: /^switch to ja is not on screen without scrolling/ },
      { page: `en/${record}`, what: /^switch to ja lang="en", want "ja"$/ },
    ],
  };
}
