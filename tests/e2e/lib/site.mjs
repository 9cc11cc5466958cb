// Builds sites with the release binary into temporary folders, and plants known faults into a
// copy of the mini fixture so the suite proves that it can fail.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../../..');

export function tempDir(tag) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `madoguchi-e2e-${tag}-`));
}

/** Runs `madoguchi build` (release) for the site at `root` into a new temporary folder. */
export function build(root, tag, baseUrl) {
  const out = path.join(tempDir(tag), 'site');
  const args = ['run', '--release', '--quiet', '--', 'build', '--root', root, '--out', out];
  if (baseUrl) args.push('--base-url', baseUrl);
  try {
    execFileSync('cargo', args, { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (e) {
    throw new Error(`\`cargo ${args.join(' ')}\` failed (exit ${e.status}); its errors are above`);
  }
  return out;
}

/** Every file under `dir` as a sorted list of '/'-separated relative paths. */
export function files(dir, ext = '') {
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith(ext)) found.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return found.sort();
}

/** The mini fixture with the theme, as tests/common does, in a temporary site root. */
/** A copy of the three-language fixture (ja, en, vi) with the repo's templates and assets
 *  beside the fixture's own i18n/vi.yaml: a language added as data only. */
export function threeLangRoot() {
  const root = path.join(tempDir('three'), 'root');
  fs.cpSync(path.join(REPO, 'tests/fixtures/three-lang'), root, { recursive: true });
  for (const part of ['templates', 'static', 'i18n/ja.yaml', 'i18n/en.yaml']) {
    fs.cpSync(path.join(REPO, 'themes/default', part), path.join(root, 'themes/default', part), { recursive: true });
  }
  return root;
}

export function miniRoot() {
  const root = path.join(tempDir('mini'), 'root');
  fs.cpSync(path.join(REPO, 'tests/fixtures/mini'), root, { recursive: true });
  fs.cpSync(path.join(REPO, 'themes'), path.join(root, 'themes'), { recursive: true });
  // Enough windows for the agency list, Kita and the parents' list to run to two pages,
  // so the pager is crawled, checked by axe and the Nu checker, and tried on a phone.
  for (let i = 0; i < 110; i++) {
    const n = String(i).padStart(3, '0');
    fs.writeFileSync(path.join(root, 'content/agencies', `extra-${n}.yaml`), [
      `name: {ja: 相談窓口${n}, en: Consultation window ${n}}`,
      `kana: そうだんまどぐち${n}`,
      'tier: primary',
      'kind: {ja: 相談, en: Consultation}',
      'service_areas: [kita]',
      'audiences: [parents]',
      'stages: [infancy]',
      'description:',
      '  ja: 子育ての相談を受けます。',
      '  en: Takes questions about raising children.',
      'application_process: {ja: 電話してください。, en: Call first.}',
      'source: テスト資料',
      'verified_on: 2024-01-26',
      '',
    ].join('\n'));
  }
  return root;
}

function insertIntoMain(file, html) {
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf('<main id="main">');
  if (at < 0) throw new Error(`self-test: ${file} has no <main id="main"> to plant into`);
  const end = at + '<main id="main">'.length;
  fs.writeFileSync(file, text.slice(0, end) + '\n' + html + text.slice(end));
}

/**
 * Plants one fault of each kind into distinct pages of a built site, and returns what the
 * suite must report: exactly these, nothing else.
 */
export function plantFaults(site) {
  const pages = files(site, '.html').filter((f) => f !== '404.html' && f !== 'en/404.html');
  const pick = (want) => {
    const f = pages.find((p) => p === want);
    if (!f) throw new Error(`self-test: the mini site has no ${want}; update plantFaults`);
    return f;
  };
  const broken = pick('pages/about/index.html');
  const noAlt = pick('en/pages/about/index.html');
  const inlineStyle = pick('pages/privacy/index.html');
  // Both a link target and an image are checked against the folder they are planted in.
  insertIntoMain(path.join(site, broken), '<p><a href="../does-not-exist/index.html">planted broken link</a></p>');
  insertIntoMain(path.join(site, noAlt), '<p><img src="../../../assets/favicon.svg" width="24" height="24"></p>');
  insertIntoMain(path.join(site, inlineStyle), '<p style="color: #1a1a1a">planted inline style</p>');
  const script = pick('tiers/index.html');
  fs.writeFileSync(path.join(site, 'assets/planted.js'), "console.error('planted console error');\nthrow new Error('planted page error');\n");
  insertIntoMain(path.join(site, script), '<script src="../assets/planted.js"></script>');
  // Phone faults need CSS, which only the stylesheet may carry under the CSP.
  const phone = pick('en/tiers/index.html');
  fs.appendFileSync(path.join(site, 'assets/style.css'), `
.planted-wide { width: 500px; }
.planted-small { font-size: 12px; }
.planted-tiny { display: inline-block; width: 12px; height: 12px; }
`);
  insertIntoMain(path.join(site, phone), '<div class="planted-wide">planted wide box</div>' +
    '<p class="planted-small">planted small text</p><p><a class="planted-tiny" href="index.html">1</a><a class="planted-tiny" href="index.html">2</a></p>');
  // A handout too long for one A4 page (plain paragraphs: no other check minds them).
  const longHandout = pick('handouts/infancy/index.html');
  insertIntoMain(path.join(site, longHandout), Array.from({ length: 90 }, (_, i) => `<p>planted line ${i + 1} of a handout too long for one page</p>`).join('\n'));
  return {
    longHandout,
    brokenLinkFrom: broken,
    brokenLinkTo: 'pages/does-not-exist/index.html',
    axeViolation: { page: noAlt, rule: 'image-alt' },
    vnuErrorIn: noAlt,
    cspViolationIn: inlineStyle,
    scriptErrorsIn: script,
    phone: { page: phone, problems: [/^scrolls sideways/, /^text 12px/, /^tap target 12×12px.*"1"/, /^tap target 12×12px.*"2"/] },
  };
}
