"""One skeleton for the commands that fit: ``compare`` and ``remedies``.

Both load a table, check the report path, choose the model, say what they
do, run, turn a ``ValueError`` into one line, build the payload, write the
report and print. :func:`run_fitting` does that once; a command passes a
:class:`Fitting` with only what differs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .._utils._errors import first_line
from ._errors import CliError
from ._output import check_writable, dumps, write_atomically
from ._progress import say

__all__ = ["Fitting", "run_fitting"]


@dataclass(frozen=True)
class Fitting:
    """What one fitting command does that the other does not.

    Attributes
    ----------
    intro : callable
        ``intro(args, loaded)``: the line said before the run.
    creates_rows : bool
        A sampler that creates rows (SMOTE) runs in front of the model.
    run : callable
        ``run(args, loaded, choice)``: the result; a ``ValueError`` is told in
        one line.
    payload : callable
        ``payload(args, result)``: the command's part of the JSON payload.
    render : callable
        ``render(result, info, args)``: the HTML report.
    table : callable
        ``table(result, payload, info, args)``: what people read.
    sampler : callable, default None
        ``sampler(args)``: the sampler's name in the report, if any.
    check : callable, default None
        ``check(args, loaded)``: more checks before any fit.
    """

    intro: Callable[..., str]
    creates_rows: Callable[[argparse.Namespace], bool]
    run: Callable[..., Any]
    payload: Callable[..., dict]
    render: Callable[..., str]
    table: Callable[..., str]
    sampler: Callable[[argparse.Namespace], str] | None = None
    check: Callable[..., None] | None = None


def run_fitting(args: argparse.Namespace, fitting: Fitting) -> int:
    """Run a fitting command: load, check, fit, write, print; return 0."""
    from ._input import load
    from ._models import ModelChoice
    from ._report import ReportInfo, require_matplotlib

    loaded = load(args)
    if args.report is not None:
        check_writable(args.report, "--report", {"--data": args.data})
        require_matplotlib()
    if fitting.check is not None:
        fitting.check(args, loaded)
    choice = ModelChoice.of(
        args.model, args.seed, loaded.X, creates_rows=fitting.creates_rows(args)
    )
    say(fitting.intro(args, loaded), args.json)
    if choice.preprocessing:
        say(f"preprocessing: {choice.preprocessing}", args.json)
    try:
        result = fitting.run(args, loaded, choice)
    except ValueError as e:
        raise CliError(first_line(e)) from e
    sampler = "" if fitting.sampler is None else fitting.sampler(args)
    info = ReportInfo.of_run(args, loaded, sampler)
    payload = {**info.described(), **fitting.payload(args, result)}
    if choice.preprocessing:
        payload["preprocessing"] = choice.preprocessing
    if args.report is not None:
        write_atomically(args.report, fitting.render(result, info, args))
        payload["report"] = str(args.report)
        say(f"report written to {args.report}", args.json)
    print(dumps(payload) if args.json else fitting.table(result, payload, info, args))
    return 0
