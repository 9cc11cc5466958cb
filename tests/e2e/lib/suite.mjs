// Everything the suite checks on one built site, returned as named lists of problems.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { crawl, watch, PAGES_AT_ONCE, PHONE, MIN } from './crawl.mjs';
import { phoneProblems } from './inpage.mjs';
import { serve } from './server.mjs';
import { files } from './site.mjs';
import { marksAsTyped, relevance, searchBox } from './search.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const PREFIX = '/kodomo/hattatsu/';

/** The template behind a page, from its address: "en stages/*\/index.html". */
export function pageType(rel) {
  // A language's pages are under a folder shaped like a language code (en/, vi/, zh-Hans/).
  const prefix = /^([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\//.exec(rel);
  const lang = prefix ? prefix[1] : 'first';
  const segs = (prefix ? rel.slice(prefix[0].length) : rel).split('/');
  const shape = segs.map((s, i) => (i === 0 || i === segs.length - 1 ? s : '*')).join('/');
  return `${lang} ${shape}`;
}

/**
 * Seconds between laps, named, for the log: where the suite's time goes (CI has a time budget,
 * README "Tests"). `lap(name)` ends the stage `name`; `line()` is "name 1.2 s, …".
 */
export function stopwatch() {
  let last = Date.now();
  const laps = [];
  return {
    lap(name) {
      const now = Date.now();
      laps.push(`${name} ${((now - last) / 1000).toFixed(1)} s`);
      last = now;
    },
    line: () => laps.join(', '),
  };
}

async function axe(page) {
  // evaluate() is exempt from the page's CSP, unlike an injected <script>.
  await page.evaluate(AXE);
  const res = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  return res.violations.flatMap((v) =>
    v.nodes.map((n) => ({ rule: v.id, what: `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}` })),
  );
}

/**
 * Runs the browser checks on the site in `dir`, served on `port` under PREFIX and from file://.
 * `opts.axeAlso` names extra pages (relative paths) to run axe on; `opts.screenshots` a folder.
 */
export async function runSuite(browser, dir, port, opts = {}) {
  const server = await serve(dir, PREFIX, port);
  const base = server.url;
  const out = { crawlHttp: [], crawlFile: [], csp: [], notFound: [], axe: [], langSwitch: [], phone: [], unreached: [], search: [], relevance: [] };
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1 });
  const time = stopwatch();
  try {
    const http = await crawl(context, { base, starts: [`${base}index.html`, `${base}en/index.html`] });
    for (const p of http.problems) (p.kind === 'phone' ? out.phone : p.kind === 'csp' ? out.csp : out.crawlHttp).push(p);
    time.lap('crawl http');

    const all = files(dir, '.html');
    const reached = new Set([...http.pages.keys()].map((u) => u.slice(base.length)));
    for (const rel of all) if (!reached.has(rel) && !rel.endsWith('404.html')) out.unreached.push({ page: rel, what: 'no link leads here' });

    const fileBase = pathToFileURL(dir).href + '/';
    const local = await crawl(context, { base: fileBase, starts: [`${fileBase}index.html`, `${fileBase}en/index.html`], phone: false });
    out.crawlFile.push(...local.problems);
    time.lap('crawl file://');

    // Representatives: the first page of each template in each language, plus the 404 page.
    const reps = new Map();
    for (const rel of [...reached].sort()) if (!reps.has(pageType(rel))) reps.set(pageType(rel), rel);
    for (const rel of opts.axeAlso ?? []) reps.set(`planted ${rel}`, rel);

    const page = await context.newPage();
    const w = await watch(page);
    // Each representative stands alone, so PAGES_AT_ONCE pages share the list: `page` (whose
    // watch the later steps use) and helpers closed after.
    const todo = [...reps];
    const helpers = await Promise.all(Array.from({ length: PAGES_AT_ONCE - 1 }, () => context.newPage()));
    await Promise.all([page, ...helpers].map(async (p) => {
      while (todo.length > 0) {
        const [type, rel] = todo.shift();
        await p.goto(base + rel);
        for (const v of await axe(p)) out.axe.push({ page: rel, type, rule: v.rule, what: v.what });
        await switchLanguage(p, base, rel, all, out.langSwitch);
      }
    }));
    for (const p of helpers) await p.close();

    // Pages seen again for axe: their errors were already reported by the crawl.
    w.take();
    time.lap('axe and language switch');

    // The search script only runs when someone types; a stage's name must find that stage.
    for (const rel of ['search/index.html', 'en/search/index.html'].filter((r) => all.includes(r))) {
      w.reset(base + rel);
      await page.goto(base + rel);
      const source = page.locator('.search-browse a');
      if ((await source.count()) === 0 || (await page.locator('#search-input').count()) !== 1) {
        out.search.push({ page: rel, what: 'want #search-input and .search-browse links (a query is taken from the first)' });
        continue;
      }
      const query = (await source.first().textContent()).trim();
      await page.locator('#search-input').fill(query);
      const found = await page
        .waitForFunction(() => document.querySelectorAll('#search-results li').length > 0, null, { timeout: 5000 })
        .then(() => true, () => false);
      if (!found) out.search.push({ page: rel, what: `typing "${query}" showed no result in #search-results` });
      // Results are markup too: the same accessibility and phone rules apply.
      for (const v of await axe(page)) out.axe.push({ page: `${rel} (results)`, rule: v.rule, what: v.what });
      for (const p of await page.evaluate(phoneProblems, MIN)) out.phone.push({ kind: 'phone', page: `${rel} (results)`, what: p });
      out.search.push(...w.take());
      out.search.push(...(await page.evaluate(() => window.__cspViolations || [])).map((what) => ({ kind: 'csp', page: rel, what })));
    }

    time.lap('search');
    // Every relevance query in the real browser (opts.queries), and the home page's box.
    if (opts.queries) {
      out.relevance.push(...(await relevance(page, base, opts.queries, dir)), ...(await searchBox(page, base)));
      out.relevance.push(...(await marksAsTyped(page, base, dir)));
      out.relevance.push(...w.take());
      time.lap('relevance');
    }

    // A missing address anywhere under the site gets the 404 page with working assets.
    for (const [lang, missing] of [['ja', 'no/such/page/index.html'], ['en', 'en/no/such/page/index.html']]) {
      w.reset(base + missing);
      const res = await page.goto(base + missing);
      const seen = w.take().filter((p) => !(p.kind === 'http' && p.what.endsWith(base + missing)));
      if (res.status() !== 404) out.notFound.push({ page: missing, what: `status ${res.status()}, want 404` });
      for (const p of seen) out.notFound.push(p);
      for (const v of await axe(page)) out.axe.push({ page: missing, type: `${lang} 404`, rule: v.rule, what: v.what });
      await switchLanguage(page, base, lang === 'ja' ? '404.html' : 'en/404.html', all, out.langSwitch, true);
    }
    for (const p of w.take()) out.notFound.push(p);

    // The skip link is off-screen until focused; then it must be a full-size target.
    await page.goto(`${base}index.html`);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      return { cls: document.activeElement.className, w: r.width, h: r.height, left: r.left };
    });
    if (skip.cls !== 'skip' || skip.w < 24 || skip.h < 24 || skip.left < 0) {
      out.phone.push({ page: 'index.html', what: `first Tab should show the skip link ≥24px on screen, got ${JSON.stringify(skip)}` });
    }

    time.lap('404 and skip link');
    if (opts.screenshots) await screenshots(page, base, reached, opts.screenshots);
    time.lap('screenshots');
    await page.close();
    out.csp.push(...server.reports.map((r) => ({ kind: 'csp', page: r['document-uri'] ?? '?', what: `report: ${r['violated-directive'] ?? ''} ${r['blocked-uri'] ?? ''}` })));
    return { out, pages: http.pages.size, filePages: local.pages.size, types: reps.size, time: time.line() };
  } finally {
    await context.close();
    await server.close();
  }
}

/**
 * Every language switch on `rel` lands on the same page in that language: on the page its
 * `<link rel="alternate" hreflang>` names, whose `<html lang>` is the switch's `hreflang`;
 * where the page has no version in that language, on that language's home page. With
 * `notFound` (the 404 pages, which have no alternates) that language's 404 page.
 */
async function switchLanguage(page, base, rel, all, problems, notFound) {
  const from = page.url();
  // Each switch names its language twice: `hreflang` (what the alternates use) and `lang`
  // (its tag, what the landed page's <html lang> says; two languages may share one).
  const info = await page.evaluate(() => ({
    switches: [...document.querySelectorAll('a.lang-switch')].map((a) => [a.getAttribute('hreflang'), a.getAttribute('lang')]),
    alternates: Object.fromEntries([...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [l.hreflang, l.href])),
  }));
  if (info.switches.length === 0) {
    problems.push({ page: rel, what: 'want an a.lang-switch for each other language, found none' });
    return;
  }
  if (notFound) {
    // Going back to the missing address would count as another 404: follow each link instead.
    const hrefs = await page.evaluate(() => [...document.querySelectorAll('a.lang-switch')].map((a) => [a.getAttribute('hreflang'), a.getAttribute('lang'), a.href]));
    for (const [lang, tag, href] of hrefs) {
      await page.goto(href);
      const got = page.url().startsWith(base) ? page.url().slice(base.length) : page.url();
      const landed = await page.evaluate(() => document.documentElement.lang);
      if (!got.endsWith('404.html') || landed !== tag) problems.push({ page: rel, what: `switch to ${lang} went to ${got} (in ${landed}), want its 404 page` });
    }
    return;
  }
  for (const [lang, tag] of info.switches) {
    if (page.url() !== from) await page.goto(from);
    await Promise.all([page.waitForURL((u) => u.href !== from), page.locator(`a.lang-switch[hreflang="${lang}"]`).click()]);
    const got = page.url().startsWith(base) ? page.url().slice(base.length) : page.url();
    // A page's alternates list itself first.
    const landed = await page.evaluate(() => {
      const self = document.querySelector('link[rel="alternate"][hreflang]');
      return {
        lang: document.documentElement.lang,
        hreflang: self?.hreflang,
        home: document.querySelector('link[rel="alternate"][hreflang="x-default"]')?.href,
        self: self?.href,
      };
    });
    if (landed.lang !== tag || landed.hreflang !== lang) problems.push({ page: rel, what: `switch to ${lang} went to ${got}, a page in ${landed.hreflang} (lang ${landed.lang})` });
    const want = info.alternates[lang];
    if (want && page.url() !== want) problems.push({ page: rel, what: `switch to ${lang} went to ${got}, want ${want.slice(base.length)}` });
    if (!want && !(landed.home === `${base}index.html` && landed.self === page.url())) {
      problems.push({ page: rel, what: `no ${lang} version, so the switch should land on the ${lang} home page, went to ${got}` });
    }
  }
}

async function screenshots(page, base, reached, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const pick = (re) => [...reached].sort().find((r) => re.test(r));
  const shots = {
    home: 'index.html',
    stage: pick(/^stages\/[^/]+\/index\.html$/),
    agency: pick(/^agencies\/[^/]+\/index\.html$/),
    search: 'search/index.html',
  };
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    for (const [name, rel] of Object.entries(shots)) {
      if (!rel) continue;
      for (const lang of ['ja', 'en']) {
        await page.goto(base + (lang === 'en' ? `en/${rel}` : rel));
        await page.screenshot({ path: path.join(dir, `${name}-${lang}-${width}.png`), fullPage: true });
      }
    }
  }
  await page.setViewportSize(PHONE);
}
