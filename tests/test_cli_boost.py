"""``--model xgb``, ``lgbm`` and ``catboost``: real tables, categories learnt in
each training fold, and one line naming the extra when the library is absent."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from imblearn.over_sampling import SMOTE, RandomOverSampler
from sklearn.model_selection import cross_val_score

from imbsafe import ResampledClassifier
from imbsafe.cli._boost import Categories
from imbsafe.cli._main import main
from imbsafe.cli._models import model

PACKAGES = {"xgb": "xgboost", "lgbm": "lightgbm", "catboost": "catboost"}


def needs(name):
    pytest.importorskip(PACKAGES[name], reason="the [boost] extra is not installed")


def mixed_table(n=300, seed=0):
    """Text, a pandas category, booleans, missing numbers, a header LightGBM
    refuses as a feature name (JSON characters)."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            'a: "x"': rng.normal(size=n),
            "b": rng.normal(size=n),
            "yes": rng.choice(["Yes", "No"], n),
            "cat": pd.Categorical(rng.choice(list("xyz"), n)),
            "flag": rng.random(n) < 0.3,
        }
    )
    frame.loc[rng.random(n) < 0.15, "b"] = np.nan
    frame.loc[rng.random(n) < 0.1, "yes"] = None
    score = frame['a: "x"'] + (frame.yes == "Yes") + rng.normal(size=n)
    y = (score > np.quantile(score, 0.85)).astype(int).to_numpy()
    return frame, y


@pytest.mark.parametrize("name", list(PACKAGES))
@pytest.mark.parametrize("creates_rows", [False, True])
def test_each_library_fits_a_mixed_table_in_folds(name, creates_rows):
    needs(name)
    X, y = mixed_table()
    built = model(name, 0, X, creates_rows=creates_rows)
    first = built.steps[0][1]
    # categories are the model's own without SMOTE; with it, one-hot and imputed
    assert isinstance(first, Categories) is (not creates_rows)
    sampler = SMOTE(random_state=0) if creates_rows else RandomOverSampler()
    scores = cross_val_score(ResampledClassifier(built, sampler), X, y, cv=3)
    assert np.isfinite(scores).all()


@pytest.mark.parametrize("name", list(PACKAGES))
def test_a_table_of_numbers_gets_the_model_alone(name):
    needs(name)
    X = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [0, 1, 0]})
    assert not hasattr(model(name, 0, X), "steps")


def test_categories_are_learnt_on_the_training_rows_only():
    X = pd.DataFrame({"t": ["a", "b", None, "c"], "n": [1.0, np.nan, 3.0, 4.0]})
    encoder = Categories(["t"]).fit(X.iloc[:2])
    assert encoder.categories_ == {"t": ["a", "b"]}
    out = encoder.transform(X)
    assert list(out.columns) == ["x0", "x1"]
    assert list(out["x0"].cat.categories) == ["a", "b"]
    # unseen ("c") and missing cells are missing; numbers pass untouched
    assert out["x0"].isna().tolist() == [False, False, True, True]
    np.testing.assert_array_equal(out["x1"], X["n"])
    filled = Categories(["t"], missing="(missing)").fit(X.iloc[:2]).transform(X)
    assert filled["x0"].tolist() == ["a", "b", "(missing)", "(missing)"]


def test_text_columns_come_first_for_catboost():
    needs("catboost")
    X, _ = mixed_table()
    built = model("catboost", 0, X)
    assert built[-1].get_params()["cat_features"] == (0, 1, 2)
    out = built[0].fit(X).transform(X)
    assert [str(out[c].dtype) for c in out.columns[:3]] == ["category"] * 3


@pytest.mark.parametrize("name", list(PACKAGES))
def test_without_the_library_one_line_names_the_extra(name, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, PACKAGES[name], None)  # as if not installed
    assert main(["compare", "--model", name, "--cv", "3"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert f"--model {name} needs" in err
    assert "pip install 'imbsafe[boost]'" in err


@pytest.mark.parametrize(
    ("command", "name"), [("compare", "lgbm"), ("remedies", "xgb")]
)
def test_the_command_line_runs_them(tmp_path, command, name):
    needs(name)
    X, y = mixed_table()
    path = tmp_path / "table.csv"
    X.assign(label=np.where(y == 1, "bad", "good")).to_csv(path, index=False)
    out = subprocess.run(
        [sys.executable, "-m", "imbsafe", command, "--data", str(path)]
        + ["--target", "label", "--model", name, "--cv", "3", "--n-jobs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    said = next(s for s in out.stderr.splitlines() if s.startswith("preprocessing:"))
    if command == "compare":  # random over-sampling: categories of its own
        assert "coded as categories" in said
        assert f"left missing ({name} reads missing values itself)" in said
    else:  # remedies line up SMOTE: one-hot and imputed, as for hgb
        assert "one-hot encoded" in said
