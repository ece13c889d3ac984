"""Unit conversions, in one place.

Serum IGF-1 is reported in ng/mL (= µg/L) by most laboratories and in nmol/L
by some. The conversion uses the molar mass of the mature 70-residue chain
with its three disulfide bonds, 7,649 g/mol (``course_lib/data/constants.csv``; unit 01
computes it from the sequence), so 1 nmol/L = 7.649 ng/mL.

>>> round(ng_per_mL_to_nmol_per_L(200.0), 2)
26.15
>>> round(nmol_per_L_to_ng_per_mL(26.15), 1)
200.0
"""

from __future__ import annotations

from . import data
from ._validate import real

__all__ = ["MAX_CONC_nM", "MAX_NG_PER_ML", "MAX_NMOL_PER_L", "ng_per_mL_to_nmol_per_L", "nmol_per_L_to_ng_per_mL"]


#: Upper ends of the accepted input: 1 mg/mL (10^6 ng/mL), and the same amount in nmol/L
#: (rounded down to 10^5 nmol/L). Both are thousands of times above any serum, tissue or
#: culture-medium concentration; a larger number is a typo, and letting it through would
#: overflow to infinity instead of giving an answer.
MAX_NG_PER_ML = 1e6
MAX_NMOL_PER_L = 1e5
#: Largest molar concentration or Kd the models accept (1 mM, far above anything in serum):
#: the binding and receptor models share it.
MAX_CONC_nM = 1e6


def _igf1_molar_mass() -> float:
    return data.parameter("constants", "igf1_molar_mass_g_per_mol")


def ng_per_mL_to_nmol_per_L(conc_ng_per_mL):
    """Convert an IGF-1 concentration from ng/mL to nmol/L (scalar or array).

    ``nmol/L = (ng/mL) / (g/mol) * 1000``, because 1 ng/mL = 1 µg/L.
    """
    x = real(conc_ng_per_mL, name="conc_ng_per_mL", unit="ng/mL", low=0, high=MAX_NG_PER_ML)
    return x / _igf1_molar_mass() * 1000.0


def nmol_per_L_to_ng_per_mL(conc_nmol_per_L):
    """Convert an IGF-1 concentration from nmol/L to ng/mL (scalar or array)."""
    x = real(conc_nmol_per_L, name="conc_nmol_per_L", unit="nmol/L", low=0, high=MAX_NMOL_PER_L)
    return x * _igf1_molar_mass() / 1000.0
