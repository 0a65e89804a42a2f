#!/usr/bin/env python3
"""Fits and predictions of Loyalty Metrics (JMH, ModelBenchmark) and lifetimes 0.11.3, side by side.

    python3 fits_side_by_side.py --lifetimes /path/to/lifetimes --autograd /path/to/autograd \\
        [--jar benchmarks/target/benchmarks.jar] [--python /usr/bin/python3] [--inputs DIR] [--out DIR] [--rounds 2]

Build the jar first (mvn -o -q -B package -pl metrics-core,benchmarks -am -DskipTests). The script

1. writes the seeded inputs with generate_fit_inputs.py into --inputs (default /tmp/loyalty-peers/inputs),
   unless they are there already;
2. asks the library for its answers on them (the PeerEstimates class of the jar);
3. runs --rounds rounds, each of lifetimes (fits_lifetimes.py, with --python and PYTHONPATH set to the two
   source trees) and of the JMH benchmarks (-f 1 -wi 3 -i 5, the inputs passed as -p inputs=DIR), the
   order alternating from round to round so that neither side always runs first;
4. prints a Markdown table on standard output (the runs' own output goes to standard error): per work the median of lifetimes' runs and of the JMH iterations over all
   rounds, the ratio, and how far apart the two libraries' answers are (the largest relative difference
   of an estimate or of a sum of predictions). The raw files stay in --out.

Nothing else should run on the machine meanwhile: the load average is printed at the start and the end.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# work: (the JMH benchmark, the JMH options, operations per JMH operation, what the work is)
WORKS = {
    "bgnbd_cdnow": ("bgNbdFitCdnow", "small", 1, "BG/NBD fit, CDNOW (2,357 customers)"),
    "mbgnbd_cdnow": ("mbgNbdFitCdnow", "small", 1, "MBG/NBD fit, CDNOW"),
    "pareto_cdnow": ("paretoNbdFitCdnow", "small", 1, "Pareto/NBD fit, CDNOW"),
    "gg_cdnow": ("gammaGammaFitCdnow", "small", 1, "Gamma-Gamma fit, 946 CDNOW buyers"),
    "bgbb_donations": ("bgbbFitDonations", "small", 1, "BG/BB fit, donations (22 weighted rows)"),
    "bgnbd_1e6": ("bgNbdFitMillionFromArrays", "large", 1, "BG/NBD fit, 10^6 simulated customers from arrays"),
    "pareto_1e5": ("paretoNbdFitHundredThousandFromArrays", "large", 1,
                   "Pareto/NBD fit, 10^5 simulated customers from arrays"),
    "predict_1e6": ("bgNbdPredictionsOfHeldHistories", "small", 1_000_000,
                    "E[Y(39)] and P(alive) for 10^6 customers, one at a time"),
    "predict_1e6_columns": ("bgNbdScoreColumnsMillion", "small", 1_000_000,
                            "E[Y(39)] and P(alive) for 10^6 customers, Scorer.scoreColumns (all cores)"),
}
# works of ours timed against the same work of lifetimes
PEER_WORK = {"predict_1e6_columns": "predict_1e6"}
JMH_OPTIONS = {"small": ["-f", "1", "-wi", "3", "-i", "5"], "large": ["-f", "1", "-wi", "1", "-i", "5"]}


def run(command, env=None, stdout=sys.stderr):
    print("$ " + " ".join(command), file=sys.stderr, flush=True)
    subprocess.run(command, env=env, stdout=stdout, check=True)


def load():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def lifetimes_round(args, out, number):
    env = dict(os.environ, PYTHONPATH=args.lifetimes + os.pathsep + args.autograd)
    path = os.path.join(out, "lifetimes-%d.json" % number)
    run([args.python, os.path.join(HERE, "fits_lifetimes.py"), "--inputs", args.inputs, "--json", path], env=env)
    with open(path) as f:
        return json.load(f)


def jmh_round(args, out, number):
    results = []
    for group in ("small", "large"):
        names = "|".join(b for b, g, _, _ in WORKS.values() if g == group)
        path = os.path.join(out, "jmh-%s-%d.json" % (group, number))
        run(["java", "-Xmx8g", "-jar", args.jar, "ModelBenchmark\\.(" + names + ")$", *JMH_OPTIONS[group],
             "-p", "inputs=" + args.inputs, "-rf", "json", "-rff", path])
        with open(path) as f:
            results.extend(json.load(f))
    return results


def differences(ours, theirs):
    return max(abs(ours[k] - theirs[k]) / abs(theirs[k]) for k in theirs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lifetimes", required=True, help="the source tree of lifetimes v0.11.3")
    parser.add_argument("--autograd", required=True, help="the source tree of autograd v1.7.0")
    parser.add_argument("--jar", default=os.path.join(HERE, "..", "target", "benchmarks.jar"))
    parser.add_argument("--python", default=sys.executable, help="the Python with numpy, scipy and pandas")
    parser.add_argument("--inputs", default="/tmp/loyalty-peers/inputs")
    parser.add_argument("--out", default="/tmp/loyalty-peers/results")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    print("load average at the start: " + load(), file=sys.stderr)
    if not os.path.exists(os.path.join(args.inputs, "pareto-1e5.csv")):
        run([args.python, os.path.join(HERE, "generate_fit_inputs.py"), args.inputs])
    ours_path = os.path.join(args.out, "loyalty-metrics-answers.json")
    with open(ours_path, "w") as f:
        run(["java", "-Xmx8g", "-cp", args.jar, "org.loyaltymetrics.benchmarks.PeerEstimates", args.inputs], stdout=f)
    with open(ours_path) as f:
        ours = json.load(f)
    peer_seconds = {work: [] for work in WORKS if work not in PEER_WORK}
    our_seconds = {work: [] for work in WORKS}
    answers = {}
    for number in range(args.rounds):
        sides = ["lifetimes", "jmh"] if number % 2 == 0 else ["jmh", "lifetimes"]
        for side in sides:
            if side == "lifetimes":
                result = lifetimes_round(args, args.out, number)
                versions = {k: result[k] for k in ("library", "numpy", "scipy", "pandas", "python")}
                for work, entry in result["works"].items():
                    peer_seconds[work].extend(entry["seconds"])
                    answers[work] = entry["answer"]
            else:
                for entry in jmh_round(args, args.out, number):
                    name = entry["benchmark"].rsplit(".", 1)[1]
                    work = next(w for w, spec in WORKS.items() if spec[0] == name)
                    scale = WORKS[work][2] / 1e6  # microseconds per operation to seconds per work
                    for fork in entry["primaryMetric"]["rawData"]:
                        our_seconds[work].extend(value * scale for value in fork)
    print("load average at the end: " + load(), file=sys.stderr)
    print("| work | lifetimes | Loyalty Metrics (JMH) | ratio | answers apart |")
    print("|---|---:|---:|---:|---:|")
    for work, (_, _, _, title) in WORKS.items():
        peer = statistics.median(peer_seconds[PEER_WORK.get(work, work)])
        own = statistics.median(our_seconds[work])
        apart = differences(ours[work], answers[PEER_WORK.get(work, work)])
        print("| %s | %s | %s | %.1f× | %.1e |" % (title, seconds(peer), seconds(own), peer / own, apart))
    print()
    print("%s, numpy %s, scipy %s, pandas %s, Python %s; medians of %d lifetimes runs and %d JMH iterations per work"
          % (versions["library"], versions["numpy"], versions["scipy"], versions["pandas"], versions["python"],
             min(len(v) for v in peer_seconds.values()), min(len(v) for v in our_seconds.values())))


def seconds(value):
    if value >= 1.0:
        return "%.2f s" % value
    if value >= 0.001:
        return "%.3g ms" % (value * 1e3)
    return "%.3g µs" % (value * 1e6)


if __name__ == "__main__":
    main()
