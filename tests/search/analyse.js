// Runs the site's search analysis (theme/assets/js/search-engine.js, with the vendored
// lunr stemmer) in Node, outside any browser: reads {"words": [...], "texts": [...]} on
// stdin, writes {"stems": [...], "folded": [...], "words": [[...]...]} on stdout.
// The same files the site serves, loaded in the order the pages load them.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const js = path.join(__dirname, "..", "..", "theme", "assets", "js");
const files = ["vendor/lunr.min.js", "vendor/lunr.stemmer.support.min.js", "vendor/lunr.fr.min.js",
               "search-engine.js"];
const context = { console, fetch: () => Promise.reject(new Error("pas de réseau ici")), Map, Promise };
context.window = context;
vm.createContext(context);
for (const file of files) {
  vm.runInContext(fs.readFileSync(path.join(js, file), "utf8"), context, { filename: file });
}
const engine = context.eeRecherche;
const input = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify({
  stems: input.words.map((w) => engine.stem(w)),
  folded: input.texts.map((t) => engine.fold(t)),
  words: input.texts.map((t) => engine.words(t)),
}));
