/* MOOC des tuteurs — the learner's progress, kept in this browser only (localStorage).
 * Nothing is ever sent anywhere: export and import go through a file on the device.
 *
 * Keys are made of ids, never of titles, URLs or positions, so that reordering or
 * renaming modules in the YAML keeps every item on its lesson:
 *   ee-mooc:v1:<parcours>:<module>:<lecon>  a finished lesson     {"termine": "2026-11-22"}
 *   ee-mooc:v1:<parcours>:<module>:@quiz    the quiz's best score {"meilleur": 75, "reussi_le": "2026-11-22"}
 *   ee-mooc:v1:<parcours>:@reprise          the last lesson open  {"module": "…", "lecon": "…"}
 *   ee-mooc:v1:<parcours>:@planificateur    the week planner      {"champs": {…}, "uid": "…"}
 *   ee-mooc:v1:<parcours>:@nom              the name on the attestation
 * Ids are written [a-z0-9-], so an "@" entry can never be mistaken for a lesson.
 *
 * On every course page: older storage versions are migrated (MIGRATIONS), then the items
 * of lessons or modules that left the course are dropped, then the page shows the state.
 * The quiz, planner and attestation scripts use the API published as window.eeMooc.
 */
(function () {
  "use strict";

  var VERSION = 1;
  var PREFIX = "ee-mooc:";
  var FORMAT_EXPORT = "ee-mooc-progression";

  var source = document.getElementById("ee-mooc-cours");
  if (!source) return;
  var cours = JSON.parse(source.textContent);
  var base = PREFIX + "v" + VERSION + ":" + cours.parcours + ":";

  // --- storage, with a memory stand-in when the browser refuses localStorage ---------

  var memoire = {};
  // In the SCORM package, inside an LMS, mooc-scorm.js hands a Storage-like object whose
  // entries live in the LMS (cmi.suspend_data); everywhere else, this browser's storage.
  var stockage = window.eeMoocStockage || (function () {
    try {
      var test = PREFIX + "test";
      window.localStorage.setItem(test, "1");
      window.localStorage.removeItem(test);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  })();

  function clesStockees() {
    if (!stockage) return Object.keys(memoire);
    var cles = [];
    for (var i = 0; i < stockage.length; i++) cles.push(stockage.key(i));
    return cles;
  }

  function lireBrut(cle) {
    var texte = stockage ? stockage.getItem(cle) : memoire[cle];
    if (texte === null || texte === undefined) return null;
    try {
      return JSON.parse(texte);
    } catch (e) {
      return null;   // a value damaged by hand: treated as absent
    }
  }

  function ecrireBrut(cle, valeur) {
    var texte = JSON.stringify(valeur);
    if (stockage) stockage.setItem(cle, texte);
    else memoire[cle] = texte;
  }

  function effacerBrut(cle) {
    if (stockage) stockage.removeItem(cle);
    else delete memoire[cle];
  }

  function lire(suffixe) { return lireBrut(base + suffixe); }
  function ecrire(suffixe, valeur) { ecrireBrut(base + suffixe, valeur); }
  function effacer(suffixe) { effacerBrut(base + suffixe); }

  // --- the course outline ---------------------------------------------------------------

  function trouverModule(moduleId) {
    for (var i = 0; i < cours.modules.length; i++) {
      if (cours.modules[i].id === moduleId) return cours.modules[i];
    }
    return null;
  }

  function trouverLecon(moduleId, leconId) {
    var module = trouverModule(moduleId);
    if (!module) return null;
    for (var i = 0; i < module.lecons.length; i++) {
      if (module.lecons[i].id === leconId) return module.lecons[i];
    }
    return null;
  }

  function url(chemin) { return cours.racine + chemin; }

  function aujourdhui() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
      String(d.getDate()).padStart(2, "0");
  }

  function dateLongue(iso) {
    var parties = iso.split("-").map(Number);
    return new Date(parties[0], parties[1] - 1, parties[2]).toLocaleDateString("fr-FR", {
      day: "numeric", month: "long", year: "numeric"
    });
  }

  // --- progress ----------------------------------------------------------------------------

  function leconTerminee(moduleId, leconId) { return lire(moduleId + ":" + leconId) !== null; }

  function marquerLecon(moduleId, leconId, terminee) {
    if (terminee) ecrire(moduleId + ":" + leconId, { termine: aujourdhui() });
    else effacer(moduleId + ":" + leconId);
  }

  function quizMeilleur(moduleId) {
    var quiz = lire(moduleId + ":@quiz");
    return quiz && typeof quiz.meilleur === "number" ? quiz.meilleur : null;
  }

  function quizReussi(moduleId) {
    var module = trouverModule(moduleId);
    var meilleur = quizMeilleur(moduleId);
    return module !== null && meilleur !== null && meilleur >= module.seuil;
  }

  /* Keeps the best score; the date the pass mark was first reached dates the attestation. */
  function enregistrerQuiz(moduleId, score) {
    var module = trouverModule(moduleId);
    var ancien = lire(moduleId + ":@quiz") || {};
    var meilleur = typeof ancien.meilleur === "number" ? Math.max(ancien.meilleur, score) : score;
    var reussiLe = ancien.reussi_le || (module && score >= module.seuil ? aujourdhui() : null);
    ecrire(moduleId + ":@quiz", { meilleur: meilleur, reussi_le: reussiLe });
    actualiser();
    return { meilleur: meilleur, reussi: module !== null && meilleur >= module.seuil };
  }

  function leconsTerminees(module) {
    return module.lecons.filter(function (l) { return leconTerminee(module.id, l.id); }).length;
  }

  /* The attestation's rule: every lesson of every module marked as read, and every
   * module's quiz passed. */
  function parcoursTermine() {
    return cours.modules.length > 0 && cours.modules.every(function (m) {
      return leconsTerminees(m) === m.lecons.length && quizReussi(m.id);
    });
  }

  /* The day the course was completed: the latest of its lessons' and quizzes' dates. */
  function dateReussiteParcours() {
    var dates = [];
    cours.modules.forEach(function (m) {
      var quiz = lire(m.id + ":@quiz");
      dates.push(quiz && quiz.reussi_le ? quiz.reussi_le : aujourdhui());
      m.lecons.forEach(function (l) {
        var lecon = lire(m.id + ":" + l.id);
        dates.push(lecon && typeof lecon.termine === "string" ? lecon.termine : aujourdhui());
      });
    });
    return dates.sort().pop() || aujourdhui();
  }

  // --- migrations and clean-up -----------------------------------------------------------

  /* MIGRATIONS[n] turns version n into version n + 1; they run in a chain on load.
   * Version 0 kept the whole course in one JSON value under ee-mooc:v0:<parcours>:
   *   {"lecons": ["<module>/<lecon>", …], "quiz": {"<module>": <best %>}, "reprise": "<module>/<lecon>"}
   */
  var MIGRATIONS = {
    0: function (parcoursId) {
      var cle = PREFIX + "v0:" + parcoursId;
      var ancien = lireBrut(cle);
      if (ancien === null) return;
      var cible = PREFIX + "v1:" + parcoursId + ":";
      (Array.isArray(ancien.lecons) ? ancien.lecons : []).forEach(function (chemin) {
        var ids = String(chemin).split("/");
        if (ids.length === 2 && lireBrut(cible + ids[0] + ":" + ids[1]) === null) {
          ecrireBrut(cible + ids[0] + ":" + ids[1], { termine: aujourdhui() });
        }
      });
      var quiz = ancien.quiz && typeof ancien.quiz === "object" ? ancien.quiz : {};
      Object.keys(quiz).forEach(function (moduleId) {
        if (typeof quiz[moduleId] !== "number") return;
        var present = lireBrut(cible + moduleId + ":@quiz") || {};
        var meilleur = Math.max(quiz[moduleId], typeof present.meilleur === "number" ? present.meilleur : 0);
        var module = trouverModule(moduleId);
        var reussiLe = present.reussi_le || (module && meilleur >= module.seuil ? aujourdhui() : null);
        ecrireBrut(cible + moduleId + ":@quiz", { meilleur: meilleur, reussi_le: reussiLe });
      });
      if (typeof ancien.reprise === "string" && ancien.reprise.indexOf("/") > 0) {
        var reprise = ancien.reprise.split("/");
        ecrireBrut(cible + "@reprise", { module: reprise[0], lecon: reprise[1] });
      }
      effacerBrut(cle);
    }
  };

  function migrer() {
    for (var version = 0; version < VERSION; version++) MIGRATIONS[version](cours.parcours);
  }

  /* Drops the items of lessons and modules that are no longer in the course. */
  function nettoyer() {
    clesStockees().forEach(function (cle) {
      if (cle.indexOf(base) !== 0) return;
      var parties = cle.slice(base.length).split(":");
      if (parties[0].charAt(0) === "@") return;   // course-wide entry
      var module = trouverModule(parties[0]);
      var garder = module !== null && parties.length === 2 &&
        (parties[1] === "@quiz" || trouverLecon(parties[0], parties[1]) !== null);
      if (!garder) effacerBrut(cle);
    });
  }

  // --- export and import -------------------------------------------------------------------

  function entrees() {
    var resultat = {};
    clesStockees().sort().forEach(function (cle) {
      if (cle.indexOf(base) === 0) {
        var valeur = lireBrut(cle);
        if (valeur !== null) resultat[cle.slice(base.length)] = valeur;
      }
    });
    return resultat;
  }

  function exporter() {
    var donnees = {
      format: FORMAT_EXPORT, version: VERSION, parcours: cours.parcours,
      exporte_le: new Date().toISOString(), entrees: entrees()
    };
    var blob = new Blob([JSON.stringify(donnees, null, 2) + "\n"], { type: "application/json" });
    var lien = document.createElement("a");
    lien.href = URL.createObjectURL(blob);
    lien.download = "progression-" + cours.parcours + "-" + aujourdhui() + ".json";
    document.body.appendChild(lien);
    lien.click();
    lien.remove();
    setTimeout(function () { URL.revokeObjectURL(lien.href); }, 1000);
  }

  /* Merges a saved file into this browser: lessons are added, the better quiz score
   * wins, and the file's planner, name and resume point replace the ones here. */
  function importer(donnees) {
    if (!donnees || donnees.format !== FORMAT_EXPORT || typeof donnees.entrees !== "object") {
      throw new Error("Ce fichier n'est pas une sauvegarde de la progression du MOOC.");
    }
    if (donnees.parcours !== cours.parcours) {
      throw new Error("Cette sauvegarde concerne un autre parcours (« " + donnees.parcours + " »).");
    }
    if (typeof donnees.version !== "number" || donnees.version > VERSION) {
      throw new Error("Cette sauvegarde vient d'une version plus récente du site : mettez la page à jour puis réessayez.");
    }
    Object.keys(donnees.entrees).forEach(function (suffixe) {
      var valeur = donnees.entrees[suffixe];
      if (/:@quiz$/.test(suffixe)) {
        var present = lire(suffixe);
        if (!present || (valeur && valeur.meilleur > present.meilleur)) ecrire(suffixe, valeur);
      } else if (suffixe.charAt(0) === "@" || lire(suffixe) === null) {
        ecrire(suffixe, valeur);
      }
    });
    nettoyer();
    actualiser();
    document.dispatchEvent(new CustomEvent("ee-mooc:importe"));
  }

  // --- showing the state on the page -------------------------------------------------------

  function pluriel(n, singulier, plurielTexte) { return n + " " + (n > 1 ? plurielTexte : singulier); }

  function texteQuiz(module) {
    var meilleur = quizMeilleur(module.id);
    if (meilleur === null) return "Quiz : pas encore tenté (réussi à partir de " + module.seuil + " %).";
    if (meilleur >= module.seuil) return "Quiz réussi, meilleur score : " + meilleur + " %.";
    return "Quiz : meilleur score " + meilleur + " %, il faut " + module.seuil + " % pour le réussir.";
  }

  function afficherCoche(element, terminee) {
    element.textContent = "";
    element.closest("li") && element.closest("li").classList.toggle("ee-termine", terminee);
    if (!terminee) return;
    var coche = document.createElement("span");
    coche.className = "ee-lecon-etat__coche";
    coche.setAttribute("aria-hidden", "true");
    coche.textContent = "✓";
    var texte = document.createElement("span");
    texte.className = "ee-sr";
    texte.textContent = "(leçon terminée)";
    element.append(coche, texte);
  }

  function premiereLeconAFaire(module) {
    for (var i = 0; i < module.lecons.length; i++) {
      if (!leconTerminee(module.id, module.lecons[i].id)) return module.lecons[i];
    }
    return null;
  }

  function pointDeReprise() {
    var reprise = lire("@reprise");
    if (reprise && trouverLecon(reprise.module, reprise.lecon)) {
      return { module: trouverModule(reprise.module), lecon: trouverLecon(reprise.module, reprise.lecon) };
    }
    return null;
  }

  function actualiser() {
    document.querySelectorAll("[data-ee-etat-lecon]").forEach(function (element) {
      var ids = element.getAttribute("data-ee-etat-lecon").split("/");
      afficherCoche(element, leconTerminee(ids[0], ids[1]));
    });
    document.querySelectorAll("[data-ee-terminer]").forEach(function (caseACocher) {
      var ids = caseACocher.getAttribute("data-ee-terminer").split("/");
      caseACocher.checked = leconTerminee(ids[0], ids[1]);
    });
    document.querySelectorAll("[data-ee-progression-module]").forEach(function (bloc) {
      var module = trouverModule(bloc.getAttribute("data-ee-progression-module"));
      if (!module) return;
      var faites = leconsTerminees(module);
      bloc.querySelector("progress").value = faites;
      bloc.querySelector("label").textContent = pluriel(faites, "leçon terminée", "leçons terminées") +
        " sur " + module.lecons.length;
      bloc.hidden = false;
    });
    document.querySelectorAll("[data-ee-etat-quiz]").forEach(function (element) {
      var module = trouverModule(element.getAttribute("data-ee-etat-quiz"));
      if (module) element.textContent = texteQuiz(module);
    });
    document.querySelectorAll("[data-ee-commencer]").forEach(function (bouton) {
      var module = trouverModule(bouton.getAttribute("data-ee-commencer"));
      if (!module || leconsTerminees(module) === 0) return;
      var suivante = premiereLeconAFaire(module);
      bouton.textContent = suivante ? "Reprendre le module : " + suivante.titre : "Relire le module";
      bouton.href = url((suivante || module.lecons[0]).url);
    });
    actualiserParcours();
  }

  function actualiserParcours() {
    var bloc = document.querySelector("[data-ee-progression-parcours]");
    if (!bloc) return;
    var total = 0, faites = 0, reussis = 0;
    cours.modules.forEach(function (module) {
      total += module.lecons.length;
      faites += leconsTerminees(module);
      if (quizReussi(module.id)) reussis++;
    });
    bloc.querySelectorAll(".ee-sans-script").forEach(function (e) { e.hidden = true; });
    var progression = bloc.querySelector(".ee-progression");
    progression.hidden = false;
    progression.querySelector("progress").value = faites;
    progression.querySelector("label").textContent = "Cours : " +
      pluriel(faites, "leçon terminée", "leçons terminées") + " sur " + total +
      " (" + (total ? Math.round(100 * faites / total) : 0) + " %)";
    bloc.querySelector("[data-ee-etat-quiz-parcours]").textContent =
      pluriel(reussis, "quiz réussi", "quiz réussis") + " sur " + cours.modules.length + ".";
    var reprendre = bloc.querySelector("[data-ee-reprendre]");
    var lienReprise = reprendre.querySelector("a");
    var reprise = pointDeReprise();
    if (reprise) {
      lienReprise.textContent = "Reprendre là où je me suis arrêté·e : " + reprise.lecon.titre;
      lienReprise.href = url(reprise.lecon.url);
    } else if (cours.modules.length) {
      lienReprise.textContent = "Commencer le cours";
    }
    reprendre.hidden = cours.modules.length === 0;
  }

  function annoncer(element, message) {
    element.textContent = "";
    window.setTimeout(function () { element.textContent = message; }, 50);
  }

  // --- page behaviour ------------------------------------------------------------------

  function brancherLecon() {
    document.querySelectorAll("[data-ee-terminer]").forEach(function (caseACocher) {
      var ids = caseACocher.getAttribute("data-ee-terminer").split("/");
      ecrire("@reprise", { module: ids[0], lecon: ids[1] });
      caseACocher.addEventListener("change", function () {
        marquerLecon(ids[0], ids[1], caseACocher.checked);
        actualiser();
      });
    });
  }

  function brancherSauvegarde() {
    var message = document.querySelector("[data-ee-message-sauvegarde]");
    var boutonExport = document.querySelector("[data-ee-exporter]");
    if (boutonExport) {
      boutonExport.addEventListener("click", function () {
        exporter();
        annoncer(message, "Le fichier de sauvegarde a été téléchargé sur cet appareil.");
      });
    }
    var champImport = document.querySelector("[data-ee-importer]");
    if (!champImport) return;
    champImport.addEventListener("change", function () {
      var fichier = champImport.files && champImport.files[0];
      if (!fichier) return;
      fichier.text().then(function (texte) {
        var donnees;
        try {
          donnees = JSON.parse(texte);
        } catch (e) {
          throw new Error("Ce fichier n'est pas une sauvegarde lisible (JSON attendu).");
        }
        importer(donnees);
        var n = 0;
        cours.modules.forEach(function (m) { n += leconsTerminees(m); });
        annoncer(message, "Progression importée : " + pluriel(n, "leçon terminée", "leçons terminées") + ".");
      }).catch(function (erreur) {
        annoncer(message, "Import impossible : " + erreur.message);
      }).then(function () {
        champImport.value = "";
      });
    });
  }

  function signalerStockageIndisponible() {
    var message = document.querySelector("[data-ee-message-sauvegarde]");
    if (message && !stockage) {
      message.textContent = "Ce navigateur n'autorise pas l'enregistrement local : votre progression " +
        "sera perdue en quittant la page. Exportez-la avant de partir.";
    }
  }

  /* Material wraps wide tables in a scrolling box, once its own script has run (hence
   * the observer): the keyboard must be able to reach and scroll that box too. */
  function surveillerDefilements() {
    rendreDefilementsAccessibles();
    new MutationObserver(rendreDefilementsAccessibles).observe(document.body, { childList: true, subtree: true });
  }

  function rendreDefilementsAccessibles() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (boite) {
      if (boite.hasAttribute("tabindex")) return;
      boite.setAttribute("tabindex", "0");
      boite.setAttribute("role", "region");
      boite.setAttribute("aria-label", "Tableau (faire défiler horizontalement si besoin)");
    });
  }

  migrer();
  nettoyer();

  window.eeMooc = {
    cours: cours, url: url, lire: lire, ecrire: ecrire, effacer: effacer,
    aujourdhui: aujourdhui, dateLongue: dateLongue, annoncer: annoncer,
    quizMeilleur: quizMeilleur, quizReussi: quizReussi, enregistrerQuiz: enregistrerQuiz,
    leconsTerminees: leconsTerminees, parcoursTermine: parcoursTermine,
    dateReussiteParcours: dateReussiteParcours, actualiser: actualiser,
    stockageDisponible: stockage !== null
  };

  surveillerDefilements();
  brancherLecon();
  brancherSauvegarde();
  signalerStockageIndisponible();
  actualiser();
})();
