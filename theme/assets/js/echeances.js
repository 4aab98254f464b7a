/* Deadlines that stay true after the build. The site is static and may be read long
 * after it was built: the home page and the calendar carry each deadline's ISO dates
 * (data-ee-debut, data-ee-fin), and this script, with the reader's own date, hides
 * those that have passed, shows the next ones held in reserve (hidden) in their place,
 * and corrects « à venir » into « en cours ». Without JavaScript, the build's list stands.
 */
(function () {
  "use strict";

  function iso(d) {
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  function actualiser(liste, aujourdhui) {
    var items = Array.prototype.slice.call(liste.querySelectorAll(":scope > li[data-ee-fin], :scope > li[data-ee-debut]"));
    if (!items.length) return;
    var montres = liste.hasAttribute("data-ee-montres") ? Number(liste.getAttribute("data-ee-montres"))
      : items.filter(function (li) { return !li.hidden; }).length;
    liste.setAttribute("data-ee-montres", String(montres));
    var visibles = 0;
    items.forEach(function (li) {
      var fin = li.getAttribute("data-ee-fin");
      var debut = li.getAttribute("data-ee-debut");
      var passe = fin !== null && fin < aujourdhui;
      li.hidden = passe || visibles >= montres;
      if (li.hidden) return;
      visibles++;
      var etat = li.querySelector(".ee-etat");
      if (etat && debut !== null && debut <= aujourdhui && etat.classList.contains("ee-etat--a-venir")) {
        etat.textContent = "en cours";
        etat.classList.replace("ee-etat--a-venir", "ee-etat--en-cours");
        li.classList.replace("ee-frise__jalon--a-venir", "ee-frise__jalon--en-cours");
      }
    });
    var vide = liste.nextElementSibling;
    if (vide && vide.classList.contains("ee-echeances__vide")) vide.hidden = visibles > 0;
  }

  function tout() {
    var aujourdhui = iso(new Date());
    document.querySelectorAll("ol.ee-echeances").forEach(function (liste) { actualiser(liste, aujourdhui); });
  }

  // Material's instant navigation swaps pages without reloading: follow it when present.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(tout);
  else tout();
})();
