#!/usr/bin/env bash
# Benchmark: a cold install of the newest real toolchain through the library, against plain
# `tar -xzf` of the same archive from local disk (the target's baseline), `curl -s URL | tar -xz`
# and `curl -o F && sha256sum F && tar -xzf F`, interleaved, on the loopback mirror of the testkit;
# then the warm `ensure` latency and the peak heap of an install.
# Prints medians and ratios. Usage: bench/install.sh [RUNS] [DIR]
#   RUNS  rounds per contender (default 5)
#   DIR   where installs land (default target/, on disk); /dev/shm measures without the disk
# Nothing is deleted until the end (about RUNS x 4 x 270 MB on DIR), and the order rotates per round.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}

command -v curl >/dev/null || { echo "bench: needs curl" >&2; exit 2; }
# Never `mvn install`: ~/.m2 is shared, and a snapshot installed from a work tree breaks other builds.
# One reactor run packages gosetup-core and what it needs (tests compiled, not run) and writes the
# test class path, in which the reactor's modules are their target/ jars, not ~/.m2 copies.
./mvnw -q -B -pl gosetup-core -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="gosetup-core/target/classes:gosetup-core/target/test-classes:$(cat gosetup-core/target/bench-classpath.txt)"
exec java -cp "$cp" bench/InstallBench.java "$runs" ${2:+"$2"}
