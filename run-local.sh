#!/usr/bin/env bash
# Starts the whole platform on this machine (needs only a JDK 17+): a Kafka broker, an SFTP server standing in for
# Clever, an SMTP server keeping mails as .eml files, a demo SIS database and the four services, all in one JVM.
# Arguments are Spring properties, e.g. --local.workdir=/tmp/x (default target/local-stack). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

jar=deploy/local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar
echo "Building the local stack (first run downloads Maven and the dependencies; later runs take about a minute)..."
./mvnw -B -q -DskipTests -pl deploy/local-stack -am package
exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
