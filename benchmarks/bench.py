"""``make bench``: measure what the issues set ratios for, and write BENCHMARKS.md."""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
import synth

from usm_docgen import catalog


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of ``repeat`` runs, each after a full garbage collection."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def bench_validate(work: Path, count: int, repeat: int) -> list[str]:
    root = synth.generate(work / f"validate-{count}", count)
    files = sorted(root.rglob("*.yaml"))
    assert catalog.load(root).model is not None, "the synthetic handbook must be valid"

    def parse_only() -> None:
        for f in files:
            yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)

    def validate() -> None:
        assert not catalog.load(root).diagnostics

    base = timed(parse_only, repeat)
    ours = timed(validate, repeat)
    ratio = statistics.median(ours) / statistics.median(base)
    return [
        f"### Validate {count:,} workflows",
        "",
        f"{len(files):,} files (the workflows plus the six conf files), median of {repeat} runs.",
        "",
        "| what | median s | min s |",
        "| --- | ---: | ---: |",
        f"| parse only: `yaml.load(..., CSafeLoader)` per file | {statistics.median(base):.3f} "
        f"| {min(base):.3f} |",
        f"| `usm-docgen validate` (all layers, in-process) | {statistics.median(ours):.3f} "
        f"| {min(ours):.3f} |",
        "",
        f"**Ratio: {ratio:.2f}×** (goal ≤ 3×).",
        "",
    ]


def _build(work: Path, args: argparse.Namespace) -> list[str]:
    from build_bench import bench_build

    return bench_build(work, args.workflows)


def _site(work: Path, args: argparse.Namespace) -> list[str]:
    from build_bench import bench_site

    return bench_site(work, args.edition_workflows)


SECTIONS: dict[str, Callable[[Path, argparse.Namespace], list[str]]] = {
    "validate": lambda work, args: bench_validate(work, args.workflows, args.repeat),
    "build": _build,
    "site": _site,
}


def splice(lines: list[str], sections: list[list[str]]) -> list[str]:
    """Replace each section (from its ``### `` heading to the next) in ``lines``, matched by
    the heading's first word, or append it when the file has no such section."""
    for section in sections:
        key = section[0].split(":")[0].split()[:2]
        starts = [i for i, line in enumerate(lines) if line.startswith("### ")]
        match = [i for i in starts if lines[i].split(":")[0].split()[:2] == key]
        if not match:
            lines = [*lines, *section]
            continue
        start = match[0]
        end = next((i for i in starts if i > start), len(lines))
        lines = [*lines[:start], *section, *lines[end:]]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    parser.add_argument("--workflows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-build", action="store_true", help="only the validation figures")
    parser.add_argument(
        "--only",
        choices=sorted(SECTIONS),
        action="append",
        help="re-measure only these sections and replace them in the existing --out file "
        "(the others keep their figures); repeatable",
    )
    parser.add_argument(
        "--edition-workflows",
        type=int,
        default=100,
        help="workflows of the handbook whose editions are built (eleven times)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="usm-bench-") as tmp:
        work = Path(tmp)
        chosen = args.only or [
            name for name in SECTIONS if not (args.skip_build and name != "validate")
        ]
        sections = [SECTIONS[name](work, args) for name in chosen]
    header = [
        "# Benchmarks",
        "",
        "Written by `make bench` (benchmarks/bench.py); do not edit by hand. Timings are "
        "wall-clock on the machine below and vary a few percent between runs; the ratios "
        "are what the issues set goals for.",
        "",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, PyYAML {yaml.__version__} "
        f"(libyaml: {yaml.__with_libyaml__})",
        "",
    ]
    if args.only and args.out.exists():
        lines = splice(args.out.read_text("utf-8").splitlines(), sections)
    else:
        lines = header + [line for section in sections for line in section]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
