#!/usr/bin/env python3
"""Prints the size of the built page and of the single file, raw and gzip -9, against the
budget: the page (every file in dist/) under 160 KB gzip in total.

    python3 scripts/sizes.py [--dist dist] [--single dist-single/xingping.html] [--check]

Over budget it says so (and by how much); with --check (the test command) it then exits 1.
Python 3 standard library only.
"""

import argparse
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_GZIP = 160 * 1024


def sizes(path):
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=9, mtime=0))


def kib(n):
    return f"{n / 1024:.1f} KiB"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dist", default=str(ROOT / "dist"))
    parser.add_argument("--single", default=str(ROOT / "dist-single" / "xingping.html"))
    parser.add_argument("--check", action="store_true", help="exit 1 when the page is over budget")
    args = parser.parse_args()
    dist, single = Path(args.dist), Path(args.single)
    if not (dist / "index.html").is_file():
        print(f"sizes.py: no {dist}/index.html: build first", file=sys.stderr)
        return 1

    row = "{:<48} {:>12} {:>12}"
    print(row.format("file (dist/)", "bytes", "gzip -9"))
    total_raw = total_gz = 0
    for path in sorted(p for p in dist.rglob("*") if p.is_file()):
        raw, gz = sizes(path)
        total_raw += raw
        total_gz += gz
        print(row.format(path.relative_to(dist).as_posix(), raw, gz))
    print(row.format("TOTAL (the page)", total_raw, total_gz))
    if single.is_file():
        raw, gz = sizes(single)
        print(row.format(f"single file: {single.name}", raw, gz))
    else:
        print(f"single file: none at {single}")

    over = total_gz - BUDGET_GZIP
    if over > 0:
        print(f"OVER BUDGET: the page is {kib(total_gz)} gzipped, {kib(over)} over the {kib(BUDGET_GZIP)} budget")
        if args.check:
            return 1
    else:
        print(f"within budget: the page is {kib(total_gz)} gzipped ({kib(-over)} under {kib(BUDGET_GZIP)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
