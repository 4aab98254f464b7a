/* Catalogue des fiches: facets that narrow the list, combined together.
 *
 * The page works without this script: the whole list is shown and the filters stay
 * hidden. With it, each fiche entry (li[data-fiche]) carries its values as data
 * attributes (data-beneficiaires, data-niveau, data-type, data-mois, data-perimetre,
 * data-mesure: space-separated), and each checkbox of the form names a facet and a
 * value. Within a facet the checked values are alternatives (OR); across facets they
 * all apply (AND). Each value shows how many fiches it would leave, given the other
 * facets. The state lives in the URL query (?niveau=college&mois=9&mois=10) so that a
 * filtered view can be shared; it is read back on load and on history navigation.
 *
 * Hook for the full-text search (window.eeCatalogue):
 *   eeCatalogue.restreindre(ids)  keep only these fiche ids (an array or a Set of
 *                                 data-fiche values) in addition to the facets; pass
 *                                 null to lift the restriction. Counts follow.
 *   eeCatalogue.visibles()        the ids shown now, in list order.
 *   eeCatalogue.etat()            the checked values: {facet: [values]}.
 * A « ee-catalogue:filtre » event is dispatched on the list after every change, with
 * detail {visibles: [ids]}.
 */
(function () {
  "use strict";

  function demarrer() {
    var liste = document.querySelector("[data-ee-catalogue]");
    var zone = document.querySelector("[data-ee-catalogue-filtres]");
    if (!liste || !zone || liste.getAttribute("data-ee-pret")) return;
    liste.setAttribute("data-ee-pret", "1");

    var form = zone.querySelector("[data-ee-facettes]");
    var bilan = zone.querySelector("[data-ee-bilan]");
    var aucune = document.querySelector("[data-ee-aucune]");
    var cases = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var facettes = [];
    cases.forEach(function (c) { if (facettes.indexOf(c.name) < 0) facettes.push(c.name); });
    var fiches = Array.prototype.slice.call(liste.querySelectorAll("li[data-fiche]")).map(function (li) {
      var valeurs = {};
      facettes.forEach(function (f) {
        valeurs[f] = (li.getAttribute("data-" + f) || "").split(/\s+/).filter(Boolean);
      });
      return { id: li.getAttribute("data-fiche"), element: li, valeurs: valeurs };
    });
    var restriction = null;   // a Set of ids from the full-text search, or null

    function etat() {
      var choisi = {};
      facettes.forEach(function (f) { choisi[f] = []; });
      cases.forEach(function (c) { if (c.checked) choisi[c.name].push(c.value); });
      return choisi;
    }

    // Does the fiche satisfy every facet, except possibly the one named `sauf`?
    function garde(fiche, choisi, sauf) {
      if (restriction && !restriction.has(fiche.id)) return false;
      return facettes.every(function (f) {
        if (f === sauf || choisi[f].length === 0) return true;
        return choisi[f].some(function (v) { return fiche.valeurs[f].indexOf(v) >= 0; });
      });
    }

    function appliquer() {
      var choisi = etat();
      var visibles = [];
      fiches.forEach(function (fiche) {
        var montre = garde(fiche, choisi, null);
        fiche.element.hidden = !montre;
        if (montre) visibles.push(fiche.id);
      });
      cases.forEach(function (c) {
        var n = fiches.filter(function (fiche) {
          return garde(fiche, choisi, c.name) && fiche.valeurs[c.name].indexOf(c.value) >= 0;
        }).length;
        c.parentNode.querySelector("[data-ee-compte]").textContent = "(" + n + ")";
        c.parentNode.classList.toggle("ee-vide", n === 0 && !c.checked);
      });
      form.querySelectorAll("[data-ee-facette]").forEach(function (details) {
        var n = details.querySelectorAll("input:checked").length;
        details.querySelector("[data-ee-actives]").textContent = n ? "(" + n + " choisi" + (n > 1 ? "s" : "") + ")" : "";
      });
      bilan.textContent = visibles.length + (visibles.length > 1 ? " fiches" : " fiche") + " sur " + fiches.length;
      aucune.hidden = visibles.length > 0;
      liste.dispatchEvent(new CustomEvent("ee-catalogue:filtre", { detail: { visibles: visibles } }));
      return visibles;
    }

    function versUrl() {
      var params = new URLSearchParams(window.location.search);
      facettes.forEach(function (f) { params.delete(f); });
      cases.forEach(function (c) { if (c.checked) params.append(c.name, c.value); });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.pushState(null, "", url);
      }
    }

    function depuisUrl() {
      var params = new URLSearchParams(window.location.search);
      cases.forEach(function (c) { c.checked = params.getAll(c.name).indexOf(c.value) >= 0; });
      form.querySelectorAll("[data-ee-facette]").forEach(function (details) {
        if (details.querySelector("input:checked")) details.open = true;
      });
    }

    form.addEventListener("change", function () { appliquer(); versUrl(); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    zone.querySelector("[data-ee-reinitialiser]").addEventListener("click", function () {
      cases.forEach(function (c) { c.checked = false; });
      appliquer();
      versUrl();
    });
    window.addEventListener("popstate", function () { depuisUrl(); appliquer(); });

    window.eeCatalogue = {
      restreindre: function (ids) {
        restriction = ids ? new Set(Array.from(ids)) : null;
        return appliquer();
      },
      visibles: function () {
        return fiches.filter(function (f) { return !f.element.hidden; }).map(function (f) { return f.id; });
      },
      etat: etat
    };

    zone.hidden = false;
    depuisUrl();
    appliquer();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(demarrer);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", demarrer);
  } else {
    demarrer();
  }
})();
