#!/usr/bin/env python3
"""The peer of `loyalty-metrics rfm`: pandas reads the log, lifetimes 0.11.3 summarises it, pandas writes CSV.

    python3 rfm_lifetimes.py FILE --end 1998-06-30 [--whitespace] [--date-format %Y%m%d]
        [--id-column customer_id] [--date-column date] [--amount-column amount] [--repeat N]

The same work as `loyalty-metrics rfm FILE --end DATE` (weeks): lifetimes'
summary_data_from_transaction_data with freq='D' and freq_multiplier=7, so that recency and T are days / 7
as the tool writes them (freq='W' would count calendar weeks), and monetary_value the mean of the repeat
purchase days. The CSV goes to standard output with lifetimes' own digits, sorted as pandas leaves it.

With --repeat N the pipeline runs N times in this one process, after the imports, and the wall time of
each run (seconds) goes to standard error: the warm figures. The CSV is written once.
"""
import argparse
import io
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--end", required=True)
    parser.add_argument("--whitespace", action="store_true", help="runs of blanks separate the cells")
    parser.add_argument("--date-format", default="%Y-%m-%d")
    parser.add_argument("--id-column", default="customer_id")
    parser.add_argument("--date-column", default="date")
    parser.add_argument("--amount-column", default="amount")
    parser.add_argument("--repeat", type=int, default=0)
    args = parser.parse_args()

    import pandas as pd
    from lifetimes.utils import summary_data_from_transaction_data

    def rfm(out):
        log = pd.read_csv(args.file, sep=r"\s+" if args.whitespace else ",",
                          dtype={args.id_column: str, args.date_column: str})
        log[args.date_column] = pd.to_datetime(log[args.date_column], format=args.date_format)
        summary = summary_data_from_transaction_data(log, args.id_column, args.date_column,
                                                     monetary_value_col=args.amount_column,
                                                     observation_period_end=args.end, freq="D", freq_multiplier=7)
        summary.to_csv(out)

    if args.repeat:
        for _ in range(args.repeat):
            started = time.perf_counter()
            rfm(io.StringIO())
            print(f"{time.perf_counter() - started:.4f}", file=sys.stderr)
    rfm(sys.stdout)


if __name__ == "__main__":
    main()
