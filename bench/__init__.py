"""The performance benchmark of issue 7 (`make bench`; not part of `make test`).

    python -m bench [--runs 7] [--levers]

Measures, in one run and side by side: the bare Pyodide floor, the checker (inputs usable, rules
ready, verdicts), bytes per page, the CLI's records per second and the build's cold and warm times.
Writes bench/results/latest.json and bench/LATEST.md, and prints the table.
"""
