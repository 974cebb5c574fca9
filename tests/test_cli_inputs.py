"""The command line on input it must refuse or read (issue 27), run in process."""

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
