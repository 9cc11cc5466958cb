/* Site search. The tokenizer mirrors src/search/tokenize.rs exactly (tests/search_tokenizer.rs
   compares both); scoring follows elasticlunr (tf·idf, field boosts, 1/√field length,
   coordination, prefix expansion of the last token) but a record must contain every query
   token in some field, not all in one, so 「北区 健診」 finds the checkup held in each ward.
   The index is a .js file added with <script src> on first use: that works from file://
   (where fetch does not) and under any subpath, with CSP default-src 'self'. */
(function (root, factory) {
  var api = factory();
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof document !== 'undefined') api.start(document, root);
})(this, function () {
  'use strict';

  /* Katakana → hiragana; small ヵ/ヶ read as か (1歳6ヶ月). */
  function fold(cp) {
    if (cp === 0x30f5 || cp === 0x30f6 || cp === 0x3095 || cp === 0x3096) return 0x304b;
    if ((cp >= 0x30a1 && cp <= 0x30f4) || cp === 0x30fd || cp === 0x30fe) return cp - 0x60;
    return cp;
  }

  var CJK = 1, WORD = 2, OTHER = 0;
  function cls(cp) {
    /* Kana and ー, but not the middle dot ・ or lone (semi-)voiced marks: those separate. */
    if ((cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x309d && cp <= 0x309f) ||
        (cp >= 0x30a1 && cp <= 0x30fa) || (cp >= 0x30fc && cp <= 0x30ff) ||
        (cp >= 0x3005 && cp <= 0x3007) || (cp >= 0x3400 && cp <= 0x4dbf) ||
        (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0x20000 && cp <= 0x2ffff)) return CJK;
    if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xdf && cp <= 0xf6) ||
        (cp >= 0xf8 && cp <= 0x24f)) return WORD;
    return OTHER;
  }

  function normalize(text) {
    var s = String(text).normalize('NFKC').toLowerCase();
    var out = '';
    for (var ch of s) out += String.fromCodePoint(fold(ch.codePointAt(0)));
    return out;
  }

  /* [[class, [chars]]…] for the runs of kana/kanji and of Latin/digits. */
  function runs(norm) {
    var out = [], cur = null;
    for (var ch of norm) {
      var k = cls(ch.codePointAt(0));
      if (k === OTHER) { cur = null; continue; }
      if (!cur || cur[0] !== k) { cur = [k, []]; out.push(cur); }
      cur[1].push(ch);
    }
    return out;
  }

  function tokenize(text) {
    var tokens = [];
    runs(normalize(text)).forEach(function (r) {
      var c = r[1];
      if (r[0] === CJK && c.length > 1) {
        for (var i = 0; i + 1 < c.length; i++) tokens.push(c[i] + c[i + 1]);
      } else tokens.push(c.join(''));
    });
    return tokens;
  }

  function squash(text) {
    return runs(normalize(text)).map(function (r) { return r[1].join(''); }).join('');
  }

  function Index(data) {
    this.d = data;
    this.n = data.docs.length;
    this.nf = data.fields.length;
    this.sorted = [];
  }

  /* [[doc, count]…] for a token of field f, or null. */
  Index.prototype.postings = function (f, token) {
    var enc = Object.prototype.hasOwnProperty.call(this.d.index[f], token) ? this.d.index[f][token] : null;
    if (!enc) return null;
    var out = [], doc = 0;
    for (var i = 0; i < enc.length; i++) {
      if (enc[i] < 0) out[out.length - 1][1] = -enc[i];
      else { doc += enc[i]; out.push([doc, 1]); }
    }
    return out;
  };

  /* Tokens of field f starting with prefix, by binary search over the sorted keys. */
  Index.prototype.expand = function (f, prefix) {
    var keys = this.sorted[f] || (this.sorted[f] = Object.keys(this.d.index[f]).sort());
    var lo = 0, hi = keys.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (keys[mid] < prefix) lo = mid + 1; else hi = mid; }
    var out = [];
    for (var i = lo; i < keys.length && keys[i].startsWith(prefix); i++) out.push(keys[i]);
    return out;
  };

  /* elasticlunr's score of one posting: tf · idf · 1/√(field length), and only 15 % (less
     the longer the expansion) for a token reached by prefix expansion. */
  Index.prototype.termScore = function (f, df, expanded, posting) {
    var len = this.d.lengths[posting[0] * this.nf + f];
    var norm = len ? 1 / Math.sqrt(len) : 1;
    var idf = 1 + Math.log(this.n / (df + 1));
    var penalty = expanded ? (1 - ([...expanded[0]].length - [...expanded[1]].length) / [...expanded[0]].length) * 0.15 : 1;
    return Math.sqrt(posting[1]) * idf * norm * penalty;
  };

  /* Results best first: [{doc, score}]. */
  Index.prototype.search = function (query) {
    var seen = {}, tokens = tokenize(query).filter(function (t) { return !seen[t] && (seen[t] = 1); });
    if (!tokens.length) return [];
    var exactField = this.d.fields.indexOf('exact');
    var found = tokens.map(function () { return {}; });
    var score = {};
    for (var f = 0; f < this.nf; f++) {
      if (f === exactField) continue;
      var fieldScore = {}, matched = {};
      for (var q = 0; q < tokens.length; q++) {
        var t = tokens[q], here = {};
        /* A lone kanji/kana is indexed only inside bigrams, so it always expands. */
        var single = [...t].length === 1 && cls(t.codePointAt(0)) === CJK;
        var keys = q === tokens.length - 1 || single ? this.expand(f, t) : [t];
        for (var k = 0; k < keys.length; k++) {
          var ps = this.postings(f, keys[k]);
          if (!ps) continue;
          var expanded = keys[k] === t ? null : [keys[k], t];
          for (var p = 0; p < ps.length; p++) {
            var doc = ps[p][0];
            fieldScore[doc] = (fieldScore[doc] || 0) + this.termScore(f, ps.length, expanded, ps[p]);
            if (!here[doc]) { here[doc] = 1; matched[doc] = (matched[doc] || 0) + 1; }
            found[q][doc] = 1;
          }
        }
      }
      /* Coordination: a field holding all the query's tokens counts fully. */
      for (var d in fieldScore) {
        score[d] = (score[d] || 0) + this.d.boosts[f] * fieldScore[d] * (matched[d] / tokens.length);
      }
    }
    var results = [];
    for (var doc2 in score) {
      if (found.every(function (h) { return h[doc2]; })) results.push({ doc: +doc2, score: score[doc2] });
    }
    if (exactField >= 0) {
      var ex = this.postings(exactField, squash(query)) || [];
      for (var e = 0; e < ex.length; e++) {
        var r = results.find(function (x) { return x.doc === ex[e][0]; });
        if (r) r.score += this.d.boosts[exactField] * this.termScore(exactField, ex.length, null, ex[e]);
      }
    }
    results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return results;
  };

  /* What a result line shows; href is relative to the language root. */
  Index.prototype.display = function (doc) {
    var r = this.d.docs[doc], d = this.d;
    return {
      name: r[0],
      href: d.sections[r[1]] + '/' + r[2] + '/index.html',
      tier: r[3] >= 0 ? d.tiers[r[3]] : null,
      wards: r[4].map(function (i) { return d.wards[i]; }),
      stages: r[5].map(function (i) { return d.stages[i]; })
    };
  };

  var MAX_RESULTS = 50;

  function start(document, win) {
    function init() {
      var input = document.getElementById('search-input');
      var list = document.getElementById('search-results');
      var status = document.getElementById('search-status');
      var none = document.getElementById('search-none');
      var sep = document.documentElement.lang === 'en' ? ', ' : '、';
      if (!input || !list || !status) return;
      var index = null, loading = false;

      function show() {
        if (!index) return;
        var q = input.value;
        while (list.firstChild) list.removeChild(list.firstChild);
        if (none) none.hidden = true;
        if (!tokenize(q).length) { status.textContent = ''; return; }
        var results = index.search(q).slice(0, MAX_RESULTS);
        results.forEach(function (r) {
          var v = index.display(r.doc);
          var li = document.createElement('li');
          var a = document.createElement('a');
          a.href = (input.getAttribute('data-base') || '') + v.href;
          a.textContent = v.name;
          li.appendChild(a);
          var meta = [v.tier, v.wards.join(sep), v.stages.join(sep)].filter(Boolean);
          if (meta.length) {
            var span = document.createElement('span');
            span.className = 'result-meta';
            span.textContent = meta.join(' · ');
            li.appendChild(document.createTextNode(' '));
            li.appendChild(span);
          }
          list.appendChild(li);
        });
        status.textContent = results.length
          ? (status.getAttribute('data-count') || '{n}').replace('{n}', results.length)
          : status.getAttribute('data-none') || '';
        if (none) none.hidden = results.length > 0;
      }

      function load() {
        if (index || loading) return;
        loading = true;
        var s = document.createElement('script');
        s.src = input.getAttribute('data-index');
        s.addEventListener('load', function () {
          index = new Index(win.MADOGUCHI_SEARCH);
          show();
        });
        s.addEventListener('error', function () { loading = false; });
        document.head.appendChild(s);
      }

      input.addEventListener('focus', load);
      input.addEventListener('input', function () {
        load();
        show();
        try {
          var url = new URL(win.location.href);
          url.searchParams.set('q', input.value);
          win.history.replaceState(null, '', url.href);
        } catch (e) { /* file:// may refuse history changes; the search still works */ }
      });
      if (input.form) input.form.addEventListener('submit', function (e) { e.preventDefault(); load(); show(); });
      var q = new URLSearchParams(win.location.search).get('q');
      if (q) { input.value = q; load(); }
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
    else init();
  }

  return { normalize: normalize, tokenize: tokenize, squash: squash, Index: Index, start: start };
});
