"""``imbsafe remedies``: which fix for imbalance works on this data set."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .._utils._names import CALIBRATION_METRICS, METRIC_NAMES
from ._command import Fitting, run_fitting
from ._models import add_run_options, mlp_module
from ._progress import FoldProgress

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
        choices=METRIC_NAMES,
        default="average_precision",
        help="the metric that ranks the remedies (default average_precision; "
        "brier and log_loss rank lowest first, the calibration intercept and "
        "slope closest to 0 and 1 first)",
    )
    remedies.set_defaults(run=run, sampler="none", k_neighbors=5)


def run(args: argparse.Namespace) -> int:
    """Run ``imbsafe remedies``; return its exit status."""
    return run_fitting(args, REMEDIES)


def _intro(args: argparse.Namespace, loaded: Any) -> str:
    return (
        f"imbsafe remedies: {loaded.source}, {len(loaded.y)} rows, positive class "
        f"{loaded.positive!r} ({loaded.rate:.1%}); model {args.model}, {args.cv} "
        f"folds, ranked by {args.metric} ..."
    )


def _run(args: argparse.Namespace, loaded: Any, choice: Any) -> RemedyResult:
    from sklearn.model_selection import StratifiedKFold

    from .._remedies import run_tournament

    scoring = (
        (args.metric, "f1") if args.metric != "f1" else ("f1", "average_precision")
    )
    # what each remedy does to the probabilities, in columns of their own
    scoring += tuple(m for m in CALIBRATION_METRICS if m not in scoring)
    remedies = None
    if args.model == "mlp":
        remedies = mlp_module().mlp_remedies(args.seed, head=choice.head)
    return run_tournament(
        choice.estimator,
        choice.data,
        loaded.y,
        remedies=remedies,
        cv=StratifiedKFold(args.cv, shuffle=True, random_state=args.seed),
        scoring=scoring,
        groups=None,
        n_jobs=args.n_jobs,
        random_state=args.seed,
        on_progress=FoldProgress(args.json),
    )


def _render(result: RemedyResult, info: ReportInfo, args: argparse.Namespace) -> str:
    from ._report import render_remedies

    return render_remedies(result, info, args.metric)


REMEDIES = Fitting(
    intro=_intro,
    # the line-up has SMOTE, which needs missing values imputed
    creates_rows=lambda args: True,
    run=_run,
    payload=lambda args, result: {"metric": args.metric, **result.to_dict()},
    render=_render,
    table=lambda result, payload, info, args: table(result, args.metric, info),
)


def table(result: RemedyResult, metric: str, info: ReportInfo) -> str:
    """Format the ranked table people read, with the verdict."""
    from ._report import calibration_shown, ranked, threshold_note, tuned_threshold

    summary = ranked(result.summary, metric)
    # the second metric: F1 judges a tuned threshold where a ranking metric cannot
    other = next(m for m in summary.columns.get_level_values(0) if m != metric)
    shown = calibration_shown(summary, metric, other)
    short = {
        "brier": "brier",
        "calibration_intercept": "cal. int.",
        "calibration_slope": "cal. slope",
    }
    wide = max(24, len(other) + 12)
    lines = [
        f"{info.data}: {info.n_rows} rows, positive class {info.positive_class!r} "
        f"({info.prevalence:.1%}), model {info.model}, {info.cv}-fold CV, seed "
        f"{info.seed}; every remedy on the same folds, scored on untouched test "
        "folds",
        "",
        f"{'remedy':<18}{metric + ' mean ± std':>30}{'vs none [95 % interval]':>34}"
        f"{other + ' (vs none)':>{wide}}"
        + "".join(f"{short[m]:>11}" for m in shown)
        + f"{'threshold':>11}",
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
            + "".join(f"{row[(m, 'mean')]:>11.3f}" for m in shown)
            + f"{tuned:>11}"
        )
    notes = [threshold_note(metric)]
    if shown:
        notes.append(
            "brier: lower is better; cal. int.: calibration intercept, 0 when the "
            "mean risk is right, below 0 when risk is overstated; cal. slope: 1 "
            "when calibrated, below 1 when over-confident (pooled per fold, mean "
            "over the folds)."
        )
    return "\n".join([*lines, "", *notes, "", result.verdict])
