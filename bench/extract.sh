#!/usr/bin/env bash
# Benchmark: extraction alone (SafeExtractor on the newest real toolchain archive of the testkit's
# mirror, already in the page cache), RUNS times into fresh directories under DIR; prints medians.
# Usage: bench/extract.sh [RUNS] [DIR] [ARCHIVE]     (defaults: 5, target/)
# System calls: STRACE=1 bench/extract.sh 1 prints `strace -f -c` of openat, utimensat and friends
# for RUNS=1 and for RUNS=0 (the JVM alone): the difference is the extraction's. Compare with
#   strace -f -c -e trace=openat,utimensat,mkdir,mkdirat,fchmod,fchmodat,fsync,newfstatat,statx tar -xzf ARCHIVE
# The directories are left for inspection; delete them yourself (about 270 MB per run).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
# Never `mvn install` (shared ~/.m2): the reactor builds what is needed and writes the class path.
./mvnw -q -B -pl gosetup-core -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="gosetup-core/target/classes:gosetup-core/target/test-classes:$(cat gosetup-core/target/bench-classpath.txt)"
if [[ -n "${STRACE:-}" ]]; then
  calls=openat,utimensat,utimes,mkdir,mkdirat,chmod,fchmod,fchmodat,fsync,fdatasync,newfstatat,stat,lstat,statx,close
  for n in 0 "$runs"; do
    echo "== strace, RUNS=$n"
    strace -f -c -e trace=$calls java -Xshare:auto -cp "$cp" bench/ExtractBench.java "$n" ${2:+"$2"} ${3:+"$3"} 2>&1 \
      | grep -E "calls|------|openat|utimensat|utimes|mkdir|chmod|fsync|stat|close|total"
  done
else
  exec java -cp "$cp" bench/ExtractBench.java "$runs" ${2:+"$2"} ${3:+"$3"}
fi
