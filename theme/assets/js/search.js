/* Search on every page: the header's search box, and — on the pages that need it — the
 * engine (search-engine.js, loaded on demand) for the page recherche/ and the
 * catalogue's text filter. One engine, one index for the three.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var base = script.src.replace(/assets\/js\/search\.js(\?.*)?$/, "");
  var ENGINE_SCRIPTS = ["vendor/lunr.min.js", "vendor/lunr.stemmer.support.min.js",
    "vendor/lunr.fr.min.js", "search-engine.js"];
  var SHOWN = 20;          // results shown at once on the search page

  // Fetched in parallel, run in order (async = false): the first query waits for one
  // round trip, not four.
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = base + "assets/js/" + src;
      s.async = false;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("script introuvable : " + src)); };
      document.head.appendChild(s);
    });
  }

  var engine = null;
  function openEngine() {
    if (!engine) {
      // the manifest comes while the scripts load: search-engine.js picks the same request up
      window.eeRechercheManifeste = fetch(base + "assets/recherche/index.json", { cache: "no-cache" });
      engine = Promise.all(ENGINE_SCRIPTS.map(loadScript)).then(function () {
        return window.eeRecherche.ouvrir(base);
      });
    }
    return engine;
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- the header box: a plain form to recherche/?q= ---------------------------------

  function headerBox() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.querySelector(".ee-entete-recherche")) return;
    var form = el("form", { "class": "ee-entete-recherche", role: "search", action: base + "recherche/", method: "get" });
    var label = el("label", { "for": "ee-entete-q", "class": "ee-invisible" }, "Rechercher sur le site");
    var input = el("input", { id: "ee-entete-q", name: "q", type: "search", placeholder: "Rechercher",
      autocomplete: "off", spellcheck: "false" });
    var button = el("button", { type: "submit", "class": "ee-entete-recherche__bouton", title: "Lancer la recherche" });
    button.appendChild(el("span", { "class": "ee-invisible" }, "Lancer la recherche"));
    button.insertAdjacentHTML("beforeend", '<svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">' +
      '<path fill="currentColor" d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>');
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(button);
    var source = header.querySelector(".md-header__source");
    header.insertBefore(form, source);
  }

  // --- the page recherche/ ----------------------------------------------------------

  function searchPage(list) {
    var form = document.querySelector(".ee-recherche");
    var input = document.getElementById("ee-recherche-q");
    var status = document.getElementById("ee-recherche-statut");
    var params = new URLSearchParams(location.search);
    var query = params.get("q") || "";
    var filters = {};
    input.value = query;
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
      if (box.checked) {
        (filters[box.name] = filters[box.name] || []).push(box.value);
        form.querySelector("details").open = true;
      }
    });
    var header = document.getElementById("ee-entete-q");
    if (header) header.value = query;
    if (!query.trim()) {
      list.setAttribute("aria-busy", "false");
      status.textContent = "Tapez un ou plusieurs mots, puis lancez la recherche.";
      return;
    }
    document.title = "« " + query + " » — " + document.title;
    list.setAttribute("aria-busy", "true");
    status.textContent = "Recherche en cours…";
    var chosenType = params.get("type") || "";
    var typesBar = document.getElementById("ee-resultats-types");
    openEngine().then(function (e) {
      return e.search(query, filters).then(function (ranked) {
        var render = function () {
          list.textContent = "";
          var shown = chosenType ? ranked.filter(function (r) { return r.type === chosenType; }) : ranked;
          shown.terms = ranked.terms;
          shown.words = ranked.words;
          return show(e, shown, 0, ranked.length);
        };
        typeFilter(e, ranked, function (type) {
          chosenType = type;
          var url = new URL(location.href);
          if (type) url.searchParams.set("type", type); else url.searchParams.delete("type");
          history.replaceState(null, "", url);
          list.setAttribute("aria-busy", "true");
          render();
        });
        return render();
      });
    }).catch(function (error) {
      status.textContent = "La recherche n'a pas pu aboutir : " + error.message;
      list.setAttribute("aria-busy", "false");
    });

    /* Buttons « Tout (70) · Fiches action (12) · Leçons (5)… »: results of one type only. */
    function typeFilter(e, ranked, choose) {
      if (!typesBar) return;
      typesBar.textContent = "";
      var counts = new Map();
      ranked.forEach(function (r) { counts.set(r.type, (counts.get(r.type) || 0) + 1); });
      if (counts.size < 2) { typesBar.hidden = true; return; }
      if (chosenType && !counts.has(chosenType)) chosenType = "";
      var names = e.m.types || {};
      var entries = [["", "Tout", ranked.length]];
      Object.keys(names).forEach(function (t) { if (counts.has(t)) entries.push([t, names[t], counts.get(t)]); });
      entries.forEach(function (entry) {
        var button = el("button", { type: "button", "class": "ee-resultats__type-filtre", "aria-pressed": String(entry[0] === chosenType),
          "data-type": entry[0] }, entry[1] + " (" + entry[2] + ")");
        button.addEventListener("click", function () {
          typesBar.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
          choose(entry[0]);
        });
        typesBar.appendChild(button);
      });
      typesBar.hidden = false;
    }

    function show(e, ranked, from, total) {
      var slice = ranked.slice(from, from + SHOWN);
      var names = e.m.types || {};
      // Each result is shown, in order, as soon as its titles file has come: the first
      // result does not wait for the files of the twentieth. Its excerpt needs the page's
      // text (one small file per page): it is fetched when the result comes into view,
      // so a first visit on a phone fetches the few texts it shows, not twenty (the
      // 250 KB budget of a first visit, tests/browser/test_identite.py).
      var shown = Promise.resolve();
      var watcher = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          watcher.unobserve(entry.target);
          addExcerpt(entry.target);
        });
      }, { rootMargin: "200px 0px" }) : null;
      function addExcerpt(item) {
        e.text(item.eeDoc).catch(function () { return ""; }).then(function (text) {
          var pieces = e.excerpt(text || "", ranked, 32);
          if (!pieces.length) return;
          var p = el("p", { "class": "ee-resultats__extrait" });
          pieces.forEach(function (piece) {
            p.appendChild(piece.marque ? el("mark", {}, piece.texte) : document.createTextNode(piece.texte));
          });
          item.insertBefore(p, item.querySelector(".ee-resultats__adresse"));
        });
      }
      e.eachDocument(slice.map(function (r) { return r.doc; })).forEach(function (coming, k) {
        shown = shown.then(function () { return coming; }).then(function (d) {
          var type = slice[k].type;
          var item = el("li", { "class": "ee-resultats__page", "data-type": type });
          item.eeDoc = slice[k].doc;
          item.appendChild(el("a", { href: base + d.url, "class": "ee-resultats__titre" }, d.titre));
          item.appendChild(el("span", { "class": "ee-resultats__type fr-badge fr-badge--sm" }, names[type] || "Page"));
          item.appendChild(el("span", { "class": "ee-resultats__adresse" }, "/" + d.url));
          list.appendChild(item);
          if (watcher) watcher.observe(item); else addExcerpt(item);
        });
      });
      return shown.then(function () {
        var old = document.querySelector(".ee-resultats__plus");
        if (old) old.remove();
        if (!ranked.length) {
          list.appendChild(el("li", { "class": "ee-resultats__aucun" }, "Aucun résultat."));
          status.textContent = "Aucun résultat pour « " + query + " ».";
        } else if (ranked.length < total) {
          status.textContent = ranked.length + " sur " + total + " résultats pour « " + query + " » : " +
            (names[chosenType] || "").toLowerCase() + ", les plus pertinents d'abord.";
        } else {
          status.textContent = ranked.length + (ranked.length > 1 ? " pages trouvées" : " page trouvée") +
            " pour « " + query + " », les plus pertinentes d'abord.";
        }
        if (from + SHOWN < ranked.length) {
          var more = el("button", { type: "button", "class": "md-button ee-resultats__plus" }, "Afficher plus de résultats");
          more.addEventListener("click", function () {
            list.setAttribute("aria-busy", "true");
            show(e, ranked, from + SHOWN, total).then(function () {
              var next = list.children[from + SHOWN];
              if (next) next.querySelector("a").focus();
            });
          });
          list.insertAdjacentElement("afterend", more);
        }
        list.setAttribute("aria-busy", "false");
      });
    }
  }

  // --- the catalogue's text filter --------------------------------------------------
  /* The fiches whose text matches the words typed. When the catalogue exposes its hook
   * (window.eeCatalogue.restreindre(ids), theme/assets/js/catalogue.js), the text
   * restricts the list through it, so facets and text combine and the catalogue's own
   * counts follow. Without it, non-matching entries get the class ee-hors-texte (hidden
   * by search.css), which composes with whatever the facets use to hide entries. Either
   * way the event "ee:filtre-texte" (detail.ids: a Set of fiche ids, or null when the
   * field is empty) is dispatched on the list. A field marked data-ee-filtre-texte is
   * used if the page has one; otherwise one is added above the filters or the list. */
  function catalogue(list) {
    var input = document.querySelector("[data-ee-filtre-texte]");
    var status;
    if (!input) {
      var box = el("p", { "class": "ee-filtre-texte" });
      box.appendChild(el("label", { "for": "ee-filtre-texte" }, "Filtrer par mots : "));
      input = el("input", { id: "ee-filtre-texte", type: "search", autocomplete: "off", spellcheck: "false",
        "aria-describedby": "ee-filtre-texte-statut" });
      box.appendChild(input);
      var facets = document.querySelector("[data-ee-catalogue-filtres]");
      var before = facets && facets.parentNode === list.parentNode ? facets : list;
      list.parentNode.insertBefore(box, before);
    }
    status = el("p", { id: "ee-filtre-texte-statut", "class": "ee-filtre-texte__statut", role: "status", "aria-live": "polite" });
    input.parentNode.insertAdjacentElement("afterend", status);
    var items = Array.from(list.querySelectorAll("li[data-fiche]"));
    var turn = 0, timer = null;

    function apply(ids) {
      var hook = window.eeCatalogue && window.eeCatalogue.restreindre;
      if (hook) {
        window.eeCatalogue.restreindre(ids);   // the catalogue announces its own counts
      } else {
        var shown = 0;
        items.forEach(function (li) {
          var out = ids !== null && !ids.has(li.getAttribute("data-fiche"));
          li.classList.toggle("ee-hors-texte", out);
          if (!out) shown++;
        });
        status.textContent = ids === null ? "" : shown + (shown > 1 ? " fiches contiennent" : " fiche contient") + " ces mots.";
      }
      list.dispatchEvent(new CustomEvent("ee:filtre-texte", { bubbles: true, detail: { ids: ids } }));
    }

    function run() {
      var text = input.value, mine = ++turn;
      if (!text.trim()) { apply(null); return; }
      list.setAttribute("aria-busy", "true");
      openEngine().then(function (e) {
        return Promise.all([e.search(text, {}), e.ficheIds()]);
      }).then(function (found) {
        if (mine !== turn) return;
        var fiches = found[1], ids = new Set();
        found[0].forEach(function (r) { if (r.doc < fiches.length) ids.add(fiches[r.doc]); });
        apply(ids);
      }).catch(function (error) {
        status.textContent = "Le filtre par mots n'a pas pu aboutir : " + error.message;
      }).then(function () { if (mine === turn) list.setAttribute("aria-busy", "false"); });
    }

    // The words typed are kept in the address (?q=), beside the catalogue's facets, so a
    // filtered list can be shared, bookmarked and found again with « Précédent ».
    function toUrl() {
      var url = new URL(window.location.href);
      if (input.value.trim()) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
      if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
    }
    function fromUrl() {
      var q = new URLSearchParams(window.location.search).get("q") || "";
      if (q !== input.value) { input.value = q; run(); }
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { toUrl(); run(); }, 150);
    });
    window.addEventListener("popstate", fromUrl);
    input.value = new URLSearchParams(window.location.search).get("q") || input.value;
    if (input.value) run();
  }

  function start() {
    headerBox();
    var results = document.getElementById("resultats");
    if (results && document.querySelector(".ee-recherche")) searchPage(results);
    var list = document.querySelector("[data-ee-catalogue], .ee-catalogue");
    if (list && list.querySelector("li[data-fiche]")) catalogue(list);
  }

  // A page that searches as it opens (recherche/?q=…, the catalogue) starts the engine now:
  // search.js runs at the end of the body, before the rest of the page's scripts are done.
  if (document.querySelector(".ee-recherche, [data-ee-catalogue], .ee-catalogue")) openEngine();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
