"""The unit-01 figures and the comparison widget, driven like a learner drives them."""

import pytest

from course_lib import data, widgets
from course_lib.figures import sequence as fig_sequence
from course_lib.models import sequence

# ----------------------------------------------------------------------------- residue map


def _residue_traces(fig):
    return [t for t in fig.data if t.mode == "markers+text"]


def test_residue_map_has_every_residue_once_coloured_by_domain():
    fig = fig_sequence.residue_map("igf1")
    traces = _residue_traces(fig)
    xs = sorted(x for t in traces for x in t.x)
    assert xs == list(range(1, 71))
    assert "".join(r for t in sorted(traces, key=lambda t: t.x[0]) for r in t.text) == sequence.get("igf1")
    assert {t.marker.color for t in traces} == {fig_sequence.DOMAIN_COLOURS[d] for d in "BCAD"}
    dom = data.load("igf1_domains").set_index("domain")
    for t in traces:
        letter = t.name.split()[0]
        assert (min(t.x), max(t.x)) == (dom.loc[letter, "start"], dom.loc[letter, "end"])


def test_residue_map_draws_one_arc_per_published_disulfide():
    fig = fig_sequence.residue_map("igf1")
    arcs = [t for t in fig.data if t.mode == "lines+markers"]
    bonds = data.load("igf1_disulfides")
    assert len(arcs) == len(bonds) == 3
    ends = {(round(a.x[0]), round(a.x[-1])) for a in arcs}
    assert ends == set(map(tuple, bonds[["cys_a", "cys_b"]].to_numpy().tolist()))
    assert all(max(a.y) > 0.12 for a in arcs)  # arcs rise above the residue row


def test_residue_map_hover_names_residue_domain_and_partner():
    fig = fig_sequence.residue_map("igf1")
    hover = {h for t in _residue_traces(fig) for h in t.hovertext}
    assert any(h.startswith("Cys6 (C)") and "B domain" in h and "disulfide to Cys48" in h for h in hover)
    assert any(h.startswith("Pro63") and "D domain" in h for h in hover)


def test_lr3_map_shows_extension_and_arg3():
    fig = fig_sequence.residue_map("igf1_lr3")
    names = [t.name for t in fig.data]
    assert any(n.startswith("N-terminal extension") for n in names)
    ring = [t for t in fig.data if t.name == "changed from IGF-1"]
    assert len(ring) == 1 and list(ring[0].x) == [16]
    text = fig_sequence.describe_residue_map("igf1_lr3")
    assert "83 residues" in text and "Arg16 (IGF-1 has Glu3)" in text


def test_describe_residue_map_states_domains_and_bonds():
    text = fig_sequence.describe_residue_map("igf1")
    for piece in (
        "70 residues",
        "B domain 1–29 (29 aa)",
        "C domain 30–41 (12 aa)",
        "A domain 42–62 (21 aa)",
        "D domain 63–70 (8 aa)",
        "Cys6–Cys48",
        "Cys18–Cys61",
        "Cys47–Cys52",
    ):
        assert piece in text
    assert "not derived from IGF-1" in fig_sequence.describe_residue_map("igf2")


def test_residue_map_rejects_unknown_molecule():
    with pytest.raises(ValueError, match="name must be one of"):
        fig_sequence.residue_map("igf9")


# ----------------------------------------------------------------------------- alignment figure


def test_alignment_figure_categories_cover_every_column_twice():
    aln = sequence.align("igf1", "igf2")
    fig = fig_sequence.alignment_figure("igf1", "igf2")
    assert [t.name for t in fig.data] == list(fig_sequence.CATEGORIES)
    assert sum(len(t.x) for t in fig.data) == 2 * aln.length
    by = {t.name: t for t in fig.data}
    assert len(by["identical cysteine"].x) + len(by["identical"].x) == 2 * aln.identities
    assert set(by["identical cysteine"].text) <= {"C"}
    ticks = list(fig.layout.yaxis.ticktext)
    assert ticks[0].startswith(aln.a_label) and ticks[1] == aln.b_label


def test_long_alignments_wrap_into_blocks():
    aln = sequence.align("igf1", "preproinsulin")
    fig = fig_sequence.alignment_figure("igf1", "preproinsulin")
    blocks = -(-aln.length // fig_sequence.BLOCK)
    assert blocks >= 2
    assert len(fig.layout.yaxis.tickvals) == 2 * blocks
    xs = [x for t in fig.data for x in t.x]
    assert max(xs) <= fig_sequence.BLOCK and min(xs) >= 1
    assert len(set(zip(xs, (y for t in fig.data for y in t.y)))) == 2 * aln.length  # no two letters overlap


def test_describe_alignment_gives_all_three_denominators():
    aln = sequence.align("igf1", "igf2")
    text = fig_sequence.describe_alignment(aln)
    for d in sequence.DENOMINATORS:
        assert f"{aln.percent_identity(d):.1f}%" in text
    assert "6 columns pair a cysteine with a cysteine" in text  # the six cysteines are conserved
    one = fig_sequence.describe_alignment(aln, denominator="aligned")
    assert f"{aln.percent_identity('aligned'):.1f}%" in one and f"{aln.percent_identity('columns'):.1f}%" not in one


# ----------------------------------------------------------------------------- the comparison widget


def test_widget_exposes_controls_figure_summary():
    w = widgets.sequence_comparison()
    assert set(w.controls) == {"first", "second"}
    assert [v for _, v in w.controls["first"].options] == sequence.names()
    assert w.figure.layout.title.text and "identical residues" in w.summary.value
    assert repr(w) == "ComparisonWidget('igf1' vs 'insulin_b_chain')"


def test_changing_a_molecule_redraws_figure_and_summary():
    w = widgets.sequence_comparison("igf1", "insulin_b_chain")
    before_summary = w.summary.value
    before_x = [list(t.x) for t in w.figure.data]
    w.controls["second"].value = "igf2"
    expected = sequence.align("igf1", "igf2")
    assert w.summary.value != before_summary
    assert [list(t.x) for t in w.figure.data] != before_x
    assert f"{expected.identities} identical residues" in w.summary.value
    assert sum(len(t.x) for t in w.figure.data) == 2 * expected.length
    assert list(w.figure.layout.yaxis.ticktext) == list(
        fig_sequence.alignment_figure("igf1", "igf2").layout.yaxis.ticktext
    )
    assert w.figure.layout.title.text == fig_sequence.alignment_figure("igf1", "igf2").layout.title.text
    w.controls["second"].value = "preproinsulin"  # a longer alignment wraps onto more rows
    assert len(w.figure.layout.yaxis.tickvals) == 2 * -(-w.alignment.length // fig_sequence.BLOCK)


def test_same_molecule_twice_is_100_percent_and_all_identical():
    w = widgets.sequence_comparison("igf1", "igf2")
    w.controls["second"].value = "igf1"
    assert "100.0% of the length of the shorter sequence" in w.summary.value
    by = {t.name: t for t in w.figure.data}
    assert len(by["different"].x) == len(by["gap"].x) == 0
    assert len(by["identical cysteine"].x) == 2 * 6


def test_first_control_also_updates():
    w = widgets.sequence_comparison("igf1", "igf2")
    w.controls["first"].value = "insulin_a_chain"
    assert w.alignment.a_label == sequence.label("insulin_a_chain")
    assert "insulin A chain (21 aa)" in w.summary.value


def test_widget_rejects_names_not_in_the_menu():
    with pytest.raises(ValueError, match="first must be one of"):
        widgets.sequence_comparison("IGF-1", "igf2")
    w = widgets.sequence_comparison()
    with pytest.raises(Exception):  # noqa: B017 - traitlets raises its own TraitError
        w.controls["second"].value = "not_a_molecule"  # a Dropdown refuses values outside its options
