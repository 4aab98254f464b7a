/* MOOC des tuteurs — a module's SCO talking to its LMS through the SCORM 1.2 API.
 *
 * Loaded before mooc.js. When an LMS gives this page the API (window.API, found with the
 * standard walk up window.parent, then window.opener), the course's progress is kept in
 * the LMS instead of localStorage: mooc.js reads and writes window.eeMoocStockage, a
 * Storage-like object whose entries live in cmi.suspend_data. On every change:
 *   cmi.suspend_data          the module's entries, as JSON (lessons done, best quiz score)
 *   cmi.core.lesson_location  the part of the module on screen (sco.js tells)
 *   cmi.core.score.raw        the best quiz score, 0 to 100 (score.min 0, score.max 100)
 *   cmi.core.lesson_status    incomplete until the quiz is taken, then passed or failed
 *                             against the module's pass mark (never back from passed)
 * then LMSCommit. Leaving the page (pagehide, beforeunload) records the session time,
 * exit « suspend » (so the LMS hands the data back next time) and calls LMSFinish.
 * Without an API nothing here runs: the page keeps its progress in this browser, as the
 * site does.
 */
(function () {
  "use strict";

  var MAX_SUSPEND = 4096;   // SCORM 1.2: cmi.suspend_data holds at most 4,096 characters

  function chercherDans(fenetre) {
    var essais = 0;
    try {
      while (!fenetre.API && fenetre.parent && fenetre.parent !== fenetre && essais < 500) {
        essais++;
        fenetre = fenetre.parent;
      }
      return fenetre.API || null;
    } catch (e) {
      return null;   // a frame of another origin: not our LMS
    }
  }

  function trouverAPI() {
    var api = chercherDans(window);
    if (!api && window.opener) api = chercherDans(window.opener);
    return api;
  }

  var api = trouverAPI();
  var moduleId = document.documentElement.getAttribute("data-ee-sco");
  var source = document.getElementById("ee-mooc-cours");
  if (!api || !moduleId || !source) return;
  if (String(api.LMSInitialize("")) !== "true") return;

  var cours = JSON.parse(source.textContent);
  var module = null;
  cours.modules.forEach(function (m) { if (m.id === moduleId) module = m; });
  var debut = Date.now();
  var fini = false;

  function lireCMI(nom) { return String(api.LMSGetValue(nom) || ""); }
  function ecrireCMI(nom, valeur) { return api.LMSSetValue(nom, String(valeur)); }

  // --- the entries, kept in cmi.suspend_data --------------------------------------

  var entrees = {};
  try {
    var lu = JSON.parse(lireCMI("cmi.suspend_data") || "{}");
    if (lu && typeof lu === "object" && lu.entrees && typeof lu.entrees === "object") entrees = lu.entrees;
  } catch (e) {
    entrees = {};   // data another SCO version wrote: start afresh rather than fail
  }
  var statutInitial = lireCMI("cmi.core.lesson_status");
  var lieu = lireCMI("cmi.core.lesson_location");

  var stockage = {
    get length() { return Object.keys(entrees).length; },
    key: function (i) { return Object.keys(entrees)[i] || null; },
    getItem: function (cle) {
      return Object.prototype.hasOwnProperty.call(entrees, cle) ? JSON.stringify(entrees[cle]) : null;
    },
    setItem: function (cle, texte) {
      entrees[cle] = JSON.parse(texte);
      enregistrer();
    },
    removeItem: function (cle) {
      if (!Object.prototype.hasOwnProperty.call(entrees, cle)) return;
      delete entrees[cle];
      enregistrer();
    }
  };

  function meilleurScore() {
    var suffixe = ":" + moduleId + ":@quiz";
    for (var cle in entrees) {
      if (cle.slice(-suffixe.length) === suffixe && entrees[cle] && typeof entrees[cle].meilleur === "number") {
        return entrees[cle].meilleur;
      }
    }
    return null;
  }

  function statut(score) {
    if (statutInitial === "passed") return "passed";
    if (score === null) return "incomplete";
    return module && score >= module.seuil ? "passed" : "failed";
  }

  var enAttente = false;
  function enregistrer() {
    if (fini) return;
    var donnees = JSON.stringify({ v: 1, entrees: entrees });
    if (donnees.length <= MAX_SUSPEND) ecrireCMI("cmi.suspend_data", donnees);
    var score = meilleurScore();
    if (score !== null) {
      ecrireCMI("cmi.core.score.min", 0);
      ecrireCMI("cmi.core.score.max", 100);
      ecrireCMI("cmi.core.score.raw", Math.max(0, Math.min(100, Math.round(score))));
    }
    ecrireCMI("cmi.core.lesson_status", statut(score));
    if (lieu) ecrireCMI("cmi.core.lesson_location", lieu);
    // mooc.js writes several entries in a row: one commit for them all.
    if (!enAttente) {
      enAttente = true;
      window.setTimeout(function () { enAttente = false; if (!fini) api.LMSCommit(""); }, 0);
    }
  }

  function dureeSession() {
    var secondes = Math.round((Date.now() - debut) / 1000);
    var h = Math.floor(secondes / 3600), m = Math.floor(secondes / 60) % 60, s = secondes % 60;
    function deux(n) { return (n < 10 ? "0" : "") + n; }
    return (h < 10 ? "000" : h < 100 ? "00" : h < 1000 ? "0" : "") + h + ":" + deux(m) + ":" + deux(s);
  }

  function terminer() {
    if (fini) return;
    enregistrer();
    ecrireCMI("cmi.core.session_time", dureeSession());
    ecrireCMI("cmi.core.exit", "suspend");
    api.LMSCommit("");
    fini = true;
    api.LMSFinish("");
  }

  if (statutInitial === "" || statutInitial === "not attempted") {
    ecrireCMI("cmi.core.lesson_status", "incomplete");
    api.LMSCommit("");
  }
  window.addEventListener("pagehide", terminer);
  window.addEventListener("beforeunload", terminer);

  window.eeMoocStockage = stockage;
  window.eeScorm = {
    /* The part of the module on screen (sco.js): where the LMS reopens it next time. */
    position: function (partie) {
      if (fini || !partie || partie === lieu) return;
      lieu = partie;
      ecrireCMI("cmi.core.lesson_location", lieu);
      api.LMSCommit("");
    },
    positionInitiale: lieu,
    terminer: terminer
  };
})();
