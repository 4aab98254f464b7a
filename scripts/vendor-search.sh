#!/bin/sh
# Copy the search's browser libraries from the npm packages (package-lock.json pins them)
# into theme/assets/js/vendor/, with their licences. Run after `npm ci` when upgrading.
set -eu
cd "$(dirname "$0")/.."
out=theme/assets/js/vendor
mkdir -p "$out"
cp node_modules/lunr/lunr.min.js "$out/lunr.min.js"
cp node_modules/lunr/LICENSE "$out/LICENSE-lunr"
cp node_modules/lunr-languages/min/lunr.stemmer.support.min.js "$out/lunr.stemmer.support.min.js"
cp node_modules/lunr-languages/min/lunr.fr.min.js "$out/lunr.fr.min.js"
cp node_modules/lunr-languages/LICENSE "$out/LICENSE-lunr-languages"
printf 'lunr %s, lunr-languages %s\n' \
  "$(node -p 'require("./node_modules/lunr/package.json").version')" \
  "$(node -p 'require("./node_modules/lunr-languages/package.json").version')" > "$out/VERSIONS"
