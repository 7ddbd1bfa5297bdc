#!/usr/bin/env bash
# Runs a Kafka 4 CLI tool (from the jars up.sh resolved) against the local
# broker; --bootstrap-server is added. Examples:
#   infra/local/kafka-tool.sh TopicCommand --list
#   infra/local/kafka-tool.sh TopicCommand --describe --topic my-topic
#   infra/local/kafka-tool.sh consumer.group.ConsumerGroupCommand --describe --all-groups
#   infra/local/kafka-tool.sh BrokerApiVersionsCommand
# A class name without a package is taken from org.apache.kafka.tools.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=env.sh
source "$ROOT/infra/local/env.sh"

[[ $# -ge 1 ]] || die "usage: $0 ToolClass [args...]   (e.g. TopicCommand --list)"
[[ -s "$KAFKA_CLASSPATH_FILE" ]] || die "no $KAFKA_CLASSPATH_FILE: run infra/local/up.sh first"
MOTCUA_INFRA_QUIET=1 load_infra_env

cls="$1"
shift
[[ "$cls" == org.* || "$cls" == kafka.* ]] || cls="org.apache.kafka.tools.$cls"
exec "$JAVA" -Xmx256m -Djava.awt.headless=true \
  "-Dlog4j2.configurationFile=$INFRA_DIR/kafka/log4j2-tools.properties" \
  -cp "$(cat "$KAFKA_CLASSPATH_FILE")" "$cls" --bootstrap-server "$KAFKA_BROKERS" "$@"
