"""The package as users meet it: imports, public names."""

import subprocess
import sys

import imbsafe


def test_import_imbsafe_does_not_import_torch_or_skorch():
    code = (
        "import sys, imbsafe, imbsafe.metrics, imbsafe.datasets, imbsafe.cli\n"
        "heavy = [m for m in ('torch', 'skorch') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_public_names_of_the_design_contract():
    for name in (
        "ResampledCV",
        "ResampledClassifier",
        "compare_resampling",
        "class_weights",
        "audit_split",
        "audit_cv",
        "LeakageReport",
    ):
        assert name in imbsafe.__all__
        assert getattr(imbsafe, name).__doc__
    assert sorted(imbsafe.__all__) == sorted(set(imbsafe.__all__))
