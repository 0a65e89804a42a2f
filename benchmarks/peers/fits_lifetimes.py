#!/usr/bin/env python3
"""The fits and predictions of ModelBenchmark, done by the Python library lifetimes 0.11.3, timed.

    PYTHONPATH=/path/to/lifetimes:/path/to/autograd python3 fits_lifetimes.py --inputs DIR [--json FILE]
        [--works bgnbd_cdnow,pareto_1e5,...] [--repeats N]

DIR holds the files of generate_fit_inputs.py (bgnbd-1e6.csv, pareto-1e5.csv); the CDNOW summary and the
donations come from benchmarks/src/main/resources. Each work is what one ModelBenchmark operation does, on
the same input, through lifetimes' public API with its default options (as a user would call it):

    bgnbd_cdnow      BetaGeoFitter().fit(x, t_x, T) on the 2,357 CDNOW customers
    mbgnbd_cdnow     ModifiedBetaGeoFitter().fit(...) on the same
    pareto_cdnow     ParetoNBDFitter().fit(...) on the same
    gg_cdnow         GammaGammaFitter().fit(x, zbar) on the 946 CDNOW customers with x > 0
    bgbb_donations   BetaGeoBetaBinomFitter().fit(frequency, recency, periods, weights): 22 weighted rows
    bgnbd_1e6        BetaGeoFitter().fit(...) on the 10^6 customers of bgnbd-1e6.csv (numpy arrays)
    pareto_1e5       ParetoNBDFitter().fit(...) on the 10^5 customers of pareto-1e5.csv
    predict_1e6      conditional_expected_number_of_purchases_up_to_time(39, x, t_x, T) and
                     conditional_probability_alive(x, t_x, T) of a BetaGeoFitter with r = 0.243,
                     alpha = 4.414, a = 0.793, b = 2.426, vectorised over the 10^6 customers of bgnbd-1e6.csv

Reading the files is not timed. Each work runs once untimed (a warm-up) where one run takes less than a
second, then --repeats times (default: 15 below 0.1 s a run, 7 below 1 s, else 3), and the wall times
(time.perf_counter) go to the JSON with their median, the estimates (and, for the predictions, the sums
over the customers), so that fits_side_by_side.py can check that both libraries found the same answer.
"""
import argparse
import json
import os
import statistics
import sys
import time
import warnings

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, "..", "src", "main", "resources")
WORKS = ["bgnbd_cdnow", "mbgnbd_cdnow", "pareto_cdnow", "gg_cdnow", "bgbb_donations", "bgnbd_1e6", "pareto_1e5",
         "predict_1e6"]


def load(inputs):
    cdnow = pd.read_csv(os.path.join(RESOURCES, "cdnow-customers.csv"))
    donations = pd.read_csv(os.path.join(RESOURCES, "donations.csv"))
    data = {
        "cdnow": (cdnow["x"].to_numpy(), cdnow["t_x"].to_numpy(), cdnow["T"].to_numpy()),
        "buyers": (cdnow.loc[cdnow["x"] > 0, "x"].to_numpy(), cdnow.loc[cdnow["x"] > 0, "zbar"].to_numpy()),
        "donations": (donations["frequency"].to_numpy(), donations["recency"].to_numpy(),
                      donations["periods"].to_numpy(), donations["weights"].to_numpy()),
    }
    for name, file in (("bgnbd", "bgnbd-1e6.csv"), ("pareto", "pareto-1e5.csv")):
        frame = pd.read_csv(os.path.join(inputs, file), dtype={"x": np.int64, "t_x": np.float64, "T": np.float64})
        data[name] = (frame["x"].to_numpy(), frame["t_x"].to_numpy(), frame["T"].to_numpy())
    return data


def works(data):
    from lifetimes import (BetaGeoBetaBinomFitter, BetaGeoFitter, GammaGammaFitter, ModifiedBetaGeoFitter,
                           ParetoNBDFitter)

    def params(fitter):
        return {name: float(value) for name, value in fitter.params_.items()}

    def fit(make, columns):
        def run():
            fitter = make()
            fitter.fit(*columns)
            return fitter
        return run, params

    scorer = BetaGeoFitter()
    scorer.params_ = pd.Series({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426})

    def predict():
        x, t_x, T = data["bgnbd"]
        expected = scorer.conditional_expected_number_of_purchases_up_to_time(39, x, t_x, T)
        alive = scorer.conditional_probability_alive(x, t_x, T)
        return expected, alive

    def sums(result):
        expected, alive = result
        return {"sum_expected_39": float(np.sum(expected)), "sum_alive": float(np.sum(alive))}

    return {
        "bgnbd_cdnow": fit(BetaGeoFitter, data["cdnow"]),
        "mbgnbd_cdnow": fit(ModifiedBetaGeoFitter, data["cdnow"]),
        "pareto_cdnow": fit(ParetoNBDFitter, data["cdnow"]),
        "gg_cdnow": fit(GammaGammaFitter, data["buyers"]),
        "bgbb_donations": fit(BetaGeoBetaBinomFitter, data["donations"]),
        "bgnbd_1e6": fit(BetaGeoFitter, data["bgnbd"]),
        "pareto_1e5": fit(ParetoNBDFitter, data["pareto"]),
        "predict_1e6": (predict, sums),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", required=True, help="the directory of generate_fit_inputs.py's files")
    parser.add_argument("--json", help="write the times and estimates here (else to standard output)")
    parser.add_argument("--works", default=",".join(WORKS))
    parser.add_argument("--repeats", type=int, default=0, help="timed runs of each work (0: by its duration)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    import lifetimes
    data = load(args.inputs)
    table = works(data)
    results = {"library": "lifetimes " + lifetimes.__version__, "numpy": np.__version__,
               "scipy": __import__("scipy").__version__, "pandas": pd.__version__, "python": sys.version.split()[0],
               "works": {}}
    for name in args.works.split(","):
        run, describe = table[name]
        start = time.perf_counter()
        result = run()
        first = time.perf_counter() - start
        repeats = args.repeats or (15 if first < 0.1 else 7 if first < 1.0 else 3)
        seconds = [] if first < 1.0 else [first]
        while len(seconds) < repeats:
            start = time.perf_counter()
            result = run()
            seconds.append(time.perf_counter() - start)
        results["works"][name] = {"seconds": seconds, "median": statistics.median(seconds),
                                  "answer": describe(result)}
        print("%-16s median %10.4f s of %d runs  %s" % (name, statistics.median(seconds), len(seconds),
                                                     describe(result)), file=sys.stderr)
    text = json.dumps(results, indent=1)
    if args.json:
        with open(args.json, "w") as out:
            out.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
