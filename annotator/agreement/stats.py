"""Chance-corrected agreement coefficients: Cohen's κ, Fleiss' κ, Krippendorff's α.

Pure Python. Each coefficient has a "from counts" form (`kappa_from_pairs`,
`alpha_from_profiles`) so the report builders can accumulate counts document by document
and never hold a corpus-sized matrix; the list forms are thin wrappers over them.

A coefficient is undefined when the expected disagreement is zero (every rating is the same
category); the functions then return `math.nan`, which the report writes as `null`.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any, Callable, Hashable, Iterable, Mapping, Sequence

LEVELS = ("nominal", "ordinal", "interval", "ratio")
WEIGHTS = (None, "linear", "quadratic")


# --------------------------------------------------------------------------- Cohen's kappa
def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable], weights: str | None = None,
                categories: Sequence[Hashable] | None = None) -> float:
    """Cohen's kappa of two raters who each rated the same N items.

        κ = (p_o − p_e) / (1 − p_e)
        p_o = Σ_k n_kk / N                         (observed agreement)
        p_e = Σ_k (n_k· / N)(n_·k / N)             (agreement expected by chance)

    Weighted (Cohen 1968), with categories in order 0..K−1 (`categories`, else sorted):

        κ_w = 1 − Σ_ij w_ij o_ij / Σ_ij w_ij e_ij,   e_ij = n_i· n_·j / N
        w_ij = |i − j| / (K − 1)         for weights="linear"
        w_ij = (i − j)² / (K − 1)²       for weights="quadratic"

    (with w_ij = [i ≠ j] the weighted form equals the unweighted one).
    """
    if len(a) != len(b):
        raise ValueError(f"the two raters rated {len(a)} and {len(b)} items; they must rate the same items")
    return kappa_from_pairs(Counter(zip(a, b)), weights, categories)


def kappa_from_pairs(pairs: Mapping[tuple[Hashable, Hashable], int], weights: str | None = None,
                     categories: Sequence[Hashable] | None = None) -> float:
    """Cohen's kappa from a contingency table {(rating_a, rating_b): count}."""
    if weights not in WEIGHTS:
        raise ValueError(f"weights must be one of {WEIGHTS}, not {weights!r}")
    total = sum(pairs.values())
    if total == 0:
        return math.nan
    rows: Counter = Counter()
    cols: Counter = Counter()
    for (x, y), n in pairs.items():
        rows[x] += n
        cols[y] += n
    if weights is None:
        p_o = sum(n for (x, y), n in pairs.items() if x == y) / total
        p_e = sum(rows[k] * cols[k] for k in rows) / (total * total)
        return math.nan if p_e == 1 else (p_o - p_e) / (1 - p_e)
    cats = list(categories) if categories is not None else sorted(set(rows) | set(cols))
    index = {c: i for i, c in enumerate(cats)}
    missing = (set(rows) | set(cols)) - set(index)
    if missing:
        raise ValueError(f"ratings {sorted(map(str, missing))} are not among the categories given")
    span = max(len(cats) - 1, 1)
    power = 1 if weights == "linear" else 2

    def w(x: Hashable, y: Hashable) -> float:
        return (abs(index[x] - index[y]) / span) ** power

    observed = sum(w(x, y) * n for (x, y), n in pairs.items()) / total
    expected = sum(w(x, y) * rows[x] * cols[y] for x in rows for y in cols) / (total * total)
    return math.nan if expected == 0 else 1 - observed / expected


# --------------------------------------------------------------------------- Fleiss' kappa
def fleiss_kappa(table: Sequence[Sequence[int]]) -> float:
    """Fleiss' kappa; `table[i][k]` = number of raters who put subject i in category k.
    Every subject must have the same number of ratings n.

        P_i = (Σ_k n_ik² − n) / (n (n − 1))          agreement on subject i
        P̄   = (1/N) Σ_i P_i
        p_k = Σ_i n_ik / (N n)                        share of category k
        P̄_e = Σ_k p_k²
        κ   = (P̄ − P̄_e) / (1 − P̄_e)
    """
    if not table:
        return math.nan
    n = sum(table[0])
    if n < 2:
        raise ValueError("each subject needs at least two ratings")
    width = len(table[0])
    for i, row in enumerate(table):
        if len(row) != width or sum(row) != n:
            raise ValueError(f"subject {i} has {sum(row)} ratings in {len(row)} categories; "
                             f"every subject needs {n} ratings in {width} categories")
    subjects = len(table)
    p_bar = sum((sum(c * c for c in row) - n) / (n * (n - 1)) for row in table) / subjects
    shares = [sum(row[k] for row in table) / (subjects * n) for k in range(width)]
    p_e = sum(p * p for p in shares)
    return math.nan if p_e == 1 else (p_bar - p_e) / (1 - p_e)


# --------------------------------------------------------------------------- Krippendorff's alpha
def krippendorff_alpha(data: Sequence[Sequence[Any]], level: str = "nominal",
                       value_domain: Sequence[Any] | None = None) -> float:
    """Krippendorff's alpha; `data[c][u]` = the value coder c gave unit u, `None` if missing.

    Following Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
    units with fewer than two values are not pairable and are dropped; the coincidence
    matrix counts, within each unit u with m_u values, every ordered pair of values from
    different coders with weight 1 / (m_u − 1):

        o_ck = Σ_u Σ_{i≠j} [v_ui = c][v_uj = k] / (m_u − 1),   n_c = Σ_k o_ck,   n = Σ_c n_c
        α    = 1 − D_o / D_e = 1 − (n − 1) Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck

    with the difference function of the level of measurement:
        nominal   δ²_ck = [c ≠ k]
        ordinal   δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k) / 2)²   (values ranked by `value_domain`,
                                                                 else sorted)
        interval  δ²_ck = (c − k)²
        ratio     δ²_ck = ((c − k) / (c + k))²
    """
    if not data:
        return math.nan
    width = len(data[0])
    if any(len(row) != width for row in data):
        raise ValueError("every coder needs one value (or None) per unit")
    return alpha_from_profiles(Counter(zip(*data)), level, value_domain)


def alpha_from_profiles(profiles: Mapping[tuple[Any, ...], int], level: str = "nominal",
                        value_domain: Sequence[Any] | None = None) -> float:
    """Krippendorff's alpha from {unit's values across coders (None = missing): number of such units}.

    α depends on the data only through these unit profiles, and real data has few distinct
    ones (most tokens are 'O' for everybody), so counting them first is what makes α cheap
    on millions of units."""
    coincidence = coincidences(profiles)
    return alpha_from_coincidences(coincidence, level, value_domain)


def coincidences(profiles: Mapping[tuple[Any, ...], int]) -> dict[tuple[Any, Any], float]:
    """The coincidence matrix {(c, k): o_ck} of unit profiles (see `krippendorff_alpha`)."""
    matrix: dict[tuple[Any, Any], float] = {}
    for profile, units in profiles.items():
        counts = Counter(v for v in profile if v is not None)
        m = sum(counts.values())
        if m < 2:
            continue
        scale = units / (m - 1)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_c - 1) if c == k else n_c * n_k
                if pairs:
                    matrix[(c, k)] = matrix.get((c, k), 0.0) + pairs * scale
    return matrix


def alpha_from_coincidences(matrix: Mapping[tuple[Any, Any], float], level: str = "nominal",
                            value_domain: Sequence[Any] | None = None) -> float:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    marginals: dict[Any, float] = {}
    for (c, _k), o in matrix.items():
        marginals[c] = marginals.get(c, 0.0) + o
    n = sum(marginals.values())
    if n <= 1:
        return math.nan
    delta = _difference(level, marginals, value_domain)
    observed = sum(o * delta(c, k) for (c, k), o in matrix.items())
    values = list(marginals)
    expected = sum(marginals[c] * marginals[k] * delta(c, k) for c in values for k in values)
    if expected == 0:
        return math.nan
    return 1 - (n - 1) * observed / expected


def _difference(level: str, marginals: Mapping[Any, float],
                value_domain: Sequence[Any] | None) -> Callable[[Any, Any], float]:
    if level == "nominal":
        return lambda c, k: 0.0 if c == k else 1.0
    if level == "interval":
        return lambda c, k: float(c - k) ** 2
    if level == "ratio":
        return lambda c, k: 0.0 if c == k else ((c - k) / (c + k)) ** 2
    domain = list(value_domain) if value_domain is not None else sorted(marginals)
    unknown = set(marginals) - set(domain)
    if unknown:
        raise ValueError(f"values {sorted(map(str, unknown))} are not in the value domain")
    rank = {v: i for i, v in enumerate(domain)}
    # cumulative[i] = Σ n_g for g ranked below i, so Σ_{g=c..k} n_g is one subtraction.
    cumulative = [0.0]
    for v in domain:
        cumulative.append(cumulative[-1] + marginals.get(v, 0.0))

    def ordinal(c: Any, k: Any) -> float:
        lo, hi = sorted((rank[c], rank[k]))
        between = cumulative[hi + 1] - cumulative[lo]
        return (between - (marginals.get(c, 0.0) + marginals.get(k, 0.0)) / 2) ** 2

    return ordinal


def safe(value: float | None, digits: int = 6) -> float | None:
    """A statistic for JSON: rounded, and `None` where it is undefined (nan)."""
    if value is None or math.isnan(value):
        return None
    return round(value, digits)


def f1(tp: int | float, only_a: int | float, only_b: int | float) -> float | None:
    """Symmetric F1 of two annotations = 2·agreed / (|A| + |B|); None when both are empty."""
    denominator = 2 * tp + only_a + only_b
    return None if denominator == 0 else 2 * tp / denominator


def prf(tp: int | float, fp: int | float, fn: int | float) -> dict[str, Any]:
    """Precision, recall and F1 with the counts they come from (None where undefined)."""
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    score = f1(tp, fp, fn)
    return {"tp": tp, "fp": fp, "fn": fn,
            "precision": safe(precision), "recall": safe(recall), "f1": safe(score)}


def iter_pairs(names: Iterable[str]) -> list[tuple[str, str]]:
    names = list(names)
    return [(a, b) for i, a in enumerate(names) for b in names[i + 1:]]
