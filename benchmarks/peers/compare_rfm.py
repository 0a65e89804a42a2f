#!/usr/bin/env python3
"""Checks that the tool's rfm CSV and lifetimes' summary agree: the same customers, the same frequency, and
recency, T and monetary_value equal to the six decimals the tool writes (lifetimes' value rounded to six
decimals, with 1e-9 of slack for the rounding of a binary float that lies on a tie).

    python3 compare_rfm.py OURS.csv LIFETIMES.csv
"""
import csv
import sys


def read(path):
    with open(path, newline="") as f:
        return {row["customer_id"]: row for row in csv.DictReader(f)}


def main():
    ours, peer = read(sys.argv[1]), read(sys.argv[2])
    if ours.keys() != peer.keys():
        sys.exit(f"customers differ: {len(ours.keys() - peer.keys())} only in ours, "
                 f"{len(peer.keys() - ours.keys())} only in lifetimes'")
    worst = 0.0
    for customer, row in ours.items():
        other = peer[customer]
        if int(row["frequency"]) != float(other["frequency"]):
            sys.exit(f"customer {customer}: frequency {row['frequency']} against {other['frequency']}")
        for column in ("recency", "T", "monetary_value"):
            difference = abs(float(row[column]) - float(other[column]))
            worst = max(worst, difference)
            if difference > 0.5e-6 + 1e-9:
                sys.exit(f"customer {customer}: {column} {row[column]} against {other[column]}")
    print(f"agree: {len(ours)} customers, largest difference {worst:.2e} (the rounding to six decimals)")


if __name__ == "__main__":
    main()
