"""A tiny helper for writing a notebook's cells from Python (authoring only).

The stored ``.ipynb`` files are the course's source of truth; edit them in
JupyterLab as usual. This helper is for writing a notebook in one go:

    from tools.nbauthor import md, code, write
    write("notebooks/05_x.ipynb", [md("# Title"), code("import course_lib", "nbval-ignore-output")])

then run ``make notebooks`` to execute and store outputs.
Tags: ``nbval-ignore-output`` for figure/widget cells, ``exercise`` for a
learner's stub and ``solution`` (hidden automatically) for its solution.
"""

from __future__ import annotations

import textwrap

import nbformat


def md(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(textwrap.dedent(text).strip())


def code(source: str, *tags: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(textwrap.dedent(source).strip())
    if tags:
        cell.metadata["tags"] = list(tags)
    if "solution" in tags:
        cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


def write(path: str, cells: list) -> None:
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, path)
