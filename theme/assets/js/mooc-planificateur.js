/* MOOC des tuteurs — the week planner. The form arrives filled with the template of
 * mooc/planificateur.yml; the tutor's changes are saved in this browser (mooc.js keeps
 * them under the course's "@planificateur" entry, so export and import carry them), a
 * one-page table is kept ready for printing, and the plan exports as an .ics calendar.
 */
(function () {
  "use strict";

  var mooc = window.eeMooc;
  var formulaire = document.querySelector("form[data-ee-planificateur]");
  if (!mooc || !formulaire) return;

  var CLE = "@planificateur";
  var JOURS = 5;
  var CRENEAUX = [["matin", "Matin"], ["apres_midi", "Après-midi"]];
  var LIGNES = [["service", "Service"], ["personne", "Rencontre"], ["activite", "Activité"], ["a_noter", "À noter"]];
  var message = formulaire.querySelector("[data-ee-message-planificateur]");

  function champs() {
    return Array.prototype.slice.call(formulaire.querySelectorAll("input[name], textarea[name]"));
  }

  function valeur(nom) {
    var champ = formulaire.elements.namedItem(nom);
    return champ ? champ.value.trim() : "";
  }

  function etat() { return mooc.lire(CLE) || {}; }

  function enregistrer() {
    var valeurs = {};
    champs().forEach(function (champ) { valeurs[champ.name] = champ.value; });
    var ancien = etat();
    mooc.ecrire(CLE, { champs: valeurs, uid: ancien.uid || identifiant() });
  }

  function identifiant() {
    return window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID() :
      String(Date.now()) + "-" + String(Math.random()).slice(2);
  }

  function restaurer() {
    var valeurs = etat().champs || {};
    champs().forEach(function (champ) {
      if (Object.prototype.hasOwnProperty.call(valeurs, champ.name)) champ.value = valeurs[champ.name];
    });
  }

  // --- hours -----------------------------------------------------------------------------

  function minutes(heure) {
    var m = /^(\d{2}):(\d{2})$/.exec(heure);
    return m ? Number(m[1]) * 60 + Number(m[2]) : null;
  }

  function dureeCreneau(creneau) {
    var debut = minutes(valeur("horaires." + creneau + ".debut"));
    var fin = minutes(valeur("horaires." + creneau + ".fin"));
    return debut !== null && fin !== null && fin > debut ? fin - debut : 0;
  }

  function heures(totalMinutes) {
    var h = Math.floor(totalMinutes / 60), m = totalMinutes % 60;
    return h + " h" + (m ? " " + String(m).padStart(2, "0") : "");
  }

  function afficherDuree() {
    var parJour = dureeCreneau("matin") + dureeCreneau("apres_midi");
    var semaine = parJour * JOURS;
    var texte = heures(parJour) + " par jour, soit " + heures(semaine) + " sur les cinq jours. ";
    if (semaine > 35 * 60) {
      texte += "Attention : c'est plus que la limite de 35 heures par semaine, qui vaut à partir de 15 ans.";
    } else if (semaine > 30 * 60) {
      texte += "Attention : au-delà de 30 heures, la semaine ne convient qu'à un élève de 15 ans ou plus.";
    } else {
      texte += "La limite est de 30 heures avant 15 ans, 35 heures à partir de 15 ans.";
    }
    formulaire.querySelector("[data-ee-duree-semaine]").textContent = texte;
    ["matin", "apres_midi"].forEach(signalerInversion);
  }

  // An end before the start counts as 0 h: say so, on the field (RGAA 11.10).
  function signalerInversion(creneau) {
    var debut = minutes(valeur("horaires." + creneau + ".debut"));
    var fin = minutes(valeur("horaires." + creneau + ".fin"));
    var inverse = debut !== null && fin !== null && fin <= debut;
    var champFin = formulaire.querySelector('[name="horaires.' + creneau + '.fin"]');
    var message = formulaire.querySelector('[data-ee-erreur="' + creneau + '"]');
    if (champFin) {
      if (inverse) champFin.setAttribute("aria-invalid", "true");
      else champFin.removeAttribute("aria-invalid");
    }
    if (message) message.textContent = inverse ? "L'heure de fin doit suivre l'heure de début : ce créneau compte pour 0 h." : "";
  }

  function horaire(creneau) {
    return valeur("horaires." + creneau + ".debut").replace(":", " h ") + " – " +
      valeur("horaires." + creneau + ".fin").replace(":", " h ");
  }

  function dateJour(n) {
    var iso = valeur("j" + n + ".date");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return "";
    var p = iso.split("-").map(Number);
    return new Date(p[0], p[1] - 1, p[2]).toLocaleDateString("fr-FR", {
      weekday: "long", day: "numeric", month: "long", year: "numeric"
    });
  }

  // --- the printed page ------------------------------------------------------------------

  function ligne(parent, libelle, texte) {
    if (!texte) return;
    var p = document.createElement("p");
    var nom = document.createElement("strong");
    nom.textContent = libelle + " : ";
    p.append(nom, document.createTextNode(texte));
    parent.append(p);
  }

  function preparerImpression() {
    var zone = document.querySelector("[data-ee-impression-planning]");
    if (!zone) return;
    var infos = [["structure", "Structure"], ["eleve", "Élève"], ["tuteur", "Tuteur ou tutrice"],
      ["referent", "Professeur référent"]]
      .filter(function (i) { return valeur("infos." + i[0]); })
      .map(function (i) { return i[1] + " : " + valeur("infos." + i[0]); });
    zone.querySelector("[data-ee-impression-infos]").textContent = infos.join(" · ");
    CRENEAUX.forEach(function (c) {
      zone.querySelector('[data-ee-impression-horaire="' + c[0] + '"]').textContent = "(" + horaire(c[0]) + ")";
    });
    for (var n = 1; n <= JOURS; n++) {
      var rangee = zone.querySelector('[data-ee-impression-jour="' + n + '"]');
      var entete = rangee.querySelector("th");
      entete.textContent = "";
      var titre = document.createElement("strong");
      titre.textContent = "Jour " + n;
      entete.append(titre);
      ligne(entete, "Date", dateJour(n));
      var theme = document.createElement("p");
      theme.textContent = valeur("j" + n + ".theme");
      entete.append(theme);
      CRENEAUX.forEach(function (c) {
        var cellule = rangee.querySelector('[data-creneau="' + c[0] + '"]');
        cellule.textContent = "";
        LIGNES.forEach(function (l) { ligne(cellule, l[1], valeur("j" + n + "." + c[0] + "." + l[0])); });
      });
    }
  }

  // --- iCalendar (RFC 5545) ----------------------------------------------------------------

  function texteIcs(texte) {
    return texte.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  /* Content lines are folded at 75 octets (UTF-8), never inside a character. */
  function plier(ligneIcs) {
    var encodeur = new TextEncoder();
    var morceaux = [], courant = "", octets = 0, limite = 75;
    Array.from(ligneIcs).forEach(function (caractere) {
      var taille = encodeur.encode(caractere).length;
      if (octets + taille > limite) {
        morceaux.push(courant);
        courant = " ";
        octets = 1;
      }
      courant += caractere;
      octets += taille;
    });
    morceaux.push(courant);
    return morceaux.join("\r\n");
  }

  function dateHeureIcs(iso, heure) { return iso.replace(/-/g, "") + "T" + heure.replace(":", "") + "00"; }

  function horodatage() { return new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, ""); }

  function calendrier() {
    var uid = etat().uid || identifiant();
    var lignes = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//École-entreprise//Planificateur du MOOC des tuteurs//FR",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + texteIcs("Stage d'observation de 3e")];
    var evenements = 0, sansDate = [];
    for (var n = 1; n <= JOURS; n++) {
      var iso = valeur("j" + n + ".date");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) { sansDate.push(n); continue; }
      CRENEAUX.forEach(function (c) {
        var debut = valeur("horaires." + c[0] + ".debut"), fin = valeur("horaires." + c[0] + ".fin");
        if (minutes(debut) === null || minutes(fin) === null) return;
        var service = valeur("j" + n + "." + c[0] + ".service");
        var description = LIGNES.slice(1).map(function (l) {
          return l[1] + " : " + valeur("j" + n + "." + c[0] + "." + l[0]);
        }).join("\n");
        lignes.push("BEGIN:VEVENT",
          "UID:" + uid + "-j" + n + "-" + c[0] + "@ecole-entreprise",
          "DTSTAMP:" + horodatage(),
          "DTSTART:" + dateHeureIcs(iso, debut),
          "DTEND:" + dateHeureIcs(iso, fin),
          "SUMMARY:" + texteIcs("Stage de 3e, jour " + n + " (" + c[1].toLowerCase() + ") : " + service),
          "DESCRIPTION:" + texteIcs(description),
          "END:VEVENT");
        evenements++;
      });
    }
    lignes.push("END:VCALENDAR");
    return { texte: lignes.map(plier).join("\r\n") + "\r\n", evenements: evenements, sansDate: sansDate };
  }

  function exporterIcs() {
    var resultat = calendrier();
    if (resultat.evenements === 0) {
      mooc.annoncer(message, "Indiquez la date d'au moins un jour pour exporter le programme vers un agenda.");
      return;
    }
    var blob = new Blob([resultat.texte], { type: "text/calendar;charset=utf-8" });
    var lien = document.createElement("a");
    lien.href = URL.createObjectURL(blob);
    lien.download = "programme-stage-3e.ics";
    document.body.appendChild(lien);
    lien.click();
    lien.remove();
    setTimeout(function () { URL.revokeObjectURL(lien.href); }, 1000);
    var texte = "Agenda exporté : " + resultat.evenements + " demi-journées.";
    if (resultat.sansDate.length) {
      texte += " Sans date, donc absents de l'agenda : jour " + resultat.sansDate.join(", jour ") + ".";
    }
    mooc.annoncer(message, texte);
  }

  // --- wiring --------------------------------------------------------------------------------

  function actualiser() {
    afficherDuree();
    preparerImpression();
  }

  restaurer();
  actualiser();
  formulaire.addEventListener("input", function () {
    enregistrer();
    actualiser();
  });
  formulaire.addEventListener("change", function () {
    enregistrer();
    actualiser();
  });
  formulaire.querySelector("[data-ee-imprimer]").addEventListener("click", function () { window.print(); });
  formulaire.querySelector("[data-ee-exporter-ics]").addEventListener("click", exporterIcs);
  formulaire.querySelector("[data-ee-revenir-modele]").addEventListener("click", function () {
    if (!window.confirm("Revenir au programme type ? Vos modifications du planning seront effacées.")) return;
    formulaire.reset();
    mooc.effacer(CLE);
    actualiser();
    mooc.annoncer(message, "Le programme type est rétabli.");
  });
  document.addEventListener("ee-mooc:importe", function () {
    restaurer();
    actualiser();
  });
})();
