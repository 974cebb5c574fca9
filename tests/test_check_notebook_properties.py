"""Any notebook is checked, and a leak written in its intact cells is found.

Notebooks are built from random cells: code, line and cell magics, help
syntax, shell escapes and assignments, broken cells, random text, raw and
markdown cells, in nbformat 4 or 3. Whatever they hold, the check ends
without an exception (only :class:`CheckNotice` warnings for what it
skipped), and the resampling written in two intact cells, with IPython lines
around it, is found at the split's cell and line.
"""

from __future__ import annotations

import json
import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imbsafe import CheckNotice, check_source

IPYTHON_LINES = [
    "%matplotlib inline", "%load_ext autoreload", "SMOTE?", "?np.mean",
    "np.linalg.norm??", "!ls -la", "files = !ls data/", "out = %sx echo hi",
    "%timeit -n1 -r1 sum([1])", "res = %time sum([1, 2])", "%who",
]  # fmt: skip
CODE_CELLS = [
    "a1 = 1", "for i in range(2):\n    %time print(i)", "q = (7\n     % 2)",
    "ok = (1\n      != 2)", "s = '''\n%not a magic\n!nor a shell\n'''",
    "    indented = 1\n    fragment = indented", "%%time\nw = 3", "%%bash\necho (",
    "!pip install \\\n    imbsafe", "if True:\n    %matplotlib inline",
    'path = "C:\\data\\x.csv"',
]  # fmt: skip
BROKEN_CELLS = [
    "def f(:", "x = (", "'''never closed", "print 'python 2'", "  a = 1\n b = 2",
    "x = 1\x00", "class", "$ not python", "lambda: (yield)", "f(**)",
    "(" * 300, "x = [" + "[" * 200,
]  # fmt: skip
RESAMPLE = "X_res, y_res = SMOTE().fit_resample(X, y)"
SPLIT = "parts = train_test_split(X_res, y_res)"
IMPORTS = (
    "from imblearn.over_sampling import SMOTE\n"
    "from sklearn.model_selection import train_test_split"
)

noise_cell = st.one_of(
    st.tuples(st.just("code"), st.sampled_from(CODE_CELLS + IPYTHON_LINES)),
    st.tuples(st.just("code"), st.sampled_from(BROKEN_CELLS)),
    st.tuples(st.just("code"), st.text(max_size=30)),
    st.tuples(st.sampled_from(["markdown", "raw"]), st.text(max_size=30)),
)
prefix = st.lists(st.sampled_from(IPYTHON_LINES), max_size=3)


def _cell(kind: str, text: str, nbformat: int, as_list: bool) -> dict:
    source: str | list = text
    if as_list:
        source = text.splitlines(keepends=True)
    key = "input" if nbformat == 3 and kind == "code" else "source"
    return {"cell_type": kind, key: source, "metadata": {}}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.lists(noise_cell, max_size=3),
    between=st.lists(noise_cell, max_size=3),
    after=st.lists(noise_cell, max_size=3),
    resample_prefix=prefix,
    split_prefix=prefix,
    timed=st.booleans(),
    nbformat=st.sampled_from([3, 4]),
    as_list=st.booleans(),
)
def test_any_notebook_is_checked_and_the_leak_in_its_intact_cells_found(
    before, between, after, resample_prefix, split_prefix, timed, nbformat, as_list
):
    resample = [IMPORTS, *resample_prefix, ("%time " if timed else "") + RESAMPLE]
    split = [*split_prefix, SPLIT]
    cells = [
        *before,
        ("code", "\n".join(resample)),
        *between,
        ("code", "\n".join(split)),
        *after,
    ]
    made = [_cell(kind, text, nbformat, as_list) for kind, text in cells]
    if nbformat == 3:
        document = {"nbformat": 3, "worksheets": [{"cells": made}], "metadata": {}}
    else:
        document = {"nbformat": 4, "cells": made, "metadata": {}}
    split_cell = sum(kind == "code" for kind, _ in [*before, *between]) + 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = check_source(json.dumps(document), path="random.ipynb")
    assert all(issubclass(w.category, CheckNotice) for w in caught), [
        str(w.message) for w in caught
    ]
    leaks = [(f.cell, f.cell_line) for f in found if f.kind == "leak"]
    assert (split_cell, len(split)) in leaks
