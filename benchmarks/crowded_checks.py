"""How long the checks take on many figures of one area and one day (SINTETIS, never real data).

    python benchmarks/crowded_checks.py --figures 230000

The figures are invented, as tests/checks/test_check_scaling.py makes them: one branch office
of tests/fixtures/mini, one day, one source, the indicators in turn. A check that compares each figure of a group with every other takes
minutes here (230,000 figures did not finish in 300 s); a linear one takes seconds.
Prints `name=value` lines. Asserts nothing: tests/checks/test_check_scaling.py counts reads.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.checks import run_checks  # noqa: E402
from generator.dataset.load import load_dataset  # noqa: E402
from generator.memory import collector_paused  # noqa: E402
from tests.checks.test_check_scaling import crowded_figure  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=230_000)
    parser.add_argument("--area", default="kantor-cabang-blitar")
    args = parser.parse_args()
    mini = load_dataset(ROOT / "tests" / "fixtures" / "mini")
    figures = tuple(crowded_figure(args.area, i) for i in range(args.figures))
    dataset = dataclasses.replace(mini, figures=figures)
    with collector_paused():  # as in a build
        started = time.perf_counter()
        findings = run_checks(dataset, date(2026, 11, 30))
        seconds = time.perf_counter() - started
    print(f"figures={args.figures}")
    print(f"findings={len(findings)}")
    print(f"checks_s={seconds:.1f}")


if __name__ == "__main__":
    main()
