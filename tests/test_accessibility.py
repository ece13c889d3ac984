"""Accessibility checks that need no browser (issue 20): the palette under simulated colour-vision deficiency,
and WCAG contrast computed from first principles (WCAG 2.2, relative luminance and contrast ratio)."""

import itertools

import numpy as np
import pytest

from course_lib.plotting import PALETTE, template

colorspacious = pytest.importorskip("colorspacious")


def _rgb(hex_: str) -> np.ndarray:
    h = hex_.lstrip("#")
    return np.array([int(h[i : i + 2], 16) for i in (0, 2, 4)]) / 255


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two sRGB colours: (L1 + 0.05) / (L2 + 0.05) with relative luminance L."""

    def lum(c):
        c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return float(c @ [0.2126, 0.7152, 0.0722])

    hi, lo = sorted((lum(_rgb(a)), lum(_rgb(b))), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_matches_the_wcag_reference_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # the well-known just-failing grey
    assert contrast("#E69F00", "#FFFFFF") == pytest.approx(2.25, abs=0.01)  # the review's figure for orange


def _views(hex_: str) -> dict[str, np.ndarray]:
    """The colour in CAM02-UCS as seen with normal vision and with full protan, deutan and tritan deficiency."""
    rgb = _rgb(hex_)
    views = {"normal": colorspacious.cspace_convert(rgb, "sRGB1", "CAM02-UCS")}
    for cvd in ("protanomaly", "deuteranomaly", "tritanomaly"):
        seen = colorspacious.cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}, "sRGB1")
        views[cvd] = colorspacious.cspace_convert(np.clip(seen, 0, 1), "sRGB1", "CAM02-UCS")
    return views


def test_the_colourway_stays_distinguishable_with_colour_vision_deficiency():
    colourway = template().layout.colorway
    views = [_views(c) for c in colourway]
    worst = min(
        (float(np.linalg.norm(a[v] - b[v])), colourway[i], colourway[j], v)
        for (i, a), (j, b) in itertools.combinations(enumerate(views), 2)
        for v in a
    )
    assert worst[0] >= 10, f"two colours of the colourway are only ΔE {worst[0]:.1f} apart ({worst[1:]})"


def test_the_cvd_check_can_fail():
    # Blue and a slightly lighter blue: distinct to the eye in a swatch, not as two lines of a plot.
    a, b = _views(PALETTE["blue"]), _views("#1A7FBF")
    assert min(float(np.linalg.norm(a[v] - b[v])) for v in a) < 10
