"""The command line, run for real in a subprocess."""

import json
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "imbsafe", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def test_compare_default_data_shows_inflation():
    out = run("compare", "--cv", "3")
    assert out.returncode == 0, out.stderr
    assert "naive (resample, split)" in out.stdout
    assert "overstates F1" in out.stdout
    assert "digits_eight" in out.stderr  # progress goes to stderr


@pytest.mark.parametrize(("sampler", "seed"), [("ros", 0), ("smote", 1), ("ros", 2)])
def test_compare_json_default_data_f1_inflation_at_least_0_1(sampler, seed):
    out = run("compare", "--json", "--sampler", sampler, "--seed", str(seed))
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""  # quiet with --json
    payload = json.loads(out.stdout)
    f1 = payload["metrics"]["f1"]
    assert f1["inflation"] >= 0.1
    assert len(f1["safe"]["folds"]) == 5
    assert f1["inflation"] == pytest.approx(f1["naive"]["mean"] - f1["safe"]["mean"])
    assert payload["prevalence"] == pytest.approx(174 / 1797)


def test_compare_user_csv_with_string_target(tmp_path):
    rng = np.random.default_rng(0)
    n = 300
    y = np.where(rng.random(n) < 0.1, "fraud", "ok")
    frame = pd.DataFrame(rng.normal(size=(n, 3)), columns=["a", "b", "c"])
    frame["a"] += (y == "fraud") * 1.5
    frame["label"] = y
    path = tmp_path / "data.csv"
    frame.to_csv(path, index=False)
    out = run(
        "compare",
        "--data",
        str(path),
        "--target",
        "label",
        "--json",
        "--model",
        "rf",
        "--cv",
        "3",
    )
    assert out.returncode == 0, out.stderr
    payload = json.loads(out.stdout)
    assert payload["positive_class"] == "fraud"  # the minority class


def test_python_dash_m_and_console_script_agree():
    script = shutil.which("imbsafe")
    if script is None:  # CI pip-installs the package, so this runs there
        pytest.skip("console script not on PATH: package not pip-installed here")
    args = ["compare", "--json", "--cv", "3", "--sampler", "rus"]
    out = subprocess.run([script, *args], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == json.loads(run(*args).stdout)


def _csv(tmp_path, frame, name="d.csv"):
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return str(path)


@pytest.mark.parametrize(
    ("make", "target", "match"),
    [
        (lambda p: str(p / "missing.csv"), "y", "not found"),
        (
            lambda p: _csv(p, pd.DataFrame({"x": [1.0, 2.0], "y": [0, 1]})),
            "z",
            "no column 'z'",
        ),
        (
            lambda p: _csv(p, pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [1, 1, 1]})),
            "y",
            "single class",
        ),
        (
            lambda p: _csv(p, pd.DataFrame({"x": [1.0, 2, 3, 4], "y": [0, 1, 2, 0]})),
            "y",
            "binary target",
        ),
        (
            lambda p: _csv(p, pd.DataFrame({"x": ["a", "b"], "y": [0, 1]})),
            "y",
            "non-numeric feature",
        ),
        (
            lambda p: _csv(p, pd.DataFrame({"x": [1.0, None], "y": [0, 1]})),
            "y",
            "missing values",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path, make, target, match):
    out = run("compare", "--data", make(tmp_path), "--target", target)
    assert out.returncode == 2
    assert match in out.stderr
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_unreadable_csv(tmp_path):
    path = tmp_path / "bin.csv"
    path.write_bytes(b"\xff\xfe\x00\x01garbage\x00\n\x80\x81")
    out = run("compare", "--data", str(path), "--target", "y")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr


def test_too_few_positives_for_folds(tmp_path):
    frame = pd.DataFrame({"x": np.arange(20.0), "y": [1, 1] + [0] * 18})
    out = run("compare", "--data", _csv(tmp_path, frame), "--target", "y")
    assert out.returncode == 2
    assert "lower --cv" in out.stderr
