#!/usr/bin/env bash
# Benchmark: how long quick gosetup commands take to start and answer, against `java -version`
# measured in the same run (the floor any Java command pays). Contenders, interleaved per round:
#   java -version                      the JVM alone
#   java -jar gosetup.jar --version    the jar without class-data sharing
#   ./gosetup --version                the launcher (with its class-data-sharing archive)
#   ./gosetup which|list|env           quick commands through the launcher, on an empty store
# Prints the median wall time of each and its ratio to `java -version`. Target: quick commands
# <= 0.3 s. Usage: bench/cli-start.sh [RUNS]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi

./gosetup --version >/dev/null             # builds the jar when stale, then records the CDS archive
./gosetup --version >/dev/null
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT

names=("java -version" "jar --version (no CDS)" "./gosetup --version" "./gosetup which 1.22" "./gosetup list"
       "./gosetup env --json")
run() {
  case "$1" in
    0) "$java" -version 2>/dev/null ;;
    1) "$java" -jar gosetup-cli/target/gosetup.jar --version >/dev/null ;;
    2) ./gosetup --version >/dev/null ;;
    3) ./gosetup which 1.22 --home "$store" >/dev/null 2>&1 || true ;;
    4) ./gosetup list --home "$store" >/dev/null 2>&1 || true ;;
    5) HOME="$store" ./gosetup env --json --home "$store" --offline >/dev/null 2>&1 || true ;;
  esac
}
declare -A times
for ((r = 0; r < runs; r++)); do
  for ((k = 0; k < ${#names[@]}; k++)); do
    i=$(( (k + r) % ${#names[@]} ))
    start=$(date +%s%N)
    run "$i"
    end=$(date +%s%N)
    times[$i]+="$(( (end - start) / 1000 )) "
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
base=$(echo "${times[0]}" | median)
printf '%-28s %10s %8s\n' "contender ($runs runs)" "median" "ratio"
for ((i = 0; i < ${#names[@]}; i++)); do
  m=$(echo "${times[$i]}" | median)
  printf '%-28s %8d ms %7.2fx\n' "${names[$i]}" $((m / 1000)) "$(awk -v m="$m" -v b="$base" 'BEGIN {print m / b}')"
done
