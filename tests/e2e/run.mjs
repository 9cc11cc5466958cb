// Real-browser suite: builds the shipped site and a copy of the mini fixture with planted
// faults, then crawls, runs axe-core, the Nu Html Checker and phone checks in Debian's Chromium.
// First proves on the planted site that each check fails when it should, then requires zero
// problems on the shipped site. Usage: node tests/e2e/run.mjs [--self-test-only]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { build, files, miniRoot, plantFaults, REPO, threeLangRoot } from './lib/site.mjs';
import { hreflangSets } from './lib/hreflang.mjs';
import { freePort } from './lib/server.mjs';
import { runSuite, stopwatch, PREFIX } from './lib/suite.mjs';
import { vnu } from './lib/vnu.mjs';
import { loadQueries } from '../search/queries.mjs';
import { threeTaps, wardPhones } from './lib/ward_phone.mjs';
import { chooserProblems, plantChooserFaults, siteLanguages } from './lib/chooser.mjs';
import { oneA4Page } from './lib/handouts.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = path.join(REPO, 'target', 'screenshots');
const selfTestOnly = process.argv.includes('--self-test-only');
// The language chooser is checked on a stage page and a record page (each in every language).
const CHOOSER_PAGES = ['stages/checkup-18-months/index.html', 'agencies/ku-hoken-kodomo-ka/index.html'];
const MINI_CHOOSER_PAGES = ['stages/infancy/index.html', 'agencies/ward-office/index.html'];

const results = [];
function check(name, problems) {
  results.push({ name, ok: problems.length === 0 });
  if (problems.length === 0) {
    console.log(`ok   ${name}`);
    return;
  }
  console.log(`FAIL ${name}: ${problems.length} problem(s)`);
  for (const p of problems.slice(0, 400)) console.log(`     ${p.page ?? ''}: ${p.kind ? `[${p.kind}] ` : ''}${p.what}`);
  if (problems.length > 60) console.log(`     … and ${problems.length - 60} more`);
}

/** Problems in `got` that `expected` does not account for, and expectations nothing met. */
function exactly(got, expected) {
  const left = [...expected];
  const unexpected = [];
  for (const g of got) {
    const i = left.findIndex((e) => e(g));
    if (i >= 0) left.splice(i, 1);
    else if (!expected.some((e) => e(g))) unexpected.push(g);
  }
  return [
    ...unexpected.map((g) => ({ ...g, what: `unexpected: ${g.what}` })),
    ...left.map((e) => ({ page: 'self-test', what: `the planted fault was not reported: ${e.desc}` })),
  ];
}
const expect = (desc, fn) => Object.assign(fn, { desc });

const t0 = Date.now();
const clock = stopwatch();
const sitePort = await freePort();
const miniPort = await freePort();
const threePort = await freePort();
let site, mini, planted, three, chooserPlanted;
try {
  site = selfTestOnly ? null : build(REPO, 'site', `http://127.0.0.1:${sitePort}${PREFIX}`);
  const miniSrc = miniRoot();
  mini = build(miniSrc, 'mini', `http://127.0.0.1:${miniPort}${PREFIX}`);
  fs.rmSync(path.dirname(miniSrc), { recursive: true, force: true });
  // A copy with chooser faults only, so the other self-tests see none of them.
  chooserPlanted = plantChooserFaults(mini, MINI_CHOOSER_PAGES);
  planted = plantFaults(mini);
  // A third language added as data only (site.yaml, i18n/vi.yaml, record text).
  const threeSrc = threeLangRoot();
  three = selfTestOnly ? null : build(threeSrc, 'three', `http://127.0.0.1:${threePort}${PREFIX}`);
  fs.rmSync(path.dirname(threeSrc), { recursive: true, force: true });
} catch (e) {
  console.log(`FAIL e2e setup: ${e.message}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}
console.log(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
clock.lap('build');

// One JVM for every file of both sites, running while the browser works.
const htmlFiles = [mini, site, three].filter(Boolean).flatMap((d) => files(d, '.html').map((f) => path.join(d, f)));
const validation = vnu(htmlFiles);

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
try {
  // Self-test: each planted fault is reported, and nothing else.
  const s = await runSuite(browser, mini, miniPort, { axeAlso: [planted.axeViolation.page] });
  console.log(`time of the self-test suite: ${s.time}`);
  const m = `http://127.0.0.1:${miniPort}${PREFIX}`;
  const scriptErrors = (prefix) => [
    expect(`console error on ${planted.scriptErrorsIn}`, (p) => p.kind === 'console' && p.page === prefix + planted.scriptErrorsIn && p.what.includes('planted console error')),
    expect(`page error on ${planted.scriptErrorsIn}`, (p) => p.kind === 'pageerror' && p.page === prefix + planted.scriptErrorsIn && p.what.includes('planted page error')),
  ];
  check('self-test: crawler reports exactly the planted broken link and script errors (http)', exactly(s.out.crawlHttp, [
    expect(`link from ${planted.brokenLinkFrom}`, (p) => p.kind === 'link' && p.page === m + planted.brokenLinkFrom && p.what.includes(planted.brokenLinkTo)),
    ...scriptErrors(m),
  ]));
  check('self-test: crawler reports exactly the planted broken link and script errors (file://)', exactly(s.out.crawlFile, [
    expect(`link from ${planted.brokenLinkFrom}`, (p) => p.kind === 'link' && p.page.endsWith(`/${planted.brokenLinkFrom}`) && p.what.includes(planted.brokenLinkTo)),
    ...scriptErrors(pathToFileURL(mini).href + '/'),
  ]));
  check('self-test: axe reports exactly the planted image without alt', exactly(s.out.axe, [
    expect(`${planted.axeViolation.rule} on ${planted.axeViolation.page}`, (p) => p.page === planted.axeViolation.page && p.rule === planted.axeViolation.rule),
  ]));
  check('self-test: CSP violation of the planted inline style is reported', exactly(s.out.csp, [
    expect(`CSP in the browser on ${planted.cspViolationIn}`, (p) => !p.what.startsWith('report:') && String(p.page).endsWith(planted.cspViolationIn)),
    expect(`CSP report to report-uri from ${planted.cspViolationIn}`, (p) => p.what.startsWith('report:') && String(p.page).endsWith(planted.cspViolationIn)),
  ]));
  check('self-test: phone checks report exactly the planted wide box, small text and tiny targets', exactly(s.out.phone,
    planted.phone.problems.map((re) => expect(`${re} on ${planted.phone.page}`, (p) => p.page === m + planted.phone.page && re.test(p.what)))));
  for (const k of ['notFound', 'langSwitch', 'unreached', 'search']) check(`self-test: ${k} clean on the mini site`, s.out[k]);
  const miniLanguages = siteLanguages(path.join(REPO, 'tests/fixtures/mini'));
  check('self-test: the chooser check reports exactly the planted wrong name, small target, switch below the fold and wrong lang',
    exactly(await chooserProblems(browser, chooserPlanted.dir, miniLanguages, MINI_CHOOSER_PAGES),
      chooserPlanted.faults.map((f) => expect(`${f.what} on ${f.page}`, (p) => p.page === f.page && f.what.test(p.what)))));
  clock.lap('self-test suite and chooser');
  check('self-test: the handout check reports exactly the planted too-long handout', exactly((await oneA4Page(browser, mini)).problems, [
    expect(`${planted.longHandout} on 2 pages or more`, (p) => p.page === planted.longHandout && /prints on \d+ pages/.test(p.what)),
  ]));

  if (site) {
    const queries = loadQueries();
    clock.lap('self-test handouts');
    const r = await runSuite(browser, site, sitePort, { screenshots: SHOTS, queries });
    console.log(`time of the shipped site's suite: ${r.time}`);
    clock.lap('shipped suite');
    console.log(`shipped site: ${r.pages} pages over http, ${r.filePages} over file://, ${r.types} page types`);
    check('crawl over http under /kodomo/hattatsu/: no broken link, missing asset, console or page error', r.out.crawlHttp);
    check('crawl over file://: no broken link, missing asset, console or page error', r.out.crawlFile);
    check("Content-Security-Policy default-src 'self' holds", r.out.csp);
    check('missing address gets the 404 page with working assets', r.out.notFound);
    check('axe-core WCAG 2.0/2.1 A+AA on every page type, both languages', r.out.axe);
    check('language switch lands on the same page in the other language', r.out.langSwitch);
    check('search: typing a stage name finds results, without errors', r.out.search);
    check(`search in Chromium: all ${queries.length} relevance queries find their record in the top 3; home search box; no-result help; Vietnamese snippets mark words as typed`, r.out.relevance);
    check('phone 360×740: no sideways scroll, targets ≥24px, text ≥16px', r.out.phone);
    check('every generated page is reachable by links', r.out.unreached);
    const phones = wardPhones(REPO);
    check(`360 px: from home, each ward office's number (${Object.keys(phones).length} wards) in at most three taps, ja and en`,
      Object.keys(phones).length === 5 ? await threeTaps(browser, site, phones) : [{ page: 'facts', what: 'five ward offices expected' }]);
    clock.lap('ward phones');
    const languages = siteLanguages(REPO);
    check(`360×640: on a stage and a record page in each of the ${languages.length} languages, every language switch is on screen, ≥24×24px, with its own lang, hreflang and name from site.yaml`,
      await chooserProblems(browser, site, languages, CHOOSER_PAGES));
    clock.lap('chooser');
    const t1 = Date.now();
    const a4 = await oneA4Page(browser, site);
    check(`handouts one A4 page each: ${a4.printed} handouts in all ${a4.languages} languages, printed by Chromium (${((Date.now() - t1) / 1000).toFixed(1)} s)`, a4.problems);
    clock.lap('shipped handouts');
    console.log(`screenshots in ${path.relative(process.cwd(), SHOTS) || SHOTS}`);
  }

  if (three) {
    const t = await runSuite(browser, three, threePort);
    console.log(`time of the three-language suite: ${t.time}`);
    console.log(`three-language site: ${t.pages} pages over http, ${t.types} page types`);
    check('three languages: crawl over http and file://, no broken link, console or page error', [...t.out.crawlHttp, ...t.out.crawlFile, ...t.out.csp]);
    check('three languages: every page reachable; axe on every page type in each language', [...t.out.unreached, ...t.out.axe]);
    check('three languages: each language switch lands on the same page in that language', t.out.langSwitch);
    check('three languages: every page names ja, en, vi and x-default as alternates; untranslated text marked', hreflangSets(three, ['ja', 'en', 'vi']));
    check('three languages: handouts one A4 page each', (await oneA4Page(browser, three)).problems);
    clock.lap('three-language suite and handouts');
  }
} finally {
  await browser.close();
}

const byFile = await validation;
clock.lap('waiting for the Nu checker');
const vnuProblems = (dir) => [...byFile].filter(([f]) => f.startsWith(dir + path.sep))
  .flatMap(([f, msgs]) => msgs.map((what) => ({ page: path.relative(dir, f), what })));
check('self-test: Nu Html Checker reports the planted image without alt, and nothing else', exactly(vnuProblems(mini), [
  expect(`img without alt in ${planted.vnuErrorIn}`, (p) => p.page === planted.vnuErrorIn && /alt/.test(p.what)),
]));
if (site) check(`Nu Html Checker: zero errors in ${files(site, '.html').length} pages`, vnuProblems(site));
if (three) check(`Nu Html Checker: zero errors in the three-language site's ${files(three, '.html').length} pages`, vnuProblems(three));

const failed = results.filter((r) => !r.ok).length;
console.log(`time by stage: ${clock.line()}`);
console.log(`e2e took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`e2e: ${results.length - failed} passed, ${failed} failed`);
// Built sites are kept only when something failed, for a look at the files.
if (!failed) for (const d of [mini, site, three, chooserPlanted?.dir].filter(Boolean)) fs.rmSync(path.dirname(d), { recursive: true, force: true });
else console.log(`built sites kept for inspection: ${[mini, site, three, chooserPlanted?.dir].filter(Boolean).join(' ')}`);
process.exit(failed ? 1 : 0);
