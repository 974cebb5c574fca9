"""The command line on input it must refuse or read (issue 27), run in process."""

import json
import os

import numpy as np
import pandas as pd
import pytest


def in_process(capsys, *args):
    from imbsafe.cli import main

    status = main(list(args))
    out = capsys.readouterr()
    return status, out.out, out.err


def table(n=120, seed=0):
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(rng.normal(size=(n, 2)), columns=["a", "b"])
    frame["t"] = np.where(np.arange(n) % 5 == 0, 1, 0)
    return frame


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "data.csv"
    table().to_csv(path, index=False)
    return path


# ------------------------------------------------ a report is never an input


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink"])
@pytest.mark.parametrize("command", ["compare", "remedies"])
def test_a_report_that_is_the_data_file_is_refused(data, capsys, how, command):
    before = data.read_bytes()
    report = data
    if how == "symlink":
        report = data.parent / "link.html"
        report.symlink_to(data)
    elif how == "hardlink":
        report = data.parent / "hard.html"
        os.link(data, report)
    status, out, err = in_process(
        capsys, command, "--data", str(data), "--target", "t", "--report", str(report)
    )
    assert status == 2
    assert "is the same file as --data" in err and "another file name" in err
    assert len(err.strip().splitlines()) == 1
    assert "fits)" not in err  # refused before any fit
    assert data.read_bytes() == before


# ------------------------------------------------ a column without any value


@pytest.mark.parametrize("model", ["hgb", "logreg"])
def test_a_column_missing_in_every_row_is_named_with_the_fix(tmp_path, capsys, model):
    frame = table()
    frame["empty"] = np.nan
    path = tmp_path / "d.csv"
    frame.to_csv(path, index=False)
    status, _, err = in_process(
        capsys, "compare", "--data", str(path), "--target", "t", "--model", model
    )
    assert status == 2
    assert "'empty'" in err and "--drop empty" in err
    assert len(err.strip().splitlines()) == 1
    status, _, err = in_process(
        capsys,
        "compare",
        "--data",
        str(path),
        "--target",
        "t",
        "--model",
        model,
        "--drop",
        "empty",
        "--cv",
        "2",
        "--n-jobs",
        "1",
    )
    assert status == 0, err
    assert "warning" not in err


# ------------------------------------------------ files as they come


def _write(path, kind, frame):
    import gzip

    if kind == "semicolon":
        path.write_text(frame.to_csv(index=False, sep=";", decimal=","))
    elif kind == "gzip":
        path.write_bytes(gzip.compress(frame.to_csv(index=False).encode()))
    elif kind == "parquet":
        pytest.importorskip("pyarrow", reason="reading Parquet needs pyarrow")
        frame.to_parquet(path)
    elif kind == "latin-1":
        path.write_bytes(frame.to_csv(index=False).encode("latin-1"))


@pytest.mark.parametrize("kind", ["semicolon", "gzip", "parquet", "latin-1"])
def test_files_as_they_come_are_read_as_a_plain_csv_is(tmp_path, capsys, kind):
    frame = table()
    frame["town"] = np.where(frame["a"] > 0, "Orléans", "Sète")
    plain = tmp_path / "plain.csv"
    frame.to_csv(plain, index=False)
    path = tmp_path / "data.csv"  # a name that says nothing of what it holds
    _write(path, kind, frame)
    args = ["--target", "t", "--cv", "2", "--n-jobs", "1", "--json"]
    status, out, err = in_process(capsys, "compare", "--data", str(plain), *args)
    assert status == 0, err
    expected = json.loads(out)["metrics"]
    status, out, err = in_process(capsys, "compare", "--data", str(path), *args)
    assert status == 0, err
    assert json.loads(out)["metrics"] == expected
    from imbsafe.cli._input import read_csv

    if kind == "latin-1":
        with pytest.warns(UserWarning, match="not UTF-8 text: read as Windows-1252"):
            read = read_csv(str(path))
    else:
        read = read_csv(str(path))
    pd.testing.assert_frame_equal(read, frame)


def test_sep_names_the_separator(tmp_path, capsys):
    frame = table()
    path = tmp_path / "d.csv"
    path.write_text(frame.to_csv(index=False, sep="|"))
    from imbsafe.cli._input import read_csv

    pd.testing.assert_frame_equal(read_csv(str(path), "|"), frame)
    status, _, err = in_process(
        capsys, "compare", "--data", str(path), "--target", "t", "--sep", ","
    )
    assert status == 2 and "no column 't'" in err


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"PK\x03\x04rest", "zip archive"),
        (b"\xd0\xcf\x11\xe0rest", "Excel .xls workbook"),
        ("a,t\n1,0\n".encode("utf-16"), "NUL bytes"),
        (b"\x1f\x8bnot really gzip", "gzip-compressed but cannot be decompressed"),
        # cut files: each compression library has its own error (xz: LZMAError)
        (b"\xfd7zXZ\x00", "xz-compressed but cannot be decompressed"),
        (b"BZh91AY&SY", "bz2-compressed but cannot be decompressed"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip-compressed but cannot"),
    ],
)
def test_files_that_are_not_csv_say_what_they_seem_to_be(
    tmp_path, capsys, content, match
):
    path = tmp_path / "d.csv"
    path.write_bytes(content)
    status, _, err = in_process(capsys, "compare", "--data", str(path), "--target", "t")
    assert status == 2 and match in err
    assert len(err.strip().splitlines()) == 1


# ------------------------------------------------ option errors: one line


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["compare", "--cv", "1"], "--cv: needs at least 2 folds"),
        (["remedies", "--n-jobs", "0"], "--n-jobs: 0 jobs run nothing"),
        (["audit", "--train", "a.csv"], "required"),
        (["compare", "--sep", ";;"], "one character"),
    ],
)
def test_a_refused_option_is_one_line_not_the_usage(capsys, args, match):
    status, out, err = in_process(capsys, *args)
    assert status == 2 and match in err and "--help" in err
    assert len(err.strip().splitlines()) == 1 and "usage:" not in err
    assert out == ""


def test_too_many_folds_says_what_it_needs_and_has(data, capsys):
    status, _, err = in_process(
        capsys, "compare", "--data", str(data), "--target", "t", "--cv", "500"
    )
    assert status == 2
    assert (
        "--cv 500 needs at least 500 rows of the positive class 1 (one in each "
        "test fold), and it has 24: use --cv 24 or less"
    ) in err


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "--target", "nope"],
        ["remedies", "--target", "nope"],
        ["compare", "--cv", "1"],
        ["audit", "--train", "x.csv", "--valid", "x.csv", "--target", "t"],
    ],
)
def test_a_failing_json_run_prints_a_json_error(data, capsys, args):
    if "--data" not in args and args[0] != "audit":
        args = [args[0], "--data", str(data), *args[1:]]
    status, out, err = in_process(capsys, *args, "--json")
    assert status == 2
    payload = json.loads(out)
    assert payload["exit"] == 2
    assert payload["error"] in err and "\n" not in payload["error"]


@pytest.mark.parametrize("command", ["compare", "remedies"])
def test_help_describes_seed_and_the_cv_default(capsys, command):
    import re

    with pytest.raises(SystemExit) as ended:
        in_process(capsys, command, "--help")
    assert ended.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert re.search(r"--seed N seed of the folds, the samplers and the models", text)
    assert re.search(r"--cv N [^(]*\(default 5\)", text)


# ------------------------------------------------ remedies: fits and thresholds


def test_remedies_progress_names_the_remedies_that_share_a_fit(data, capsys):
    status, out, err = in_process(
        capsys,
        "remedies",
        "--data",
        str(data),
        "--target",
        "t",
        "--cv",
        "2",
        "--n-jobs",
        "1",
    )
    assert status == 0, err
    fits = [line.strip() for line in err.splitlines() if "fits)" in line]
    # 7 remedies on 2 folds, 5 fits per fold: a tuned threshold reuses its fit
    assert len(fits) == 10 and fits[-1].endswith("(10/10 fits)")
    assert "none + threshold: fold 1/2 done (1/10 fits)" in fits
    assert "smote + smote+threshold: fold 2/2 done (10/10 fits)" in fits
    assert "threshold: the decision threshold tuned for f1 on inner folds" in out
    assert "-: not tuned" in out


def test_report_legend_numbers_folds_from_one(tmp_path):
    pytest.importorskip("matplotlib", reason="the [plot] extra is not installed")
    from imbsafe.cli import _report

    predictions = pd.DataFrame(
        {
            "protocol": ["naive"] * 4 + ["safe"] * 4,
            "fold": [0, 0, 1, 1] * 2,
            "y_true": [0, 1] * 4,
            "score": [0.2, 0.8, 0.3, 0.6] * 2,
        }
    )
    metrics = {
        m: {p: {"mean": 0.5} for p in ("naive", "safe")}
        for m in ("f1", "roc_auc", "average_precision")
    }
    fig = _report._curves(predictions, metrics)
    for ax in fig.axes:
        assert set(ax.get_legend_handles_labels()[1]) == {"fold 1", "fold 2"}
    import matplotlib.pyplot as plt

    plt.close(fig)
