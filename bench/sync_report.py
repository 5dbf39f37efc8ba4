"""The sync benchmark's figures and the tables it prints (bench/sync_benchmark.py)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.sync_data import Plan, School


def med(rows: Sequence[dict[str, float]], key: str) -> float:
    return statistics.median(row[key] for row in rows)


def spread(values: Sequence[float], unit: str = "", digits: int = 0) -> str:
    """median (min-max)"""
    med, low, high = statistics.median(values), min(values), max(values)
    return f"{med:.{digits}f}{unit} ({low:.{digits}f}-{high:.{digits}f})"


@dataclass
class Figures:
    """What one backend and data set gave, for the tables."""

    backend: str
    plan: Plan
    school: School
    raw_first: int = 0
    first: list[dict[str, float]] = field(default_factory=list)
    noop: list[dict[str, float]] = field(default_factory=list)
    roll_call: list[dict[str, float]] = field(default_factory=list)
    pulled: list[dict[str, float]] = field(default_factory=list)
    per_edit: dict[str, list[float]] = field(default_factory=dict)
    #: reference_ms() before and after the runs.
    reference: list[float] = field(default_factory=list)


def print_byte_check(all_figures: list[Figures]) -> None:
    rows = [
        row
        for f in all_figures
        for row in (*f.first, *f.noop, *f.roll_call, *f.pulled)
        if row["kernel_bytes"] >= 0
    ]
    same = sum(row["kernel_bytes"] == row["bytes"] for row in rows)
    chunked = sum(row["chunked"] for f in all_figures for row in (*f.first, *f.noop))
    print(
        f"\nBytes counted from the HTTP messages equal the kernel's TCP count (TCP_INFO) in "
        f"{same} of {len(rows)} measurements on one kept-alive connection; "
        f"chunked responses: {chunked}."
    )


def print_tables(all_figures: list[Figures]) -> None:
    print(
        "\nmachine (ms): reference_ms() before / after the set's runs, lower is faster; "
        "compare rows whose machine figures are alike."
    )
    print("\n### First full sync (push + pull + divergence check)\n")
    print(
        "| server | records | seconds | of which pull / check | CPU s client / server "
        "| round trips | wire bytes | raw JSON | wire/raw | machine (ms) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for f in all_figures:
        rows = f.first
        wire = statistics.median(r["bytes"] for r in rows)
        print(
            f"| {f.backend}, {f.plan.name} | {int(rows[0]['records']):,} "
            f"| {spread([r['seconds'] for r in rows], digits=2)} "
            f"| {med(rows, 'pull_s'):.2f} / "
            f"{med(rows, 'check_s'):.2f} "
            f"| {med(rows, 'client_cpu'):.1f} / "
            f"{med(rows, 'server_cpu'):.1f} "
            f"| {int(med(rows, 'round_trips'))} "
            f"| {wire:,.0f} | {f.raw_first:,} | {wire / f.raw_first:.2f} "
            f"| {' / '.join(f'{ms:.0f}' for ms in f.reference)} |"
        )
    print("\n### A sync with nothing to do\n")
    print("| server | round trips | bytes (both ways, with headers) | ms |")
    print("|---|---:|---:|---:|")
    for f in all_figures:
        rows = f.noop
        print(
            f"| {f.backend}, {f.plan.name} | {int(med(rows, 'round_trips'))} "
            f"| {int(med(rows, 'bytes')):,} "
            f"| {spread([r['ms'] for r in rows], digits=1)} |"
        )
    print("\n### One roll call (30 marks): saved and synced, then pulled by a colleague\n")
    print(
        "| server | save 30 (ms) | sync (ms) | round trips | bytes | raw JSON | wire/raw "
        "| colleague's sync (ms) | round trips | bytes | wire/raw |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for f in all_figures:
        rows, pulled = f.roll_call, f.pulled
        raw = statistics.median(r["raw"] for r in rows)
        wire = statistics.median(r["bytes"] for r in rows)
        got = statistics.median(r["bytes"] for r in pulled)
        print(
            f"| {f.backend}, {f.plan.name} | {spread([r['save_ms'] for r in rows])} "
            f"| {spread([r['ms'] for r in rows])} "
            f"| {int(med(rows, 'round_trips'))} | {wire:,.0f} | {raw:,.0f} "
            f"| {wire / raw:.2f} | {spread([r['ms'] for r in pulled])} "
            f"| {int(med(pulled, 'round_trips'))} | {got:,.0f} "
            f"| {got / raw:.2f} |"
        )
    print("\n### The outbox's cost per edit (30 edits in one transaction, ms per edit)\n")
    print("| server | save_record create | plain insert | save_record edit | plain update |")
    print("|---|---:|---:|---:|---:|")
    for f in all_figures:
        e = {name: statistics.median(values) for name, values in f.per_edit.items()}
        print(
            f"| {f.backend}, {f.plan.name} | {e['save_create']:.2f} "
            f"| {e['plain_insert']:.2f} | {e['save_edit']:.2f} "
            f"| {e['plain_update']:.2f} |"
        )
