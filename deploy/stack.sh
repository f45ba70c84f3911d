#!/usr/bin/env bash
# The local stack: Apache Kafka (KRaft mode, from Maven Central jars) and Redis,
# (plus Prometheus installed for the tests that scrape the services),
# on loopback only. No docker needed.
#
#   deploy/stack.sh install   apt packages (redis, kcat) and the Kafka jars
#   deploy/stack.sh start     start what is not running, wait until ready
#   deploy/stack.sh stop      stop everything this script started
#   deploy/stack.sh status    say what runs where
#   deploy/stack.sh reset     stop and delete all data
#   deploy/stack.sh restart-kafka   SIGKILL the broker, start it, wait (chaos)
#   deploy/stack.sh pid kafka|redis print the pid (chaos: SIGSTOP/SIGCONT)
#
# The broker has a second listener, SASL_SSL on KAFKA_SASL_PORT (9094): TLS
# with a certificate from a local CA made at first start
# ($NEWSFLOW_STACK_DIR/tls/ca.pem, for clients' ssl.ca.location) and SCRAM
# (SHA-256 and SHA-512) user "newsflow", password "newsflow-local-secret".
#
# Settings (environment): NEWSFLOW_STACK_DIR (state, default <repo>/.stack),
# KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_SASL_PORT (9094),
# REDIS_PORT (6379), KAFKA_HEAP (512m).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
state=${NEWSFLOW_STACK_DIR:-$repo/.stack}
kafka_port=${KAFKA_PORT:-9092}
controller_port=${KAFKA_CONTROLLER_PORT:-9093}
sasl_port=${KAFKA_SASL_PORT:-9094}
scram_user=newsflow
scram_password=newsflow-local-secret
# Protects only the throwaway local keystore.
keystore_password=newsflow-local
redis_port=${REDIS_PORT:-6379}
libs="$here/kafka/libs"

log() { printf '[stack] %s\n' "$*" >&2; }

install() {
  local need=()
  command -v redis-server >/dev/null || need+=(redis-server)
  command -v kcat >/dev/null || need+=(kcat)
  command -v prometheus >/dev/null || need+=(prometheus)
  command -v java >/dev/null || need+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null || need+=(maven)
  command -v cc >/dev/null || need+=(build-essential)
  command -v cmake >/dev/null || need+=(cmake)
  command -v openssl >/dev/null || need+=(openssl)
  # librdkafka is built with OpenSSL (TLS and SASL/SCRAM).
  dpkg -s libssl-dev >/dev/null 2>&1 || need+=(libssl-dev)
  command -v pkg-config >/dev/null || need+=(pkg-config)
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  if ! ls "$libs"/kafka_2.13-*.jar >/dev/null 2>&1; then
    log "resolving the Kafka jars with Maven"
    (cd "$here/kafka" && mvn -B -q \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory=libs)
  fi
  log "installed"
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

kafka_ready() {
  kcat -b "127.0.0.1:$kafka_port" -L -m 3 >/dev/null 2>&1
}

# A local CA and a server certificate for 127.0.0.1/localhost, once.
make_tls() {
  local dir="$state/tls"
  [ -f "$dir/server.p12" ] && return
  mkdir -p "$dir"
  log "making the local CA and broker certificate in $dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=newsflow local CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$dir/san.ext"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
    -CAcreateserial -days 3650 -extfile "$dir/san.ext" -out "$dir/server.pem" 2>/dev/null
  openssl pkcs12 -export -in "$dir/server.pem" -inkey "$dir/server.key" -certfile "$dir/ca.pem" \
    -name broker -passout "pass:$keystore_password" -out "$dir/server.p12"
}

# The SCRAM user, created (or its password reset) through the plaintext
# listener; the broker keeps it in its metadata log.
# One mechanism per request: the broker refuses two changes to one user in one.
add_scram_user() {
  local mechanism
  for mechanism in SCRAM-SHA-256 SCRAM-SHA-512; do
    java -Dlog4j2.configurationFile="$state/log4j2.yaml" -cp "$libs/*" kafka.admin.ConfigCommand \
      --bootstrap-server "127.0.0.1:$kafka_port" --alter --entity-type users --entity-name "$scram_user" \
      --add-config "$mechanism=[password=$scram_password]" \
      >"$state/scram.log" 2>&1 || { cat "$state/scram.log" >&2; exit 1; }
  done
}

# Whether something listens on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port another process holds (another checkout's stack, say) would make
# the readiness check pass against that process: refuse to start instead.
require_free_ports() {
  local port
  for port in "$@"; do
    if port_in_use "$port"; then
      log "port $port is already in use by a process this stack did not start ($state): stop it, or choose other ports (KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_SASL_PORT, REDIS_PORT)"
      exit 1
    fi
  done
}

start_kafka() {
  if pid_alive "$state/kafka.pid"; then log "kafka already running (pid $(cat "$state/kafka.pid"))"; return; fi
  require_free_ports "$kafka_port" "$controller_port" "$sasl_port"
  ls "$libs"/kafka_2.13-*.jar >/dev/null 2>&1 || { log "no Kafka jars: run '$0 install' first"; exit 1; }
  mkdir -p "$state/kafka-data"
  make_tls
  cat > "$state/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port,SASL_SSL://127.0.0.1:$sasl_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port,SASL_SSL://127.0.0.1:$sasl_port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.ssl.keystore.type=PKCS12
listener.name.sasl_ssl.ssl.keystore.location=$state/tls/server.p12
listener.name.sasl_ssl.ssl.keystore.password=$keystore_password
listener.name.sasl_ssl.ssl.key.password=$keystore_password
log.dirs=$state/kafka-data
auto.create.topics.enable=false
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
message.max.bytes=16777216
log.retention.hours=24
PROPS
  cat > "$state/log4j2.yaml" <<'LOG'
Configuration:
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        Pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: WARN
      AppenderRef:
        - ref: STDOUT
    Logger:
      - name: kafka.server.KafkaRaftServer
        level: INFO
LOG
  local cp="$libs/*"
  if [ ! -f "$state/kafka-data/meta.properties" ]; then
    local id
    id=$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)
    java -Dlog4j2.configurationFile="$state/log4j2.yaml" -cp "$cp" kafka.tools.StorageTool \
      format -t "$id" -c "$state/server.properties" --ignore-formatted >"$state/kafka-format.log" 2>&1 \
      || { cat "$state/kafka-format.log" >&2; exit 1; }
  fi
  log "starting kafka on 127.0.0.1:$kafka_port"
  nohup java -Xms${KAFKA_HEAP:-512m} -Xmx${KAFKA_HEAP:-512m} -XX:+UseG1GC \
    -Dlog4j2.configurationFile="$state/log4j2.yaml" \
    -cp "$cp" kafka.Kafka "$state/server.properties" >"$state/kafka.log" 2>&1 &
  echo $! > "$state/kafka.pid"
}

start_redis() {
  if pid_alive "$state/redis.pid"; then log "redis already running"; return; fi
  require_free_ports "$redis_port"
  mkdir -p "$state/redis-data"
  log "starting redis on 127.0.0.1:$redis_port"
  redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$state/redis-data" \
    --save "" --appendonly no --daemonize yes \
    --pidfile "$state/redis.pid" --logfile "$state/redis.log"
}

wait_kafka() {
  local deadline=$((SECONDS + 120))
  until kafka_ready; do
    if ! pid_alive "$state/kafka.pid"; then log "kafka exited:"; tail -n 30 "$state/kafka.log" >&2; exit 1; fi
    if [ $SECONDS -ge $deadline ]; then log "kafka not ready after 120 s"; tail -n 30 "$state/kafka.log" >&2; exit 1; fi
    sleep 0.5
  done
}

# A broker crash: SIGKILL, then a normal start (log recovery included).
restart_kafka() {
  if pid_alive "$state/kafka.pid"; then
    local pid; pid=$(cat "$state/kafka.pid")
    log "killing kafka (pid $pid)"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$state/kafka.pid"
  start_kafka
  wait_kafka
  log "kafka back on 127.0.0.1:$kafka_port"
}

wait_ready() {
  wait_kafka
  local deadline
  deadline=$((SECONDS + 30))
  until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then log "redis not ready after 30 s"; exit 1; fi
    sleep 0.2
  done
  add_scram_user
  log "ready: kafka 127.0.0.1:$kafka_port (SASL_SSL 127.0.0.1:$sasl_port), redis 127.0.0.1:$redis_port"
}

stop_pid() {
  local name=$1 file=$2
  if pid_alive "$file"; then
    local pid; pid=$(cat "$file")
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

status() {
  if pid_alive "$state/kafka.pid"; then
    if kafka_ready; then echo "kafka: ready on 127.0.0.1:$kafka_port (pid $(cat "$state/kafka.pid"))"; else echo "kafka: starting (pid $(cat "$state/kafka.pid"))"; fi
  else echo "kafka: stopped"; fi
  if pid_alive "$state/redis.pid"; then echo "redis: running on 127.0.0.1:$redis_port (pid $(cat "$state/redis.pid"))"; else echo "redis: stopped"; fi
}

case "${1:-}" in
  install) install ;;
  start) mkdir -p "$state"; start_kafka; start_redis; wait_ready ;;
  stop) stop_pid kafka "$state/kafka.pid"; stop_pid redis "$state/redis.pid" ;;
  status) status ;;
  reset) stop_pid kafka "$state/kafka.pid"; stop_pid redis "$state/redis.pid"; rm -rf "$state" ;;
  restart-kafka) restart_kafka ;;
  pid) cat "$state/${2:?kafka or redis}.pid" ;;
  *) echo "usage: $0 install|start|stop|status|reset|restart-kafka|pid NAME" >&2; exit 2 ;;
esac
