"""The course's models, one module per topic: pure numpy/scipy, with no plotting, widgets or printing.

Each takes its defaults from a parameter table in :mod:`course_lib.data` and validates its input
with :mod:`course_lib._validate`. The import-linter contract in ``.importlinter`` keeps plotly,
ipywidgets and IPython out of this package.

* ``reference_ranges``: LMS population reference intervals (percentiles, SDS, percentile rank);
* ``lifestyle``: the illustrative lifespan curve with protein intake and training;
* ``sequence``: the IGF-1 chain, its masses, pI and alignments;
* ``receptors``, ``signalling``: receptor occupancy and the PI3K/Akt and MAPK cascades;
* ``binding``: IGFBPs and ALS in serum, free and bound pools;
* ``acute_exercise``: serum IGF-1 after one bout of exercise;
* ``gh_axis``: the GH/IGF-1 feedback loop;
* ``assays``, ``confounding``: measurement agreement and observational pitfalls;
* ``evidence``, ``appraisal``: the tissue-evidence table and the appraisal checklist.
"""
