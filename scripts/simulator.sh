#!/usr/bin/env bash
# Start, stop or query the bundled CloudStack simulator for `make run` and the playbooks.
#   scripts/simulator.sh start|stop|status|url
# Environment: SIM_HOST (127.0.0.1), SIM_PORT (8888), SIM_STATE (.cache/simulator/state.sqlite),
# SIM_JOB_SECONDS (0.2), SIM_DATACENTER (empty), PYTHON (.venv/bin/python)
set -euo pipefail
cd "$(dirname "$0")/.."
SIM_HOST=${SIM_HOST:-127.0.0.1}
SIM_PORT=${SIM_PORT:-8888}
SIM_DIR=${SIM_DIR:-.cache/simulator}
SIM_STATE=${SIM_STATE:-$SIM_DIR/state.sqlite}
SIM_JOB_SECONDS=${SIM_JOB_SECONDS:-0.2}
PYTHON=${PYTHON:-.venv/bin/python}
PIDFILE=$SIM_DIR/pid
READY=$SIM_DIR/ready.json
URL="http://$SIM_HOST:$SIM_PORT"

running() {
  [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

answers() {
  "$PYTHON" - "$URL" <<'PY' 2>/dev/null
import sys, urllib.request
urllib.request.urlopen(sys.argv[1] + "/_sim/health", timeout=2).read()
PY
}

case "${1:-status}" in
  start)
    mkdir -p "$SIM_DIR"
    if running && answers; then
      echo "simulator already running (pid $(cat "$PIDFILE")) at $URL/client/api, state $SIM_STATE"
      exit 0
    fi
    rm -f "$READY"
    args=(--host "$SIM_HOST" --port "$SIM_PORT" --state "$SIM_STATE" --job-seconds "$SIM_JOB_SECONDS" --ready-file "$READY")
    [ -n "${SIM_DATACENTER:-}" ] && args+=(--datacenter "$SIM_DATACENTER")
    nohup "$PYTHON" -m cloudstack_simulator "${args[@]}" >"$SIM_DIR/simulator.log" 2>&1 &
    echo $! >"$PIDFILE"
    for _ in $(seq 1 100); do
      [ -s "$READY" ] && answers && { echo "simulator started (pid $(cat "$PIDFILE")) at $URL/client/api, state $SIM_STATE"; exit 0; }
      running || break
      sleep 0.1
    done
    echo "simulator did not start; its log:" >&2
    cat "$SIM_DIR/simulator.log" >&2
    exit 1
    ;;
  stop)
    if running; then
      kill "$(cat "$PIDFILE")"
      for _ in $(seq 1 50); do running || break; sleep 0.1; done
      echo "simulator stopped"
    else
      echo "simulator not running"
    fi
    rm -f "$PIDFILE"
    ;;
  status)
    if running && answers; then echo "running (pid $(cat "$PIDFILE")) at $URL/client/api"; else echo "not running"; exit 1; fi
    ;;
  url)
    echo "$URL"
    ;;
  *)
    echo "usage: $0 start|stop|status|url" >&2
    exit 2
    ;;
esac
