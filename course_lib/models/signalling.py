"""A small, **illustrative** ODE model of IGF-1 receptor signalling.

It is a teaching model: it reproduces the *shape* of what is known about the
pathway, not measured numbers. Every parameter, with its evidence level, is in
``course_lib/data/signalling_parameters.csv``; most are teaching assumptions.

The experiment it mimics: cells kept without IGF-1 receive a step of free IGF-1
(``igf1_nM``) at time 0 and are followed for ``duration_min`` minutes. All
species are activities scaled from 0 (off) to 1 (maximal)::

    occupancy    theta = D / (D + Kd)            Kd of IGF-1 at IGF-1R (receptors table, 0.86 nM)
    receptor     dR/dt = k_rec (theta - R)   (solved exactly)    autophosphorylation (< 1 min)
    IRS/PI3K     dI/dt = k_i 2b R (1 - I) / (1 + f_S6K M) - k_i' I   feedback from S6K1
    Akt          dA/dt = k_a I (1 - A) - k_a' A
    mTORC1/S6K   dM/dt = k_m N (m0 + A) (1 - M) - k_m' M          needs amino acids N
    autophagy    dP/dt = k_p ((1 - w) (1 - M) + w F - P)          two brakes: mTORC1 and Akt via FOXO
    Shc/Ras      dK/dt = k_r 2(1-b) R (1 - K) / (1 + f_E X) - k_r' K
    ERK          dE/dt = k_e K (1 - E) - k_e' E
    ERK feedback dX/dt = k_x E (1 - X) - k_x' X                   makes ERK adapt
    nuclear FOXO dF/dt = k_f (1 - F) - k_f' A F                   Akt excludes FOXO from the nucleus

``N`` is the nutrient (amino-acid) state, 0 = starved, 1 = fed; ``b`` is the
pathway balance, the share of receptor output routed to IRS/PI3K rather than
Shc/Ras (0.5 = equal); ``w`` is the share of the autophagy drive that comes from
nuclear FOXO rather than from the absence of mTORC1. Before the step the cells sit
at the IGF-1-free steady state for their nutrient state (FOXO all nuclear, F = 1).

Autophagy therefore has two brakes, as in muscle: mTORC1 (which keeps Ulk1 off,
``kim2011``) and Akt's phosphorylation of FOXO, which keeps FOXO out of the
nucleus so that autophagy genes are not transcribed (``mammucari2007``: in mouse
muscle Akt blocked FoxO3 and autophagy even under rapamycin). With mTORC1 blocked,
a rise in Akt still lowers autophagy through F. The three FOXO parameters are
teaching assumptions; the model does not contain the atrogenes that FOXO also
drives (``sandri2004``), nor the hours-long delay of transcription.

What it reproduces, qualitatively: receptor phosphorylation within a minute
(``hers2007``, platelets, cell culture); Akt peaking about 10 min and staying
up, ERK peaking about 6 min and then adapting (typical shapes, remembered
rather than verified, so shown only as shapes); the S6K1 to IRS-1 feedback
(``um2004``); amino acids gating mTORC1 (``efeyan2013``); mTORC1 suppressing
autophagy (``kim2011``); and Akt lowering autophagy through FOXO even with
mTORC1 held off (``mammucari2007``), shown only in direction.

What is built in rather than reproduced: receptor activation is half-maximal
at the Kd, because ``theta = D / (D + Kd)``; so agreement with Rubin et al.
1983 (``rubin1983``: ED50 close to Kd, cell-free) is circular *in this model*.
The Kd itself is a measured EC50 of IGF-1R autophosphorylation, 0.86 nM
(``janssen2016``), so the receptor EC50 equals it by construction. Downstream
EC50s fall below the Kd only because the illustrative rate constants saturate
each step; that left-shift is not a measurement. :func:`anchor_table` lists the
anchors beside the model's values (unit 02's model card).

>>> df = simulate(100.0, duration_min=60, n_points=61)
>>> list(df.columns)[:4]
['time_min', 'receptor', 'irs_pi3k', 'akt']
>>> bool(df["receptor"].iloc[-1] > 0.95)
True
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd
from scipy.integrate import solve_ivp

from .. import data
from .._validate import choice, frame, integer, real

__all__ = [
    "SPECIES",
    "READOUTS",
    "default_parameters",
    "simulate",
    "dose_response",
    "ec50",
    "dose_grid",
    "peak",
    "anchor_table",
]

_TABLE = "signalling_parameters"

#: Model species, in the column order of :func:`simulate`.
SPECIES: tuple[str, ...] = (
    "receptor",
    "irs_pi3k",
    "akt",
    "mtorc1_s6k",
    "autophagy",
    "shc_ras",
    "erk",
    "erk_feedback",
    "foxo",
)

#: The four readouts a learner follows, with their display names.
READOUTS: dict[str, str] = {
    "akt": "Akt (PI3K branch)",
    "erk": "ERK (Ras/MAPK branch)",
    "mtorc1_s6k": "mTORC1 / S6K",
    "autophagy": "autophagy (inverse readout)",
}

_RATE_KEYS = (
    "k_receptor_per_min",
    "k_irs_on_per_min",
    "k_irs_off_per_min",
    "s6k_feedback_strength",
    "k_akt_on_per_min",
    "k_akt_off_per_min",
    "k_mtorc1_on_per_min",
    "mtorc1_nutrient_basal",
    "k_mtorc1_off_per_min",
    "k_autophagy_per_min",
    "k_ras_on_per_min",
    "k_ras_off_per_min",
    "k_erk_on_per_min",
    "k_erk_off_per_min",
    "k_erk_feedback_on_per_min",
    "k_erk_feedback_off_per_min",
    "erk_feedback_strength",
    "k_foxo_import_per_min",
    "k_foxo_export_per_min",
    "foxo_autophagy_weight",
)


def default_parameters() -> dict[str, float]:
    """The model's rate constants and the receptor Kd, read from the data tables (a new dict)."""
    p = {k: data.parameter(_TABLE, k) for k in _RATE_KEYS}
    p["kd_nM"] = data.parameter("receptor_parameters", "kd_igf1r_igf1_nM")
    return p


def _dose_max() -> float:
    return data.parameter("receptor_parameters", "slider_max_nM")


def _checked_parameters(parameters) -> dict[str, float]:
    p = default_parameters()
    if parameters is None:
        return p
    if not isinstance(parameters, dict):
        raise TypeError(f"parameters must be a dict of parameter name to value; got {parameters!r}.")
    for key, value in parameters.items():
        choice(key, name="parameters key", choices=list(p))
        low_open = key in ("kd_nM",) or key.startswith("k_")
        p[key] = real(
            value,
            name=key,
            unit="its unit in data/signalling_parameters.csv",
            low=0,
            low_open=low_open,
            high=1 if key == "foxo_autophagy_weight" else None,
            allow_array=False,
        )
    return p


def _inputs(nutrients, balance):
    n = data.parameter(_TABLE, "default_nutrients") if nutrients is None else nutrients
    b = data.parameter(_TABLE, "default_balance") if balance is None else balance
    n = real(n, name="nutrients", unit="fraction (0 = starved, 1 = fed)", low=0, high=1, allow_array=False)
    b = real(b, name="balance", unit="fraction of receptor output to IRS/PI3K", low=0, high=1, allow_array=False)
    return n, b


_N_ODE = len(SPECIES) - 1  # the receptor has an exact solution; the other eight species are integrated
#: Species whose response to IGF-1 is a fall (a suppression), not a rise.
_FALLING = ("autophagy", "foxo")


def _initial_state(n: float, p: dict, size: int) -> np.ndarray:
    drive = p["k_mtorc1_on_per_min"] * n * p["mtorc1_nutrient_basal"]
    m0 = drive / (drive + p["k_mtorc1_off_per_min"])
    y0 = np.zeros((size, _N_ODE))  # one row per dose: the Jacobian is block-diagonal (banded)
    w = p["foxo_autophagy_weight"]
    y0[:, 2] = m0
    y0[:, 3] = (1.0 - w) * (1.0 - m0) + w  # FOXO fully nuclear (F = 1) before IGF-1
    y0[:, 7] = 1.0
    return y0.ravel()


def _receptor(t, theta, k_rec):
    """Exact solution of dR/dt = k_rec (theta - R), R(0) = 0, for a step of IGF-1 at t = 0."""
    return theta * -np.expm1(-k_rec * t)


def _rhs(t, y, theta, n, b, k):
    (
        k_rec,
        k_ion,
        k_ioff,
        f_s6k,
        k_aon,
        k_aoff,
        k_mon,
        m0,
        k_moff,
        k_aut,
        k_ron,
        k_roff,
        k_eon,
        k_eoff,
        k_xon,
        k_xoff,
        f_erk,
        k_fin,
        k_fout,
        w_foxo,
    ) = k
    r = _receptor(t, theta, k_rec)
    i, a, m, ph, kr, e, x, f = y.reshape(-1, _N_ODE).T
    return np.stack(
        (
            k_ion * 2.0 * b * r * (1.0 - i) / (1.0 + f_s6k * m) - k_ioff * i,
            k_aon * i * (1.0 - a) - k_aoff * a,
            k_mon * n * (m0 + a) * (1.0 - m) - k_moff * m,
            k_aut * ((1.0 - w_foxo) * (1.0 - m) + w_foxo * f - ph),
            k_ron * 2.0 * (1.0 - b) * r * (1.0 - kr) / (1.0 + f_erk * x) - k_roff * kr,
            k_eon * kr * (1.0 - e) - k_eoff * e,
            k_xon * e * (1.0 - x) - k_xoff * x,
            k_fin * (1.0 - f) - k_fout * a * f,
        ),
        axis=1,
    ).ravel()


def _solve(doses: np.ndarray, n: float, b: float, p: dict, t_eval: np.ndarray) -> np.ndarray:
    """Integrate all doses at once; returns an array (species, dose, time) clipped to [0, 1]."""
    theta = doses / (doses + p["kd_nM"])
    y0 = _initial_state(n, p, doses.size)
    rates = tuple(float(p[key]) for key in _RATE_KEYS)
    sol = solve_ivp(
        _rhs,
        (0.0, float(t_eval[-1])),
        y0,
        t_eval=t_eval,
        args=(theta, n, b, rates),
        method="LSODA",
        lband=_N_ODE - 1,
        uband=_N_ODE - 1,
        rtol=1e-5,
        atol=1e-8,
    )
    if not sol.success:
        raise RuntimeError(
            f"The signalling model's ODE solver did not finish ({sol.message}). "
            "Try values closer to the defaults in data/signalling_parameters.csv."
        )
    rest = sol.y.reshape(doses.size, _N_ODE, -1).transpose(1, 0, 2)
    receptor = _receptor(sol.t[None, :], theta[:, None], rates[0])
    y = np.concatenate((receptor[None], rest), axis=0)
    if y.min() < -1e-6 or y.max() > 1 + 1e-6:
        raise RuntimeError(
            "The signalling model left its 0-1 activity range; the chosen parameters make it unstable. "
            "Try values closer to the defaults in data/signalling_parameters.csv."
        )
    return np.clip(y, 0.0, 1.0)


def simulate(
    igf1_nM: float,
    *,
    nutrients: float | None = None,
    balance: float | None = None,
    duration_min: float = 120.0,
    n_points: int = 121,
    parameters: dict | None = None,
) -> pd.DataFrame:
    """Time course of every species after a step of IGF-1 at time 0 (illustrative).

    Parameters
    ----------
    igf1_nM : float
        Free IGF-1 added at time 0, nM (0 to the course's slider maximum, 1,000 nM).
    nutrients : float, optional
        Amino-acid state, 0 (starved) to 1 (fed); default from the parameter table (fed).
    balance : float, optional
        Share of receptor output routed to IRS/PI3K rather than Shc/Ras, 0 to 1; default 0.5.
    duration_min : float
        How long to follow the cells, minutes (greater than 0, at most 240).
    n_points : int
        Number of evenly spaced output times, including 0 (2 to 2,001).
    parameters : dict, optional
        Overrides for :func:`default_parameters` (for experiments such as removing a feedback).

    Returns
    -------
    pandas.DataFrame
        ``time_min`` and one column per species in :data:`SPECIES`, activities from 0 to 1.

    Raises
    ------
    TypeError, ValueError
        For bad inputs (the message names the parameter, unit and range).
    RuntimeError
        If the ODE solver fails.
    """
    dose = real(igf1_nM, name="igf1_nM", unit="nM", low=0, high=_dose_max(), allow_array=False)
    n, b = _inputs(nutrients, balance)
    t_end = real(duration_min, name="duration_min", unit="minutes", low=0, high=240, low_open=True, allow_array=False)
    n_points = integer(n_points, name="n_points", unit="points", low=2, high=2001)
    p = _checked_parameters(parameters)
    t = np.linspace(0.0, t_end, int(n_points))
    y = _solve(np.array([dose]), n, b, p, t)[:, 0, :]
    out = pd.DataFrame({"time_min": t})
    for name, values in zip(SPECIES, y):
        out[name] = values
    return out


def _response(y: np.ndarray, readout: str) -> np.ndarray:
    """Peak change from baseline over the window (a suppression, for autophagy and nuclear FOXO)."""
    base = y[..., :1]
    if readout in _FALLING:
        return (base - y).max(axis=-1)
    return (y - base).max(axis=-1)


@functools.lru_cache(maxsize=128)
def _responses_cached(doses: tuple, n: float, b: float, window: float, pkey: tuple) -> dict:
    """Peak responses of every species to each dose (and to a saturating dose), cached per setting."""
    grid = np.array(doses + (_dose_max(),))
    y = _solve(grid, n, b, dict(pkey), np.linspace(0.0, window, 61))
    return {name: _response(y[j], name) for j, name in enumerate(SPECIES)}


def dose_response(
    igf1_nM,
    *,
    readout: str = "akt",
    nutrients: float | None = None,
    balance: float | None = None,
    window_min: float = 60.0,
    parameters: dict | None = None,
) -> pd.DataFrame:
    """Peak response of one readout to each IGF-1 dose (illustrative).

    The response is the largest rise above the pre-stimulus level within
    ``window_min`` (for autophagy, the largest fall), and ``fraction_of_max``
    divides it by the response to a saturating dose (1,000 nM).

    Parameters
    ----------
    igf1_nM : array-like
        Doses, nM (0 to 1,000).
    readout : str
        One of :data:`READOUTS` or ``"receptor"``.

    Returns
    -------
    pandas.DataFrame
        Columns ``igf1_nM``, ``response`` (activity units) and ``fraction_of_max``
        (NaN when the readout does not respond at all, e.g. ERK with balance 1, or Akt,
        mTORC1/S6K and autophagy with balance 0: there is no maximum to divide by).

    >>> dr = dose_response([0.86], readout="receptor")
    >>> round(float(dr["fraction_of_max"].iloc[0]), 2)
    0.5
    """
    doses = np.atleast_1d(real(igf1_nM, name="igf1_nM", unit="nM", low=0, high=_dose_max())).astype(float)
    if doses.ndim != 1:
        raise ValueError(
            f"igf1_nM must be a single number or a 1-D list of doses in nM; got an array of shape {doses.shape}."
        )
    choice(readout, name="readout", choices=["receptor", *READOUTS])
    n, b = _inputs(nutrients, balance)
    window = real(window_min, name="window_min", unit="minutes", low=1, high=240, allow_array=False)
    p = _checked_parameters(parameters)
    all_resp = _responses_cached(tuple(doses.tolist()), n, b, window, tuple(sorted(p.items())))[readout]
    resp, top = all_resp[:-1], all_resp[-1]
    frac = resp / top if top > 1e-9 else np.full_like(resp, np.nan)
    return pd.DataFrame({"igf1_nM": doses, "response": resp, "fraction_of_max": frac})


def dose_grid() -> np.ndarray:
    """The 97 log-spaced doses (nM) over the course's slider range used for EC50s and dose-response curves."""
    lo = math.log10(data.parameter("receptor_parameters", "slider_min_nM"))
    return np.logspace(lo, math.log10(_dose_max()), 97)


def ec50(
    *,
    readout: str = "akt",
    nutrients: float | None = None,
    balance: float | None = None,
    window_min: float = 60.0,
    parameters: dict | None = None,
) -> float:
    """The IGF-1 dose (nM) giving half the maximal peak response of ``readout`` (illustrative).

    Found on :func:`dose_grid` (16 doses per tenfold step) by linear
    interpolation in log(dose). Returns NaN when the readout does not respond
    (e.g. ERK with ``balance=1``, Akt with ``balance=0``), or when half-maximal lies outside the grid.

    >>> kd = default_parameters()["kd_nM"]
    >>> abs(ec50(readout="receptor") / kd - 1) < 0.02
    True
    """
    choice(readout, name="readout", choices=["receptor", *READOUTS])
    grid = dose_grid()
    dr = dose_response(
        grid, readout=readout, nutrients=nutrients, balance=balance, window_min=window_min, parameters=parameters
    )
    f = dr["fraction_of_max"].to_numpy()
    if not np.isfinite(f).all() or f[-1] < 0.5 or f[0] >= 0.5:
        return float("nan")
    above = int(np.nonzero(f >= 0.5)[0][0])
    x0, x1 = np.log10(grid[above - 1]), np.log10(grid[above])
    return float(10 ** (x0 + (0.5 - f[above - 1]) * (x1 - x0) / (f[above] - f[above - 1])))


def peak(df: pd.DataFrame, species: str) -> tuple[float, float]:
    """(time in min, value) at which ``species`` is highest in a :func:`simulate` result.

    For ``"autophagy"`` and ``"foxo"`` the *lowest* point is returned, since IGF-1 suppresses them.
    ``df`` is the table :func:`simulate` returns; ``species`` is one of :data:`SPECIES`.
    """
    choice(species, name="species", choices=list(SPECIES))
    frame(df, name="df", columns=["time_min", species], what="the table signalling.simulate(...) returns")
    real(df["time_min"].to_numpy(), name="df['time_min']", unit="minutes", low=0)
    col = real(df[species].to_numpy(), name=f"df[{species!r}]", unit="activity (0 to 1)", low=0, high=1)
    i = int(np.argmin(col)) if species in _FALLING else int(np.argmax(col))
    return float(df["time_min"].iloc[i]), float(col[i])


def anchor_table() -> pd.DataFrame:
    """Each anchor the signalling model claims, beside the value the model gives (unit 02's model card).

    Returns
    -------
    pandas.DataFrame
        One row per anchor: ``anchor``, ``published``, ``source``, ``model`` (computed here from
        :func:`simulate` and :func:`ec50` at the defaults) and ``how`` (fitted, by construction or built in).

    >>> t = anchor_table().set_index("anchor")
    >>> round(float(t.loc["receptor EC50, nM", "model"]), 2)
    0.86
    """
    fed = simulate(100.0, duration_min=120, n_points=121)
    starved = simulate(100.0, nutrients=0.0, duration_min=120, n_points=121)
    no_loop = simulate(100.0, duration_min=120, n_points=121, parameters={"s6k_feedback_strength": 0.0})
    at60 = fed.loc[fed["time_min"] == 60].iloc[0]
    kd = default_parameters()["kd_nM"]
    receptor_ec50 = ec50(readout="receptor")
    rows = [
        (
            "receptor activity at 1 min, fraction of final",
            "maximal within 1 min (1-100 nM IGF-1, platelets)",
            "Hers 2007",
            float(fed.loc[fed["time_min"] == 1, "receptor"].item() / fed["receptor"].iloc[-1]),
            "rate constant chosen to match",
        ),
        (
            "receptor EC50, nM",
            "0.86 (95% CI 0.69-1.07), IGF-1R autophosphorylation (KIRA)",
            "Janssen et al. 2016",
            receptor_ec50,
            "by construction: the Kd is this EC50",
        ),
        (
            "receptor EC50 / Kd",
            "ED50 close to Kd (cell-free)",
            "Rubin et al. 1983",
            receptor_ec50 / kd,
            "built in: theta = D / (D + Kd)",
        ),
        (
            "Akt peak without / with the S6K feedback",
            "above 1: S6K1-null mice lose the loop and are more insulin-sensitive",
            "Um et al. 2004",
            peak(no_loop, "akt")[1] / peak(fed, "akt")[1],
            "direction only; strength illustrative",
        ),
        (
            "mTORC1/S6K at 60 min in starved cells",
            "off without amino acids",
            "Efeyan & Sabatini 2013",
            float(starved.loc[starved["time_min"] == 60, "mtorc1_s6k"].item()),
            "built in: drive times nutrients",
        ),
        (
            "autophagy at 60 min / before IGF-1, fed cells",
            "below 1: mTORC1 inhibits Ulk1",
            "Kim et al. 2011",
            float(at60["autophagy"] / fed["autophagy"].iloc[0]),
            "built in: mTORC1 brake",
        ),
        (
            "autophagy at 60 min / before IGF-1, mTORC1 held off (no amino acids)",
            "below 1: Akt blocked FoxO3 and autophagy in mouse muscle, also under rapamycin",
            "Mammucari et al. 2007",
            float(starved.loc[starved["time_min"] == 60, "autophagy"].item() / starved["autophagy"].iloc[0]),
            "built in: FOXO brake; its size illustrative",
        ),
    ]
    return pd.DataFrame(rows, columns=["anchor", "published", "source", "model", "how"])
