#!/bin/sh
# Copy the form editor (Decap CMS, docs/decisions/0023-form-editor.md) from the npm
# registry into theme/assets/vendor/decap-cms/, with its licence and its provenance.
# Only the published tarball is fetched (`npm pack`, no dependency is installed) and its
# integrity is checked against the pinned one before anything is copied. Run by hand
# when upgrading: change VERSION and INTEGRITY (from `npm view decap-cms@X dist.integrity`).
set -eu
cd "$(dirname "$0")/.."
VERSION=3.16.3
INTEGRITY=sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==
out=theme/assets/vendor/decap-cms
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "decap-cms@$VERSION" >/dev/null)
tarball="$tmp/decap-cms-$VERSION.tgz"
got="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
[ "$got" = "$INTEGRITY" ] || { echo "decap-cms $VERSION : empreinte inattendue ($got)" >&2; exit 1; }
tar -xzf "$tarball" -C "$tmp"
rm -rf "$out"
mkdir -p "$out"
# The bundle and the chunks it loads on demand (same folder: webpack finds them beside
# the script); not cms.js (the same bundle under an older name) nor the source maps.
cp "$tmp/package/dist/decap-cms.js" "$tmp/package/dist/decap-cms.js.LICENSE.txt" "$out/"
for f in "$tmp"/package/dist/*.decap-cms.js "$tmp"/package/dist/*.wasm; do cp "$f" "$out/"; done
# The tarball has no LICENSE file: decap-cms is MIT (package.json), its bundled parts are
# listed with their licences in decap-cms.js.LICENSE.txt.
printf 'decap-cms %s (MIT)\nnpm tarball integrity %s\n' "$VERSION" "$INTEGRITY" > "$out/VERSIONS"
(cd "$out" && sha256sum $(ls | grep -v '^SHA256SUMS$' | sort) > SHA256SUMS)
