"""Pickles load across the package restructure (#38), both ways.

tests/pickles/*.pkl were made at commit ab8230d, when the private modules
lived at the package root; they name ``imbsafe._wrapper`` and so on.
"""

# restructure: keep old names (this file names the old module paths on purpose)

import importlib
import importlib.util
import pickle
import runpy
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import imbsafe
from imbsafe._utils._moved import MOVED

HERE = Path(__file__).parent / "pickles"
MAKER = runpy.run_path(str(HERE / "make_pickles.py"))
OLD_MODULES = (HERE / "modules.txt").read_text().split()
# imbsafe.__all__ at ab8230d, the commit the pickles were made at; names added
# since (estimate_prevalence, CheckNotice) never had an older home to keep
OLD_NAMES = (HERE / "public_names.txt").read_text().split()

# A pickle made with another scikit-learn than the one installed warns
# (InconsistentVersionWarning) when it loads; these tests check imbsafe's
# module paths, not scikit-learn's own cross-version promise, so the warning
# is not an error here. The pickles' objects are checked by what they do.
pytestmark = pytest.mark.filterwarnings(
    "ignore::sklearn.exceptions.InconsistentVersionWarning"
)


def _needs_pyarrow():
    # pandas >= 3 stored the frames' strings with pyarrow when the pickles
    # were made (the full environment has it); loading them needs pyarrow,
    # which the core without extras does not install
    pytest.importorskip("pyarrow")


def _load(name):
    _needs_pyarrow()
    with open(HERE / name, "rb") as f:
        return pickle.load(f)


class _Named(pickle.Unpickler):
    """Records the imbsafe (module, name) pairs a pickle names."""

    def __init__(self, file):
        super().__init__(file)
        self.named = set()

    def find_class(self, module, name):
        if module.startswith("imbsafe"):
            self.named.add((module, name))
        return super().find_class(module, name)


def _named(data):
    import io

    unpickler = _Named(io.BytesIO(data))
    unpickler.load()
    return unpickler.named


def test_old_pickles_name_the_old_modules():
    # the fixture is what it claims to be: made before the move
    _needs_pyarrow()
    with open(HERE / "core.pkl", "rb") as f:
        named = _named(f.read())
    assert ("imbsafe._wrapper", "ResampledClassifier") in named
    assert ("imbsafe._cv", "ResampledCV") in named


def test_pickles_made_before_the_move_load_and_work():
    X, y = MAKER["data"]()
    core = _load("core.pkl")
    for name in ("fitted_classifier", "fitted_own_validation"):
        model, proba = core[name]
        np.testing.assert_allclose(model.predict_proba(X), proba)
    model = core["unfitted_classifier"][0]
    assert model.fit(X, y).predict(X).shape == y.shape
    cv, train_folds = core["resampled_cv"]
    assert [t.tolist() for t, _ in cv.split(X, y)] == train_folds
    for name in ("leakage_report", "comparison", "remedies"):
        value, text = core[name]
        assert repr(value) == text
    reports, texts = core["leakage_reports"]
    assert [repr(r) for r in reports] == texts
    scorer, value = core["scorer"]
    assert scorer(core["fitted_classifier"][0], X, y) == value
    assert core["comparison_class"][0] is imbsafe.ComparisonResult
    functions = core["functions"][0]
    assert functions[0] is imbsafe.compare_resampling
    assert functions[5] is imbsafe.class_weights
    errors = core["exceptions"][0]
    assert [type(e) for e in errors] == [
        imbsafe.SamplerNotIndexableError,
        imbsafe.ResamplingLeakageError,
        imbsafe.LeakageWarning,
    ]
    assert core["findings"][0] == imbsafe.check_source(
        "X_res, y_res = SMOTE().fit_resample(X, y)\ntrain_test_split(X_res, y_res)\n"
    )
    np.testing.assert_array_equal(core["class_weights"][0], imbsafe.class_weights(y))


def test_torch_pickles_made_before_the_move_load_and_work():
    torch = pytest.importorskip("torch")
    pytest.importorskip("skorch")
    pytest.importorskip("transformers")
    from imbsafe import hf, skorch

    X, y = MAKER["data"]()
    saved = _load("torch.pkl")
    logits = torch.tensor(X[:, :2], dtype=torch.float32)
    target = torch.tensor(y, dtype=torch.long)
    focal, value = saved["focal_loss"]
    assert float(focal(logits, target)) == pytest.approx(value)
    binary, value = saved["binary_focal_loss"]
    assert float(binary(logits[:, 0], target.float())) == pytest.approx(value)
    assert type(saved["skorch_split"][0]) is skorch.ResampledValidSplit
    assert [type(c).__name__ for c in saved["skorch_callbacks"][0]] == [
        "EpochMetrics",
        "LeakageGuard",
        "TrainFoldClassWeights",
        "BalancedBatches",
    ]
    assert saved["hf_functions"][0][0] is hf.compute_metrics


def test_pickles_made_now_name_only_modules_of_the_old_layout():
    """So an older imbsafe loads them, and __module__ reads as it did."""
    core = _load("core.pkl")
    named = _named(pickle.dumps(core))
    assert named
    assert {module for module, _ in named} <= set(OLD_MODULES)
    assert imbsafe.ResampledClassifier.__module__ == "imbsafe._wrapper"
    assert repr(imbsafe.ResampledCV) == "<class 'imbsafe._cv.ResampledCV'>"


def test_every_public_name_keeps_its_module():
    assert set(OLD_NAMES) <= set(imbsafe.__all__)
    for name in OLD_NAMES:
        module = getattr(getattr(imbsafe, name), "__module__", None)
        assert module is None or module in OLD_MODULES, (name, module)


@pytest.mark.parametrize("old", sorted(MOVED))
def test_an_old_module_name_is_the_moved_module(old):
    assert importlib.import_module(old) is importlib.import_module(MOVED[old])


def test_every_module_of_the_old_layout_still_imports():
    # also says that MOVED misses no module that moved
    root = Path(__file__).parent.parent
    needs = runpy.run_path(str(root / "conftest.py"))["NEEDS"]
    for name in OLD_MODULES:
        path = name.replace(".", "/")
        extras = [
            packages
            for listed, packages in needs.items()
            if path == listed.removesuffix(".py") or path.startswith(listed + "/")
        ]
        missing = [p for e in extras for p in e if importlib.util.find_spec(p) is None]
        if missing or name == "imbsafe.__main__":
            continue  # without its extra it fails in one line (test_package)
        assert importlib.import_module(name).__name__ == name


def test_old_name_first_in_a_fresh_process():
    # what pickle.load does in a new interpreter: the old name comes first
    code = (
        "import importlib, sys\n"
        "old = importlib.import_module('imbsafe._fit_plan')\n"
        "new = importlib.import_module('imbsafe._fit._plan')\n"
        "print(old is new, old.__name__, old.__spec__.name, old.FitPlan.__module__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [
        "True",
        "imbsafe._fit_plan",
        "imbsafe._fit._plan",
        "imbsafe._fit_plan",
    ]
