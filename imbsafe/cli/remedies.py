"""``imbsafe remedies``: which fix for imbalance works on this data set."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .._errors import first_line
from .._names import RATE_METRICS
from ._errors import CliError
from ._models import add_run_options, mlp_head, mlp_module, model, model_input
from ._output import check_writable, dumps, write_atomically
from ._progress import FoldProgress, say

if TYPE_CHECKING:
    from .._remedies import RemedyResult
    from ._report import ReportInfo

__all__ = ["add_parser", "run"]


def add_parser(commands: Any, whole_number: Any) -> None:
    """Add ``remedies`` and its options to the subcommand parsers."""
    remedies = commands.add_parser(
        "remedies",
        help="compare the fixes for imbalance on the same folds, honestly",
        description=(
            "Fit every remedy (nothing, class weights, random over- and "
            "under-sampling, SMOTE, a tuned threshold, SMOTE with a tuned "
            "threshold) on the same training folds and score it on the same "
            "untouched test folds. With --model mlp the remedies are skorch's: "
            "class weights, focal loss, balanced batches, resampling inside the "
            "net's split, a tuned threshold. Without --data, runs on an "
            "embedded data set."
        ),
    )
    add_run_options(
        remedies,
        whole_number,
        report="also write a self-contained HTML page with the precision-recall curves",
    )
    remedies.add_argument(
        "--metric",
        choices=RATE_METRICS,
        default="average_precision",
        help="the metric that ranks the remedies (default average_precision)",
    )
    remedies.set_defaults(run=run, sampler="none", k_neighbors=5)


def run(args: argparse.Namespace) -> int:
    """Run ``imbsafe remedies``; return its exit status."""
    from sklearn.model_selection import StratifiedKFold

    from .._remedies import run_tournament
    from ._input import load
    from ._report import ReportInfo, render_remedies, require_matplotlib

    X, y, source, target, positive, rate = load(args)
    if args.report is not None:
        check_writable(args.report, "--report", {"--data": args.data})
        require_matplotlib()
    scoring = (
        (args.metric, "f1") if args.metric != "f1" else ("f1", "average_precision")
    )
    # the line-up has SMOTE, which needs missing values imputed
    estimator = model(args.model, args.seed, X, creates_rows=True)
    data, preprocessing = model_input(args.model, X, creates_rows=True)
    remedies = None
    if args.model == "mlp":
        remedies = mlp_module().mlp_remedies(args.seed, head=mlp_head(X))
    say(
        f"imbsafe remedies: {source}, {len(y)} rows, positive class {positive!r} "
        f"({rate:.1%}); model {args.model}, {args.cv} folds, ranked by "
        f"{args.metric} ...",
        args.json,
    )
    if preprocessing:
        say(f"preprocessing: {preprocessing}", args.json)
    progress = FoldProgress(args.json)
    try:
        result = run_tournament(
            estimator,
            data,
            y,
            remedies=remedies,
            cv=StratifiedKFold(args.cv, shuffle=True, random_state=args.seed),
            scoring=scoring,
            groups=None,
            n_jobs=args.n_jobs,
            random_state=args.seed,
            on_progress=progress,
        )
    except ValueError as e:
        raise CliError(first_line(e)) from e
    info = ReportInfo.of_run(args, source, target, positive, len(y), rate)
    payload = info.described()
    payload |= {"metric": args.metric, **result.to_dict()}
    if preprocessing:
        payload["preprocessing"] = preprocessing
    if args.report is not None:
        write_atomically(args.report, render_remedies(result, info, args.metric))
        payload["report"] = str(args.report)
        say(f"report written to {args.report}", args.json)
    print(dumps(payload) if args.json else table(result, args.metric, info))
    return 0


def table(result: RemedyResult, metric: str, info: ReportInfo) -> str:
    """Format the ranked table people read, with the verdict."""
    from ._report import threshold_note, tuned_threshold

    summary = result.summary.sort_values((metric, "mean"), ascending=False)
    # the second metric: F1 judges a tuned threshold where a ranking metric cannot
    other = next(m for m in summary.columns.get_level_values(0) if m != metric)
    wide = max(24, len(other) + 12)
    lines = [
        f"{info.data}: {info.n_rows} rows, positive class {info.positive_class!r} "
        f"({info.prevalence:.1%}), model {info.model}, {info.cv}-fold CV, seed "
        f"{info.seed}; every remedy on the same folds, scored on untouched test "
        "folds",
        "",
        f"{'remedy':<18}{metric + ' mean ± std':>30}{'vs none [95 % interval]':>34}"
        f"{other + ' (vs none)':>{wide}}{'threshold':>11}",
    ]
    for remedy, row in summary.iterrows():
        if remedy in result.failures:
            lines.append(f"{remedy:<18}{'could not be fitted on every fold':>40}")
            continue
        low, high = row[(metric, "diff_low")], row[(metric, "diff_high")]
        tuned = tuned_threshold(result, remedy)
        lines.append(
            f"{remedy:<18}{row[(metric, 'mean')]:>22.3f} ± {row[(metric, 'std')]:<5.3f}"
            f"{row[(metric, 'diff')]:>+14.3f} [{low:+.3f}, {high:+.3f}]"
            f"{row[(other, 'mean')]:>{wide - 9}.3f} ({row[(other, 'diff')]:+.3f})"
            f"{tuned:>11}"
        )
    return "\n".join([*lines, "", threshold_note(metric), "", result.verdict])
