"""course_lib.models.sequence against published anchors, internal consistency and bad input.

Anchors (not copied from the implementation's output):
* mature IGF-1 is 70 residues with 6 cysteines, at 6, 18, 47, 48, 52, 61 (the
  published disulfide map, data/igf1_disulfides.csv; Rinderknecht & Humbel 1978);
* native IGF-1 (3 disulfides) weighs 7,649 Da (data/constants.csv);
* IGF-1 LR3 is 83 residues: a 13-residue extension plus IGF-1 with Glu3 -> Arg (Francis et al. 1992);
* IGF-1 is basic and IGF-2 slightly acidic; IGFs are about 50% identical to insulin (Kim et al. 2022);
* insulin's cysteines sit at B7, B19, A6, A7, A11, A20 and pair A6-A11, A7-B7, A20-B19 (textbook).
"""

import math

import pytest
from Bio.Data.IUPACData import atom_weights

from course_lib import data
from course_lib.models import sequence

IGF1_CYS = [6, 18, 47, 48, 52, 61]


# ----------------------------------------------------------------------------- the sequences table


def test_igf1_is_70_residues_with_six_cysteines():
    igf1 = sequence.get("igf1")
    assert len(igf1) == 70
    assert sequence.cysteine_positions("igf1") == IGF1_CYS
    bonded = sorted(data.load("igf1_disulfides")[["cys_a", "cys_b"]].to_numpy().ravel().tolist())
    assert bonded == IGF1_CYS  # every cysteine is in exactly one published bond


def test_lr3_is_83_residues_extension_plus_arg3_igf1():
    lr3 = sequence.get("igf1_lr3")
    igf1 = sequence.get("igf1")
    assert len(lr3) == 83
    ext, body = lr3[:13], lr3[13:]
    assert ext.startswith("M") and ext.endswith("VN")  # Met + porcine GH(1-10) + Val-Asn
    assert body[2] == "R" and igf1[2] == "E"
    assert body[:2] + body[3:] == igf1[:2] + igf1[3:]


def test_des13_is_igf1_without_gly_pro_glu():
    igf1 = sequence.get("igf1")
    assert igf1[:3] == "GPE"
    assert sequence.get("des13_igf1") == igf1[3:]


def test_table_lengths_and_ranges_are_consistent():
    table = data.load("sequences")
    pre = {"P01308": sequence.get("preproinsulin")}
    for row in table.itertuples():
        assert len(row.sequence) == row.length_aa, row.name
        if not math.isnan(row.residue_start):
            assert row.residue_end - row.residue_start + 1 == row.length_aa, row.name
        if row.uniprot_accession in pre:  # chains are the stated slices of preproinsulin
            assert pre[row.uniprot_accession][int(row.residue_start) - 1 : int(row.residue_end)] == row.sequence


def test_proinsulin_c_peptide_is_flanked_by_dibasic_sites():
    pre = sequence.get("preproinsulin")
    assert pre[54:56] == "RR" and pre[87:89] == "KR"  # residues 55-56 and 88-89
    b, c, a = (sequence.info(n) for n in ("insulin_b_chain", "c_peptide", "insulin_a_chain"))
    assert b["residue_end"] + 3 == c["residue_start"] and c["residue_end"] + 3 == a["residue_start"]


def test_domains_tile_the_chain_and_match_insulin_lengths():
    dom = sequence.domains()
    assert dom["domain"].tolist() == ["B", "C", "A", "D"]
    assert dom["start"].iloc[0] == 1 and dom["end"].iloc[-1] == 70
    assert (dom["start"].iloc[1:].to_numpy() == dom["end"].iloc[:-1].to_numpy() + 1).all()
    assert "".join(dom["sequence"]) == sequence.get("igf1")
    assert len(sequence.domain_sequence("A")) == len(sequence.get("insulin_a_chain")) == 21
    assert len(sequence.domain_sequence("C")) == 12  # "a 12-residue linker" (Vajdos et al. 2001)


# ----------------------------------------------------------------------------- mass


def test_native_igf1_mass_matches_published_value():
    published = data.parameter("constants", "igf1_molar_mass_g_per_mol")
    assert published == 7649
    assert abs(sequence.average_mass_da("igf1", disulfide_bonds=3) - published) < 1.0


def test_each_disulfide_removes_two_hydrogens():
    masses = [sequence.average_mass_da("igf1", disulfide_bonds=n) for n in range(4)]
    steps = [masses[i] - masses[i + 1] for i in range(3)]
    assert all(math.isclose(s, 2 * atom_weights["H"], rel_tol=1e-12) for s in steps)


def test_mass_is_additive_minus_one_water_per_peptide_bond():
    water = 2 * atom_weights["H"] + atom_weights["O"]
    b, a = sequence.get("insulin_b_chain"), sequence.get("insulin_a_chain")
    joined = sequence.average_mass_da(b + a)
    assert math.isclose(joined, sequence.average_mass_da(b) + sequence.average_mass_da(a) - water, abs_tol=1e-3)


def test_native_insulin_is_about_5808_da():
    """Mature insulin (A + B, three disulfides) is quoted as 5,807-5,808 Da."""
    total = (
        sequence.average_mass_da("insulin_a_chain", disulfide_bonds=1)  # A6-A11
        + sequence.average_mass_da("insulin_b_chain")
        - 2 * 2 * atom_weights["H"]
    )  # A7-B7, A20-B19
    assert 5806 < total < 5809


def test_lower_case_and_spaces_give_the_same_answer():
    igf1 = sequence.get("igf1")
    pasted = " ".join(igf1[i : i + 10] for i in range(0, 70, 10)).lower()
    assert sequence.average_mass_da(pasted) == sequence.average_mass_da(igf1) == sequence.average_mass_da("IGF1")


# ----------------------------------------------------------------------------- charge and composition


def test_igf1_basic_igf2_acidic():
    assert sequence.isoelectric_point("igf1") > 7 > sequence.isoelectric_point("igf2")


def test_pi_moves_the_right_way():
    assert sequence.isoelectric_point("KKKKKKKK") > 9 > 5 > sequence.isoelectric_point("DDDDDDDD")
    # bonding cysteines removes weak acids, so the pI can only rise
    pis = [sequence.isoelectric_point("igf1", disulfide_bonds=n) for n in range(4)]
    assert pis == sorted(pis) and pis[-1] > pis[0]


def test_composition_conserves_length():
    for name in sequence.names():
        comp = sequence.composition(name)
        assert comp["count"].sum() == len(sequence.get(name))
        assert math.isclose(comp["percent"].sum(), 100.0)
        assert list(comp["residue"]) == sorted(sequence.ALPHABET)
    assert sequence.composition("igf1").set_index("residue").loc["C", "count"] == 6


# ----------------------------------------------------------------------------- alignment and identity


@pytest.mark.parametrize("name", ["igf1", "igf2", "insulin_a_chain", "igf1_lr3"])
def test_self_identity_is_100_under_every_denominator(name):
    for d in sequence.DENOMINATORS:
        assert sequence.percent_identity(name, name, denominator=d) == 100.0


def test_identity_is_symmetric_and_bounded():
    for a, b in [("igf1", "igf2"), ("igf1", "preproinsulin"), ("igf2", "insulin_b_chain")]:
        ab, ba = sequence.align(a, b), sequence.align(b, a)
        assert ab.identities == ba.identities and ab.score == ba.score
        for d in sequence.DENOMINATORS:
            assert 0.0 <= ab.percent_identity(d) <= 100.0


def test_denominators_order_aligned_shorter_columns():
    """aligned columns <= shorter length <= all columns, so the percentages run the other way."""
    aln = sequence.align("igf1", "igf2")
    assert aln.denominator("aligned") <= aln.denominator("shorter") <= aln.denominator("columns")
    assert aln.percent_identity("aligned") >= aln.percent_identity("shorter") >= aln.percent_identity("columns")
    assert aln.denominator("aligned") < aln.denominator("columns")  # the C domains differ in length: gaps


def test_gapped_rows_reproduce_the_sequences():
    aln = sequence.align("igf1", "preproinsulin")
    assert aln.gapped_a.replace("-", "") == aln.a and aln.gapped_b.replace("-", "") == aln.b
    cols = aln.columns()
    assert cols["identical"].sum() == aln.identities
    assert (cols["category"] != "gap").sum() == aln.aligned


def test_analogues_are_identical_to_igf1_where_they_overlap():
    assert sequence.percent_identity("igf1", "des13_igf1") == 100.0
    lr3 = sequence.align("igf1", "igf1_lr3")
    assert lr3.identities == 69  # all 70 IGF-1 residues but Glu3


def test_igf_b_and_a_domains_about_half_identical_to_insulin():
    """Kim et al. 2022: "high sequence similarity (~50%) between IGFs and insulin"."""
    ba = sequence.domain_sequence("B") + sequence.domain_sequence("A")
    insulin = sequence.get("insulin_b_chain") + sequence.get("insulin_a_chain")
    pct = sequence.percent_identity(ba, insulin)
    assert 40 <= pct <= 60


def test_igf1_and_igf2_are_more_alike_than_igf1_and_insulin():
    igf2 = sequence.percent_identity("igf1", "igf2")
    assert 60 <= igf2 <= 75  # values quoted in the literature run from about 60% to 70%
    a_dom = sequence.percent_identity(sequence.domain_sequence("A"), "insulin_a_chain")
    assert igf2 > a_dom


def test_igf1_cysteines_fall_on_insulin_cysteines_and_pair_the_same_way():
    """The homology test: align the domains, map each IGF-1 disulfide onto insulin residue labels."""
    b = sequence.align(sequence.domain_sequence("B"), "insulin_b_chain")
    a_start = int(sequence.domains().set_index("domain").loc["A", "start"])
    a = sequence.align(sequence.domain_sequence("A"), "insulin_a_chain")
    assert a.length == 21 and a.aligned == 21  # no gaps: A domain and A chain are the same length

    def insulin_label(igf1_pos: int) -> str:
        if igf1_pos < a_start:
            return f"B{b.map_position(igf1_pos)}"
        return f"A{a.map_position(igf1_pos - a_start + 1)}"

    mapped = {insulin_label(p) for p in IGF1_CYS}
    assert mapped == {"B7", "B19", "A6", "A7", "A11", "A20"}
    for row in data.load("igf1_disulfides").itertuples():
        pair = {insulin_label(row.cys_a), insulin_label(row.cys_b)}
        assert pair == set(row.insulin_equivalent.split("-"))
    assert {"A6-A11", "B7-A7", "B19-A20"} == set(data.load("igf1_disulfides")["insulin_equivalent"])


def test_alignment_scoring_comes_from_the_parameter_table():
    params = data.parameters("structure_parameters")
    aligner = sequence._aligner()
    assert aligner.open_gap_score == params.loc["alignment_gap_open_score", "value"] == -10
    assert aligner.extend_gap_score == params.loc["alignment_gap_extend_score", "value"] == -0.5
    assert aligner.mode == "global"


def test_text_shows_both_rows_and_identity_marks():
    aln = sequence.align("insulin_a_chain", sequence.domain_sequence("A"))
    lines = aln.text().splitlines()
    assert lines[0].endswith(aln.gapped_a) and lines[2].endswith(aln.gapped_b)
    assert lines[1].count("|") == aln.identities


# ----------------------------------------------------------------------------- residue table and analogues


def test_residue_table_maps_analogues_onto_igf1():
    lr3 = sequence.residue_table("igf1_lr3")
    assert (lr3["domain"] == "extension").sum() == 13
    changed = lr3[lr3["changed"]]
    assert changed["position"].tolist() == [16] and changed["igf1_position"].tolist() == [3]
    des = sequence.residue_table("des13_igf1")
    assert not des["changed"].any() and des["igf1_position"].iloc[0] == 4
    for name in ("igf1", "des13_igf1", "igf1_lr3"):
        t = sequence.residue_table(name).set_index("position")
        cys = t[t["residue"] == "C"]
        assert cys["partner"].notna().all()  # every cysteine bonded
        for pos, partner in cys["partner"].items():
            assert t.loc[partner, "partner"] == pos and t.loc[partner, "residue"] == "C"


def test_disulfides_of_a_non_igf1_chain_is_a_clear_error():
    with pytest.raises(ValueError, match="IGF-1-derived"):
        sequence.disulfides("igf2")


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "bad, match",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("GPETL3CG", "got '3' at position 6"),
        ("GPEXL", "Ambiguous"),
        ("GPE-TL", "got '-' at position 4"),
        ("igf3", "Known molecule names"),
    ],
)
def test_bad_sequences_are_clear_errors(bad, match):
    with pytest.raises(ValueError, match=match):
        sequence.average_mass_da(bad)


def test_non_strings_are_type_errors():
    for bad in (None, 7649, ["G", "P"]):
        with pytest.raises(TypeError, match="name_or_sequence must be"):
            sequence.isoelectric_point(bad)
    with pytest.raises(TypeError, match="a must be"):
        sequence.align(3, "igf1")


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError) as err:
        sequence.get("igf3")
    for name in sequence.names():
        assert repr(name) in str(err.value)


@pytest.mark.parametrize(
    "bonds, exc, match",
    [
        (-1, ValueError, "between 0 and 3"),
        (4, ValueError, "between 0 and 3"),
        (1.5, ValueError, "whole number"),
        ("3", TypeError, "disulfide_bonds must be"),
        (float("nan"), ValueError, "NaN"),
    ],
)
def test_bad_disulfide_counts(bonds, exc, match):
    with pytest.raises(exc, match=match):
        sequence.average_mass_da("igf1", disulfide_bonds=bonds)


def test_a_chain_without_cysteines_cannot_have_bonds():
    with pytest.raises(ValueError, match="between 0 and 0"):
        sequence.average_mass_da("c_peptide", disulfide_bonds=1)


def test_bad_denominator():
    with pytest.raises(ValueError, match="denominator must be one of"):
        sequence.percent_identity("igf1", "igf2", denominator="longer")


def test_dibasic_sites_find_the_c_peptide_cuts_and_igf1_pairs():
    pre = sequence.info("preproinsulin")
    c = sequence.info("c_peptide")
    assert sequence.dibasic_sites("preproinsulin") == [c["residue_start"] - 2, c["residue_end"] + 1]
    assert pre["length_aa"] == 110
    igf1_sites = sequence.dibasic_sites("igf1")
    assert all(sequence.get("igf1")[p - 1 : p + 1] == "RR" for p in igf1_sites) and len(igf1_sites) == 2


def test_alignment_labels_are_checked():
    aln = sequence.align("GIVEQ", "GIVDE", labels=("x", "y"))
    assert (aln.a_label, aln.b_label) == ("x", "y")
    assert sequence.align("GIVEQ", "GIVDE").a_label == "sequence 1"
    with pytest.raises(TypeError, match="labels must be a tuple of two"):
        sequence.align("igf1", "igf2", labels=("only one",))


def test_numbers_quoted_in_the_quiz_match_the_library_and_data():
    """Quiz explanations quote computed numbers; a model or data change must not leave them stale."""
    from course_lib import quiz

    qs = {q.id: q for q in quiz.load_questions("01_structure")}
    aln = sequence.align("igf1", "igf2")
    text = qs["struct-identity-denominator"].explanation
    assert f"{aln.identities} identical residues" in text
    for d in sequence.DENOMINATORS:
        assert f"{aln.percent_identity(d):.0f}% of" in text and str(aln.denominator(d)) in text
    text = qs["struct-pi-disulfide"].explanation
    for name in ("igf1", "igf2"):
        for n in (0, 3):
            assert f"{sequence.isoelectric_point(name, disulfide_bonds=n):.2f}" in text, (name, n)
    p = data.parameters("structure_parameters")["value"]
    prompt = qs["struct-des13-potency"].prompt + qs["struct-des13-potency"].explanation
    for key in (
        "l6_protein_synthesis_half_max_des13_ng_per_mL",
        "l6_protein_synthesis_half_max_igf1_ng_per_mL",
        "l6_receptor_half_competition_des13_ng_per_mL",
        "l6_receptor_half_competition_igf1_ng_per_mL",
        "binding_protein_preference_igf1_over_des13_fold",
    ):
        assert f"{p[key]:g}" in prompt, key
    drop = data.parameter("structure_parameters", "liver_igf1_knockout_serum_reduction_pct")
    assert f"{drop:.0f}%" in qs["struct-serum-vs-tissue"].prompt


def test_pi_with_three_disulfides_ignores_all_six_bonded_cysteines():
    from Bio.SeqUtils.IsoelectricPoint import IsoelectricPoint

    seq = sequence.get("igf1")
    assert len(seq) == 70 and seq.count("C") == 6  # mature IGF-1: 70 residues, six cysteines, three bonds
    assert seq[0] != "C" and seq[-1] != "C"  # no terminal Cys, so deleting them leaves the termini unchanged
    no_cys = seq.replace("C", "")
    assert sequence.isoelectric_point("igf1", disulfide_bonds=3) == pytest.approx(
        IsoelectricPoint(no_cys).pi(), abs=1e-9
    )
    assert sequence.isoelectric_point("igf1", disulfide_bonds=0) == pytest.approx(IsoelectricPoint(seq).pi(), abs=1e-9)
    one_bond = seq.replace("C", "", 2)  # one bond: two fewer ionisable thiols
    assert sequence.isoelectric_point("igf1", disulfide_bonds=1) == pytest.approx(
        IsoelectricPoint(one_bond).pi(), abs=1e-9
    )
