"""Real tables as they come (#19): text, bool, category and missing values,
with every preprocessing step fitted inside the training fold."""

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from imblearn.over_sampling import ADASYN, SMOTE, RandomOverSampler
from imblearn.pipeline import Pipeline as ImbPipeline
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from imbsafe import ResampledClassifier, compare_remedies, compare_resampling


def mixed_table(n=600, seed=0):
    """A small reproduction of the real tables' mechanisms: a yes/no text
    column, a pandas category, a boolean, a numeric column with missing
    values, an integer code, and a row-index column as to_csv leaves it."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "Unnamed: 0": np.arange(n),
            "a": rng.normal(size=n),
            "b": rng.normal(size=n),
            "yes": rng.choice(["Yes", "No"], n),
            "cat": pd.Categorical(rng.choice(list("xyz"), n)),
            "flag": rng.random(n) < 0.3,
            "code": rng.integers(0, 4, n),
        }
    )
    frame.loc[rng.random(n) < 0.15, "b"] = np.nan
    score = frame.a + (frame.yes == "Yes") + 0.5 * frame.flag + rng.normal(size=n)
    y = (score > np.quantile(score, 0.88)).astype(int).to_numpy()
    return frame, y


def preprocessing():
    return ColumnTransformer(
        [
            (
                "num",
                make_pipeline(
                    SimpleImputer(strategy="median", add_indicator=True),
                    StandardScaler(),
                ),
                make_column_selector(dtype_include="number"),
            ),
            (
                "cat",
                OneHotEncoder(handle_unknown="ignore"),
                make_column_selector(dtype_exclude="number"),
            ),
        ]
    )


CV = StratifiedKFold(5, shuffle=True, random_state=0)


@pytest.mark.parametrize(
    "sampler",
    [SMOTE(random_state=0), ADASYN(random_state=0), RandomOverSampler(random_state=0)],
    ids=["smote", "adasyn", "ros"],
)
def test_the_smote_family_runs_on_a_mixed_table_as_imblearn_pipelines_do(sampler):
    X, y = mixed_table()
    pipe = make_pipeline(preprocessing(), LogisticRegression())
    ours = cross_val_score(
        ResampledClassifier(pipe, sampler), X, y, cv=CV, scoring="average_precision"
    )
    if isinstance(sampler, RandomOverSampler):  # reads any table: in front
        steps = [("s", sampler), ("pre", preprocessing()), ("lr", LogisticRegression())]
    else:  # needs numbers: after the preprocessing, in front of the model
        steps = [("pre", preprocessing()), ("s", sampler), ("lr", LogisticRegression())]
    theirs = cross_val_score(
        ImbPipeline(steps), X, y, cv=CV, scoring="average_precision"
    )
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-9)


def test_plain_numeric_data_keeps_the_sampler_in_front_of_the_pipeline():
    X, y = mixed_table()
    X = X[["a", "code"]].to_numpy(dtype=float)
    pipe = make_pipeline(StandardScaler(), LogisticRegression())
    ours = cross_val_score(
        ResampledClassifier(pipe, SMOTE(random_state=0)), X, y, cv=CV, scoring="f1"
    )
    before = ImbPipeline(
        [
            ("s", SMOTE(random_state=0)),
            ("sc", StandardScaler()),
            ("lr", LogisticRegression()),
        ]
    )
    theirs = cross_val_score(before, X, y, cv=CV, scoring="f1")
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)


def test_compare_resampling_runs_smote_on_a_mixed_table():
    X, y = mixed_table()
    pipe = make_pipeline(preprocessing(), LogisticRegression())
    result = compare_resampling(
        pipe, SMOTE(random_state=0), X, y, cv=CV, scoring=("average_precision",)
    )
    safe = result.folds.query("protocol == 'safe'").sort_values("fold")["value"]
    imblearn = ImbPipeline(
        [
            ("pre", preprocessing()),
            ("s", SMOTE(random_state=0)),
            ("lr", LogisticRegression()),
        ]
    )
    expected = cross_val_score(imblearn, X, y, cv=CV, scoring="average_precision")
    np.testing.assert_allclose(safe.to_numpy(), expected, rtol=0, atol=1e-9)
    assert result.summary.loc["average_precision", "inflation"] > 0.05


def test_compare_remedies_ranks_smote_on_a_mixed_table():
    X, y = mixed_table()
    pipe = make_pipeline(preprocessing(), LogisticRegression())
    result = compare_remedies(
        pipe, X, y, remedies=["smote", "ros"], cv=CV, random_state=3
    )
    assert result.failures == {}
    scores = result.folds.query("remedy == 'smote' and metric == 'average_precision'")
    imblearn = ImbPipeline(
        [
            ("pre", preprocessing()),
            ("s", SMOTE(random_state=3)),
            ("lr", LogisticRegression()),
        ]
    )
    expected = cross_val_score(imblearn, X, y, cv=CV, scoring="average_precision")
    np.testing.assert_allclose(
        scores.sort_values("fold")["score"].to_numpy(), expected, rtol=0, atol=1e-9
    )


def test_an_input_table_is_never_changed():
    X, y = mixed_table()
    before = X.copy(deep=True)
    pipe = make_pipeline(preprocessing(), LogisticRegression())
    ResampledClassifier(pipe, SMOTE(random_state=0)).fit(X, y)
    pd.testing.assert_frame_equal(X, before)


# ------------------------------------------------------------ the command line


def cli_model(name, X, creates_rows=False):
    from imbsafe.cli._models import model

    return model(name, 0, X, creates_rows=creates_rows)


def test_the_builtin_preprocessing_is_fitted_inside_each_training_fold():
    X, y = mixed_table()
    X = X.drop(columns="Unnamed: 0")
    out = cross_validate(cli_model("logreg", X), X, y, cv=CV, return_estimator=True)
    for (train, _), fitted in zip(CV.split(X, y), out["estimator"], strict=True):
        transformer = fitted[0]
        imputer = transformer.named_transformers_["numeric"][0]
        column = transformer.transformers_[0][2].index("b")
        assert imputer.statistics_[column] == X["b"].iloc[train].median()
        scaler = transformer.named_transformers_["numeric"][1]
        imputed = X["b"].iloc[train].fillna(X["b"].iloc[train].median())
        assert np.isclose(scaler.mean_[column], imputed.mean())


@pytest.mark.parametrize("name", ["logreg", "rf", "hgb", "mlp"])
@pytest.mark.parametrize("creates_rows", [False, True])
# a short net may predict no positive on a fold: F1 is then undefined
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.UndefinedMetricWarning")
def test_every_builtin_model_fits_a_mixed_table(name, creates_rows):
    if name == "mlp":
        pytest.importorskip("skorch", reason="the [torch] extra is not installed")
    X, y = mixed_table(n=300)
    model = cli_model(name, X, creates_rows=creates_rows)
    sampler = SMOTE(random_state=0) if creates_rows else RandomOverSampler()
    scores = cross_val_score(ResampledClassifier(model, sampler), X, y, cv=3)
    assert np.isfinite(scores).all()


def test_a_text_category_seen_only_in_a_test_fold_is_ignored():
    X, y = mixed_table(n=300)
    X["yes"] = X["yes"].astype(object)
    X.loc[X.index[-1], "yes"] = "Maybe"  # one row: in one test fold only
    scores = cross_val_score(cli_model("logreg", X), X, y, cv=3)
    assert np.isfinite(scores).all()


def run_cli(*args, tmp_path, frame, jobs="1"):
    path = tmp_path / "table.csv"
    frame.to_csv(path, index=False)
    return subprocess.run(
        [sys.executable, "-m", "imbsafe", *args, "--data", str(path), "--cv", "3"]
        + ([] if "--n-jobs" in args else ["--n-jobs", jobs]),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("command", "model"),
    [
        ("compare", "logreg"),
        ("compare", "hgb"),
        ("compare", "mlp"),
        ("remedies", "logreg"),
    ],
)
def test_the_command_line_takes_a_mixed_table(tmp_path, command, model):
    if model == "mlp":
        pytest.importorskip("skorch", reason="the [torch] extra is not installed")
    X, y = mixed_table(n=300)
    frame = X.assign(label=np.where(y == 1, "bad", "good"))
    extra = ["--sampler", "smote"] if command == "compare" else []
    out = run_cli(
        command,
        "--target",
        "label",
        "--model",
        model,
        *extra,
        tmp_path=tmp_path,
        frame=frame,
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    lines = out.stderr.splitlines()
    said = next(line for line in lines if line.startswith("preprocessing:"))
    assert "inside each training fold" in said and "non-numeric column" in said
    warned = [line for line in lines if "row index" in line]
    assert len(warned) == 1 and "--drop 'Unnamed: 0'" in warned[0]


def test_drop_removes_columns_and_names_unknown_ones(tmp_path):
    X, y = mixed_table(n=300)
    frame = X.assign(label=y)
    out = run_cli(
        "compare",
        "--target",
        "label",
        "--drop",
        "Unnamed: 0",
        "--json",
        tmp_path=tmp_path,
        frame=frame,
    )
    assert out.returncode == 0, out.stderr
    assert "row index" not in out.stderr
    assert "preprocessing" in json.loads(out.stdout)
    out = run_cli(
        "compare",
        "--target",
        "label",
        "--drop",
        "nope",
        tmp_path=tmp_path,
        frame=frame,
    )
    assert out.returncode == 2 and "'nope'" in out.stderr


def test_n_jobs_does_not_change_the_result(tmp_path):
    X, y = mixed_table(n=300)
    frame = X.drop(columns="Unnamed: 0").assign(label=y)
    outs = [
        run_cli(
            "compare",
            "--target",
            "label",
            "--json",
            "--n-jobs",
            jobs,
            tmp_path=tmp_path,
            frame=frame,
        )
        for jobs in ("1", "2")
    ]
    assert all(out.returncode == 0 for out in outs), outs[1].stderr
    assert (
        json.loads(outs[0].stdout)["metrics"] == json.loads(outs[1].stdout)["metrics"]
    )
