/* The site's search engine in the browser: the same French analysis and ranking as
 * ecole_entreprise/search.py (keep the two in step; tests/search checks they agree).
 *
 * The index is cut into files (assets/recherche/): a manifest, term files sorted by term,
 * document files. A query fetches the manifest once, then only the term files that hold
 * its words, then the document files of the results it shows.
 * Needs lunr and lunr-languages (vendor/) for Snowball's French stemmer only.
 */
(function () {
  "use strict";

  function fold(text) {
    return text.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae")
      .normalize("NFKD").replace(/\p{Mn}/gu, "");
  }

  // An @ between letters stands for an « a » (« M@gistère »), as in search.py.
  function words(text) {
    return fold(text).replace(/([a-z])@(?=[a-z])/g, "$1a").match(/[a-z0-9]+/g) || [];
  }

  function stem(word) {
    return lunr.fr.stemmer(new lunr.Token(word)).toString();
  }

  // One letter replaced, added, dropped, or two neighbours swapped (search.py: edit_distance_one).
  function editDistanceOne(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    if (a.length === b.length) {
      var diff = [];
      for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
      return diff.length === 1 || (diff.length === 2 && diff[1] === diff[0] + 1 &&
        a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]]);
    }
    var s = a.length < b.length ? a : b, l = a.length < b.length ? b : a, j = 0;
    while (j < s.length && s[j] === l[j]) j++;
    return s.slice(j) === l.slice(j + 1);
  }

  function lowerBound(sorted, key) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function Engine(base, manifest) {
    this.base = base;
    this.m = manifest;
    this.stopWords = new Set(manifest.analyse.mots_vides);
    this.expressions = new Map();
    this.longest = 0;
    var self = this;
    manifest.analyse.expressions.forEach(function (e) {
      self.expressions.set(e[0].join(" "), e[1]);
      self.longest = Math.max(self.longest, e[0].length);
    });
    this.termFiles = new Map();   // file number → Promise of {term: flat postings}
    this.docFiles = new Map();
    this.loaded = new Map();      // term → flat postings, for every loaded file
    this.sortedTerms = [];
  }

  Engine.prototype.url = function (name) {
    return this.base + "assets/recherche/" + name + "?v=" + this.m.version;
  };

  Engine.prototype.fetchJson = function (name) {
    return fetch(this.url(name)).then(function (r) {
      if (!r.ok) throw new Error("index de recherche illisible : " + name + " (" + r.status + ")");
      return r.json();
    });
  };

  // The term file that holds `term` (or would): the last one whose first term is <= term.
  Engine.prototype.fileOf = function (term) {
    return Math.max(0, lowerBound(this.m.fichiers_termes, term + "\u0000") - 1);
  };

  Engine.prototype.loadRange = function (from, to) {
    var first = this.fileOf(from), last = this.fileOf(to), jobs = [];
    for (var i = first; i <= last; i++) jobs.push(this.loadTermFile(i));
    return Promise.all(jobs);
  };

  Engine.prototype.loadTermFile = function (i) {
    var self = this;
    if (!this.termFiles.has(i)) {
      this.termFiles.set(i, this.fetchJson("termes-" + String(i).padStart(4, "0") + ".json").then(function (data) {
        Object.keys(data.termes).forEach(function (t) { self.loaded.set(t, data.termes[t]); });
        self.sortedTerms = Array.from(self.loaded.keys()).sort();
      }));
    }
    return this.termFiles.get(i);
  };

  Engine.prototype.inRange = function (prefix) {
    var terms = this.sortedTerms, out = [];
    for (var i = lowerBound(terms, prefix); i < terms.length && terms[i] < prefix + "\u007f"; i++) {
      if (terms[i][0] !== "~" && terms[i][0] !== "@") out.push(terms[i]);
    }
    return out;
  };

  Engine.prototype.expressionTokens = function (stems) {
    var found = [];
    if (!this.longest) return found;
    for (var start = 0; start < stems.length; start++) {
      for (var len = 1; len <= Math.min(this.longest, stems.length - start); len++) {
        var token = this.expressions.get(stems.slice(start, start + len).join(" "));
        if (token) found.push([token, start, start + len - 1]);
      }
    }
    return found;
  };

  // Exact stem and prefixes of a word (search.py: the first half of word_candidates).
  Engine.prototype.direct = function (word, stemmed) {
    var c = this.m.classement, found = new Map(), self = this;
    if (this.loaded.has(stemmed)) found.set(stemmed, 1.0);
    if (word.length >= c.prefixe_min) {
      [stemmed, word].filter(function (p, i, all) { return all.indexOf(p) === i; }).sort().forEach(function (prefix) {
        self.inRange(prefix).slice(0, c.expansions_max).forEach(function (t) {
          if (!found.has(t)) found.set(t, c.prefixe);
        });
      });
    }
    return found;
  };

  // Terms a query word matches, with their weight (search.py: word_candidates).
  // Typing tolerance (a truncated word, one letter off) only when nothing else matched.
  Engine.prototype.candidates = function (word, stemmed) {
    var c = this.m.classement, found = this.direct(word, stemmed);
    if (!found.size && word.length >= c.approche_min) {
      // one letter off; failing that, a word typed further than its stem (« evaluat » for « evalu »)
      var near = this.inRange(word.slice(0, 2));
      for (var i = 0; i < near.length && found.size < c.expansions_max; i++) {
        if ((editDistanceOne(word, near[i]) || editDistanceOne(stemmed, near[i])) && !found.has(near[i])) {
          found.set(near[i], c.approche);
        }
      }
      for (var cut = word.length - 1; cut >= c.approche_min && !found.size; cut--) {
        if (this.loaded.has(word.slice(0, cut))) found.set(word.slice(0, cut), c.approche);
      }
    }
    return Array.from(found.entries()).sort(function (a, b) { return a[0] < b[0] ? -1 : 1; })
      .slice(0, c.expansions_max);
  };

  Engine.prototype.idf = function (term) {
    var n = this.m.documents, df = (this.loaded.get(term) || []).length / 2;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };

  /* Ranked document numbers for a query; `filters` is {field: [values]} (any value of a
   * field, every field). Resolves to [{doc, score}], best first. */
  Engine.prototype.search = function (text, filters) {
    var self = this, c = this.m.classement;
    var queryWords = words(text).filter(function (w) { return !self.stopWords.has(w); });
    if (!queryWords.length) return Promise.resolve([]);
    var stems = queryWords.map(stem);
    var expressions = this.expressionTokens(stems);
    var facetTerms = [];
    Object.keys(filters || {}).forEach(function (f) {
      (filters[f] || []).forEach(function (v) { facetTerms.push("@" + f + "=" + v); });
    });
    // First round: exact stems, prefixes, expressions, facets.
    var loads = [];
    queryWords.forEach(function (w, i) {
      loads.push(self.loadRange(stems[i], stems[i]));
      if (w.length >= c.prefixe_min) {
        loads.push(self.loadRange(stems[i], stems[i] + "\u007f"), self.loadRange(w, w + "\u007f"));
      }
    });
    expressions.concat(facetTerms.map(function (t) { return [t]; })).forEach(function (e) {
      loads.push(self.loadRange(e[0], e[0]));
    });
    return Promise.all(loads).then(function () {
      // Second round, only for words nothing matched: truncated words and typos.
      var more = [];
      queryWords.forEach(function (w, i) {
        if (w.length < c.approche_min || self.direct(w, stems[i]).size) return;
        for (var cut = w.length - 1; cut >= c.approche_min; cut--) more.push(self.loadRange(w.slice(0, cut), w.slice(0, cut)));
        more.push(self.loadRange(w.slice(0, 2), w.slice(0, 2) + "\u007f"));
      });
      return Promise.all(more);
    }).then(function () {
      return self.rank(queryWords, stems, expressions, filters);
    });
  };

  Engine.prototype.rank = function (queryWords, stems, expressions, filters) {
    var self = this, scale = this.m.classement.echelle;
    var best = queryWords.map(function () { return new Map(); });
    var inTitle = queryWords.map(function () { return new Set(); });
    var matchedTerms = new Set();   // what the excerpts highlight
    function credit(i, term, weight) {
      var flat = self.loaded.get(term);
      if (!flat) return;
      matchedTerms.add(term);
      var idf = self.idf(term), doc = 0;
      for (var k = 0; k < flat.length; k += 2) {
        doc += flat[k];
        // the lowest bit of a weight says « this term is in the title » (search.py)
        var score = weight * idf * (flat[k + 1] >> 1) / scale;
        if (score > (best[i].get(doc) || 0)) best[i].set(doc, score);
        if (flat[k + 1] & 1) inTitle[i].add(doc);
      }
    }
    queryWords.forEach(function (w, i) {
      self.candidates(w, stems[i]).forEach(function (c) { credit(i, c[0], c[1]); });
    });
    expressions.forEach(function (e) {
      for (var i = e[1]; i <= e[2]; i++) credit(i, e[0], 1.0);
    });
    var allowed = this.allowed(filters);
    var scores = new Map(), matched = new Map();
    best.forEach(function (perDoc) {
      perDoc.forEach(function (score, doc) {
        scores.set(doc, (scores.get(doc) || 0) + score);
        matched.set(doc, (matched.get(doc) || 0) + 1);
      });
    });
    var n = queryWords.length, ranked = [], c = this.m.classement, complete = 0;
    matched.forEach(function (m) { if (m === n) complete++; });
    // Several words: only the pages that have them all, when there are enough of them.
    var needed = complete >= c.tous_les_mots ? n : 0;
    var titled = new Map();
    inTitle.forEach(function (docs) { docs.forEach(function (d) { titled.set(d, (titled.get(d) || 0) + 1); }); });
    scores.forEach(function (s, doc) {
      if (allowed && !allowed.has(doc)) return;
      if (matched.get(doc) < needed) return;
      var share = matched.get(doc) / n;
      ranked.push({ doc: doc, score: s * (share * share) * (titled.get(doc) === n ? c.titre_complet : 1),
                    type: self.typeOf(doc) });
    });
    ranked.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    ranked.terms = matchedTerms;
    ranked.words = queryWords;
    return ranked;
  };

  Engine.prototype.allowed = function (filters) {
    var self = this, allowed = null;
    Object.keys(filters || {}).forEach(function (f) {
      var values = filters[f] || [];
      if (!values.length) return;
      var docs = new Set();
      values.forEach(function (v) {
        var flat = self.loaded.get("@" + f + "=" + v) || [], doc = 0;
        for (var k = 0; k < flat.length; k += 2) { doc += flat[k]; docs.add(doc); }
      });
      allowed = allowed === null ? docs : new Set(Array.from(allowed).filter(function (d) { return docs.has(d); }));
    });
    return allowed;
  };

  // The type of result of a document (manifest: runs of [type, count] in document order).
  Engine.prototype.typeOf = function (doc) {
    if (!this._types) {
      var types = [];
      (this.m.types_documents || []).forEach(function (run) { for (var i = 0; i < run[1]; i++) types.push(run[0]); });
      this._types = types;
    }
    return this._types[doc] || "page";
  };

  // The text of a document, to cut its excerpt from (one small file each, fetched for
  // the results shown only).
  Engine.prototype.text = function (doc) {
    return this.fetchJson("textes/" + String(doc).padStart(5, "0") + ".json");
  };

  /* An excerpt of `text` around the words of a query: [{texte, marque}] pieces, at most
   * about `length` words, the window that holds the most distinct matched words. A word
   * is marked when its stem is a term the query matched, or when it starts with a query
   * word being typed. */
  Engine.prototype.excerpt = function (text, ranked, length) {
    var terms = ranked.terms || new Set(), typed = ranked.words || [], self = this;
    var expressionStems = new Set();
    this.m.analyse.expressions.forEach(function (e) {
      if (terms.has(e[1])) e[0].forEach(function (s) { expressionStems.add(s); });
    });
    var tokens = [], re = /[\p{L}\p{N}@]+/gu, m;
    while ((m = re.exec(text)) !== null) {
      var folded = words(m[0]), hit = false;
      folded.forEach(function (w) {
        if (self.stopWords.has(w)) return;
        var st = stem(w);
        if (terms.has(st) || expressionStems.has(st) ||
            typed.some(function (q) { return q.length >= 3 && w.indexOf(q) === 0; })) hit = st;
      });
      tokens.push({ start: m.index, end: m.index + m[0].length, hit: hit });
    }
    length = length || 30;
    var bestStart = 0, bestCount = -1;
    for (var i = 0; i < tokens.length; i++) {
      if (!tokens[i].hit) continue;
      var seen = new Set();
      for (var j = i; j < Math.min(tokens.length, i + length); j++) if (tokens[j].hit) seen.add(tokens[j].hit);
      if (seen.size > bestCount) { bestCount = seen.size; bestStart = Math.max(0, i - 5); }
    }
    var last = Math.min(tokens.length, bestStart + length);
    if (!tokens.length) return [];
    var pieces = [], cursor = tokens[bestStart].start;
    if (bestStart > 0) pieces.push({ texte: "… " });
    for (var k = bestStart; k < last; k++) {
      if (!tokens[k].hit) continue;
      if (tokens[k].start > cursor) pieces.push({ texte: text.slice(cursor, tokens[k].start) });
      pieces.push({ texte: text.slice(tokens[k].start, tokens[k].end), marque: true });
      cursor = tokens[k].end;
    }
    var end = last < tokens.length ? tokens[last - 1].end : text.length;
    if (end > cursor) pieces.push({ texte: text.slice(cursor, end) });
    if (last < tokens.length) pieces.push({ texte: " …" });
    return pieces;
  };

  // One promise per document, in the order asked: {doc, url, titre}.
  Engine.prototype.eachDocument = function (numbers) {
    var self = this, size = this.m.documents_par_fichier;
    return numbers.map(function (n) {
      var f = Math.floor(n / size);
      if (!self.docFiles.has(f)) self.docFiles.set(f, self.fetchJson("documents-" + String(f).padStart(4, "0") + ".json"));
      return self.docFiles.get(f).then(function (file) {
        var d = file[n % size];
        return { doc: n, url: d[0], titre: d[1] };
      });
    });
  };

  // Fiche ids by document number (fiches come first in the index): for the catalogue.
  Engine.prototype.ficheIds = function () {
    if (!this._fiches) this._fiches = this.fetchJson("fiches.json");
    return this._fiches;
  };

  var opened = new Map();
  window.eeRecherche = {
    fold: fold, words: words, stem: stem,
    /* The engine of the site whose root is `base` (a URL ending with "/"). */
    ouvrir: function (base) {
      if (!opened.has(base)) {
        var early = window.eeRechercheManifeste;   // started by search.js, if it was
        window.eeRechercheManifeste = null;
        var request = early || fetch(base + "assets/recherche/index.json", { cache: "no-cache" });
        opened.set(base, request.then(function (r) {
          if (!r.ok) throw new Error("index de recherche introuvable (" + r.status + ")");
          return r.json();
        }).then(function (manifest) { return new Engine(base, manifest); }));
      }
      return opened.get(base);
    }
  };
})();
