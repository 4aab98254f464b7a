/* MOOC des tuteurs — the module quiz: real radio buttons and checkboxes in fieldsets,
 * checked in the browser against the answers embedded in the page. Every choice gets
 * its explanation, the score is announced in a live region, the best score is kept
 * (mooc.js) and the quiz can be taken again as often as wanted.
 */
(function () {
  "use strict";

  var mooc = window.eeMooc;
  if (!mooc) return;

  function memesReponses(a, b) {
    return a.length === b.length && a.every(function (x) { return b.indexOf(x) >= 0; });
  }

  function retourChoix(choix, coche, unique) {
    if (choix.correct && coche) return "Bonne réponse, que vous avez choisie. ";
    if (choix.correct) return unique ? "C'était la bonne réponse. " : "Bonne réponse, à cocher aussi. ";
    if (coche) return "Mauvaise réponse, que vous avez choisie. ";
    return "Mauvaise réponse, à écarter. ";
  }

  function corrigerQuestion(formulaire, question) {
    var bloc = formulaire.querySelector('fieldset[data-question="' + question.id + '"]');
    var champs = Array.prototype.slice.call(bloc.querySelectorAll("input"));
    var cochees = champs.filter(function (c) { return c.checked; }).map(function (c) { return Number(c.value); });
    var justes = [];
    question.choix.forEach(function (choix, i) { if (choix.correct) justes.push(i); });
    var reussie = memesReponses(cochees, justes);
    champs.forEach(function (champ) {
      var choix = question.choix[Number(champ.value)];
      var retour = document.getElementById(champ.id + "-retour");
      retour.textContent = "";
      var verdict = document.createElement("strong");
      verdict.textContent = retourChoix(choix, champ.checked, question.type === "unique");
      retour.append(verdict, document.createTextNode(choix.explication));
      retour.className = "ee-choix__retour " + (choix.correct ? "ee-choix__retour--juste" : "ee-choix__retour--faux");
      retour.hidden = false;
      champ.setAttribute("aria-describedby", retour.id);
    });
    var bilan = bloc.querySelector(".ee-question__bilan");
    bilan.textContent = cochees.length === 0 ? "Question sans réponse." :
      reussie ? "Question réussie." : "Question manquée.";
    bilan.className = "ee-question__bilan " + (reussie ? "ee-question__bilan--reussie" : "ee-question__bilan--manquee");
    bilan.hidden = false;
    return reussie;
  }

  function effacerCorrection(formulaire) {
    formulaire.querySelectorAll(".ee-choix__retour, .ee-question__bilan").forEach(function (e) {
      e.hidden = true;
      e.textContent = "";
    });
    formulaire.querySelectorAll("input").forEach(function (champ) { champ.removeAttribute("aria-describedby"); });
  }

  function brancher(formulaire) {
    var moduleId = formulaire.getAttribute("data-ee-quiz");
    var source = document.querySelector('script[data-ee-quiz-donnees="' + moduleId + '"]');
    if (!source) return;
    var quiz = JSON.parse(source.textContent);
    var resultat = formulaire.querySelector("[data-ee-resultat]");
    var recommencer = formulaire.querySelector("[data-ee-recommencer]");

    formulaire.addEventListener("submit", function (evenement) {
      evenement.preventDefault();
      var bonnes = quiz.questions.filter(function (q) { return corrigerQuestion(formulaire, q); }).length;
      var total = quiz.questions.length;
      var score = Math.round(100 * bonnes / total);
      var enregistre = mooc.enregistrerQuiz(moduleId, score);
      var message = "Score : " + bonnes + " bonne" + (bonnes > 1 ? "s" : "") + " réponse" + (bonnes > 1 ? "s" : "") +
        " sur " + total + " (" + score + " %). ";
      message += score >= quiz.seuil ? "Quiz réussi : le seuil de " + quiz.seuil + " % est atteint. " :
        "Quiz non réussi : il faut " + quiz.seuil + " %. Lisez les explications sous chaque choix, puis recommencez. ";
      message += "Votre meilleur score : " + enregistre.meilleur + " %.";
      mooc.annoncer(resultat, message);
      recommencer.hidden = false;
    });

    recommencer.addEventListener("click", function () {
      formulaire.reset();
      effacerCorrection(formulaire);
      resultat.textContent = "";
      recommencer.hidden = true;
      var premier = formulaire.querySelector("input");
      if (premier) premier.focus();
    });
  }

  document.querySelectorAll("form[data-ee-quiz]").forEach(brancher);
})();
