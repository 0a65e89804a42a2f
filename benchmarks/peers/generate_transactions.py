#!/usr/bin/env python3
"""A seeded transaction log for the command line's rfm benchmark: customer_id,date,amount.

    python3 generate_transactions.py [--rows 3000000] [--customers 300000] [--seed 13] > transactions.csv

Customers arrive over 2024 (first purchase uniform over the year) and buy until the end of 2025 at a rate
drawn from a gamma distribution (heterogeneous, as the buy-till-you-die models assume): every customer has a
first purchase, the other rows go to customers in proportion to their rates, each on a day uniform between
the customer's first purchase and 2025-12-31. Amounts are the customer's mean spend (log-normal, median
about 25) times a log-normal factor, in cents. Rows are written in date order, ties by customer, as a shop
exports its log. Only the standard library: the same seed gives the same file on any Python 3.
"""
import argparse
import bisect
import datetime
import math
import random
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3_000_000)
    parser.add_argument("--customers", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    if not 0 < args.customers <= args.rows:
        parser.error("--customers must be in 1..--rows")
    rng = random.Random(args.seed)
    start = datetime.date(2024, 1, 1)
    days = (datetime.date(2025, 12, 31) - start).days + 1
    first = [int(rng.random() * 366) for _ in range(args.customers)]
    rate = [rng.gammavariate(0.6, 1.0) for _ in range(args.customers)]
    spend = [math.exp(rng.gauss(3.2, 0.6)) for _ in range(args.customers)]
    cumulative = []
    total = 0.0
    for r in rate:
        total += r
        cumulative.append(total)
    rows = [(first[c], c) for c in range(args.customers)]
    for _ in range(args.rows - args.customers):
        c = min(bisect.bisect_right(cumulative, rng.random() * total), args.customers - 1)
        rows.append((first[c] + int(rng.random() * (days - first[c])), c))
    rows.sort()
    out = sys.stdout
    out.write("customer_id,date,amount\n")
    dates = [(start + datetime.timedelta(days=d)).isoformat() for d in range(days)]
    for day, c in rows:
        cents = max(1, round(100 * spend[c] * math.exp(rng.gauss(0.0, 0.3))))
        out.write(f"C{c:07d},{dates[day]},{cents // 100}.{cents % 100:02d}\n")


if __name__ == "__main__":
    main()
