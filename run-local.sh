#!/usr/bin/env bash
# Starts the whole platform on this machine (needs only a JDK 17+): a Kafka broker, an SFTP server standing in for
# Clever, an SMTP server keeping mails as .eml files, a demo SIS database and the four services, all in one JVM.
# Arguments are Spring properties, e.g. --local.workdir=/tmp/x (default target/local-stack, wiped at each start).
# --local.state=DIR keeps everything in DIR, the broker's data included, and resumes from it at the next start; with
# --local.tenants=FILE --local.secrets=DIR it runs the operator's own tenants instead of the demo (docs/operations.md,
# "One machine with a state folder"). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

classpath_file="$PWD/deploy/local-stack/target/local-stack.classpath"
echo "Building the local stack (the first run downloads Maven and the dependencies)..."
# Plain jars and a classpath file start faster than the repackaged fat jar, and skip writing it.
./mvnw -B -q -DskipTests -Dspring-boot.repackage.skip=true -pl deploy/local-stack -am \
  package dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$classpath_file"

# Test jars must not reach the running stack: a test jar's logback-test.xml would replace the stack's logging (the
# launcher also refuses to start when any logback-test.xml is on its classpath).
if tr ':' '\n' <"$classpath_file" | grep -E -- '-tests?\.jar$' >&2; then
  echo "Test jars on the runtime classpath (above); not starting." >&2
  exit 1
fi

# C1-only JIT: the demo moves little data, and the platform starts noticeably sooner.
exec java ${JAVA_OPTS:--XX:TieredStopAtLevel=1} \
  -cp "deploy/local-stack/target/classes:$(cat "$classpath_file")" \
  com.rostersync.localstack.LocalPlatform "$@"
