#!/usr/bin/env bash
# Single-node Apache Kafka 3.9 (KRaft, broker + controller in one JVM) for
# local development and CI, run straight from its Maven Central jars: no
# Docker, no tarball download.
#
# Usage: infra/kafka/kafka.sh <command>
#   fetch [DIR]  resolve the broker jars (pom.xml) into DIR (default
#                $KAFKA_RUNTIME_DIR/libs); skipped when already complete
#   start        fetch if needed, render configs, format storage once, start
#                the broker in the background and wait until it is ready
#   stop         graceful stop (SIGTERM), SIGKILL after KAFKA_STOP_TIMEOUT
#   status       is it running, and does it answer?
#   wait         wait until the broker answers (up to KAFKA_START_TIMEOUT)
#   ports        print the client and controller ports `start` would use
#                (those of the running broker, if one runs)
#
# Readiness = the broker answers a Kafka Metadata request listing itself
# (pure-bash protocol check, see probe()).
#
# Human-readable progress goes to stderr. `start` and `wait` print exactly
# one line on stdout, the bootstrap address, so CI can do:
#   KAFKA_BROKERS=$(infra/kafka/kafka.sh start); export KAFKA_BROKERS
#
# Settings (environment):
#   KAFKA_PORT             client (PLAINTEXT) port             [9092, or the next free]
#   KAFKA_CONTROLLER_PORT  KRaft controller port               [9093, or the next free]
#
# Ports: given ports are used as given (and `start` fails if one is taken).
# Without them, `start` takes 9092/9093, or the first free pair above them when
# something else holds either, and records its choice in the runtime dir, so
# `status`, `wait` and `stop` find the same broker.
#   KAFKA_RUNTIME_DIR      jars, configs, data, logs, pid      [infra/kafka/.runtime]
#   KAFKA_HEAP             JVM max heap (-Xmx)                 [512m]
#   KAFKA_START_TIMEOUT    seconds to wait for readiness       [60]
#   KAFKA_STOP_TIMEOUT     seconds before SIGKILL on stop      [30]
#   KAFKA_JVM_OPTS         extra JVM options for the broker    []
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR

# Empty when not given: chosen by choose_ports (start) or read back by load_recorded_ports.
PORTS_GIVEN=""
if [[ -n "${KAFKA_PORT:-}" || -n "${KAFKA_CONTROLLER_PORT:-}" ]]; then PORTS_GIVEN=yes; fi
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_RUNTIME_DIR="${KAFKA_RUNTIME_DIR:-$SCRIPT_DIR/.runtime}"
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_JVM_OPTS="${KAFKA_JVM_OPTS:-}"

# Make the runtime dir absolute: it ends up in log.dirs and in -cp.
case "$KAFKA_RUNTIME_DIR" in
  /*) ;;
  *) KAFKA_RUNTIME_DIR="$PWD/$KAFKA_RUNTIME_DIR" ;;
esac

BOOTSTRAP="127.0.0.1:${KAFKA_PORT}"
readonly PORTS_FILE="$KAFKA_RUNTIME_DIR/ports" # KAFKA_PORT=… and KAFKA_CONTROLLER_PORT=… of the running broker
readonly LIBS_DIR="$KAFKA_RUNTIME_DIR/libs"
readonly DATA_DIR="$KAFKA_RUNTIME_DIR/data"
readonly LOG_DIR="$KAFKA_RUNTIME_DIR/logs"
readonly SERVER_PROPS="$KAFKA_RUNTIME_DIR/server.properties"
readonly LOG4J_PROPS="$KAFKA_RUNTIME_DIR/log4j.properties"
readonly TOOLS_LOG4J_PROPS="$KAFKA_RUNTIME_DIR/tools-log4j.properties"
readonly PID_FILE="$KAFKA_RUNTIME_DIR/kafka.pid"
readonly SERVER_LOG="$LOG_DIR/server.log"      # log4j output of the broker
readonly CONSOLE_LOG="$LOG_DIR/kafka.out"      # stdout/stderr of the broker JVM
readonly PROBE_LOG="$LOG_DIR/ready-probe.log"  # output of the last readiness probe
readonly FETCH_MARKER=".fetch-complete"        # written last by fetch, holds the pom hash

log() { printf '[kafka] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

now_ms() { date +%s%3N; }
elapsed() { # elapsed START_MS -> "1.234s"
  local ms=$(($(now_ms) - $1))
  printf '%d.%03ds' $((ms / 1000)) $((ms % 1000))
}

require() {
  local cmd
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is not installed (needed by $0)"
  done
}

validate_settings() {
  local name value
  for name in KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_START_TIMEOUT KAFKA_STOP_TIMEOUT; do
    value="${!name}"
    [[ "$value" =~ ^[0-9]+$ ]] || die "$name must be a number, got '$value'"
  done
  [[ "$KAFKA_PORT" != "$KAFKA_CONTROLLER_PORT" ]] ||
    die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ (both $KAFKA_PORT)"
  [[ "$KAFKA_HEAP" =~ ^[0-9]+[kKmMgG]?$ ]] || die "KAFKA_HEAP must look like 512m or 1g, got '$KAFKA_HEAP'"
}

# ---------------------------------------------------------------- fetch

pom_hash() { sha256sum "$SCRIPT_DIR/pom.xml" | cut -d' ' -f1; }

libs_complete() { # libs_complete DIR
  local dir="$1"
  [[ -f "$dir/$FETCH_MARKER" ]] && [[ "$(cat "$dir/$FETCH_MARKER")" == "$(pom_hash)" ]] &&
    compgen -G "$dir/kafka_2.13-*.jar" >/dev/null
}

cmd_fetch() {
  local dir="${1:-$LIBS_DIR}"
  case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
  if libs_complete "$dir"; then
    log "jars already present in $dir ($(find "$dir" -name '*.jar' | wc -l) jars), skipping fetch"
    return 0
  fi
  require mvn java
  local tmp="$dir.tmp.$$" t0
  t0=$(now_ms)
  log "resolving Kafka jars with Maven into $dir (cached in ~/.m2) ..."
  rm -rf "$tmp"
  mkdir -p "$(dirname "$dir")"
  # mvn's output goes to stderr (stdout of this script is reserved for the
  # address), minus the stray ANSI resets Maven 3.8 prints even with -q.
  if ! mvn -B -q -Dstyle.color=never -f "$SCRIPT_DIR/pom.xml" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 |
    sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' >&2; then
    rm -rf "$tmp"
    die "Maven could not resolve the Kafka jars (see above). Is Maven Central reachable? Try: mvn -B -f $SCRIPT_DIR/pom.xml dependency:copy-dependencies"
  fi
  compgen -G "$tmp/kafka_2.13-*.jar" >/dev/null || { rm -rf "$tmp"; die "Maven finished but no kafka_2.13 jar in $tmp"; }
  pom_hash >"$tmp/$FETCH_MARKER"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  log "fetched $(find "$dir" -name '*.jar' | wc -l) jars ($(du -sh "$dir" | cut -f1)) in $(elapsed "$t0")"
}

# ---------------------------------------------------------------- process helpers

# Is PID running? A process that has exited but not been reaped yet (a zombie:
# the broker is detached, so init reaps it, sometimes seconds later) counts as
# gone, unlike for `kill -0`.
is_alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat="${stat##*) }" # drop "pid (comm) ", leaving "state ppid ..."
  [[ "${stat:0:1}" != "Z" ]]
}

# Is PID a Kafka broker started with this runtime dir's server.properties?
is_our_broker() {
  local pid="$1" cmdline
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ "$cmdline" == *" kafka.Kafka $SERVER_PROPS"* ]]
}

# Print the pid of this runtime dir's broker, if it runs (pid file first, then
# a scan, in case the pid file was lost).
broker_pid() {
  local pid
  if [[ -f "$PID_FILE" ]]; then
    pid=$(<"$PID_FILE")
    if is_our_broker "$pid"; then
      echo "$pid"
      return 0
    fi
  fi
  for pid in $(pgrep -f 'kafka\.Kafka' 2>/dev/null || true); do
    if is_our_broker "$pid"; then
      echo "$pid" >"$PID_FILE"
      echo "$pid"
      return 0
    fi
  done
  rm -f "$PID_FILE"
  return 1
}

port_open() { # port_open PORT: does something accept TCP connections on 127.0.0.1:PORT?
  # shellcheck disable=SC2016 # $1 is expanded by the inner bash, on purpose
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

set_ports() { # set_ports CLIENT CONTROLLER
  KAFKA_PORT="$1"
  KAFKA_CONTROLLER_PORT="$2"
  BOOTSTRAP="127.0.0.1:${KAFKA_PORT}"
}

# Ports not given: use the ones the broker of this runtime dir was started on.
load_recorded_ports() {
  [[ -z "$PORTS_GIVEN" && -f "$PORTS_FILE" ]] || return 0
  local client controller
  client=$(sed -n 's/^KAFKA_PORT=\([0-9]*\)$/\1/p' "$PORTS_FILE")
  controller=$(sed -n 's/^KAFKA_CONTROLLER_PORT=\([0-9]*\)$/\1/p' "$PORTS_FILE")
  if [[ -n "$client" && -n "$controller" ]]; then set_ports "$client" "$controller"; fi
}

# Ports not given and 9092/9093 (or the recorded pair) taken: the first free pair above them.
choose_ports() {
  [[ -z "$PORTS_GIVEN" ]] || return 0
  local client="$KAFKA_PORT"
  while port_open "$client" || port_open "$((client + 1))"; do
    client=$((client + 2))
    ((client < KAFKA_PORT + 200)) || die "no two free ports in $KAFKA_PORT-$client on 127.0.0.1; choose them with KAFKA_PORT / KAFKA_CONTROLLER_PORT"
  done
  if [[ "$client" != "$KAFKA_PORT" ]]; then
    log "127.0.0.1:$KAFKA_PORT or :$KAFKA_CONTROLLER_PORT is taken by another process: using $client and $((client + 1))"
  fi
  set_ports "$client" "$((client + 1))"
}

# Real protocol check, in pure bash (~20 ms, vs ~1 s for a JVM-based Kafka
# tool): send a Kafka Metadata v4 request for no topics and require a
# well-formed answer (our correlation id) that lists at least one broker.
# The broker only processes client requests once it has caught up with the
# metadata log and has been unfenced, so an answer means clients can use it.
# A plain "is the port open" check is not enough: the port can accept
# connections before requests are served.
probe() {
  local reply bytes
  # Request: size=20 | api_key=3 (Metadata) | api_version=4 | correlation_id=7 |
  #          client_id="probe" | topics=[] (brokers only) | allow_auto_topic_creation=false
  # shellcheck disable=SC2016 # $1 is expanded by the inner bash, on purpose
  reply=$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "\x00\x00\x00\x14\x00\x03\x00\x04\x00\x00\x00\x07\x00\x05probe\x00\x00\x00\x00\x00" >&3
    head -c 20 <&3 | od -An -v -tu1 -w20' _ "$KAFKA_PORT" 2>/dev/null) || {
    printf 'no Metadata answer from %s (connection refused or timed out)\n' "$BOOTSTRAP" >"$PROBE_LOG"
    return 1
  }
  # Response: size(4) correlation_id(4) throttle_time_ms(4) broker_count(4) node_id(4) ...
  read -r -a bytes <<<"$reply"
  printf 'Metadata v4 answer from %s, first 20 bytes: %s\n' "$BOOTSTRAP" "$reply" >"$PROBE_LOG"
  ((${#bytes[@]} == 20)) || return 1
  ((bytes[4] == 0 && bytes[5] == 0 && bytes[6] == 0 && bytes[7] == 7)) || return 1
  (((bytes[12] << 24 | bytes[13] << 16 | bytes[14] << 8 | bytes[15]) >= 1))
}

# Byte offsets of the logs when this `start` launched the broker, so that on
# failure only this attempt's lines are shown (0 = show the plain tail).
SERVER_LOG_OFFSET=0
CONSOLE_LOG_OFFSET=0

file_size() { if [[ -f "$1" ]]; then stat -c %s "$1"; else echo 0; fi; }

show_log_tail() { # show_log_tail FILE OFFSET
  local file="$1" offset="$2"
  [[ -s "$file" ]] || return 0
  (($(file_size "$file") >= offset)) || offset=0 # rotated meanwhile
  if [[ -n "$(tail -c +"$((offset + 1))" "$file" | head -c 1)" ]]; then
    log "---- $file (last 30 lines) ----"
    tail -c +"$((offset + 1))" "$file" | tail -n 30 >&2
  fi
}

show_logs() {
  show_log_tail "$SERVER_LOG" "$SERVER_LOG_OFFSET"
  show_log_tail "$CONSOLE_LOG" "$CONSOLE_LOG_OFFSET"
  if [[ -s "$PROBE_LOG" ]]; then
    log "last readiness probe: $(tr '\n' ' ' <"$PROBE_LOG")"
  fi
}

# ---------------------------------------------------------------- wait

# wait_ready [PID]: poll until the broker answers or KAFKA_START_TIMEOUT runs out.
# With a PID, fail fast if that process dies.
wait_ready() {
  local pid="${1:-}" t0 deadline next_report state
  mkdir -p "$LOG_DIR"
  t0=$(now_ms)
  deadline=$((t0 + KAFKA_START_TIMEOUT * 1000))
  next_report=$((t0 + 5000))
  log "waiting up to ${KAFKA_START_TIMEOUT}s for Kafka to answer at $BOOTSTRAP ..."
  while :; do
    if [[ -n "$pid" ]] && ! is_alive "$pid"; then
      log "the broker process (pid $pid) exited during start-up"
      show_logs
      rm -f "$PID_FILE"
      return 1
    fi
    if probe; then
      log "Kafka is ready at $BOOTSTRAP ($(elapsed "$t0") waiting)"
      return 0
    elif port_open "$KAFKA_PORT"; then
      state="port open, broker not serving metadata yet"
    else
      state="port $KAFKA_PORT not open yet"
    fi
    if (($(now_ms) >= deadline)); then
      log "Kafka did not become ready within ${KAFKA_START_TIMEOUT}s ($state)"
      show_logs
      return 1
    fi
    if (($(now_ms) >= next_report)); then
      log "... still waiting after $(elapsed "$t0"): $state"
      next_report=$((next_report + 5000))
    fi
    sleep 0.25
  done
}

cmd_wait() {
  local pid=""
  pid=$(broker_pid) || log "no broker started from $KAFKA_RUNTIME_DIR is running; waiting for whatever listens on $BOOTSTRAP"
  wait_ready "$pid" || die "Kafka is not ready at $BOOTSTRAP. Logs: $LOG_DIR. Next: '$0 status', '$0 stop', then '$0 start'."
  echo "$BOOTSTRAP"
}

# ---------------------------------------------------------------- start

install_configs() {
  local template value
  mkdir -p "$KAFKA_RUNTIME_DIR" "$DATA_DIR" "$LOG_DIR"
  template=$(<"$SCRIPT_DIR/server.properties.template")
  # Quoted replacements: no pattern characters, no '&' expansion (bash 5.2).
  value="${template//@KAFKA_PORT@/"$KAFKA_PORT"}"
  value="${value//@KAFKA_CONTROLLER_PORT@/"$KAFKA_CONTROLLER_PORT"}"
  value="${value//@KAFKA_DATA_DIR@/"$DATA_DIR"}"
  if [[ "$value" == *@KAFKA_*@* ]]; then
    die "unreplaced placeholder left in server.properties.template"
  fi
  printf '%s\n' "$value" >"$SERVER_PROPS"
  cp "$SCRIPT_DIR/log4j.properties" "$LOG4J_PROPS"
  cp "$SCRIPT_DIR/tools-log4j.properties" "$TOOLS_LOG4J_PROPS"
}

format_storage() {
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    log "KRaft storage already formatted ($(grep '^cluster.id=' "$DATA_DIR/meta.properties"))"
    return 0
  fi
  local tool=(java -cp "$LIBS_DIR/*" -Dlog4j.configuration="file:$TOOLS_LOG4J_PROPS" kafka.tools.StorageTool)
  local cluster_id
  cluster_id=$("${tool[@]}" random-uuid) || die "kafka.tools.StorageTool random-uuid failed"
  log "formatting KRaft storage in $DATA_DIR (cluster id $cluster_id)"
  "${tool[@]}" format --ignore-formatted -t "$cluster_id" -c "$SERVER_PROPS" >&2 ||
    die "kafka.tools.StorageTool format failed; to start over: $0 stop && rm -rf $DATA_DIR"
}

cmd_start() {
  local pid t0 port
  validate_settings
  require java timeout pgrep setsid sha256sum
  if pid=$(broker_pid); then
    log "Kafka is already running (pid $pid, runtime $KAFKA_RUNTIME_DIR)"
    wait_ready "$pid" || die "it runs but does not answer at $BOOTSTRAP. Logs: $LOG_DIR. Next: '$0 stop' then '$0 start'."
    echo "$BOOTSTRAP"
    return 0
  fi
  choose_ports
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_open "$port"; then
      die "port $port on 127.0.0.1 is already in use by another process (not the broker of $KAFKA_RUNTIME_DIR). Find it with: ss -ltnp 'sport = :$port'. Stop it, or choose other ports with KAFKA_PORT / KAFKA_CONTROLLER_PORT."
    fi
  done

  cmd_fetch
  install_configs
  format_storage

  t0=$(now_ms)
  log "starting Kafka 3.9 (KRaft) at $BOOTSTRAP, controller 127.0.0.1:$KAFKA_CONTROLLER_PORT, heap $KAFKA_HEAP"
  local jvm=(
    java "-Xmx$KAFKA_HEAP"
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError
    -Djava.awt.headless=true
    -Dkafka.logs.dir="$LOG_DIR"
    -Dlog4j.configuration="file:$LOG4J_PROPS"
  )
  if [[ -n "$KAFKA_JVM_OPTS" ]]; then
    local extra
    read -r -a extra <<<"$KAFKA_JVM_OPTS"
    jvm+=("${extra[@]}")
  fi
  jvm+=(-cp "$LIBS_DIR/*" kafka.Kafka "$SERVER_PROPS")
  # kafka.out only holds JVM-level output (crashes, bad options); keep the
  # previous run's copy. server.log is appended to and size-capped by log4j.
  if [[ -s "$CONSOLE_LOG" ]]; then mv -f "$CONSOLE_LOG" "$CONSOLE_LOG.1"; fi
  printf '%s starting: %s\n' "$(date -u '+%Y-%m-%dT%H:%M:%SZ')" "${jvm[*]}" >"$CONSOLE_LOG"
  CONSOLE_LOG_OFFSET=$(file_size "$CONSOLE_LOG")
  SERVER_LOG_OFFSET=$(file_size "$SERVER_LOG")
  # setsid: own session, so Ctrl-C in the calling terminal does not kill it.
  # No inherited stdin/stdout/stderr: `$(kafka.sh start)` must not hang.
  setsid "${jvm[@]}" </dev/null >>"$CONSOLE_LOG" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"
  printf 'KAFKA_PORT=%s\nKAFKA_CONTROLLER_PORT=%s\n' "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" >"$PORTS_FILE"
  log "broker pid $pid; log: $SERVER_LOG"

  if ! wait_ready "$pid"; then
    if is_alive "$pid"; then
      log "stopping the broker that did not become ready"
      stop_pid "$pid" || true
    fi
    die "Kafka failed to start. Read $SERVER_LOG and $CONSOLE_LOG. Common causes: a port in use (ss -ltnp), too little memory for KAFKA_HEAP, a slow machine (raise KAFKA_START_TIMEOUT), or storage from another Kafka version or cluster (reset: rm -rf $DATA_DIR). Then: $0 start"
  fi
  log "Kafka started in $(elapsed "$t0") (pid $pid). Clients: KAFKA_BROKERS=$BOOTSTRAP"
  echo "$BOOTSTRAP"
}

# ---------------------------------------------------------------- stop / status

stop_pid() {
  local pid="$1" t0 deadline
  t0=$(now_ms)
  deadline=$((t0 + KAFKA_STOP_TIMEOUT * 1000))
  log "stopping Kafka (pid $pid, SIGTERM) ..."
  kill -TERM "$pid" 2>/dev/null || true
  while is_alive "$pid"; do
    if (($(now_ms) >= deadline)); then
      log "still running after ${KAFKA_STOP_TIMEOUT}s: sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      while is_alive "$pid"; do sleep 0.1; done
      break
    fi
    sleep 0.2
  done
  rm -f "$PID_FILE" "$PORTS_FILE"
  log "stopped in $(elapsed "$t0")"
}

cmd_stop() {
  local pid
  validate_settings
  if ! pid=$(broker_pid); then
    log "Kafka is not running (runtime $KAFKA_RUNTIME_DIR)"
    return 0
  fi
  stop_pid "$pid"
}

cmd_status() {
  local pid
  if pid=$(broker_pid); then
    mkdir -p "$LOG_DIR"
    if probe; then
      log "running (pid $pid) and answering at $BOOTSTRAP"
    else
      log "running (pid $pid) but NOT answering at $BOOTSTRAP (starting up, or broken: see $SERVER_LOG)"
    fi
    log "runtime $KAFKA_RUNTIME_DIR, logs $LOG_DIR"
    return 0
  fi
  log "not running (runtime $KAFKA_RUNTIME_DIR)"
  if port_open "$KAFKA_PORT"; then
    log "note: something else listens on 127.0.0.1:$KAFKA_PORT"
  fi
  return 3
}

cmd_ports() {
  broker_pid >/dev/null || choose_ports
  echo "$KAFKA_PORT $KAFKA_CONTROLLER_PORT"
}

usage() {
  sed -n '2,/^set -euo pipefail/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  load_recorded_ports
  case "$cmd" in
    fetch) validate_settings; cmd_fetch "$@" ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    wait) validate_settings; cmd_wait ;;
    ports) validate_settings; cmd_ports ;;
    -h | --help | help) usage ;;
    *) usage; exit 2 ;;
  esac
}

main "$@"
