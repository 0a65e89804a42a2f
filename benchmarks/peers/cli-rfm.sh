#!/usr/bin/env bash
# The command line against pandas + lifetimes, side by side: `loyalty-metrics rfm` and rfm_lifetimes.py on
# CDNOW_master.txt, cold (a new process each run, interleaved) and warm (runs repeated in one process), and
# rfm over 3 million rows in -Xmx256m, and the start-up of rfm --help. Not run by CI; benchmarks/README.md
# says how to set it up.
#
#   CDNOW_MASTER=/path/to/CDNOW_master.txt benchmarks/peers/cli-rfm.sh [COLD_RUNS [WARM_RUNS]]
#
# From the repository root, after `mvn -B package -DskipTests -pl metrics-core,metrics-charts,metrics-examples`.
# PYTHON (default python3) must import numpy, scipy, pandas and lifetimes 0.11.3 (with autograd 1.7.0).
# Prints medians in seconds; a warm median is of the last 20 runs of each side (the others warm up). Each
# run waits for a second in which the machine was at least QUIET_PERCENT (default 90) % idle, for a shared
# machine (QUIET_PERCENT=0: no wait).
# BEFORE_JAR=path/to/an-older/loyalty-metrics.jar adds that jar's runs, for a before and after.
set -euo pipefail
cold_runs=${1:-7}
warm_runs=${2:-50}
python=${PYTHON:-python3}
master=${CDNOW_MASTER:?set CDNOW_MASTER to the path of CDNOW_master.txt}
target=metrics-examples/target
peers=benchmarks/peers
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ours=(rfm "$master" --delimiter whitespace --date-format yyyyMMdd --amount-column dollar_value --end 1998-06-30)
peer=("$python" "$peers/rfm_lifetimes.py" "$master" --whitespace --date-format %Y%m%d --amount-column dollar_value
      --end 1998-06-30)

# waits (at most two minutes) until the machine has been idle for QUIET_PERCENT (default 90) % of a second,
# so that a run on a shared machine starts when the others' work pauses; says so when it gave up waiting
quiet() {
    local tries=0 a b percent=${QUIET_PERCENT:-90}
    while ((percent > 0 && tries++ < 120)); do
        a=($(head -1 /proc/stat)); sleep 1; b=($(head -1 /proc/stat))
        local idle=$((b[4] + b[5] - a[4] - a[5])) total=0 i
        for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
        if ((total > 0 && 100 * idle >= percent * total)); then return; fi
    done
    if ((percent > 0)); then echo "(the machine was busy for two minutes: this run started anyway)" >&2; fi
}

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# wall seconds of one run of "$@", output discarded
wall() {
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s%N)
    awk -v ns=$((end - start)) 'BEGIN {printf "%.3f\n", ns / 1e9}'
}

echo "machine: $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1), $("$python" --version)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== agreement on CDNOW_master.txt"
"$target/loyalty-metrics" "${ours[@]}" > "$work/ours.csv" 2> /dev/null
"${peer[@]}" > "$work/peer.csv"
"$python" "$peers/compare_rfm.py" "$work/ours.csv" "$work/peer.csv"

echo "== cold: $cold_runs interleaved runs, a new process each"
for ((i = 0; i < cold_runs; i++)); do
    quiet; wall "${peer[@]}" >> "$work/cold-peer"
    quiet; wall java -jar "$target/loyalty-metrics.jar" "${ours[@]}" >> "$work/cold-jar"
    quiet; wall "$target/loyalty-metrics" "${ours[@]}" >> "$work/cold-launcher"
    if [ -n "${BEFORE_JAR:-}" ]; then quiet; wall java -jar "$BEFORE_JAR" "${ours[@]}" >> "$work/cold-before"; fi
done
peer_cold=$(median < "$work/cold-peer")
jar_cold=$(median < "$work/cold-jar")
launcher_cold=$(median < "$work/cold-launcher")
echo "pandas + lifetimes: $peer_cold s ($(tr '\n' ' ' < "$work/cold-peer"))"
echo "java -jar:          $jar_cold s ($(tr '\n' ' ' < "$work/cold-jar"))"
echo "launcher:           $launcher_cold s ($(tr '\n' ' ' < "$work/cold-launcher"))"
if [ -n "${BEFORE_JAR:-}" ]; then
    echo "before, java -jar:  $(median < "$work/cold-before") s ($(tr '\n' ' ' < "$work/cold-before"))"
fi

echo "== start-up: loyalty-metrics rfm --help, $cold_runs interleaved runs"
for ((i = 0; i < cold_runs; i++)); do
    quiet; wall java -jar "$target/loyalty-metrics.jar" rfm --help >> "$work/start-jar"
    quiet; wall "$target/loyalty-metrics" rfm --help >> "$work/start-launcher"
    if [ -n "${BEFORE_JAR:-}" ]; then quiet; wall java -jar "$BEFORE_JAR" rfm --help >> "$work/start-before"; fi
done
echo "java -jar:          $(median < "$work/start-jar") s"
echo "launcher:           $(median < "$work/start-launcher") s"
if [ -n "${BEFORE_JAR:-}" ]; then echo "before, java -jar:  $(median < "$work/start-before") s"; fi

echo "== warm: $warm_runs runs in one process, median of the last 20"
quiet
"${peer[@]}" --repeat "$warm_runs" 2> "$work/warm-peer" > /dev/null
quiet
java -cp "$target/loyalty-metrics.jar" "$peers/WarmCli.java" "$warm_runs" "${ours[@]}" 2> "$work/warm-ours"
peer_warm=$(tail -n 20 "$work/warm-peer" | median)
ours_warm=$(tail -n 20 "$work/warm-ours" | median)
echo "pandas + lifetimes: $peer_warm s"
echo "loyalty-metrics:    $ours_warm s"
if [ -n "${BEFORE_JAR:-}" ]; then
    quiet
    java -cp "$BEFORE_JAR" "$peers/WarmCli.java" "$warm_runs" "${ours[@]}" 2> "$work/warm-before"
    echo "before:             $(tail -n 20 "$work/warm-before" | median) s"
fi

echo "== rfm over 3 million rows"
"$python" "$peers/generate_transactions.py" > "$work/transactions.csv"
quiet
/usr/bin/time -f "%e %M" -o "$work/big-ours" env JAVA_OPTS=-Xmx256m "$target/loyalty-metrics" rfm \
    "$work/transactions.csv" --end 2025-12-31 > "$work/big-ours.csv" 2> "$work/big-progress"
quiet
/usr/bin/time -f "%e %M" -o "$work/big-c2" env "JAVA_OPTS=-Xmx256m -XX:TieredStopAtLevel=4" \
    "$target/loyalty-metrics" rfm "$work/transactions.csv" --end 2025-12-31 > /dev/null 2>&1
quiet
/usr/bin/time -f "%e %M" -o "$work/big-peer" "$python" "$peers/rfm_lifetimes.py" "$work/transactions.csv" \
    --end 2025-12-31 > "$work/big-peer.csv"
"$python" "$peers/compare_rfm.py" "$work/big-ours.csv" "$work/big-peer.csv"
if [ -n "${BEFORE_JAR:-}" ]; then
    quiet
    /usr/bin/time -f "%e %M" -o "$work/big-before" java -Xmx256m -jar "$BEFORE_JAR" rfm "$work/transactions.csv" \
        --end 2025-12-31 > /dev/null 2>&1 || true
    echo "before, java -Xmx256m -jar:                           $(cut -d' ' -f1 "$work/big-before") s, max RSS $(cut -d' ' -f2 "$work/big-before") KB"
fi
echo "loyalty-metrics, JAVA_OPTS=-Xmx256m:                  $(cut -d' ' -f1 "$work/big-ours") s, max RSS $(cut -d' ' -f2 "$work/big-ours") KB"
echo "loyalty-metrics, JAVA_OPTS='-Xmx256m -XX:TieredStopAtLevel=4': $(cut -d' ' -f1 "$work/big-c2") s, max RSS $(cut -d' ' -f2 "$work/big-c2") KB"
echo "pandas + lifetimes:                                   $(cut -d' ' -f1 "$work/big-peer") s, max RSS $(cut -d' ' -f2 "$work/big-peer") KB"
echo "its progress on standard error:"
tr '\r' '\n' < "$work/big-progress" | sed 's/^/    /'

echo "== ratios (pandas + lifetimes / loyalty-metrics)"
awk -v p="$peer_cold" -v j="$jar_cold" -v l="$launcher_cold" -v pw="$peer_warm" -v ow="$ours_warm" 'BEGIN {
    printf "cold, java -jar: %.1fx\ncold, launcher:  %.1fx\nwarm:            %.1fx\n", p / j, p / l, pw / ow }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
