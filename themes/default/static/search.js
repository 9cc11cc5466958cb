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

  /* The manifest of assets/search-<lang>.js. A big site's postings are split into shards by
     token range (shard i holds tokens from starts[i] up to starts[i + 1]) and its result lines
     into chunks of `chunk` documents, loaded as the queries need them; a small site's come
     inline. Scoring is the same either way. */
  function Index(data) {
    this.d = data;
    this.n = data.n;
    this.nf = data.fields.length;
    this.shards = data.shards || [];
    this.chunks = data.chunks || [];
    this.sorted = {};
  }

  /* The shard whose token range holds token: the last one starting at or before it. */
  Index.prototype.shardOf = function (token) {
    var s = this.d.starts, lo = 0, hi = s.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (s[mid] <= token) lo = mid; else hi = mid - 1; }
    return lo;
  };

  /* Shards holding the tokens that start with prefix (U+FFFF sorts after any text). */
  Index.prototype.prefixShards = function (prefix) {
    var out = [];
    for (var i = this.shardOf(prefix), last = this.shardOf(prefix + '\uffff'); i <= last; i++) out.push(i);
    return out;
  };

  /* [[doc, count, field length]…] for a token of field f, or null. */
  Index.prototype.postings = function (f, token) {
    var shard = this.shards[this.shardOf(token)];
    var enc = shard && Object.prototype.hasOwnProperty.call(shard[f], token) ? shard[f][token] : null;
    if (!enc) return null;
    /* Sharded: [gaps (a negative number after a gap is that document's count), field
       lengths]; single file: the gaps, and the lengths come from the table of all. */
    var table = this.d.lengths, gaps = table ? enc : enc[0], lens = table ? null : enc[1];
    var out = [], doc = 0;
    for (var i = 0; i < gaps.length; i++) {
      if (gaps[i] < 0) out[out.length - 1][1] = -gaps[i];
      else { doc += gaps[i]; out.push([doc, 1, table ? table[doc * this.nf + f] : lens[out.length]]); }
    }
    return out;
  };

  /* Tokens of field f starting with prefix, in sorted order, by binary search over each
     shard's sorted keys (shards are consecutive ranges, so the order is global). */
  Index.prototype.expand = function (f, prefix) {
    var out = [], ids = this.prefixShards(prefix);
    for (var j = 0; j < ids.length; j++) {
      var shard = this.shards[ids[j]];
      if (!shard) continue;
      var key = ids[j] * this.nf + f;
      var keys = this.sorted[key] || (this.sorted[key] = Object.keys(shard[f]).sort());
      var lo = 0, hi = keys.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (keys[mid] < prefix) lo = mid + 1; else hi = mid; }
      for (var i = lo; i < keys.length && keys[i].startsWith(prefix); i++) out.push(keys[i]);
    }
    return out;
  };

  /* The query's distinct tokens, and whether each is looked up by prefix: the last one (the
     parent may still be typing it), and a lone kanji/kana, which is indexed only inside
     bigrams. A last token of one Latin letter or digit would expand to a large part of the
     index (a big download on a sharded site) while meaning little, so it is left out, or
     looked up as typed when it is the whole query. */
  function queryTokens(query) {
    var seen = {}, tokens = tokenize(query).filter(function (t) { return !seen[t] && (seen[t] = 1); });
    var last = tokens[tokens.length - 1], letter = last && [...last].length === 1 && cls(last.codePointAt(0)) === WORD;
    if (letter && tokens.length > 1) tokens.pop();
    return tokens.map(function (t, q) {
      var single = [...t].length === 1 && cls(t.codePointAt(0)) === CJK;
      return { t: t, prefix: (q === tokens.length - 1 && !letter) || single };
    });
  }

  /* Shards query needs that are not loaded yet, ascending. */
  Index.prototype.missing = function (query) {
    var self = this, want = {};
    var tokens = queryTokens(query);
    if (!tokens.length) return [];
    tokens.forEach(function (x) {
      (x.prefix ? self.prefixShards(x.t) : [self.shardOf(x.t)]).forEach(function (i) { want[i] = 1; });
    });
    want[this.shardOf(squash(query))] = 1;
    return Object.keys(want).map(Number).filter(function (i) { return !self.shards[i]; })
      .sort(function (a, b) { return a - b; });
  };

  /* Display chunks the documents need that are not loaded yet, ascending. */
  Index.prototype.missingDocs = function (docs) {
    var want = {};
    for (var i = 0; i < docs.length; i++) {
      var c = Math.floor(docs[i] / this.d.chunk);
      if (!this.chunks[c]) want[c] = 1;
    }
    return Object.keys(want).map(Number).sort(function (a, b) { return a - b; });
  };

  /* elasticlunr's score of one posting: tf · idf · 1/√(field length), and only 15 % (less
     the longer the expansion) for a token reached by prefix expansion. */
  Index.prototype.termScore = function (f, df, expanded, posting) {
    var len = posting[2];
    var norm = len ? 1 / Math.sqrt(len) : 1;
    var idf = 1 + Math.log(this.n / (df + 1));
    var penalty = expanded ? (1 - ([...expanded[0]].length - [...expanded[1]].length) / [...expanded[0]].length) * 0.15 : 1;
    return Math.sqrt(posting[1]) * idf * norm * penalty;
  };

  /* Results best first: [{doc, score}]. */
  Index.prototype.search = function (query) {
    var qt = queryTokens(query), tokens = qt.map(function (x) { return x.t; });
    if (!tokens.length) return [];
    var exactField = this.d.fields.indexOf('exact');
    var found = tokens.map(function () { return {}; });
    var score = {};
    for (var f = 0; f < this.nf; f++) {
      if (f === exactField) continue;
      var fieldScore = {}, matched = {};
      for (var q = 0; q < tokens.length; q++) {
        var t = tokens[q], here = {};
        var keys = qt[q].prefix ? this.expand(f, t) : [t];
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

  /* What a result line shows (null until its chunk is loaded); href is relative to the
     language root. */
  Index.prototype.display = function (doc) {
    var c = this.chunks[Math.floor(doc / this.d.chunk)], d = this.d;
    if (!c) return null;
    var r = c[doc % d.chunk];
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
      /* Shard and chunk files live next to the manifest: assets/search-ja.js → assets/search-ja/. */
      var dir = (input.getAttribute('data-index') || '').replace(/\.js$/, '/');
      var requested = {}, inflight = 0;
      win.MADOGUCHI_SHARD = function (lang, i, data) { if (index && index.d.lang === lang) index.shards[i] = data; };
      win.MADOGUCHI_DOCS = function (lang, i, rows) { if (index && index.d.lang === lang) index.chunks[i] = rows; };

      function script(src, done) {
        var s = document.createElement('script');
        s.src = src;
        s.addEventListener('load', function () { done(true); });
        s.addEventListener('error', function () { done(false); });
        document.head.appendChild(s);
      }

      /* Adds the files not yet asked for; show() runs again once all under way have come
         (a failed one is not retried, and its results are left out). */
      function fetchParts(prefix, ids) {
        ids = ids.filter(function (i) { return !requested[prefix + i]; });
        ids.forEach(function (i) {
          requested[prefix + i] = 1;
          inflight++;
          script(dir + prefix + i + '.js', function () { if (--inflight === 0) show(); });
        });
        return ids.length > 0;
      }

      function show() {
        if (!index) return;
        var q = input.value;
        if (fetchParts('s', index.missing(q)) || inflight) return;
        var results = tokenize(q).length ? index.search(q).slice(0, MAX_RESULTS) : [];
        if (fetchParts('d', index.missingDocs(results.map(function (r) { return r.doc; }))) || inflight) return;
        while (list.firstChild) list.removeChild(list.firstChild);
        if (none) none.hidden = true;
        if (!tokenize(q).length) { status.textContent = ''; return; }
        results.forEach(function (r) {
          var v = index.display(r.doc);
          if (!v) return;
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
        script(input.getAttribute('data-index'), function (ok) {
          if (!ok) { loading = false; return; }
          index = new Index(win.MADOGUCHI_SEARCH);
          show();
        });
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
