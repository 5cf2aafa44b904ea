#!/usr/bin/env bash
# Installs pgvector for the machine's PostgreSQL 15 from source.
# Debian 12 ships no pgvector package, so the source package is taken from Debian 13
# (same mirror as the machine's), built against postgresql-server-dev-15 and installed.
# Idempotent: does nothing when the extension is already installed.
set -euo pipefail

PG_CONFIG="${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}"
SHAREDIR="$("$PG_CONFIG" --sharedir 2>/dev/null || echo /usr/share/postgresql/15)"

if [[ -f "$SHAREDIR/extension/vector.control" ]]; then
  echo "pgvector already installed in $SHAREDIR/extension"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql-server-dev-15 dpkg-dev make gcc >/dev/null

mirror="$( (grep -shoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list || true) | head -1 | tr -d ' ')"
mirror="${mirror:-http://deb.debian.org/debian}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/src"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" >"$work/trixie-src.list"

apt_opts=(
  -o "Dir::Etc::SourceList=$work/trixie-src.list"
  -o "Dir::Etc::SourceParts=-"
  -o "Dir::State::Lists=$work/lists"
)
apt-get "${apt_opts[@]}" update -qq
(cd "$work/src" && apt-get "${apt_opts[@]}" source --download-only pgvector >/dev/null)
(cd "$work/src" && dpkg-source -x --no-check ./*.dsc pgvector-src >/dev/null)

make -s -C "$work/src/pgvector-src" PG_CONFIG="$PG_CONFIG" with_llvm=no OPTFLAGS="" >/dev/null
make -s -C "$work/src/pgvector-src" PG_CONFIG="$PG_CONFIG" with_llvm=no install >/dev/null
echo "pgvector installed: $(grep default_version "$SHAREDIR/extension/vector.control")"
