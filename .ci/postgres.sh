#!/usr/bin/env bash
# The store tests start a private PostgreSQL server (tests/pg.py): make sure its binaries are here.
# Debian: installs the `postgresql` package when initdb is missing (needs root, as in CI).
set -euo pipefail
have_server() {
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1
}
if have_server; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "PostgreSQL server binaries are missing: install them (sudo apt-get install -y postgresql)" >&2
    exit 1
fi
echo "installing the PostgreSQL server from Debian's packages (apt-get install postgresql)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
have_server
