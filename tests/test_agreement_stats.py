"""Agreement coefficients against worked examples published in the literature, and Krippendorff's α
against the `krippendorff` package (Castro, https://github.com/pln-fing-udelar/fast-krippendorff)."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.agreement.stats import (
    alpha_from_profiles,
    cohen_kappa,
    fleiss_kappa,
    kappa_from_pairs,
    krippendorff_alpha,
)


def _two_by_two(yes_yes: int, yes_no: int, no_yes: int, no_no: int) -> tuple[list[str], list[str]]:
    a = ["yes"] * (yes_yes + yes_no) + ["no"] * (no_yes + no_no)
    b = ["yes"] * yes_yes + ["no"] * yes_no + ["yes"] * no_yes + ["no"] * no_no
    return a, b


# ---------------------------------------------------------------- Cohen's kappa
def test_cohen_kappa_wikipedia_worked_example():
    # Wikipedia "Cohen's kappa", worked example: 50 grant proposals, A and B both say yes 20 times,
    # A yes / B no 5, A no / B yes 10, both no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4 (Cohen 1960 formula).
    a, b = _two_by_two(20, 5, 10, 15)
    assert cohen_kappa(a, b) == pytest.approx(0.4)


@pytest.mark.parametrize("table, expected", [((45, 15, 25, 15), 0.1304), ((25, 35, 5, 35), 0.2593)])
def test_cohen_kappa_wikipedia_same_agreement_different_kappa(table, expected):
    # Wikipedia "Cohen's kappa", section "Same percentages but different numbers": both tables have
    # p_o = 0.60, but kappa = 0.1304 and 0.2593.
    a, b = _two_by_two(*table)
    assert cohen_kappa(a, b) == pytest.approx(expected, abs=5e-5)


def test_cohen_kappa_perfect_and_undefined():
    assert cohen_kappa([1, 2, 3, 1], [1, 2, 3, 1]) == 1.0
    assert math.isnan(cohen_kappa(["x"] * 5, ["x"] * 5))  # p_e = 1: undefined
    with pytest.raises(ValueError):
        cohen_kappa([1, 2], [1])


def _weighted_kappa_matrix(a, b, cats, power):
    # Independent implementation with matrices (Cohen 1968): 1 - sum(W*O) / sum(W*E).
    k = len(cats)
    idx = {c: i for i, c in enumerate(cats)}
    observed = np.zeros((k, k))
    for x, y in zip(a, b):
        observed[idx[x], idx[y]] += 1
    expected = np.outer(observed.sum(1), observed.sum(0)) / observed.sum()
    i, j = np.indices((k, k))
    weights = (np.abs(i - j) / (k - 1)) ** power
    with np.errstate(invalid="ignore", divide="ignore"):
        return 1 - (weights * observed).sum() / (weights * expected).sum()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=3, max_size=40))
def test_weighted_kappa_matches_matrix_formula(pairs):
    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    cats = [1, 2, 3, 4, 5]
    for weights, power in (("linear", 1), ("quadratic", 2)):
        expected = _weighted_kappa_matrix(a, b, cats, power)
        got = cohen_kappa(a, b, weights, categories=cats)
        if math.isnan(expected):
            assert math.isnan(got)
        else:
            assert got == pytest.approx(expected, abs=1e-9)


def test_weighted_kappa_equals_unweighted_for_two_categories():
    a, b = _two_by_two(20, 5, 10, 15)
    assert cohen_kappa(a, b, "linear") == pytest.approx(0.4)
    assert cohen_kappa(a, b, "quadratic") == pytest.approx(0.4)


def test_weighted_kappa_rewards_near_misses():
    a = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]
    near = [2, 1, 4, 3, 4, 1, 2, 3, 4, 5]
    far = [5, 5, 1, 1, 1, 1, 2, 3, 4, 5]
    assert cohen_kappa(a, near, "quadratic") > cohen_kappa(a, far, "quadratic")
    assert cohen_kappa(a, near, "linear") > cohen_kappa(a, far, "linear")


def test_kappa_from_pairs_is_cohen_on_counts():
    assert kappa_from_pairs({("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15}) == \
        pytest.approx(0.4)


# ---------------------------------------------------------------- Fleiss' kappa
FLEISS_WIKIPEDIA = [  # Wikipedia "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def test_fleiss_kappa_wikipedia_worked_example():
    # Fleiss (1971) formula; Wikipedia's table gives P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210.
    assert fleiss_kappa(FLEISS_WIKIPEDIA) == pytest.approx(0.20993, abs=1e-5)


def test_fleiss_kappa_perfect_agreement_and_unequal_ratings():
    # With perfect agreement kappa is 1; unequal numbers of ratings are refused.
    assert fleiss_kappa([[3, 0], [0, 3], [3, 0]]) == 1.0
    with pytest.raises(ValueError):
        fleiss_kappa([[3, 0], [1, 1]])


# ---------------------------------------------------------------- Krippendorff's alpha
N = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
# 12 units, missing values. The paper gives nominal alpha = 0.743; the interval (0.849), ordinal
# (0.815) and ratio (0.797) values below were verified against the `krippendorff` package.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]


@pytest.mark.parametrize("level, expected", [("nominal", 0.743), ("ordinal", 0.815),
                                             ("interval", 0.849), ("ratio", 0.797)])
def test_krippendorff_2011_reliability_data(level, expected):
    assert krippendorff_alpha(KRIPPENDORFF_2011, level) == pytest.approx(expected, abs=5e-4)


def test_krippendorff_2011_binary_two_observers():
    # Krippendorff (2011), section A: two observers, 10 units, binary data: alpha = 0.095.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha([a, b]) == pytest.approx(0.095, abs=5e-4)


def _package(data, level):
    array = np.array([[np.nan if v is None else v for v in row] for row in data], dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return krippendorff.alpha(reliability_data=array, level_of_measurement=level)


def test_krippendorff_2011_matches_package_exactly():
    for level in ("nominal", "ordinal", "interval", "ratio"):
        assert krippendorff_alpha(KRIPPENDORFF_2011, level) == pytest.approx(_package(KRIPPENDORFF_2011, level),
                                                                              abs=1e-12)


@st.composite
def reliability_data(draw):
    coders = draw(st.integers(2, 5))
    units = draw(st.integers(2, 25))
    value = st.none() | st.integers(1, 6)
    return [[draw(value) for _ in range(units)] for _ in range(coders)]


@settings(max_examples=200, deadline=None)
@given(reliability_data(), st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_alpha_matches_krippendorff_package_on_random_data(data, level):
    pairable = sum(1 for column in zip(*data) if sum(v is not None for v in column) >= 2)
    values = {v for row in data for v in row if v is not None}
    if pairable == 0 or len(values) < 2:
        return  # the package raises / divides by zero there; ours returns nan
    ours = krippendorff_alpha(data, level)
    theirs = _package(data, level)
    if math.isnan(theirs):
        assert math.isnan(ours)
    else:
        assert ours == pytest.approx(theirs, abs=1e-9)


def test_alpha_undefined_without_variation_or_pairs():
    assert math.isnan(krippendorff_alpha([[1, 1, 1], [1, 1, 1]]))
    assert math.isnan(krippendorff_alpha([[1, None], [None, 2]]))


def test_alpha_from_profiles_counts_units():
    profiles = {("B-PER", "B-PER", None): 3, ("O", "O", "O"): 90, ("O", "B-PER", "O"): 2}
    data = [[], [], []]
    for profile, n in profiles.items():
        for _ in range(n):
            for c, v in enumerate(profile):
                data[c].append(v)
    assert alpha_from_profiles(profiles) == pytest.approx(_package(
        [[{"O": 0, "B-PER": 1, None: None}[v] for v in row] for row in data], "nominal"), abs=1e-12)


def test_bad_level_and_ordinal_domain():
    with pytest.raises(ValueError):
        krippendorff_alpha([[1, 2], [1, 2]], "cardinal")
    ranked = krippendorff_alpha([["low", "mid", "high"], ["low", "high", "high"]], "ordinal",
                                value_domain=["low", "mid", "high"])
    assert ranked == pytest.approx(_package([[1, 2, 3], [1, 3, 3]], "ordinal"), abs=1e-12)
