"""Figure builders: each returns a ``plotly.graph_objects.Figure`` (never shown), styled with
:func:`course_lib.plotting.template`, with units in every axis title. Each has a
text companion that states the figure's key numbers for nbval and screen readers.

Each module is named after the model it draws (``figures.<topic>`` draws
``course_lib.models.<topic>``): ``sequence``, ``receptors``, ``signalling``, ``binding``,
``evidence``, ``acute_exercise``, ``gh_axis``, ``reference_ranges``, ``lifestyle``,
``assays``, ``confounding`` and ``appraisal``.
"""
