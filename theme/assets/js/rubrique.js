/* The menu entry of the page's section, highlighted: Material marks the page itself when
 * it is in the menu, and nothing for the pages that are not (a fiche, a lesson…). The
 * breadcrumb (partials/fil-ariane.html) says which entry is the section (data-ee-rubrique). */
(function () {
  "use strict";

  function marquer() {
    var fil = document.querySelector("[data-ee-rubrique]");
    if (!fil) return;
    var cible = new URL(fil.getAttribute("data-ee-rubrique") || "./", location.href).pathname;
    document.querySelectorAll(".md-nav--primary a.md-nav__link[href]").forEach(function (lien) {
      if (new URL(lien.getAttribute("href"), location.href).pathname !== cible) return;
      if (lien.classList.contains("md-nav__link--active")) return;
      lien.classList.add("md-nav__link--active", "ee-rubrique-active");
      if (!lien.hasAttribute("aria-current")) lien.setAttribute("aria-current", "true");
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(marquer);
  else marquer();
})();
