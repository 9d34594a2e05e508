#!/usr/bin/env bash
# A PostgreSQL 15 server of the tests' own: `start DIR` makes a cluster in DIR (initdb as
# an unprivileged user: PostgreSQL refuses to run as root), starts it on a free loopback
# port and writes its URI to DIR/uri; `stop DIR` stops it and removes DIR.
set -euo pipefail
action=$1 dir=$(realpath -m "$2")
bin=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)
[ -n "$bin" ] || { echo "postgresql-fixture: PostgreSQL 15 is not installed (scripts/install-deps.sh)" >&2; exit 1; }
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case $action in
  start)
    [ -f "$dir/cluster/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/cluster" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/cluster" -U smp --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/pg_ctl" -D "$dir/cluster" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off" start >/dev/null
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U smp smp_test
    echo "postgresql://smp@127.0.0.1:$port/smp_test" > "$dir/uri"
    echo "postgresql-fixture: $(cat "$dir/uri")"
    ;;
  stop)
    [ -d "$dir/cluster" ] && as_owner "$bin/pg_ctl" -D "$dir/cluster" -m fast stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
