#!/usr/bin/env bash
# Benchmark: the first hermetic Go environment in a fresh JVM (HermeticGo.builder().version(v).build()
# with the default installer, the version installed in the store), timed from main's start; the
# median of RUNS fresh JVMs, the wall time of each such JVM against an empty JVM and `java -version`
# in the same run, and later calls in one JVM. Target: first call <= 50 ms. Besides the wall time it
# prints the main thread's CPU time for the first call (/proc/thread-self/schedstat), which a loaded
# shared machine disturbs far less. "logging up" starts System.Logger's back end before the clock, as
# an application that logs has done before its first HermeticGo; "JUL up" starts only
# java.util.logging, as JUnit's own logging has before any test runs.
# Usage: bench/hermetic.sh [RUNS]   (default 15). Builds with -am into target/ (never `mvn install`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi

./mvnw -q -B -pl gosetup-core -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
deps=$(cat gosetup-core/target/bench-classpath.txt)
# The timed JVMs get what an embedder's class path holds: core, api and core's runtime dependencies.
# (the test class path without module classes and test libraries: jackson, snakeyaml, commons-*).
runtime=$(tr ':' '\n' < gosetup-core/target/bench-classpath.txt \
  | grep -Ev '/classes$|junit|opentest4j|apiguardian|assertj|byte-buddy' | paste -sd:)
cp="gosetup-api/target/classes:gosetup-core/target/classes:gosetup-core/target/test-classes:gosetup-testkit/target/classes:$deps"
out=target/bench-hermetic
mkdir -p "$out"
javac -d "$out" -cp "$cp" bench/hermetic/FirstHermetic.java bench/hermetic/Empty.java bench/hermetic/Setup.java
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
# One toolchain installed from the testkit's loopback mirror of the real toolchains.
version=$("$java" -cp "$out:$cp" Setup "$store")
runcp="$out:gosetup-api/target/classes:gosetup-core/target/classes:$runtime"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

names=("java -version" "empty JVM" "first hermetic, bare JVM" "first hermetic, logging up" "first hermetic, JUL up (JUnit)")
n=${#names[@]}
declare -A walls inner cpus
for ((r = 0; r < runs; r++)); do
  for ((k = 0; k < n; k++)); do
    i=$(( (k + r) % n ))
    start=$(date +%s%N)
    case $i in
      0) "$java" -version 2>/dev/null; line="first 0" ;;
      1) line=$("$java" -cp "$out" Empty) ;;
      2) line=$(GOSETUP_HOME="$store" "$java" -cp "$runcp" FirstHermetic "$version" 0) ;;
      3) line=$(GOSETUP_HOME="$store" "$java" -cp "$runcp" FirstHermetic "$version" 0 logging-up) ;;
      4) line=$(GOSETUP_HOME="$store" "$java" -cp "$runcp" FirstHermetic "$version" 0 jul-up) ;;
    esac
    end=$(date +%s%N)
    walls[$i]+="$(( (end - start) / 1000 )) "
    inner[$i]+="$(echo "$line" | awk '/^first/ {print $2}') "
    cpus[$i]+="$(echo "$line" | awk '/^cpu/ {print $2} END {if (!NR) print 0}') "
  done
done
median() { tr ' ' '\n' | { grep -v '^$' || true; } | sort -n \
  | awk '{a[NR]=$1} END {if (!NR) print 0; else print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
later=$(GOSETUP_HOME="$store" "$java" -cp "$runcp" FirstHermetic "$version" 200 | awk '/^later/ {print $2}' | tail -100)
base=$(echo "${walls[0]}" | median)
echo "load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %12s %8s %18s %18s\n' "contender ($runs fresh JVMs, go$version)" "median wall" "ratio" \
  "first call, wall" "its main-thread CPU"
for ((i = 0; i < n; i++)); do
  m=$(echo "${walls[$i]}" | median)
  f=$(echo "${inner[$i]}" | median)
  c=$(echo "${cpus[$i]}" | median)
  printf '%-34s %9d ms %7.2fx %15.1f ms %15.1f ms\n' "${names[$i]}" $((m / 1000)) \
    "$(awk -v m="$m" -v b="$base" 'BEGIN {print m / b}')" "$(awk -v f="$f" 'BEGIN {print f / 1000}')" \
    "$(awk -v c="$c" 'BEGIN {print c / 1000}')"
done
printf 'later hermetic environments in the same JVM (last 100 of 200): median %d us (target for the first: <= 50 ms)\n' \
  "$(echo "$later" | median)"
