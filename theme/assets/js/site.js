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
 * - printed links show their full address (data-ee-cible, read by the print CSS);
 * - the header's menu button opens Material's navigation drawer (below 1220 px), which
 *   is unreachable while closed (RGAA 7.1, 7.3, 10.7);
 * - heading permalinks « ¶ » leave the tab order and the headings' names (RGAA 6.1):
 *   the table of contents links to every section.
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
      // not inside a link or a button (already focusable), nor inside text only screen
      // readers get (the focus would become invisible, RGAA 10.7)
      if (!abbr.closest("a, button, .ee-lecteur, .ee-invisible, [hidden]")) abbr.setAttribute("tabindex", "0");
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

  // --- the menu: Material's primary sidebar, a drawer below 1220 px -------------------

  function menu() {
    var bouton = document.querySelector("[data-ee-menu]");
    var bascule = document.getElementById("__drawer");
    var tiroir = document.getElementById("ee-menu");
    if (!bouton || !bascule || !tiroir || bouton.hasAttribute("data-ee-pret")) return;
    bouton.setAttribute("data-ee-pret", "");
    var etroit = window.matchMedia("(max-width: 76.234375em)");
    var titre = tiroir.querySelector(".md-nav__title");
    var fermer = document.createElement("button");
    fermer.type = "button";
    fermer.className = "ee-menu-fermer";
    fermer.textContent = "Fermer le menu";
    if (titre) titre.parentNode.insertBefore(fermer, titre); else tiroir.prepend(fermer);

    function montrer() {
      var ouvert = bascule.checked && etroit.matches;
      bouton.hidden = !etroit.matches;
      bouton.setAttribute("aria-expanded", String(ouvert));
      // closed and off-screen: no Tab stop, nothing read (inert); open: the rest of the
      // page is behind the overlay, so it is the one made inert.
      tiroir.inert = etroit.matches && !ouvert;
      fermer.hidden = !ouvert;
      document.querySelectorAll(".md-container > :not(.md-main), [data-md-component=header], .md-main__inner > :not(#ee-menu)")
        .forEach(function (partie) { partie.inert = ouvert; });
    }
    function basculer(ouvrir, rendreFocus) {
      bascule.checked = ouvrir;
      bascule.dispatchEvent(new Event("change"));
      montrer();
      if (ouvrir) {
        fermer.focus();
      } else if (rendreFocus) {
        bouton.focus();
      }
    }
    bouton.addEventListener("click", function () { basculer(!bascule.checked, false); });
    fermer.addEventListener("click", function () { basculer(false, true); });
    bascule.addEventListener("change", montrer);
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && bascule.checked && etroit.matches) basculer(false, true);
    });
    if (etroit.addEventListener) etroit.addEventListener("change", montrer);
    montrer();
  }

  // --- heading permalinks ----------------------------------------------------------

  function ancres(racine) {
    racine.querySelectorAll(".md-typeset .headerlink").forEach(function (lien) {
      lien.setAttribute("tabindex", "-1");
      lien.setAttribute("aria-hidden", "true");
    });
  }

  function ameliorer() {
    menu();
    ancres(document);
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
