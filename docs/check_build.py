"""Check a built HTML tree: an API page for every public name, and the gallery.

Run by ``nox -s docs`` after ``sphinx-build``:
``python docs/check_build.py docs/_build/html``.
"""

import importlib
import sys
from pathlib import Path

MODULES = (
    "imbsafe",
    "imbsafe.metrics",
    "imbsafe.losses",
    "imbsafe.skorch",
    "imbsafe.hf",
    "imbsafe.lightning",
    "imbsafe.torchmetrics",
)
EXTRA = {"imbsafe.datasets": ("load_digits_eight",)}


def main(html: Path) -> int:
    missing = []
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        names = [n for n in module.__all__ if not n.startswith("_")]
        for name in names:
            page = html / "generated" / f"{module_name}.{name}.html"
            if not page.is_file() or name not in page.read_text(encoding="utf-8"):
                missing.append(f"{module_name}.{name}")
    for module_name, names in EXTRA.items():
        for name in names:
            if not (html / "generated" / f"{module_name}.{name}.html").is_file():
                missing.append(f"{module_name}.{name}")
    gallery = html / "auto_examples" / "index.html"
    examples = sorted(Path(__file__).parents[1].glob("examples/plot_*.py"))
    for script in examples:
        if not (html / "auto_examples" / f"{script.stem}.html").is_file():
            missing.append(f"gallery page of {script.name}")
    if not gallery.is_file():
        missing.append("gallery index")
    if missing:
        print("missing from the built docs:", *missing, sep="\n  ")
        return 1
    print(
        f"docs check: API pages for {len(MODULES)} modules and "
        f"{len(examples)} gallery pages found in {html}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/_build/html")))
