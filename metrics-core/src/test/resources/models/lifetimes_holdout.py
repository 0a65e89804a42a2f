"""Reference values of the calibration/holdout evaluation of a BG/NBD model on the CDNOW sample,
computed with the Python library lifetimes v0.11.3 (tag v0.11.3 of github.com/CamDavidsonPilon/lifetimes,
with autograd v1.7.0; numpy 1.24.2, scipy 1.10.1, pandas 1.5.3 of Debian 12).

Run from this directory:

    PYTHONPATH=/path/to/lifetimes:/path/to/autograd python3 lifetimes_holdout.py

It writes, next to itself:

- cdnow_holdout_lifetimes_fit.csv        the BG/NBD fit on the calibration part (r, alpha, a, b, LL)
- cdnow_holdout_lifetimes_customers.csv  per customer: calibration_and_holdout_data and
                                         conditional_expected_number_of_purchases_up_to_time
- cdnow_holdout_lifetimes_classes.csv    per calibration-frequency class 0..6, 7+: customers and the
                                         means of the actual and predicted holdout purchases
- cdnow_holdout_lifetimes_tracking.csv   expected_cumulative_transactions, one row per week

Conventions (like for like with the Java evaluation): weeks are days / 7, as in Fader, Hardie & Lee
(2005) and in the published CDNOW summary, which lifetimes gives with freq='D', freq_multiplier=7
(periods of one day, times divided by 7). With freq='W' lifetimes would instead map every date to
its calendar week (Monday to Sunday) and count whole weeks between week starts: several purchases
in one week would count once and recency and T would be integers (see the README).
"""
import os

import numpy as np
import pandas as pd

import lifetimes
from lifetimes import BetaGeoFitter
from lifetimes.utils import calibration_and_holdout_data, expected_cumulative_transactions

HERE = os.path.dirname(os.path.abspath(__file__))
CALIBRATION_END = "1997-09-30"
OBSERVATION_END = "1998-06-30"

assert lifetimes.__version__ == "0.11.3", lifetimes.__version__

rows = []
with open(os.path.join(HERE, "..", "cdnow", "CDNOW_sample.txt")) as f:
    for line in f:
        if line.strip():
            master, sample, date, cds, dollars = line.split()
            rows.append((int(sample), pd.Timestamp(date)))
transactions = pd.DataFrame(rows, columns=["id", "date"])

summary = calibration_and_holdout_data(transactions, "id", "date", calibration_period_end=CALIBRATION_END,
                                       observation_period_end=OBSERVATION_END, freq="D", freq_multiplier=7)
summary = summary.sort_index()
duration = summary["duration_holdout"].iloc[0]
assert duration == 39.0, duration

# lifetimes' default tolerance (gtol 1e-7 of BFGS on the mean negative log-likelihood in log-parameters)
# leaves the estimates a few 1e-6 from the maximum; the tight tolerance takes them to the maximum.
bgf = BetaGeoFitter()
bgf.fit(summary["frequency_cal"], summary["recency_cal"], summary["T_cal"], tol=1e-12)
r, alpha, a, b = (bgf.params_[k] for k in ("r", "alpha", "a", "b"))


def log_likelihood(params):
    """The log-likelihood in weeks (lifetimes fits on times rescaled by _scale_time; this is unscaled)."""
    return -len(summary) * BetaGeoFitter._negative_log_likelihood(
        np.log(np.array(params)), summary["frequency_cal"].values.astype(int), summary["recency_cal"].values,
        summary["T_cal"].values, np.ones(len(summary)), 0.0)


ll = log_likelihood([r, alpha, a, b])
default = BetaGeoFitter().fit(summary["frequency_cal"], summary["recency_cal"], summary["T_cal"])
with open(os.path.join(HERE, "cdnow_holdout_lifetimes_fit.csv"), "w") as f:
    f.write("fit,r,alpha,a,b,log_likelihood\n")
    f.write("tol=1e-12,%r,%r,%r,%r,%r\n" % (r, alpha, a, b, ll))
    f.write("default,%r,%r,%r,%r,%r\n" % (tuple(default.params_[k] for k in ("r", "alpha", "a", "b"))
                                           + (log_likelihood([default.params_[k] for k in ("r", "alpha", "a", "b")]),)))

summary["predicted"] = bgf.conditional_expected_number_of_purchases_up_to_time(
    duration, summary["frequency_cal"], summary["recency_cal"], summary["T_cal"])
with open(os.path.join(HERE, "cdnow_holdout_lifetimes_customers.csv"), "w") as f:
    f.write("id,frequency_cal,recency_cal,T_cal,frequency_holdout,duration_holdout,predicted\n")
    for i, row in summary.iterrows():
        f.write("%d,%d,%r,%r,%d,%r,%r\n" % (i, row["frequency_cal"], row["recency_cal"], row["T_cal"],
                                          row["frequency_holdout"], row["duration_holdout"], row["predicted"]))

# Figure 4 of Fader, Hardie & Lee (2005): classes 0..6 and 7+ of the calibration frequency (lifetimes'
# plot_calibration_purchases_vs_holdout_purchases groups by frequency_cal the same way, without the 7+).
summary["class"] = summary["frequency_cal"].clip(upper=7).astype(int)
classes = summary.groupby("class").agg(customers=("predicted", "size"), actual=("frequency_holdout", "mean"),
                                       predicted=("predicted", "mean"))
with open(os.path.join(HERE, "cdnow_holdout_lifetimes_classes.csv"), "w") as f:
    f.write("class,customers,actual,predicted\n")
    for k, row in classes.iterrows():
        f.write("%s,%d,%r,%r\n" % ("7+" if k == 7 else str(k), row["customers"], row["actual"], row["predicted"]))

# Figure 3: 78 weeks (546 days) from the first purchase of the cohort, 1997-01-01, to 1998-06-30.
days = (pd.Timestamp(OBSERVATION_END) - transactions["date"].min()).days + 1
assert days == 546, days
tracking = expected_cumulative_transactions(bgf, transactions, "date", "id", days, freq="D", freq_multiplier=7)
with open(os.path.join(HERE, "cdnow_holdout_lifetimes_tracking.csv"), "w") as f:
    f.write("week,actual,predicted\n")
    for k, row in tracking.iterrows():
        f.write("%d,%d,%r\n" % (k + 1, row["actual"], row["predicted"]))

print("BG/NBD r=%r alpha=%r a=%r b=%r LL=%r" % (r, alpha, a, b, ll))
print("default tol:", dict(default.params_))
print(classes)
print(tracking.tail(3))
