"""Reference values for the contractual-cohort tests (MultiCohortRetentionModelTest,
BetaDiscreteWeibullModelTest): maximum-likelihood fits of the sBG and BdW models to the two segments of
Fader & Hardie (2007), "How to Project Customer Retention", computed in 40-digit arithmetic with mpmath,
written here from the models' definitions (Fader & Hardie 2007, eq. 1-3; Fader, Hardie, Liu, Davin &
Steenburgh 2018, eq. 5-6):

    S(t) = B(gamma, delta + t^c) / B(gamma, delta)      (the sBG at c = 1, alpha = gamma, beta = delta)
    LL   = sum_t lost(t) ln(S(t-1) - S(t)) + alive(n) ln S(n)

The maximum is found by Newton's method on the gradient (mpmath.findroot, derivatives by mpmath.diff in
40 digits) from scipy's Nelder-Mead point; the standard errors are the square roots of the diagonal of the
inverse of the negative Hessian (observed information) in the parameters themselves. The DERL values are
mpmath.nsum of sum_{t>=n} S(t)/S(n-1) (1+d)^-(t-n).

Run: python3 contractual_cohorts_mpmath.py > contractual_cohorts_mpmath.csv
(mpmath 1.3.0, scipy 1.10.1 on Debian 12; output: name,value with 17 significant digits.)
"""
import mpmath as mp
from scipy.optimize import minimize

mp.mp.dps = 40

REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173]
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394]


def survival(theta, t):
    g, d, c = theta
    if t == 0:
        return mp.mpf(1)
    return mp.beta(g, d + mp.power(t, c)) / mp.beta(g, d)


def loglik(theta, cohorts):
    total = mp.mpf(0)
    for alive in cohorts:
        s = [survival(theta, t) for t in range(len(alive))]
        for t in range(1, len(alive)):
            lost = alive[t - 1] - alive[t]
            if lost:
                total += lost * mp.log(s[t - 1] - s[t])
        total += alive[-1] * mp.log(s[-1])
    return total


def fit(cohorts, bdw):
    def wrap(x):
        return list(x) + ([] if bdw else [1])

    def negative(x):
        if min(x) <= 0:
            return 1e300
        return -float(loglik(wrap([mp.mpf(v) for v in x]), cohorts))

    start = minimize(negative, [1.0, 1.0, 1.0] if bdw else [1.0, 1.0], method="Nelder-Mead",
                     options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000}).x
    k = len(start)

    def f(*x):
        return loglik(wrap(x), cohorts)

    def grad(*x):
        return [mp.diff(f, x, tuple(1 if j == i else 0 for j in range(k))) for i in range(k)]

    x = mp.findroot(grad, [mp.mpf(v) for v in start])
    x = [x[i] for i in range(k)]
    hessian = mp.matrix(k, k)
    for i in range(k):
        for j in range(k):
            order = [0] * k
            order[i] += 1
            order[j] += 1
            hessian[i, j] = mp.diff(f, x, tuple(order))
    covariance = (-hessian) ** -1
    return x, f(*x), [mp.sqrt(covariance[i, i]) for i in range(k)]


def derl(theta, renewals, rate):
    n = renewals + 1
    base = survival(theta, n - 1)
    return mp.nsum(lambda j: survival(theta, n + int(j)) / base / (1 + rate) ** j, [0, mp.inf])


def show(name, value):
    print("%s,%s" % (name, mp.nstr(value, 17)))


print("name,value")
for segment, alive in (("regular", REGULAR), ("highend", HIGH_END)):
    for years in (7, 4):
        data = [alive[:years + 1]]
        x, ll, se = fit(data, False)
        for label, v, e in zip(("alpha", "beta"), x, se):
            show("sbg_%s_%d_%s" % (segment, years, label), v)
            show("sbg_%s_%d_se_%s" % (segment, years, label), e)
        show("sbg_%s_%d_ll" % (segment, years), ll)
        x, ll, se = fit(data, True)
        for label, v, e in zip(("gamma", "delta", "c"), x, se):
            show("bdw_%s_%d_%s" % (segment, years, label), v)
            show("bdw_%s_%d_se_%s" % (segment, years, label), e)
        show("bdw_%s_%d_ll" % (segment, years), ll)
        if years == 7:
            for renewals in (0, 4):
                show("bdw_%s_%d_derl_%d" % (segment, years, renewals), derl(x + [], renewals, mp.mpf("0.1")))

# both segments as two cohorts of one sBG with shared parameters (years 0..7)
x, ll, se = fit([REGULAR[:8], HIGH_END[:8]], False)
for label, v, e in zip(("alpha", "beta"), x, se):
    show("sbg_shared_7_%s" % label, v)
    show("sbg_shared_7_se_%s" % label, e)
show("sbg_shared_7_ll", ll)
x, ll, se = fit([REGULAR[:8], HIGH_END[:8]], True)
for label, v, e in zip(("gamma", "delta", "c"), x, se):
    show("bdw_shared_7_%s" % label, v)
show("bdw_shared_7_ll", ll)
