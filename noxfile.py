"""Developer sessions: ``nox -s tests``, ``nox -s lint``."""

import nox

nox.options.sessions = ["lint", "tests"]

# torch first, pinned: any other torch requirement pulls several GB of CUDA
# wheels, while 2.13.0 installs from a local CPU build on our machines.
TORCH = "torch==2.13.0"


@nox.session
def tests(session: nox.Session) -> None:
    session.install(TORCH)
    session.install("-e", ".[dev,torch,dask,plot]")
    session.run("pytest", "-n", "2", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
