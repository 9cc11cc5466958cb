// The hreflang set of every page of a built site, read from the files: each page names every
// declared language that has it plus x-default, and never a language the site lacks; pages
// with text shown in a fallback language mark it (`class="untranslated"` with that `lang`).
import fs from 'node:fs';
import path from 'node:path';
import { files } from './site.mjs';

/** Problems with the alternates of the pages in `dir`, for a site declaring `langs`. */
export function hreflangSets(dir, langs) {
  const problems = [];
  let marked = 0;
  for (const rel of files(dir, '.html')) {
    if (rel.endsWith('404.html')) continue;
    const html = fs.readFileSync(path.join(dir, rel), 'utf8');
    const named = [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)"/g)].map((m) => m[1]);
    const want = [...langs, 'x-default'];
    const missing = want.filter((l) => !named.includes(l));
    const extra = named.filter((l) => !want.includes(l));
    if (missing.length || extra.length || named.length !== want.length) {
      problems.push({ page: rel, what: `hreflang set ${named.join(',')}, want ${want.join(',')}` });
    }
    if (/class="untranslated"[^>]* lang="(ja|en)"|lang="(ja|en)"[^>]* class="untranslated"/.test(html)) marked += 1;
  }
  if (marked === 0) problems.push({ page: dir, what: 'no page marks untranslated text with the language it fell back to' });
  return problems;
}
