#!/usr/bin/env bash
# The main job on the bundled example models: assign IDs, then show the upgrade of the article.
set -euo pipefail
cd "$(dirname "$0")"
dyplan() { node ../dist/src/cli.js "$@"; }
out=$(mktemp -d)

echo "== dyplan id-assign: webapps example (ports, UIDs, GIDs), first deployment"
dyplan id-assign -s webapps/services.nix -i webapps/infrastructure.nix -d webapps/distribution.nix \
  --id-resources webapps/idresources.nix --output-file "$out/ids.nix"
cat "$out/ids.nix"; echo

echo "== after the upgrade (webapp1 removed, webapp3 added): webapp2 keeps its IDs"
dyplan id-assign -s webapps/services-upgraded.nix -i webapps/infrastructure.nix -d webapps/distribution-upgraded.nix \
  --id-resources webapps/idresources.nix --ids "$out/ids.nix"
echo

echo "== dyplan id-assign: three test services on two machines, machine scope"
dyplan id-assign -s testservices/services-with-ids.nix -i testservices/infrastructure.nix \
  -d testservices/distribution3.nix --id-resources testservices/idresources-machine.nix
echo
rm -rf "$out"
