#!/usr/bin/env bash
# The main job on the bundled example models: assign IDs (and show the upgrade of the article), plan a
# placement, draw a plan.
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
echo "== dyplan multiwaycut: place the test services to minimise links between machines"
dyplan multiwaycut -s testservices/services.nix -i testservices/infrastructure.nix -d testservices/candidates.nix \
  --output-file "$out/plan.nix"
cat "$out/plan.nix"; echo

echo "== dyplan visualize-distribution: the plan of the visualisation example as SVG (no system Graphviz needed)"
dyplan visualize-distribution -s visualize/services.nix -i visualize/infrastructure.nix -d visualize/distribution.nix \
  --format svg --output-file "$out/plan.svg"
echo "$(wc -c < "$out/plan.svg") bytes of SVG"
rm -rf "$out"
