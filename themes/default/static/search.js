/* Site search. The tokenizer follows src/search/tokenize.rs exactly, with the character
   tables the index manifest carries from there (tests/search_tokenizer.rs compares both);
   the part files and record pages are found by the patterns the manifest gives. Scoring follows elasticlunr (tf·idf, field boosts, 1/√field length,
   coordination, prefix expansion of the last token) but a record must contain every query
   token in some field, not all in one, so 「北区 健診」 finds the checkup held in each ward.
   The index is a .js file added with <script src> on first use: that works from file://
   (where fetch does not) and under any subpath, with CSP default-src 'self'.
   The staff's thesaurus (content/thesaurus.yaml, shipped in the manifest) turns a query into
   a few alternatives (言葉の遅れ → ことばの遅れ, autism → 発達障がい); a record scores its best
   alternative. A word typed with diacritics ("chậm") folds to the word without them
   ("cham") to be found; records that spell it as typed (the index's `spelled` and `unspelled` fields) rank
   above those that have it only once folded ("chăm"), and snippets mark only its words
   spelled as typed. Result text is only ever set with
   textContent: nothing is parsed as HTML. */
(function (root, factory) {
  var api = factory();
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof document !== 'undefined') api.start(document, root);
})(this, function () {
  'use strict';

  /* The tokenizer's character tables, from the index manifest (`tokenizer`, written from
     src/search/tokenize.rs, their only source): cjk and word are [first, last] code point
     ranges of the two run classes, fold [first, last, shift] (katakana → hiragana), marks
     the (semi-)voiced marks that join the character before them in snippets, letters
     [letter, base] (diacritics dropped: "tu van" finds "tư vấn") and variants [traditional,
     simplified] (諮詢 finds 咨询), both looked up through one Map, and tones the marks a
     word's spelling key moves to its end ("khoẻ" and "khỏe" are one spelling). Set by useTables, which
     new Index() calls. */
  var tables = null, charMap = null;
  function useTables(t) {
    tables = t;
    charMap = new Map(t.letters.concat(t.variants));
  }

  function within(ranges, cp) {
    for (var i = 0; i < ranges.length; i++) if (cp >= ranges[i][0] && cp <= ranges[i][1]) return true;
    return false;
  }

  function fold(cp) {
    var f = tables.fold;
    for (var i = 0; i < f.length; i++) if (cp >= f[i][0] && cp <= f[i][1]) return cp + f[i][2];
    var mapped = charMap.get(cp);
    return mapped === undefined ? cp : mapped;
  }

  var CJK = 1, WORD = 2, OTHER = 0;
  function cls(cp) {
    if (within(tables.cjk, cp)) return CJK;
    if (within(tables.word, cp)) return WORD;
    return OTHER;
  }

  /* NFKC and lowercase: the text before folding, whose words keep their diacritics. */
  function lowered(text) {
    return String(text).normalize('NFKC').toLowerCase();
  }

  function foldAll(s) {
    var out = '';
    for (var ch of s) out += String.fromCodePoint(fold(ch.codePointAt(0)));
    return out;
  }

  function normalize(text) {
    return foldAll(lowered(text));
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

  /* The runs joined by one space: how thesaurus words (shipped as such keys by
     src/search/thesaurus.rs, whose tokenize::spaced is the same) are found in a query. */
  function spaced(text) {
    return runs(normalize(text)).map(function (r) { return r[1].join(''); }).join(' ');
  }

  /* The key telling a word apart from the others it folds to: its canonical decomposition
     with the tone marks moved to the end, recomposed (tokenize::spelling). */
  function spelling(word) {
    var rest = '', tones = '';
    for (var ch of word.normalize('NFD')) {
      if (tables.tones.indexOf(ch.codePointAt(0)) >= 0) tones += ch; else rest += ch;
    }
    return (rest + tones).normalize('NFC');
  }

  /* [[spelling key, folded word]…] of the words of text that folding changes (a Latin word
     with diacritics), as tokenize::spellings gives them. */
  function spellings(text) {
    var out = [];
    runs(lowered(text)).forEach(function (r) {
      var word = r[1].join(''), folded = foldAll(word);
      if (r[0] === WORD && folded !== word) out.push([spelling(word), folded]);
    });
    return out;
  }

  /* The query's words typed with diacritics: folded word → the spelling keys it was typed
     with ("chăm sóc trẻ chậm nói" types cham both ways). Ranking and snippets count a word of
     a record as typed when its spelling is one of them; a folded word not in the map (typed
     without diacritics) matches however it is spelled. */
  function typedSpellings(query) {
    var typed = new Map();
    spellings(query).forEach(function (s) {
      var keys = typed.get(s[1]) || [];
      if (keys.indexOf(s[0]) < 0) keys.push(s[0]);
      typed.set(s[1], keys);
    });
    return typed;
  }

  function isWord(ch) { return ch !== undefined && cls(ch.codePointAt(0)) === WORD; }

  /* Where word occurs in key from position from, not inside a longer Latin word (LD must not
     match in "child"), or -1. */
  function findWord(key, word, from) {
    var start = isWord(word[0]), end = isWord(word[word.length - 1]);
    for (var i = key.indexOf(word, from); i >= 0; i = key.indexOf(word, i + 1)) {
      if (!(start && isWord(key[i - 1])) && !(end && isWord(key[i + word.length]))) return i;
    }
    return -1;
  }

  /* Levenshtein distance, for "did you mean". */
  function distance(a, b) {
    a = [...a]; b = [...b];
    var prev = b.map(function (_, j) { return j + 1; }), cur;
    prev.unshift(0);
    for (var i = 0; i < a.length; i++) {
      cur = [i + 1];
      for (var j = 0; j < b.length; j++) {
        cur.push(Math.min(prev[j] + (a[i] === b[j] ? 0 : 1), prev[j + 1] + 1, cur[j] + 1));
      }
      prev = cur;
    }
    return prev[b.length];
  }

  /* text normalized character by character, with the position in text of each UTF-16 unit
     of the result, so a match found in normalized text can be shown in the original. */
  function mapped(text) {
    /* A (semi-)voiced mark joins the character before it: ﾊﾞ normalizes to ば only together. */
    var chars = [];
    for (var ch of String(text)) {
      var mark = tables.marks.indexOf(ch.codePointAt(0)) >= 0;
      if (mark && chars.length) chars[chars.length - 1] += ch; else chars.push(ch);
    }
    var norm = '', from = [];
    chars.forEach(function (c, i) {
      var n = normalize(c);
      for (var k = 0; k < n.length; k++) from.push(i);
      norm += n;
    });
    return { chars: chars, norm: norm, from: from };
  }

  /* The original characters of mapped text m whose normalized form is norm[at, at + len). */
  function span(m, at, len) {
    return m.chars.slice(m.from[at], m.from[at + len - 1] + 1).join('');
  }

  /* The part of text whose normalized form is part (its original script), or part. */
  function original(text, part) {
    var m = mapped(text), at = m.norm.indexOf(part);
    return at < 0 ? part : span(m, at, part.length);
  }

  /* Pieces of text around the first place where one of marks.tokens occurs (marksFor):
     [[text, marked]…], at most width characters, with … where it was cut. A token the query
     typed with diacritics is marked only where the text spells it as typed (chậm, not chăm),
     as ranking counts it. A marked stretch shorter than marks.shortest characters is left
     plain: a lone bigram of a longer word (こと of ことば) found inside another word would
     mark noise. */
  function snippet(text, marks, width) {
    var m = mapped(text), chars = m.chars, marked = chars.map(function () { return false; });
    marks.tokens.forEach(function (t) {
      var keys = marks.typed.get(t);
      for (var at = m.norm.indexOf(t); t && at >= 0; at = m.norm.indexOf(t, at + 1)) {
        if (keys && keys.indexOf(spelling(lowered(span(m, at, t.length)))) < 0) continue;
        for (var k = at; k < at + t.length; k++) marked[m.from[k]] = true;
      }
    });
    var first = -1;
    for (var i = 0, run = 0; i <= chars.length; i++) {
      if (i < chars.length && marked[i]) { run++; continue; }
      if (run && run < marks.shortest) for (var j = i - run; j < i; j++) marked[j] = false;
      else if (run && first < 0) first = i - run;
      run = 0;
    }
    var begin = first > 20 ? first - 20 : 0, end = Math.min(chars.length, begin + width);
    var pieces = begin > 0 ? [['…', false]] : [];
    for (var c = begin; c < end; c++) {
      var last = pieces[pieces.length - 1];
      if (last && last[1] === marked[c] && last[0] !== '…') last[0] += chars[c];
      else pieces.push([chars[c], marked[c]]);
    }
    if (end < chars.length && chars[chars.length - 1] !== '…') pieces.push(['…', false]);
    return pieces;
  }

  /* The manifest of assets/search-<lang>.js. A big site's postings are split into shards by
     token range (shard i holds tokens from starts[i] up to starts[i + 1]), its result lines
     and snippet texts into chunks of `chunk` documents, loaded as the queries need them
     (files names them); a small site's come inline. Scoring is the same either way. */
  function Index(data) {
    useTables(data.tokenizer);
    this.d = data;
    this.n = data.n;
    this.nf = data.fields.length;
    this.shards = data.shards || [];
    this.chunks = data.chunks || [];
    this.texts = data.texts || [];
    this.sorted = {};
    /* Thesaurus rules [from, to, one-way]: every ordered pair of a `same` group, and each
       `from` word to each `to` word of a one-way expansion. */
    var th = data.thesaurus || [[], []], rules = this.rules = [];
    th[0].forEach(function (g) {
      g.forEach(function (a) { g.forEach(function (b) { if (a !== b) rules.push([a, b]); }); });
    });
    th[1].forEach(function (l) {
      l[0].forEach(function (a) { l[1].forEach(function (b) { rules.push([a, b, true]); }); });
    });
  }

  /* At most this many spellings of one query are searched (the query itself first). */
  var MAX_ALTERNATIVES = 10;
  /* A record found only through the thesaurus scores a little below one found as typed. */
  var ALTERNATIVE_WEIGHT = 0.9;
  /* One word of the query searched on its own stands for the whole query less well. */
  var BARE_WEIGHT = 0.6;

  /* The query as a spaced key, then what the thesaurus makes of it: the `to` words of
     expansions whose word it holds, on their own (parents write whole sentences, 「うちの子
     ことばがおそい」, and every token must match); then each rule applied to each key found
     so far (breadth first, so one rewrite comes before two). With all=true, also the words
     of `same` groups it holds, on their own: what search() falls back on when nothing else
     finds anything (「1歳半健診で言われた」 → 1歳半, 健診). */
  Index.prototype.alternatives = function (query, all) {
    var first = spaced(query), out = [[first, 1]], seen = {}, bare = [];
    seen[first] = 1;
    function add(alt, weight) {
      if (!seen[alt] && out.length < MAX_ALTERNATIVES) { seen[alt] = 1; out.push([alt, weight]); }
    }
    var rules = this.rules;
    rules.forEach(function (r) {
      if (findWord(first, r[0], 0) < 0) return;
      if (r[2]) add(r[1], r[0] === first ? ALTERNATIVE_WEIGHT : BARE_WEIGHT);
      else if (bare.indexOf(r[0]) < 0) bare.push(r[0]);
    });
    for (var i = 0; i < out.length && out.length < MAX_ALTERNATIVES; i++) {
      for (var r = 0; r < rules.length && out.length < MAX_ALTERNATIVES; r++) {
        var word = rules[r][0], at = findWord(out[i][0], word, 0);
        if (at >= 0) add(out[i][0].slice(0, at) + rules[r][1] + out[i][0].slice(at + word.length), ALTERNATIVE_WEIGHT);
      }
    }
    if (all) bare.forEach(function (b) { if (!seen[b]) out.push([b, BARE_WEIGHT]); });
    return out;
  };

  /* Whether field f holds the records' words (and `exact` their whole names), not the
     spellings that only rank (`spelled`, `unspelled`). */
  Index.prototype.isWords = function (f) {
    return this.d.fields[f] !== 'spelled' && this.d.fields[f] !== 'unspelled';
  };

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

  /* Shards query (and its thesaurus alternatives) needs that are not loaded yet, ascending. */
  Index.prototype.missing = function (query) {
    var self = this, want = {};
    if (!tokenize(query).length) return [];
    this.alternatives(query, true).forEach(function (a) {
      var alt = a[0];
      queryTokens(alt).forEach(function (x) {
        (x.prefix ? self.prefixShards(x.t) : [self.shardOf(x.t)]).forEach(function (i) { want[i] = 1; });
      });
      want[self.shardOf(squash(alt))] = 1;
    });
    spellings(query).forEach(function (s) { want[self.shardOf(s[0])] = 1; });
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

  /* Fewer words typed with diacritics that the record has only once folded (misses) first,
     then the exact name or alias, then the score. */
  function byRank(a, b) {
    return a.misses - b.misses || (b.exact ? 1 : 0) - (a.exact ? 1 : 0) || b.score - a.score || a.doc - b.doc;
  }

  /* Results best first, [{doc, score, exact, misses}], over the query and its thesaurus
     alternatives (a record keeps its fewest misses, and its best score with them); exact:
     the query as typed is the record's whole name or alias, which keeps it first whatever
     rank() does, after misses: the number of words typed with diacritics the record has
     only once folded. */
  Index.prototype.search = function (query) {
    var best = {}, self = this, main = this.alternatives(query), all = this.alternatives(query, true);
    var typed = typedSpellings(query);
    function run(alts, from) {
      alts.slice(from).forEach(function (a, i) {
        self.searchOne(a[0], from + i === 0, typed).forEach(function (r) {
          var score = r.score * a[1], b = best[r.doc];
          if (!b) best[r.doc] = { doc: r.doc, score: score, exact: r.exact, misses: r.misses };
          else if (r.misses < b.misses) { b.misses = r.misses; b.score = score; }
          else if (r.misses === b.misses && score > b.score) b.score = score;
        });
      });
    }
    run(main, 0);
    if (!Object.keys(best).length) run(all, main.length);
    return Object.keys(best).map(function (d) { return best[d]; }).sort(byRank);
  };

  /* Whether a record with a word spells it as one of the spelling keys says, as a function
     of the document: a key is listed once, in `spelled` (the records spelling it so) or in
     `unspelled` (those with the word that do not; empty: none); in neither, nobody does. */
  Index.prototype.spelledBy = function (keys) {
    var so = this.d.fields.indexOf('spelled'), not = this.d.fields.indexOf('unspelled');
    var docs = new Set(), others = [], ids = function (ps) { return ps.map(function (p) { return p[0]; }); };
    for (var i = 0; i < keys.length; i++) {
      var ps = this.postings(so, keys[i]), ns = ps ? null : this.postings(not, keys[i]);
      if (ps) ids(ps).forEach(function (d) { docs.add(d); });
      if (ns) others.push(new Set(ids(ns)));
    }
    return function (doc) { return docs.has(doc) || others.some(function (o) { return !o.has(doc); }); };
  };

  /* Results of one spelling of the query: [{doc, score, exact, misses}] (exact only when
     asked; misses counts the tokens typed with diacritics, typed: typedSpellings, that doc
     holds as typed once folded but spelled in none of the ways typed; a token reached only by
     prefix expansion, still being typed, is not judged). */
  Index.prototype.searchOne = function (query, exactFirst, typed) {
    var qt = queryTokens(query), tokens = qt.map(function (x) { return x.t; });
    if (!tokens.length) return [];
    var exactField = this.d.fields.indexOf('exact'), spelledField = this.d.fields.indexOf('spelled');
    var found = tokens.map(function () { return {}; }), whole = tokens.map(function () { return {}; });
    var score = {};
    for (var f = 0; f < this.nf; f++) {
      if (f === exactField || !this.isWords(f)) continue;
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
            if (!expanded) whole[q][doc] = 1;
          }
        }
      }
      /* Coordination: a field holding all the query's tokens counts fully. */
      for (var d in fieldScore) {
        score[d] = (score[d] || 0) + this.d.boosts[f] * fieldScore[d] * (matched[d] / tokens.length);
      }
    }
    var self = this, spelled = tokens.map(function (t) {
      return typed && spelledField >= 0 && typed.has(t) ? self.spelledBy(typed.get(t)) : null;
    });
    var results = [];
    for (var doc2 in score) {
      if (!found.every(function (h) { return h[doc2]; })) continue;
      var misses = spelled.filter(function (by, q) { return by && whole[q][doc2] && !by(+doc2); }).length;
      results.push({ doc: +doc2, score: score[doc2], misses: misses });
    }
    if (exactField >= 0) {
      var ex = this.postings(exactField, squash(query)) || [];
      for (var e = 0; e < ex.length; e++) {
        var r = results.find(function (x) { return x.doc === ex[e][0]; });
        if (r) {
          r.score += this.d.boosts[exactField] * this.termScore(exactField, ex.length, null, ex[e]);
          r.exact = !!exactFirst;
        }
      }
    }
    return results;
  };

  /* The raw result line of doc (null until its chunk is loaded). */
  Index.prototype.row = function (doc) {
    var c = this.chunks[Math.floor(doc / this.d.chunk)];
    return c ? c[doc % this.d.chunk] : null;
  };

  /* The snippet text of doc ('' until its text chunk is loaded, or when there is none). */
  Index.prototype.text = function (doc) {
    var c = this.texts[Math.floor(doc / this.d.chunk)];
    return (c && c[doc % this.d.chunk]) || '';
  };

  /* results re-ordered once their lines are loaded: scores multiplied by the priors of the
     record's tier and section (first-contact windows and stage pages above specialist
     centres, src/search/records.rs), exact names still first. */
  Index.prototype.rank = function (results) {
    var priors = this.d.priors || [[], []], self = this;
    return results.map(function (r) {
      var row = self.row(r.doc), f = 1;
      if (row) f = (row[3] >= 0 ? priors[0][row[3]] || 1 : 1) * (priors[1][row[1]] || 1);
      return { doc: r.doc, score: r.score * f, exact: r.exact, misses: r.misses };
    }).sort(byRank);
  };

  /* What snippets mark for query, whose spellings (spaced keys, the query's own first) are
     alts: every token they look for, the length of the shortest word typed (at most 3:
     shorter marked stretches are left plain), and the words typed with diacritics
     (typedSpellings), marked only where spelled as typed. */
  function marksFor(query, alts) {
    var seen = {}, words = spaced(query).split(' ').filter(Boolean);
    alts.forEach(function (a) { tokenize(a).forEach(function (t) { seen[t] = 1; }); });
    var shortest = Math.min.apply(null, [3].concat(words.map(function (w) { return [...w].length; })));
    return { tokens: Object.keys(seen), shortest: shortest, typed: typedSpellings(query) };
  }

  /* marksFor the query and its thesaurus alternatives. */
  Index.prototype.markTokens = function (query) {
    return marksFor(query, this.alternatives(query, true).map(function (a) { return a[0]; }));
  };

  /* Whether any field of the loaded shards holds token. */
  Index.prototype.has = function (token) {
    for (var f = 0; f < this.nf; f++) if (this.postings(f, token)) return true;
    return false;
  };

  /* The loaded word closest to a Latin word the index lacks (same shard, so loaded), or null. */
  Index.prototype.nearestWord = function (word) {
    var shard = this.shards[this.shardOf(word)], best = null, bestD = word.length > 4 ? 3 : 2;
    if (!shard) return null;
    for (var f = 0; f < this.nf; f++) {
      if (this.d.fields[f] === 'exact' || !this.isWords(f)) continue;
      for (var k in shard[f]) {
        if (!isWord(k[0]) || Math.abs(k.length - word.length) >= bestD) continue;
        var dist = distance(word, k);
        if (dist < bestD || (dist === bestD && best && k < best)) { bestD = dist; best = k; }
      }
    }
    return best;
  };

  /* "Did you mean": the query with each Latin word the index lacks replaced by its nearest
     word, and each kana/kanji run cut to its longest part that finds something (using only
     shards already loaded for the query). null when that finds nothing new. */
  Index.prototype.suggest = function (query) {
    var self = this, first = spaced(query);
    var words = first.split(' ').filter(Boolean).map(function (w) {
      if (isWord(w[0])) return self.has(w) ? w : self.nearestWord(w);
      if (self.searchOne(w).length) return original(query, w);
      var c = [...w];
      for (var len = Math.min(c.length - 1, 12); len >= 2; len--) {
        for (var i = 0; i + len <= c.length; i++) {
          var part = c.slice(i, i + len).join('');
          if (self.searchOne(part).length) return original(query, part);
        }
      }
      return null;
    }).filter(Boolean);
    var s = words.join(' ');
    return s && spaced(s) !== first && this.search(s).length ? s : null;
  };

  /* What a result line shows (null until its chunk is loaded); href is relative to the
     language root. */
  Index.prototype.display = function (doc) {
    var r = this.row(doc), d = this.d;
    if (!r) return null;
    return {
      name: r[0],
      href: d.page.replace('{section}', d.sections[r[1]]).replace('{id}', r[2]),
      tier: r[3] >= 0 ? d.tiers[r[3]] : null,
      wards: r[4].map(function (i) { return d.wards[i]; }),
      kind: r[5] !== null ? d.kinds[r[5]] : '',
      text: this.text(doc)
    };
  };

  /* Results shown: a parent reads the first few; each needs its display and text chunks
     downloaded. */
  var MAX_RESULTS = 20;
  /* Characters of description shown around the match. */
  var SNIPPET_WIDTH = 90;

  /* One result: its name as a link, then kind · tier · wards (or citywide), then the
     snippet with the query's words in <mark>, all set as text (never parsed as HTML). */
  function resultItem(document, v, marks, base, sep) {
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.href = base + v.href;
    a.textContent = v.name;
    li.appendChild(a);
    var meta = [v.kind, v.tier, v.wards.join(sep)].filter(Boolean);
    if (meta.length) {
      var span = document.createElement('span');
      span.className = 'result-meta';
      span.textContent = meta.join(' · ');
      li.appendChild(document.createTextNode(' '));
      li.appendChild(span);
    }
    if (v.text) {
      var p = document.createElement('p');
      p.className = 'snippet';
      snippet(v.text, marks, SNIPPET_WIDTH).forEach(function (piece) {
        var node = piece[1] ? document.createElement('mark') : document.createTextNode(piece[0]);
        if (piece[1]) node.textContent = piece[0];
        p.appendChild(node);
      });
      li.appendChild(p);
    }
    return li;
  }

  function start(document, win) {
    function init() {
      var input = document.getElementById('search-input');
      var list = document.getElementById('search-results');
      var status = document.getElementById('search-status');
      var none = document.getElementById('search-none');
      var suggest = document.getElementById('search-suggest');
      if (!input || !list || !status) return;
      var index = null, loading = false;
      /* The manifest names its part files relative to its own folder. */
      var src = input.getAttribute('data-index') || '', dir = src.slice(0, src.lastIndexOf('/') + 1);
      var requested = {}, inflight = 0;
      win.MADOGUCHI_SHARD = function (lang, i, data) { if (index && index.d.lang === lang) index.shards[i] = data; };
      win.MADOGUCHI_DOCS = function (lang, i, rows) { if (index && index.d.lang === lang) index.chunks[i] = rows; };
      win.MADOGUCHI_TEXTS = function (lang, i, texts) { if (index && index.d.lang === lang) index.texts[i] = texts; };

      function script(src, done) {
        var s = document.createElement('script');
        s.src = src;
        s.addEventListener('load', function () { done(true); });
        s.addEventListener('error', function () { done(false); });
        document.head.appendChild(s);
      }

      /* Adds the files not yet asked for; show() runs again once all under way have come
         (a failed one is not retried, and its results are left out). */
      function fetchParts(part, ids) {
        var pattern = (index.d.files || {})[part];
        ids = ids.filter(function (i) { return pattern && !requested[part + i]; });
        ids.forEach(function (i) {
          requested[part + i] = 1;
          inflight++;
          script(dir + pattern.replace('{}', i), function () { if (--inflight === 0) show(); });
        });
        return ids.length > 0;
      }

      /* With no result: a link to the query "did you mean" proposes, when there is one. */
      function showSuggestion(q) {
        if (!suggest) return;
        while (suggest.firstChild) suggest.removeChild(suggest.firstChild);
        var s = q && index.suggest(q);
        suggest.hidden = !s;
        if (!s) return;
        suggest.appendChild(document.createTextNode((suggest.getAttribute('data-label') || '') + ' '));
        var a = document.createElement('a');
        a.href = 'index.html?q=' + encodeURIComponent(s);
        a.textContent = s;
        suggest.appendChild(a);
      }

      function show() {
        if (!index) return;
        var q = input.value;
        if (fetchParts('shards', index.missing(q)) || inflight) return;
        var found = tokenize(q).length ? index.search(q).slice(0, MAX_RESULTS) : [];
        var chunks = index.missingDocs(found.map(function (r) { return r.doc; }));
        /* Result lines (for ranking) and snippet texts (for display) of the same chunks. */
        if ((fetchParts('chunks', chunks) | fetchParts('texts', chunks)) || inflight) return;
        var results = index.rank(found), marks = index.markTokens(q);
        while (list.firstChild) list.removeChild(list.firstChild);
        if (none) none.hidden = true;
        showSuggestion(results.length ? '' : tokenize(q).length && q);
        if (!tokenize(q).length) { status.textContent = ''; return; }
        results.forEach(function (r) {
          var v = index.display(r.doc);
          if (v) list.appendChild(resultItem(document, v, marks, input.getAttribute('data-base') || '', index.d.sep));
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

  return {
    normalize: normalize, tokenize: tokenize, squash: squash, spaced: spaced, spellings: spellings, snippet: snippet,
    marksFor: marksFor,
    useTables: useTables, Index: Index, start: start, MAX_RESULTS: MAX_RESULTS
  };
});
