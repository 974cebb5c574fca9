"""Reading notebooks and scripts as their users wrote them (issue #35).

IPython syntax found with the tokenizer at statement starts, broken cells and
statements skipped with a notice, nbformat 3, other kernels, line ends.
"""

from __future__ import annotations

import json
import warnings

import pytest

from imbsafe import CheckNotice, check_path, check_source
from imbsafe._check import CheckInputError
from imbsafe._check._ipython import python_lines

IMPORTS = (
    "from imblearn.over_sampling import SMOTE\n"
    "from sklearn.model_selection import train_test_split\n"
)
RESAMPLE = "X_res, y_res = SMOTE().fit_resample(X, y)"
SPLIT = "parts = train_test_split(X_res, y_res)"


def notebook(*cells, nbformat: int = 4, metadata: dict | None = None) -> str:
    """A notebook's JSON; a cell is code text, or (kind, text)."""
    made = []
    for cell in cells:
        kind, text = cell if isinstance(cell, tuple) else ("code", cell)
        key = "input" if nbformat == 3 and kind == "code" else "source"
        made.append({"cell_type": kind, key: text, "metadata": {}})
    if nbformat == 3:
        document = {"nbformat": 3, "worksheets": [{"cells": made}]}
    else:
        document = {"nbformat": 4, "cells": made}
    document["metadata"] = metadata or {}
    return json.dumps(document)


def leaks(text: str, path: str = "nb.ipynb") -> list[tuple[int | None, int | None]]:
    """(cell, line in cell) of each leak, notices allowed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CheckNotice)
        found = check_source(text, path=path)
    return [(f.cell, f.cell_line) for f in found if f.kind == "leak"]


# Item 9: valid IPython no longer refuses the whole notebook.
@pytest.mark.parametrize(
    "ipython",
    ["SMOTE?", "?SMOTE", "SMOTE.fit_resample??", "files = !ls data/",
     "res = %time model.fit(X, y)", "%matplotlib inline", "!pip install imbsafe",
     "x, y2 = %sx ls", "%timeit -n 3 -r 1 f(1)", "np.*load*?"],
)  # fmt: skip
def test_ipython_syntax_at_a_statement_start_is_read(ipython):
    text = notebook(IMPORTS + ipython, RESAMPLE + "\n" + ipython, SPLIT)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CheckNotice)  # nothing skipped
        found = check_source(text, path="nb.ipynb")
    assert [(f.cell, f.cell_line, f.kind) for f in found] == [(3, 1, "leak")]


def test_a_value_from_a_timing_magic_keeps_its_expression():
    lines = ["res = %time SMOTE().fit_resample(X, y)", "x = !ls", "y = %who_ls"]
    assert python_lines(lines) == [
        "res = SMOTE().fit_resample(X, y)",
        "x = None",
        "y = None",
    ]


# Item 10: continuation lines are code; a blanked line keeps its body.
def test_continuation_lines_starting_with_percent_or_not_equal_stay_code():
    cell = ["x = (a", "     % 2)", "ok = (a", "      != b)", "s = '''", "%no", "'''"]
    assert python_lines(cell) == cell


def test_an_indented_magic_alone_in_a_body_becomes_pass():
    cell = ["for i in range(3):", "    %time fit()", "    %matplotlib inline", "z = 1"]
    assert python_lines(cell) == [
        "for i in range(3):",
        "    fit()",
        "    pass",
        "z = 1",
    ]
    assert check_source(notebook("\n".join(cell)), path="nb.ipynb") == []


def test_a_backslash_continued_magic_is_dropped_whole():
    cell = ["!pip install \\", "    imbsafe", "x = 1"]
    assert python_lines(cell) == ["pass", "", "x = 1"]


# Item 11: %time STATEMENT keeps the statement.
@pytest.mark.parametrize("magic", ["%time", "%timeit -n1 -r1", "%prun", "%%time\n"])
def test_a_timed_resampling_still_taints_its_rows(magic):
    text = notebook(IMPORTS, f"{magic} {RESAMPLE}", SPLIT)
    assert leaks(text) == [(3, 1)]


# Item 8: an indented fragment, prose in an exported script.
def test_a_cell_that_is_an_indented_fragment_is_read():
    cell = "    " + IMPORTS.replace("\n", "\n    ") + RESAMPLE + "\n    " + SPLIT
    assert leaks(notebook(cell)) == [(1, 4)]


def test_prose_lines_in_a_script_are_skipped_with_a_notice_and_the_rest_checked():
    text = (
        "This notebook shows how to resample.\n"
        + IMPORTS
        + "Now we resample the data, and then split it:\n"
        + RESAMPLE
        + "\n%matplotlib inline\n"
        + SPLIT
        + "\n"
    )
    with pytest.warns(CheckNotice) as caught:
        found = check_source(text, path="exported.py")
    assert [(f.line, f.kind) for f in found] == [(7, "leak")]
    messages = [str(w.message) for w in caught]
    assert any("line 1 skipped" in m for m in messages)
    assert any("line 4 skipped" in m for m in messages)
    assert any("line 6 skipped" in m for m in messages)


def test_a_broken_cell_is_skipped_with_a_notice_naming_it():
    text = notebook(
        IMPORTS, "def broken(:\n    pass", RESAMPLE, ("markdown", "x"), SPLIT
    )
    with pytest.warns(CheckNotice, match=r"cell 2 skipped: syntax error at line 1 "):
        found = check_source(text, path="nb.ipynb")
    assert [(f.cell, f.cell_line) for f in found] == [(4, 1)]


def test_a_script_of_which_nothing_parses_is_bad_input():
    with pytest.raises(CheckInputError, match="x.py: syntax error at line 1"):
        check_source("This is prose.\nSo is this.\n", path="x.py")


# Item 13: bad notebook JSON is one line, never a traceback.
@pytest.mark.parametrize(
    "text, match",
    [
        ('{"cells": null}', "no list of cells"),
        ('{"cells": [], "metadata": ' + "[" * 5000 + "]" * 5000 + "}", "too deeply"),
        ("[1, 2]", "no list of cells"),
        ("{not json", "not JSON"),
    ],
)
def test_bad_notebook_json_is_one_line_of_bad_input(text, match):
    with pytest.raises(CheckInputError, match=match):
        check_source(text, path="nb.ipynb")


# Item 14: the user's SyntaxWarnings are theirs.
def test_the_users_syntax_warnings_are_not_shown():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_source('path = "C:\\data\\cats.csv"\nx = 1 is 1\n', path="w.py")
        check_source(notebook('p = "\\d+"'), path="nb.ipynb")
    assert [str(w.message) for w in caught] == []


# Item 17: other notebook formats and kernels, line ends, a .py of JSON.
def test_an_nbformat_3_notebook_is_read():
    text = notebook(IMPORTS, RESAMPLE, ("heading", "x"), SPLIT, nbformat=3)
    assert leaks(text) == [(3, 1)]


@pytest.mark.parametrize(
    "metadata",
    [{"kernelspec": {"language": "R", "name": "ir"}},
     {"language_info": {"name": "julia"}}],
)  # fmt: skip
def test_a_notebook_whose_kernel_is_not_python_is_skipped_with_a_notice(metadata):
    text = notebook("library(smote)\nx <- 1", metadata=metadata)
    with pytest.warns(CheckNotice, match="kernel runs (R|julia), not Python"):
        assert check_source(text, path="nb.ipynb") == []


def test_a_python_kernel_is_read():
    metadata = {"kernelspec": {"language": "python", "name": "python3"},
                "language_info": {"name": "python"}}  # fmt: skip
    assert leaks(notebook(IMPORTS, RESAMPLE, SPLIT, metadata=metadata)) == [(3, 1)]


def test_a_py_file_whose_text_starts_like_a_notebook_is_a_script(tmp_path):
    script = tmp_path / "config.py"
    script.write_text('{"cells": 1}\n' + IMPORTS + RESAMPLE + "\n" + SPLIT + "\n")
    assert [(f.line, f.cell) for f in check_path(script)] == [(5, None)]


@pytest.mark.parametrize("end", ["\r", "\r\n"])
def test_bare_carriage_returns_end_lines(end):
    cell = end.join(["x = 1", RESAMPLE, "z = 2"]) + end
    assert leaks(notebook(IMPORTS, cell, "w = 3\n" + SPLIT)) == [(3, 2)]
    script = (IMPORTS + RESAMPLE + "\nz = 2\n" + SPLIT).replace("\n", end)
    assert [f.line for f in check_source(script, path="s.py")] == [5]
