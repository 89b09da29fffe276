#!/usr/bin/env bash
# Runs the hazard-job load driver (stream-jobs/src/test/java/vn/canhbao/stream/bench/HazardBench.java)
# with the test classpath. From the repository root:
#   stream-jobs/bench.sh --mode=throughput --readings=2000000 --parallelism=1
#   stream-jobs/bench.sh --mode=latency --rate=20000 --seconds=60
#   stream-jobs/bench.sh --mode=state --sensors=100000
# BENCH_HEAP sets the JVM heap (default 2g). Set BENCH_SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  ./mvnw -B -q -pl stream-jobs -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
fi
exec java -Xms"${BENCH_HEAP:-2g}" -Xmx"${BENCH_HEAP:-2g}" -XX:+UseG1GC \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "stream-jobs/target/test-classes:stream-jobs/target/classes:$(cat stream-jobs/target/bench.classpath)" \
  vn.canhbao.stream.bench.HazardBench "$@"
