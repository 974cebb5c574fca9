"""Collection for the whole repo: the integrations need their extras.

``pip install -e .[dev]`` gives the core without torch, skorch or
transformers. Their test files skip themselves (``pytest.importorskip``, with
the reason); the modules below cannot even be imported without them, so their
doctests are left out of collection, and ``pytest -rs`` says so in its header.
"""

import importlib.util

# module or package -> what importing it needs (its extra's packages)
NEEDS = {
    "imbsafe/skorch": ("torch", "skorch"),
    "imbsafe/losses.py": ("torch",),
    "imbsafe/cli/_mlp.py": ("torch", "skorch"),
    "imbsafe/hf": ("torch", "transformers"),
    "imbsafe/lightning": ("torch", "lightning", "torchmetrics"),
    "imbsafe/torchmetrics.py": ("torch", "torchmetrics"),
    # a script the DDP test runs, collected only for its (absent) doctests
    "tests/_lightning_ddp.py": ("torch", "lightning", "torchmetrics"),
}


def _missing(modules):
    return [m for m in modules if importlib.util.find_spec(m) is None]


MISSING = {path: _missing(modules) for path, modules in NEEDS.items()}
# The check corpus is scripts and notebooks written to be read by `imbsafe check`,
# never run: they import libraries that are not installed and read files that
# do not exist.
WITHOUT_EXTRAS = [path for path, missing in MISSING.items() if missing]
collect_ignore = ["tests/check_corpus", *WITHOUT_EXTRAS]


def pytest_report_header(config):
    if not WITHOUT_EXTRAS:
        return None
    absent = sorted({m for missing in MISSING.values() for m in missing})
    return (
        f"{', '.join(absent)} not installed (their extras): skipping their tests "
        f"and the doctests of {', '.join(WITHOUT_EXTRAS)}"
    )
