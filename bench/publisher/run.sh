#!/usr/bin/env bash
# Publisher upload throughput vs. MINA's SftpClient and OpenSSH sftp, same files, same local MINA SFTP server, same run.
# Usage (from the repository root): bench/publisher/run.sh [users=200000] [rounds=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
CP_FILE="$PWD/sftp-publisher/target/bench-classpath.txt"
./mvnw -B -q -pl sftp-publisher -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
# The reactor's own modules come from this checkout, never from jars in the local repository.
LIBS=$(tr ':' '\n' < "$CP_FILE" | grep -v '/com/rostersync/' | paste -sd: -)
OWN=""
for module in roster-events oneroster-csv tenant-registry service-kernel test-support; do OWN="$OWN$module/target/classes:"; done
CP="sftp-publisher/target/classes:sftp-publisher/target/test-classes:$OWN$LIBS"
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" bench/publisher/PublisherThroughputBench.java "$@"
