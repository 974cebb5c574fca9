"""Every example runs as a script, as a user would copy it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("plot_*.py"))
# What each story must print: its conclusion, not just "no crash".
EXPECTED = {
    "plot_naive_vs_safe.py": "ResampledClassifier(SMOTE) F1",
    "plot_skorch_validation.py": "mean gap between logged and holdout F1",
    "plot_audit_a_split.py": "ResampledCV folds leaky: [False, False, False",
    "plot_choosing_a_remedy.py": "tournament best on breast cancer (F1):",
    "plot_hf_trainer.py": "LeakageGuardCallback warned: True",
    "plot_boosting_early_stopping.py": "eval AP inflation of A: +",
    "plot_lightning_validation.py": "naive: mean gap between logged and holdout F1 +",
}


NEEDS_TORCH = {"plot_skorch_validation.py"}
NEEDS_HF = {"plot_hf_trainer.py"}
NEEDS_BOOST = {"plot_boosting_early_stopping.py"}
NEEDS_LIGHTNING = {"plot_lightning_validation.py"}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_runs(path):
    if path.name in NEEDS_TORCH:
        pytest.importorskip("skorch", reason="the [torch] extra is not installed")
    if path.name in NEEDS_HF:
        pytest.importorskip("transformers", reason="the [hf] extra is not installed")
    if path.name in NEEDS_BOOST:
        pytest.importorskip("lightgbm", reason="the [boost] extra is not installed")
    if path.name in NEEDS_LIGHTNING:
        pytest.importorskip(
            "lightning", reason="the [lightning] extra is not installed"
        )
    env = {**os.environ, "MPLBACKEND": "Agg"}
    out = subprocess.run(
        [sys.executable, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert EXPECTED[path.name] in out.stdout


def test_there_are_examples_and_each_has_an_expectation():
    assert EXAMPLES
    assert {p.name for p in EXAMPLES} == set(EXPECTED)
