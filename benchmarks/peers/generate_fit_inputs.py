#!/usr/bin/env python3
"""The simulated inputs of the side-by-side fits and predictions (fits_side_by_side.py), seeded.

    python3 generate_fit_inputs.py OUTPUT_DIRECTORY

writes, with numpy's default generator (PCG64) and fixed seeds, so that the same numpy gives the same files:

- bgnbd-1e6.csv: 10^6 customers of the BG/NBD model with the CDNOW estimates (r = 0.243, alpha = 4.414,
  a = 0.793, b = 2.426, weeks), customer i observed for T = 26 + 13 i / 10^6 weeks (seed 42);
- pareto-1e5.csv: 10^5 customers of the Pareto/NBD model with the CDNOW estimates (r = 0.553,
  alpha = 10.578, s = 0.606, beta = 11.669), T = 26 + 13 i / 10^5 weeks (seed 43).

Columns x (repeat purchases), t_x (recency) and T (age), in weeks, each number written with the 17
significant digits that read back to the same double in Java and Python. The simulation follows the
models' stories (Fader, Hardie & Lee 2005; Schmittlein, Morrison & Colombo 1987), vectorised:

- BG/NBD: lambda ~ gamma(r, rate alpha), p ~ beta(a, b); exponential gaps of rate lambda until the next
  purchase falls after T or the customer drops out (probability p after each repeat purchase);
- Pareto/NBD: lambda ~ gamma(r, rate alpha), mu ~ gamma(s, rate beta), lifetime tau ~ exponential(mu);
  x ~ Poisson(lambda min(tau, T)) and, given x > 0, t_x is the largest of x uniform times on
  [0, min(tau, T)], that is min(tau, T) U^(1/x).
"""
import os
import sys

import numpy as np

BGNBD = dict(r=0.243, alpha=4.414, a=0.793, b=2.426)
PARETO = dict(r=0.553, alpha=10.578, s=0.606, beta=11.669)


def ages(n):
    return 26.0 + 13.0 * np.arange(n) / n


def simulate_bgnbd(n, seed, r, alpha, a, b):
    rng = np.random.default_rng(seed)
    T = ages(n)
    lam = rng.gamma(r, 1.0 / alpha, n)
    p = rng.beta(a, b, n)
    x = np.zeros(n, dtype=np.int64)
    last = np.zeros(n)
    time = np.zeros(n)
    active = np.arange(n)
    while active.size:
        time[active] += rng.exponential(1.0, active.size) / lam[active]
        bought = time[active] <= T[active]
        active = active[bought]
        x[active] += 1
        last[active] = time[active]
        stays = rng.random(active.size) >= p[active]
        active = active[stays]
    return x, last, T


def simulate_pareto(n, seed, r, alpha, s, beta):
    rng = np.random.default_rng(seed)
    T = ages(n)
    lam = rng.gamma(r, 1.0 / alpha, n)
    mu = rng.gamma(s, 1.0 / beta, n)
    lifetime = rng.exponential(1.0, n) / mu
    end = np.minimum(lifetime, T)
    x = rng.poisson(lam * end)
    u = rng.random(n)
    last = np.where(x > 0, end * u ** (1.0 / np.maximum(x, 1)), 0.0)
    return x, last, T


def write(path, x, last, T):
    with open(path, "w") as out:
        out.write("x,t_x,T\n")
        for xi, ti, Ti in zip(x.tolist(), last.tolist(), T.tolist()):
            out.write("%d,%r,%r\n" % (xi, ti, Ti))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    directory = sys.argv[1]
    os.makedirs(directory, exist_ok=True)
    write(os.path.join(directory, "bgnbd-1e6.csv"), *simulate_bgnbd(1_000_000, 42, **BGNBD))
    write(os.path.join(directory, "pareto-1e5.csv"), *simulate_pareto(100_000, 43, **PARETO))
    print("wrote bgnbd-1e6.csv and pareto-1e5.csv to " + directory + " (numpy " + np.__version__ + ")",
          file=sys.stderr)


if __name__ == "__main__":
    main()
