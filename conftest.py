"""Collection for the whole repo: the torch side needs the [torch] extra.

``pip install -e .[dev]`` gives the core without torch and skorch. Their test
files skip themselves (``pytest.importorskip``, with the reason); the
modules below cannot even be imported without them, so their doctests are
left out of collection, and ``pytest -rs`` says so in its header.
"""

import importlib.util

TORCH_MODULES = ["imbsafe/skorch.py", "imbsafe/losses.py", "imbsafe/cli/_mlp.py"]
HAS_TORCH = all(importlib.util.find_spec(m) for m in ("torch", "skorch"))

collect_ignore = [] if HAS_TORCH else list(TORCH_MODULES)


def pytest_report_header(config):
    if not HAS_TORCH:
        return (
            "torch or skorch is not installed (the [torch] extra): skipping their "
            f"tests and the doctests of {', '.join(TORCH_MODULES)}"
        )
    return None
