"""Hostile YAML texts shared by the hostile-input tests and benchmarks/bench_hostile.py."""

from __future__ import annotations


def nested(depth: int) -> str:
    """A flow list nested `depth` deep around one number."""
    return "[" * depth + "1" + "]" * depth


def bomb(levels: int, width: int) -> str:
    """An alias bomb: each of `levels` anchors lists the previous one `width` times."""
    lines = ["b0: &b0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines)
