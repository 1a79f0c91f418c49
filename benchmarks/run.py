"""Run every benchmark and print `name: value` lines (ratios are against a baseline measured
in the same run, so they compare well across machines).

    python benchmarks/run.py                # quick sizes (noisier ratios; the goals are for --full)
    python benchmarks/run.py --full         # the sizes the README figures use
    python benchmarks/run.py import docbin  # only some (by file name bench_<name>.py)
    python benchmarks/run.py load           # annotators editing at once (bench_load.py --help: --pg URL)
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

FULL_ARGS = {
    "import": ["--n", "100000"],
    "preannotate": ["--n", "10000"],
    "docbin": ["--n", "10000"],
    "agreement": ["--n", "10000"],
    "load": ["--annotators", "20", "--seconds", "60"],
    "live": ["--n", "100000", "--audit", "1000000"],
}
# The quick run (a few minutes each at most): smaller sizes, so its ratios are noisier than the
# table's and a fixed cost weighs more (agreement's ratio is several times the full one); the
# goals are for --full.
QUICK_ARGS = {
    "load": ["--annotators", "5", "--seconds", "10"],
    "preannotate": ["--n", "300"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--full", action="store_true", help="use the README sizes (slow)")
    args = parser.parse_args()
    available = sorted(p.stem[len("bench_"):] for p in HERE.glob("bench_*.py"))
    for name in args.names or available:
        if name not in available:
            sys.exit(f"no benchmark {name!r}; available: {', '.join(available)}")
        print(f"# {name}", flush=True)
        module = importlib.import_module(f"benchmarks.bench_{name}")
        module.main(FULL_ARGS.get(name, []) if args.full else QUICK_ARGS.get(name, []))


if __name__ == "__main__":
    main()
