#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on a free loopback port, for tests and benchmarks.
#   tools/db/test-cluster.sh start <dir>   initdb + start; prints the connection URL
#   tools/db/test-cluster.sh stop  <dir>   stops the cluster and removes <dir>
# PG_SHARED_BUFFERS sizes PostgreSQL's own page cache (256MB unless set): a benchmark whose index
# is larger than that reads it through the operating system's cache, page by page.
# PG_HUGE_PAGES is PostgreSQL's huge_pages (its default, try, unless set): `on` maps shared buffers in 2 MB
# pages, which the kernel must have reserved (vm.nr_hugepages) or the server does not start.
# PostgreSQL refuses to run as root, so when run as root the server runs as `postgres`.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_SHARED_BUFFERS="${PG_SHARED_BUFFERS:-256MB}"
PG_HUGE_PAGES="${PG_HUGE_PAGES:-try}"
command="${1:?usage: test-cluster.sh start|stop <dir>}"
dir="${2:?usage: test-cluster.sh start|stop <dir>}"

as_server_user() {
  if [[ "$(id -u)" == "0" ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

case "$command" in
  start)
    mkdir -p "$dir"
    [[ "$(id -u)" == "0" ]] && chown postgres:postgres "$dir"
    as_server_user "$PG_BIN/initdb" -D "$dir/data" -U docent --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    port="$(free_port)"
    # Settings for a disposable cluster: durability traded for speed.
    as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
          -c max_connections=200 -c shared_buffers=$PG_SHARED_BUFFERS -c huge_pages=$PG_HUGE_PAGES -c maintenance_work_mem=512MB" >/dev/null
    echo "$port" >"$dir/port"
    echo "postgresql://docent@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [[ -d "$dir/data" ]]; then
      as_server_user "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "unknown command: $command" >&2
    exit 2
    ;;
esac
