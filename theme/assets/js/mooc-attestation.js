/* MOOC des tuteurs — the attestation de suivi: shown only when every lesson of every
 * module is marked as read and every module's quiz has been passed (best score at or
 * above the module's pass mark, kept by mooc.js). The name is typed here and stays in
 * this browser; the date is the day the last of those was done.
 */
(function () {
  "use strict";

  var mooc = window.eeMooc;
  var bloc = document.querySelector("[data-ee-attestation]");
  if (!mooc || !bloc) return;

  var attente = bloc.querySelector("[data-ee-attestation-attente]");
  var obtenue = bloc.querySelector("[data-ee-attestation-obtenue]");
  var champNom = bloc.querySelector("[data-ee-attestation-nom]");
  var nom = bloc.querySelector("[data-ee-certificat-nom]");

  function afficherNom() {
    nom.textContent = champNom.value.trim() || "…………………………………………";
  }

  function actualiser() {
    var modules = mooc.cours.modules;
    var reussis = modules.filter(function (m) { return mooc.quizReussi(m.id); }).length;
    var lues = 0, total = 0;
    modules.forEach(function (m) {
      var faites = mooc.leconsTerminees(m);
      lues += faites;
      total += m.lecons.length;
      var etat = bloc.querySelector('[data-ee-attestation-lecons="' + m.id + '"]');
      if (etat) etat.textContent = "leçons lues : " + faites + " sur " + m.lecons.length + ".";
    });
    var complet = mooc.parcoursTermine();
    bloc.querySelectorAll(".ee-sans-script").forEach(function (e) { e.hidden = true; });
    attente.hidden = complet;
    obtenue.hidden = !complet;
    if (!complet) {
      attente.querySelector("[data-ee-attestation-bilan]").textContent =
        "Leçons lues : " + lues + " sur " + total + ". Quiz réussis : " + reussis + " sur " + modules.length +
        ". L'attestation sera disponible quand chaque leçon sera marquée comme lue et le quiz de chaque module réussi.";
      return;
    }
    bloc.querySelector("[data-ee-certificat-date]").textContent = mooc.dateLongue(mooc.dateReussiteParcours());
    afficherNom();
  }

  champNom.value = mooc.lire("@nom") || "";
  champNom.addEventListener("input", function () {
    mooc.ecrire("@nom", champNom.value);
    afficherNom();
  });
  bloc.querySelector("[data-ee-imprimer]").addEventListener("click", function () { window.print(); });
  document.addEventListener("ee-mooc:importe", actualiser);
  actualiser();
})();
