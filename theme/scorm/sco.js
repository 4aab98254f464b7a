/* MOOC des tuteurs — a module's SCO shown one part at a time: the presentation, each
 * lesson, the quiz. The part on screen follows the address's #fragment (so the browser's
 * back button and the table of contents work), and mooc-scorm.js records it as the
 * lesson location, where the LMS reopens the module next time. Without JavaScript every
 * part shows, one after the other.
 */
(function () {
  "use strict";

  var parties = Array.prototype.slice.call(document.querySelectorAll("[data-sco-partie]"));
  if (!parties.length) return;
  var scorm = window.eeScorm || null;

  function partie(id) {
    for (var i = 0; i < parties.length; i++) if (parties[i].id === id) return parties[i];
    return null;
  }

  /* The part holding an element of the page (a #quiz anchor, a heading…). */
  function partieDe(id) {
    var cible = id && document.getElementById(id);
    return cible ? cible.closest("[data-sco-partie]") : null;
  }

  function afficher(id, deplacerFocus) {
    var choisie = partie(id) || partieDe(id) || parties[0];
    parties.forEach(function (p) { p.hidden = p !== choisie; });
    document.querySelectorAll("[data-sco-lien]").forEach(function (lien) {
      if (lien.closest(".sco-sommaire")) {
        if (lien.getAttribute("data-sco-lien") === choisie.id) lien.setAttribute("aria-current", "step");
        else lien.removeAttribute("aria-current");
      }
    });
    if (deplacerFocus) {
      // Focus (and so the reading position) on the part's title: below the table of
      // contents on a phone, at the top of the text on a wide screen.
      var titre = choisie.querySelector("h2") || choisie;
      titre.focus({ preventScroll: true });
      titre.scrollIntoView({ block: "start" });
    }
    if (scorm) scorm.position(choisie.id);
  }

  document.addEventListener("click", function (evenement) {
    var lien = evenement.target.closest("[data-sco-lien]");
    if (!lien) return;
    evenement.preventDefault();
    var id = lien.getAttribute("data-sco-lien");
    if (window.location.hash !== "#" + id) history.pushState(null, "", "#" + id);
    afficher(id, true);
  });
  window.addEventListener("popstate", function () { afficher(window.location.hash.slice(1), true); });

  // A link to the web opens beside the LMS: followed inside its frame, it would end the SCO.
  document.querySelectorAll('a[href^="http"]').forEach(function (lien) {
    lien.target = "_blank";
    lien.rel = "noopener";
  });

  var depart = window.location.hash.slice(1) || (scorm && scorm.positionInitiale) || "";
  afficher(depart, false);
})();
