"""The package as users meet it: imports, public names."""

import subprocess
import sys

import pytest

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


def test_import_imbsafe_does_not_import_lightning_or_torchmetrics():
    """The [lightning] extra is optional: the core imports neither library."""
    code = (
        "import sys, imbsafe, imbsafe.metrics, imbsafe.datasets, imbsafe.cli\n"
        "from imbsafe import ResampledClassifier, class_weights, audit_split\n"
        "heavy = ('lightning', 'pytorch_lightning', 'torchmetrics')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


BOOST = ("xgboost", "lightgbm", "catboost")


def test_the_core_imports_no_boosting_library():
    """The [boost] extra is optional: using the core imports none of them."""
    code = (
        "import sys, imbsafe, imbsafe.metrics, imbsafe.cli\n"
        "from imbsafe import compare_remedies, ResampledClassifier, audit_estimator\n"
        "import imbsafe._fit._boosting, imbsafe.cli._models, imbsafe.cli.remedies\n"
        "import imbsafe.cli.compare\n"
        f"print(','.join(m for m in {BOOST!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_no_module_imports_a_boosting_library_at_its_top():
    from pathlib import Path

    root = Path(imbsafe.__file__).parent
    for path in root.rglob("*.py"):
        found = _top_level_imports(path) & set(BOOST)
        assert not found, f"{path.relative_to(root)} imports {sorted(found)}"


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


def _imports(path, package):
    """Modules of ``imbsafe`` that a file imports, at any depth in it."""
    import ast

    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the file's package upwards
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.startswith("imbsafe"):
                found.add(module)
                # "from . import x" and "from .pkg import mod" name modules too
                found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("imbsafe"))
    return found


def test_the_import_map_has_no_circle():
    """Every module imports only from modules that do not import it back,
    whether the import is at the top or inside a function."""
    from pathlib import Path

    root = Path(imbsafe.__file__).parent
    modules = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = name if parts[-1] == "__init__" else name.rsplit(".", 1)[0]
        modules[name] = (path, package)
    graph = {
        name: {m for m in _imports(path, package) if m in modules and m != name}
        for name, (path, package) in modules.items()
    }
    # a package's __init__ re-exports its children: that edge is not a circle
    for name in graph:
        graph[name] = {m for m in graph[name] if not m.startswith(name + ".")}
    state, circle = {}, []

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                circle.append(trail[trail.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not circle, f"import circle(s): {circle[:3]}"


EXTRA_PACKAGES = {
    "torch",
    "skorch",
    "transformers",
    "datasets",
    "sentence_transformers",
}


def _top_level_imports(path):
    """Top-level packages a module imports when it is imported (not in functions)."""
    import ast

    found, nodes = set(), list(ast.parse(path.read_text()).body)
    while nodes:
        node = nodes.pop()
        if isinstance(node, ast.Try):
            nodes.extend(node.body)
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_collection_leaves_out_every_module_that_needs_an_extra():
    """Without torch, `pytest` collects no doctest module that cannot import."""
    import runpy
    from pathlib import Path

    root = Path(imbsafe.__file__).parent.parent
    needs = runpy.run_path(str(root / "conftest.py"))["NEEDS"]
    for listed in needs:
        assert (root / listed).exists(), f"conftest.py lists {listed}, which is gone"
    for path in (root / "imbsafe").rglob("*.py"):
        extras = _top_level_imports(path) & EXTRA_PACKAGES
        if not extras:
            continue
        relative = path.relative_to(root).as_posix()
        covering = [
            listed
            for listed in needs
            if relative == listed or relative.startswith(listed + "/")
        ]
        assert covering, f"{relative} imports {sorted(extras)}; conftest.py misses it"
        assert extras <= set(needs[covering[0]]), relative


@pytest.mark.parametrize(
    "module, line",
    [
        ("imbsafe.losses", "imbsafe.losses needs torch"),
        ("imbsafe.skorch", "imbsafe.skorch needs torch and skorch"),
        ("imbsafe.hf", "imbsafe.hf needs torch and transformers"),
        (
            "imbsafe.lightning",
            "imbsafe.lightning needs torch, lightning and torchmetrics",
        ),
        ("imbsafe.torchmetrics", "imbsafe.torchmetrics needs torch and torchmetrics"),
    ],
)
def test_an_integration_without_torch_names_its_extra_in_one_line(module, line):
    extra = {"imbsafe.hf": "hf", "imbsafe.lightning": "lightning"}.get(module, "torch")
    extra = "lightning" if module == "imbsafe.torchmetrics" else extra
    code = (
        "import sys\n"
        "sys.modules['torch'] = None  # as if torch were not installed\n"
        "try:\n"
        f"    import {module}\n"
        "except ImportError as e:\n"
        "    print(type(e).__name__, e, sep=': ')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout == (
        f"ModuleNotFoundError: {line} (torch is missing): "
        f"pip install torch==2.13.0 'imbsafe[{extra}]'\n"
    )


def _root():
    from pathlib import Path

    return Path(imbsafe.__file__).parent.parent


def test_the_docs_install_from_a_clone_as_the_readme_does():
    import re

    pages = [_root() / "README.md", *sorted((_root() / "docs").glob("*.rst"))]
    for page in pages:
        for line in page.read_text().splitlines():
            # `pip install "imbsafe[x]"` asks a package index for imbsafe
            assert not re.search(r"pip install [\"']imbsafe\[", line), (page, line)


def test_the_tagline_names_every_integration():
    import re

    pyproject = (_root() / "pyproject.toml").read_text()
    taglines = {
        "pyproject.toml": re.search(r'^description = "(.*)"$', pyproject, re.M)[1],
        "README.md": " ".join((_root() / "README.md").read_text().splitlines()[2:4]),
        "docs/index.rst": " ".join(
            (_root() / "docs" / "index.rst").read_text().splitlines()[3:5]
        ),
    }
    for where, line in taglines.items():
        for name in ("scikit-learn", "imbalanced-learn", "skorch", "Hugging Face"):
            assert name in line, (where, line)


def test_ci_runs_the_suite_without_torch_too():
    # the promise "the core needs no torch" is checked on every submission
    import re

    script = (_root() / ".ci" / "run").read_text()
    commands = [line.strip() for line in script.splitlines() if line.strip()]
    assert "nox -s tests_without_torch" in commands
    assert "python -m pytest -n 2" in commands
    noxfile = (_root() / "noxfile.py").read_text()
    session = noxfile.split("def tests_without_torch", 1)[1].split("@nox.session")[0]
    assert re.search(r'session\.install\("-e", "\.\[dev\]"\)', session)
    assert "torch" not in session.split('"""')[-1]  # nothing installs torch
