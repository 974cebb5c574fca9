"""imbsafe check: the corpus verdicts, and the data flow it follows."""

from __future__ import annotations

import json
import textwrap
import warnings

import pytest
from _check_corpus import FILES, PROJECTS, expected, project_expected

from imbsafe import CheckNotice, check_path, check_source
from imbsafe._check import CheckInputError, _check
from imbsafe._check._run import check_files


def test_the_corpus_has_both_directories_and_markers():
    leaky = [p for p in FILES if p.parent.name == "leaky"]
    clean = [p for p in FILES if p.parent.name == "clean"]
    assert len(leaky) >= 100 and len(clean) >= 100
    assert len([p for p in PROJECTS if p.parent.name == "leaky"]) >= 6
    assert all(expected(p) for p in leaky), "every leaky file marks a line"
    assert not any(expected(p) for p in clean)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_findings_equal_its_markers(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CheckNotice)
        found = {(f.line, f.kind) for f in check_path(path)}
    skipped = [w for w in caught if issubclass(w.category, CheckNotice)]
    # only the notebooks written with a broken cell have a part to skip
    assert bool(skipped) == path.name.startswith("nb_broken_cell")
    assert found == expected(path)


@pytest.mark.parametrize("folder", PROJECTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_project_findings_equal_its_markers(folder):
    # a project folder is checked as one run: tables and imports across files
    found = {(f.path, f.line, f.kind) for f in check_path(folder)}
    assert found == project_expected(folder)
    if folder.parent.name == "leaky":
        assert found


def test_check_path_on_a_folder_equals_the_files_one_by_one():
    # the corpus's single files share no table and import no sibling module
    names = [str(p) for p in FILES if p.parent.name == "leaky"]
    whole, errors, notices = check_files(names, _check)
    assert not errors
    assert {n.path for n in notices} == {p for p in names if "nb_broken_cell" in p}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CheckNotice)  # the broken cells, above
        one_by_one = [f for p in names for f in check_path(p)]
    assert whole == one_by_one


def _findings(code: str) -> list:
    return [(f.line, f.kind) for f in check_source(textwrap.dedent(code))]


HEAD = """\
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split, cross_val_score, KFold
from sklearn.utils import resample
"""


def test_finding_fields_say_what_where_and_the_fix():
    code = (
        HEAD + "X2, y2 = SMOTE().fit_resample(X, y)\nparts = train_test_split(X2, y2)\n"
    )
    (finding,) = check_source(code, path="train.py")
    assert (finding.path, finding.line, finding.kind) == ("train.py", 7, "leak")
    assert "SMOTE.fit_resample at line 6" in finding.message
    assert "train_test_split" in finding.message and finding.origins == (6,)
    assert "ResampledClassifier" in finding.fix
    assert str(finding).startswith("train.py:7: leak: rows resampled by SMOTE")
    assert json.loads(json.dumps(finding.to_dict()))["line"] == 7


@pytest.mark.parametrize(
    ("code", "found"),
    [
        # reassignment kills the taint: the name holds the split's part now
        (
            "X, X_t, y, y_t = train_test_split(X, y)\nX, y = SMOTE().fit_resample(X, y)"
            "\nm.fit(X, y)\nm.score(X_t, y_t)",
            [],
        ),
        (
            "X, y = SMOTE().fit_resample(X, y)\nX = load()\ncross_val_score(m, X, yy)",
            [],
        ),
        # a value from a call the checker cannot see is unknown: no finding
        ("from mylib import balance\nX = balance(X)\ntrain_test_split(X)", []),
        ("X = pipeline.prepare(X)\ntrain_test_split(X)", []),
        # fold loops: resampling the training fold is clean ...
        (
            "for tr, te in KFold(5).split(X):\n"
            "    Xr, yr = SMOTE().fit_resample(X[tr], y[tr])\n"
            "    m.fit(Xr, yr, eval_set=[(X[te], y[te])])",
            [],
        ),
        # ... the evaluation fold from resampled rows is not
        (
            "Xr, yr = SMOTE().fit_resample(X, y)\n"
            "for tr, te in KFold(5).split(Xr):\n"
            "    m.fit(Xr[tr], yr[tr], eval_set=[(Xr[te], yr[te])])",
            [(7, "leak"), (8, "leak")],
        ),
        # an eval_set that lists the training pair to log it
        (
            "Xr, yr = SMOTE().fit_resample(X_tr, y_tr)\n"
            "m.fit(Xr, yr, eval_set=[(Xr, yr), (X_val, y_val)])",
            [],
        ),
        (
            "Xr, yr = SMOTE().fit_resample(X_tr, y_tr)\n"
            "m.fit(X_tr, y_tr, eval_set=[(X_tr, y_tr), (Xr, yr)])",
            [(7, "leak")],
        ),
        (
            "Xr, yr = SMOTE().fit_resample(X_tr, y_tr)\n"
            "m.fit(X_train=Xr, y_train=yr, eval_set=[(Xr, yr), (X_val, y_val)])",
            [],
        ),
        # a final refit on everything, with nothing scored after it
        ("Xr, yr = SMOTE().fit_resample(X, y)\nmodel.fit(Xr, yr)\nsave(model)", []),
        # resample(replace=False) is a part until it is glued back
        (
            "down = resample(major, replace=False)\ntrain_test_split(down)",
            [],
        ),
        (
            "down = resample(major, replace=False, n_samples=9)\n"
            "df2 = pd.concat([down, minor])\ntrain_test_split(df2)",
            [(8, "leak")],
        ),
        ("up = df.sample(frac=0.5)\ntrain_test_split(up)", []),
        ("up = df.sample(frac=2, replace=True)\ntrain_test_split(up)", [(7, "leak")]),
        # one branch resamples: the flow may reach the split
        (
            "if flag:\n    X, y = SMOTE().fit_resample(X, y)\ntrain_test_split(X, y)",
            [(8, "leak")],
        ),
        # a loop carries a value into its next iteration
        (
            "for i in range(3):\n    cross_val_score(m, X, y)\n"
            "    X, y = SMOTE().fit_resample(X, y)",
            [(7, "leak")],
        ),
        # groups keep a row's copies on one side: the checker cannot tell
        (
            "from sklearn.model_selection import GroupKFold\n"
            "idx = np.repeat(np.arange(9), w)\nXt, yt = X[idx], y[idx]\n"
            "folds = GroupKFold(3).split(Xt, yt, groups=idx)\n"
            "cross_val_score(m, Xt, yt, groups=idx)\n"
            "KFold(3).split(Xt, yt)",
            [(11, "leak")],
        ),
        # labels built by repeating scalars are no repeated rows
        (
            "texts, labels = [], []\nfor label, docs in corpus.items():\n"
            "    texts += docs\n    labels += [label] * len(docs)\n"
            "train_test_split(texts, labels)",
            [],
        ),
        ("y2 = np.array([-1] * 800 + [1] * 50)\ntrain_test_split(X, y2)", []),
        (
            "y3 = np.concatenate([[i] * (9 + i) for i in range(3)])\n"
            "train_test_split(X, y3)",
            [],
        ),
        # values drawn with replacement are data; indices drawn so select rows
        ("cats = rng.choice(50, size=900, replace=True)\ntrain_test_split(cats)", []),
        (
            "idx = rng.choice(len(X), len(X), replace=True)\ntrain_test_split(X[idx])",
            [(7, "leak")],
        ),
        # str.split is no splitter
        ("Xr, yr = SMOTE().fit_resample(X, y)\nwords = Xr.split(',')", []),
    ],
)
def test_data_flow(code, found):
    assert _findings(HEAD + code) == found


def test_helper_on_callers_rows_is_reported_at_the_call():
    code = HEAD + textwrap.dedent("""\
        def make_splits(a, b):
            return train_test_split(a, b)

        def balance(frame):
            parts = []
            for _, part in frame.groupby("y"):
                parts.append(resample(part, replace=True, n_samples=10))
            return pd.concat(parts)

        raw_parts = make_splits(X, y)
        Xr, yr = SMOTE().fit_resample(X, y)
        res_parts = make_splits(Xr, yr)
        bal = balance(df)
        more = train_test_split(bal)
        """)
    found = check_source(code)
    assert [(f.line, f.kind) for f in found] == [(17, "leak"), (19, "leak")]
    assert "reach train_test_split in make_splits():" in found[0].message
    assert "in a helper called at line 18" in found[1].message


def test_a_fold_loop_over_resampled_rows_says_to_resample_each_fold():
    code = HEAD + "Xr, yr = SMOTE().fit_resample(X, y)\n"
    code += "for tr, te in KFold(5).split(Xr, yr):\n    pass\n"
    (finding,) = check_source(code)
    assert "reach KFold.split: every test fold holds" in finding.message
    assert finding.fix.startswith("split the raw rows and resample each training")


def test_a_function_no_one_calls_is_checked_on_its_own():
    code = HEAD + textwrap.dedent("""\
        def main():
            Xr, yr = SMOTE().fit_resample(load(), y)
            train_test_split(Xr, yr)
        """)
    assert _findings(code) == [(8, "leak")]


@pytest.mark.parametrize(
    ("code", "found"),
    [
        (
            "from sklearn.ensemble import HistGradientBoostingClassifier as H\n"
            "H(early_stopping=True).fit(Xr, yr)",
            [(8, "leak")],
        ),
        (
            "from sklearn.ensemble import HistGradientBoostingClassifier as H\n"
            "H(early_stopping=True).fit(Xr, yr, X_val=Xv, y_val=yv)",
            [],
        ),
        (
            "from sklearn.ensemble import HistGradientBoostingClassifier as H\n"
            "H(early_stopping='auto').fit(Xr, yr)",
            [],
        ),
        (
            "from sklearn.ensemble import GradientBoostingClassifier as G\n"
            "G(n_iter_no_change=5).fit(Xr, yr)",
            [(8, "leak")],
        ),
        (
            "from sklearn.ensemble import RandomForestClassifier as R\n"
            "R(oob_score=True).fit(Xr, yr)",
            [(8, "leak")],
        ),
        (
            "from sklearn.ensemble import RandomForestClassifier as R\n"
            "R(oob_score=flag).fit(Xr, yr)",
            [],
        ),
        (
            "from skorch import NeuralNetClassifier\n"
            "NeuralNetClassifier(M).fit(Xr, yr)",
            [(8, "leak")],
        ),
        (
            "from skorch import NeuralNetClassifier\n"
            "NeuralNetClassifier(M, train_split=None).fit(Xr, yr)",
            [],
        ),
        (
            "from skorch import NeuralNetClassifier\nfrom skorch.helper import "
            "predefined_split\nfrom skorch.dataset import Dataset\n"
            "NeuralNetClassifier(M, train_split=predefined_split(Dataset(Xr, yr)))"
            ".fit(X, y)",
            [(10, "leak")],
        ),
        ("model.fit(Xr, yr, validation_split=0.1)", [(7, "leak")]),
        ("model.fit(Xr, yr, validation_split=0.0)", []),
        (
            "from transformers import Trainer\nTrainer(m, eval_dataset=Xr)",
            [(8, "leak")],
        ),
        (
            "from sklearn.pipeline import make_pipeline\n"
            "from sklearn.neural_network import MLPClassifier\n"
            "make_pipeline(S(), MLPClassifier(early_stopping=True)).fit(Xr, yr)",
            [(9, "leak")],
        ),
    ],
)
def test_sinks_of_the_estimators_own_validation(code, found):
    code = HEAD + "Xr, yr = SMOTE().fit_resample(X, y)\n" + code
    assert _findings(code) == found


@pytest.mark.parametrize(
    ("code", "found"),
    [
        (
            "from sklearn.preprocessing import StandardScaler\n"
            "Xs = StandardScaler().fit_transform(X)\ncross_val_score(m, Xs, y)",
            [(8, "preprocessing")],
        ),
        (
            "from sklearn.preprocessing import StandardScaler\n"
            "Xa, Xb, ya, yb = train_test_split(X, y)\n"
            "sc = StandardScaler().fit(Xa)\n"
            "Xa2, Xb2 = sc.transform(Xa), sc.transform(Xb)",
            [],
        ),
        # a label encoder's output in the target's place is not a finding,
        # nor written back to the target's column
        (
            "from sklearn.preprocessing import LabelEncoder\n"
            "target = 'label'\n"
            "df[target] = LabelEncoder().fit_transform(df[target])\n"
            "df['kind'] = LabelEncoder().fit_transform(df['kind'])\n"
            "train_test_split(df.drop(columns=[target]), df[target])",
            [],
        ),
        (
            "from sklearn.preprocessing import LabelEncoder\n"
            "for col in cat_cols:\n"
            "    df[col] = LabelEncoder().fit_transform(df[col])\n"
            "train_test_split(df)",
            [(9, "preprocessing")],
        ),
        (
            "from sklearn.preprocessing import LabelEncoder\n"
            "yy = LabelEncoder().fit_transform(df['label'])\ntrain_test_split(X, yy)",
            [],
        ),
        (
            "from sklearn.preprocessing import StandardScaler\n"
            "from sklearn.pipeline import make_pipeline\n"
            "cross_val_score(make_pipeline(StandardScaler(), m), X, y)",
            [],
        ),
        ("yy = np.log1p(X)\ntrain_test_split(yy)", []),
    ],
)
def test_preprocessing_fitted_before_the_split(code, found):
    assert _findings(HEAD + code) == found


def _notebook(*cells: str) -> str:
    return json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {},
            "cells": [
                {"cell_type": kind, "source": text, "metadata": {}}
                | ({"outputs": [], "execution_count": None} if kind == "code" else {})
                for kind, text in cells
            ],
        }
    )


def test_notebook_lines_count_code_cells_and_keep_magic_lines():
    text = _notebook(
        ("code", "!pip install imbalanced-learn\n%matplotlib inline\n" + HEAD),
        ("markdown", "# resample\n\nthen split"),
        ("code", "%%time\nXr, yr = SMOTE().fit_resample(X, y)"),
        ("code", "%%bash\necho not python (\n"),
        ("code", ["parts = train_test_split(\n", "    Xr, yr)"]),
    )
    (finding,) = check_source(text, path="nb.ipynb")
    # cells of 7, 2 and 2 lines come first: the split is line 12, cell 4 line 1
    assert (finding.line, finding.cell, finding.cell_line) == (12, 4, 1)
    assert "at cell 2, line 2" in finding.message
    assert str(finding).startswith("nb.ipynb:12: leak: (cell 4, line 1) rows")


def test_syntax_error_is_one_line_naming_the_file_and_place(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("x = (\n")
    with pytest.raises(CheckInputError, match=r"bad\.py: syntax error at line 1"):
        check_path(bad)
    nb = tmp_path / "bad.ipynb"
    nb.write_text(_notebook(("code", "y = ]"), ("code", "x = (")))
    with pytest.raises(CheckInputError, match=r"no cell parses; cell 1 skipped: "):
        check_path(nb)
    with pytest.raises(ValueError, match="not a Jupyter notebook"):
        check_source("{}", path="x.ipynb")


def test_deep_nesting_is_bad_input_or_checked_never_a_traceback():
    # Whether Python's parser gives up on 5,000 terms depends on the recursion
    # limit in force (other tests in the same worker may raise it): either way
    # the answer is one line of bad input or a check, never a traceback.
    try:
        found = check_source("x = " + " + ".join(["a"] * 5000))
    except CheckInputError as e:
        assert "too deeply nested to parse" in str(e)
    else:
        assert found == []
    deep = "Xr, yr = SMOTE().fit_resample(X, y)\nz = " + " + ".join(["Xr"] * 900)
    assert _findings(HEAD + deep + "\ntrain_test_split(z)") == [(8, "leak")]


def test_work_per_file_is_bounded_on_helpers_calling_helpers_in_loops():
    import ast

    from imbsafe._check._engine import BUDGET, Flow

    helpers = ["def f0(x):\n    return x\n"]
    for i in range(1, 40):
        helpers.append(
            f"def f{i}(x):\n    for _ in x:\n        for _ in x:\n"
            f"            x = f{i - 1}(x) + f{i - 1}(x)\n    return x\n"
        )
    flow = Flow()
    flow.run(ast.parse("".join(helpers) + "y = f39(z)\n"))
    assert flow.steps < 2 * BUDGET


def test_folders_skip_hidden_and_cache_folders(tmp_path):
    code = HEAD + "Xr, yr = SMOTE().fit_resample(X, y)\ntrain_test_split(Xr)\n"
    for place in ("a.py", "sub/b.py", ".ipynb_checkpoints/c.py", "__pycache__/d.py"):
        (tmp_path / place).parent.mkdir(exist_ok=True)
        (tmp_path / place).write_text(code)
    (tmp_path / "notes.txt").write_text(code)
    found = check_path(tmp_path)
    assert sorted(f.path[len(str(tmp_path)) + 1 :] for f in found) == [
        "a.py",
        "sub/b.py",
    ]


def test_check_source_does_not_run_the_code():
    assert check_source("raise SystemExit(3)\nimport os; os.remove('x')") == []


def test_importing_imbsafe_stays_light():
    import subprocess
    import sys

    code = "import sys, imbsafe; print('imbsafe._check' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False"
    assert {"check_source", "check_path"} <= set(__import__("imbsafe").__all__)
