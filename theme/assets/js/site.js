/* Small enhancements of every page; the site works without them.
 *
 * Naming, for every script of theme/assets/js: a script that offers something to the
 * others sets one global, « ee » + a French noun in camelCase (eeCatalogue, eeMooc,
 * eeRecherche, eeRechercheManifeste), as the site's classes are « ee-… » and its data
 * attributes « data-ee-… ». This one sets none.
 *
 * - « Imprimer » buttons (hidden until this script can make them work);
 * - tables wider than the screen: their scrolling wrapper takes the keyboard focus
 *   (stock Material leaves it unreachable on a phone, WCAG 2.1.1);
 * - acronyms (<abbr title>) take the focus, so that Material's tooltip shows the
 *   expansion to keyboard users as it does on hover;
 * - external links: marked, opened in a new tab without access to this page
 *   (noopener noreferrer), and announced as such;
 * - printed links show their full address (data-ee-cible, read by the print CSS).
 */
(function () {
  "use strict";

  function boutonsImprimer(racine) {
    racine.querySelectorAll("[data-ee-imprimer]").forEach(function (bouton) {
      bouton.hidden = false;
      bouton.addEventListener("click", function () { window.print(); });
    });
  }

  function tableauxDefilants(racine) {
    racine.querySelectorAll(".md-typeset__scrollwrap, .ee-defilement").forEach(function (zone) {
      var legende = zone.querySelector("caption");
      zone.setAttribute("tabindex", "0");
      zone.setAttribute("role", "region");
      if (!zone.hasAttribute("aria-label") && !zone.hasAttribute("aria-labelledby")) {
        zone.setAttribute("aria-label", legende ? legende.textContent.trim() : "Tableau (défilement horizontal possible)");
      }
    });
  }

  function sigles(racine) {
    racine.querySelectorAll(".md-typeset abbr[title]").forEach(function (abbr) {
      if (!abbr.closest("a, button")) abbr.setAttribute("tabindex", "0");
    });
  }

  function liens(racine) {
    racine.querySelectorAll(".md-content a[href]").forEach(function (lien) {
      var href = lien.getAttribute("href");
      if (href.charAt(0) === "#") return;
      var url;
      try { url = new URL(href, document.baseURI); } catch (e) { return; }
      if (!/^https?:$/.test(url.protocol)) return;
      lien.setAttribute("data-ee-cible", url.href);
      if (url.host === window.location.host) return;
      lien.classList.add("ee-externe");
      lien.setAttribute("target", "_blank");
      lien.setAttribute("rel", "noopener noreferrer");
      if (!lien.querySelector(".ee-lecteur")) {
        var annonce = document.createElement("span");
        annonce.className = "ee-lecteur";
        annonce.textContent = " (site externe, nouvel onglet)";
        lien.appendChild(annonce);
      }
    });
  }

  function ameliorer() {
    boutonsImprimer(document);
    tableauxDefilants(document);
    sigles(document);
    liens(document);
  }

  // Material wraps tables and mounts tooltips when its document$ emits; run after it.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { window.setTimeout(ameliorer, 0); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ameliorer);
  } else {
    ameliorer();
  }
})();
