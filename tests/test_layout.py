"""The package tree is the architecture (#38): layers, sizes, the root.

docs/design.rst draws the same layers. A new import that points back up a
layer fails here; so does a part that no layer lists.
"""

import ast
from pathlib import Path

import pytest

import imbsafe

ROOT = Path(imbsafe.__file__).parent

# lowest first: a part imports only parts of lower layers (and itself)
LAYERS = [
    ("shared tools", ["imbsafe._utils", "imbsafe.exceptions", "imbsafe.datasets"]),
    ("one training part", ["imbsafe._resample", "imbsafe.metrics", "imbsafe._check"]),
    ("the fit", ["imbsafe._fit"]),
    ("protocols and audit", ["imbsafe._protocols", "imbsafe._audit"]),
    ("remedies", ["imbsafe._remedies"]),
    ("torch building blocks", ["imbsafe.losses", "imbsafe.torchmetrics"]),
    ("training loops", ["imbsafe.skorch", "imbsafe.hf", "imbsafe.lightning"]),
    ("the public API (lazy re-exports)", ["imbsafe"]),
    ("command line", ["imbsafe.cli"]),
    ("the command's first code", ["imbsafe._launch"]),
    ("python -m imbsafe", ["imbsafe.__main__"]),
]
LAYER_OF = {part: i for i, (_, parts) in enumerate(LAYERS) for part in parts}

MAX_LINES = 500
MAX_ROOT_MODULES = 8


def _modules():
    """module name -> (path, the package its relative imports start from)."""
    modules = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        is_init = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_init else parts)
        modules[name] = (path, name if is_init else name.rsplit(".", 1)[0])
    return modules


def _imported(path, package, modules):
    """The imbsafe modules a file imports, at its top or in a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in modules}


def _part(module):
    """The part of the map a module belongs to (``imbsafe`` is the API)."""
    if module == "imbsafe":
        return "imbsafe"
    return ".".join(module.split(".")[:2])


def test_every_part_is_on_the_map():
    parts = {_part(m) for m in _modules()}
    missing = sorted(parts - set(LAYER_OF))
    assert not missing, f"place {missing} in a layer of LAYERS (and docs/design.rst)"


def test_no_import_points_up_or_sideways():
    modules = _modules()
    wrong = []
    for name, (path, package) in sorted(modules.items()):
        here = _part(name)
        for target in sorted(_imported(path, package, modules)):
            there = _part(target)
            if there == here:
                continue
            if LAYER_OF[there] >= LAYER_OF[here]:
                wrong.append(f"{name} imports {target}")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_the_shared_tools_import_nothing_else_of_imbsafe():
    modules = _modules()
    for name, (path, package) in modules.items():
        if _part(name) == "imbsafe._utils":
            outside = {
                m for m in _imported(path, package, modules) if _part(m) != _part(name)
            }
            assert not outside, (name, outside)


def test_the_fit_imports_no_protocol():
    modules = _modules()
    for name, (path, package) in modules.items():
        if _part(name) == "imbsafe._fit":
            imported = {_part(m) for m in _imported(path, package, modules)}
            assert not imported & {"imbsafe._protocols", "imbsafe._remedies"}, name


@pytest.mark.parametrize("layer", [name for name, _ in LAYERS])
def test_a_layer_names_its_concept(layer):
    parts = dict(LAYERS)[layer]
    for part in parts:
        path = ROOT.parent / Path(*part.split("."))
        init = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        if init.exists():
            assert ast.get_docstring(ast.parse(init.read_text())), part


def test_no_module_is_over_500_lines():
    long = {}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT.parent).as_posix()
        n = len(path.read_text().splitlines())
        if n > MAX_LINES:
            long[relative] = n
    assert not long, f"split these modules (one concept each): {long}"


def test_the_root_holds_at_most_8_modules():
    modules = sorted(p.name for p in ROOT.glob("*.py"))
    assert len(modules) <= MAX_ROOT_MODULES, modules
