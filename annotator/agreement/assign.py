"""Optimal one-to-one matching of intervals (spans, triggers) between two annotators.

Candidates are pairs of overlapping intervals; the caller scores each candidate (or forbids
it). The candidate graph is split into connected components, which are tiny in real text
(an interval overlaps one or two of the other side), and each component is solved exactly
with the Hungarian algorithm (Kuhn–Munkres, O(n²m)). No scipy needed.
"""

from __future__ import annotations

import bisect
from typing import Callable, Sequence

Interval = tuple[int, int]
INF = float("inf")


def hungarian_max(weights: Sequence[Sequence[float | None]]) -> list[tuple[int, int]]:
    """A maximum-weight matching of rows to columns; `None` (or ≤ 0) = the pair may not be matched.

    Pairs with no edge are given weight 0, so with positive edge weights the optimal full
    assignment of the min-cost problem restricted to real edges is the maximum-weight matching.
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if n == 0 or m == 0:
        return []
    transpose = n > m
    if transpose:
        weights = [[weights[i][j] for i in range(n)] for j in range(m)]
        n, m = m, n
    cost = [[-(w or 0.0) if (w is not None and w > 0) else 0.0 for w in row] for row in weights]
    # e-maxx formulation: 1-based rows/columns, u/v potentials, p[j] = row assigned to column j.
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [INF] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = INF
            j1 = 0
            row = cost[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    result = []
    for j in range(1, m + 1):
        i = p[j]
        if i == 0:
            continue
        w = weights[i - 1][j - 1]
        if w is not None and w > 0:
            result.append((j - 1, i - 1) if transpose else (i - 1, j - 1))
    return sorted(result)


def overlapping_pairs(a: Sequence[Interval], b: Sequence[Interval]) -> list[tuple[int, int]]:
    """All (i, j) with a[i] and b[j] overlapping (half-open intervals), without the n·m scan."""
    if not a or not b:
        return []
    order = sorted(range(len(b)), key=lambda j: b[j][0])
    starts = [b[j][0] for j in order]
    longest = max(e - s for s, e in b)
    pairs = []
    for i, (s, e) in enumerate(a):
        lo = bisect.bisect_right(starts, s - longest)
        hi = bisect.bisect_left(starts, e)
        for k in range(lo, hi):
            j = order[k]
            if b[j][1] > s:
                pairs.append((i, j))
    return pairs


def jaccard(x: Interval, y: Interval) -> float:
    inter = min(x[1], y[1]) - max(x[0], y[0])
    if inter <= 0:
        return 0.0
    return inter / (max(x[1], y[1]) - min(x[0], y[0]))


def match_overlapping(a: Sequence[Interval], b: Sequence[Interval],
                      weight: Callable[[int, int], float | None]) -> list[tuple[int, int]]:
    """Optimal one-to-one matching among overlapping pairs; `weight(i, j)` > 0 scores a pair,
    None forbids it. Solved exactly per connected component of the candidate graph."""
    edges = {}
    for i, j in overlapping_pairs(a, b):
        w = weight(i, j)
        if w is not None and w > 0:
            edges[(i, j)] = w
    if not edges:
        return []
    # Union-find over rows (i) and columns (~j) to split into independent components.
    parent: dict[object, object] = {}

    def find(x: object) -> object:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]  # type: ignore[index]
            x = parent[x]
        return x

    for i, j in edges:
        ri, rj = find(("a", i)), find(("b", j))
        if ri != rj:
            parent[ri] = rj
    components: dict[object, list[tuple[int, int]]] = {}
    for key in edges:
        components.setdefault(find(("a", key[0])), []).append(key)
    matched = []
    for comp in components.values():
        if len(comp) == 1:
            matched.append(comp[0])
            continue
        rows = sorted({i for i, _ in comp})
        cols = sorted({j for _, j in comp})
        ri = {i: k for k, i in enumerate(rows)}
        ci = {j: k for k, j in enumerate(cols)}
        grid: list[list[float | None]] = [[None] * len(cols) for _ in rows]
        for (i, j) in comp:
            grid[ri[i]][ci[j]] = edges[(i, j)]
        matched += [(rows[r], cols[c]) for r, c in hungarian_max(grid)]
    return sorted(matched)


def count_first(n_candidates: int, bonus: float) -> float:
    """A weight that maximises the number of matches first and `bonus` (in [0, 1]) second:
    any extra match outweighs the bonuses of all others together."""
    return 1.0 + bonus / (n_candidates + 1)
