#!/usr/bin/env bash
# Runs a benchmark script with BENCH_DATABASE_URL pointing at a throwaway PostgreSQL 15 +
# pgvector cluster (installed and started here, stopped afterwards).
#   tools/bench/with-postgres.sh tools/bench/persistence/run.ts
set -euo pipefail
cd "$(dirname "$0")/../.."
script="${1:?usage: with-postgres.sh <benchmark script>}"
bash tools/db/install-pgvector.sh >/dev/null
cluster_dir="$(mktemp -d /tmp/docent-bench-pg.XXXXXX)"
trap 'bash tools/db/test-cluster.sh stop "$cluster_dir"' EXIT
BENCH_DATABASE_URL="$(bash tools/db/test-cluster.sh start "$cluster_dir")"
export BENCH_DATABASE_URL
SWC_NODE_PROJECT=tools/tsconfig.json node --max-old-space-size=8192 -r @swc-node/register "$script"
