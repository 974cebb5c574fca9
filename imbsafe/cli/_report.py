"""The self-contained HTML report of ``imbsafe compare --report``.

One file, no external resources: the table, what it means, and per-fold
precision-recall and ROC curves of both protocols as embedded PNG images.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._errors import CliError

__all__ = [
    "ReportInfo",
    "render",
    "calibration_shown",
    "ranked",
    "render_remedies",
    "require_matplotlib",
    "tuned_threshold",
]

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
       max-width: 980px; color: #1d1d1f; line-height: 1.45; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
.sub { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
th, td { padding: .35rem .7rem; text-align: right; border-bottom: 1px solid #ddd; }
th:first-child, td:first-child { text-align: left; }
th { background: #f4f4f6; }
td.up { color: #b3261e; font-weight: 600; }
.meaning { background: #fff4e5; border-left: 4px solid #e8a33d; padding: .7rem 1rem; }
figure { margin: 1.5rem 0; }
figcaption { color: #555; font-size: .92rem; }
img { max-width: 100%; }
footer { color: #777; font-size: .85rem; margin-top: 2rem; }
"""


@dataclass(frozen=True)
class ReportInfo:
    """What the report says about the run, beside the result's numbers."""

    data: str
    target: str
    positive_class: Any
    n_rows: int
    prevalence: float
    sampler: str
    model: str
    cv: int
    seed: int
    version: str
    command: str

    @classmethod
    def of_run(cls, args: Any, loaded: Any, sampler: str = "") -> ReportInfo:
        """Describe a run of a subcommand: its arguments and the table loaded."""
        from .. import __version__

        return cls(
            data=loaded.source,
            target=loaded.target,
            positive_class=loaded.positive,
            n_rows=len(loaded.y),
            prevalence=loaded.rate,
            sampler=sampler,
            model=args.model,
            cv=args.cv,
            seed=args.seed,
            version=__version__,
            command="imbsafe " + " ".join(args.argv),
        )

    def described(self) -> dict[str, Any]:
        """Return the fields ``--json`` prints (no version, command, empty sampler)."""
        fields = asdict(self)
        del fields["version"], fields["command"]
        if not self.sampler:
            del fields["sampler"]
        return fields


def require_matplotlib() -> None:
    """Refuse ``--report`` up front when matplotlib is missing."""
    try:
        import matplotlib  # noqa: F401
    except ImportError as e:
        raise CliError(
            "--report draws its curves with matplotlib, which is not installed: "
            "pip install 'imbsafe[plot]'"
        ) from e


def render(result: Any, info: ReportInfo) -> str:
    """Return the report of a :class:`~imbsafe.ComparisonResult` as one HTML page."""
    metrics = result.to_dict()["metrics"]
    rows = "\n".join(
        "<tr><td>{}</td><td>{:.3f} ± {:.3f}</td><td>{:.3f} ± {:.3f}</td>"
        '<td class="{}">{:+.3f}</td></tr>'.format(
            html.escape(metric),
            row["naive"]["mean"],
            row["naive"]["std"],
            row["safe"]["mean"],
            row["safe"]["std"],
            "up" if row["inflation"] > 0.05 else "",
            row["inflation"],
        )
        for metric, row in metrics.items()
    )
    figure = ""
    if result.predictions is not None:
        figure = _figure(
            _curves(result.predictions, metrics),
            "precision-recall and ROC curves per fold",
            "Each line is one test fold. Top: the naive protocol, scored on "
            "resampled, balanced folds that share rows with training. Bottom: the "
            "safe protocol, scored on untouched rows at the real class ratio "
            "(dashed: the precision of a random guess, the prevalence).",
        )
    return _page(
        info,
        title="imbsafe compare",
        heading="Resample-then-split vs split-then-resample",
        setting=f"sampler {html.escape(info.sampler)}, model "
        f"{html.escape(info.model)}, {info.cv}-fold stratified CV, seed {info.seed}.",
        meaning=meaning(info.sampler, metrics["f1"]),
        header="<th>metric</th><th>naive (resample, then split)</th>"
        "<th>safe (split, then resample)</th><th>inflation</th>",
        rows=rows,
        note="Mean ± standard deviation over the test folds. The naive protocol "
        "resamples the whole data set and then cross-validates: copies or "
        "interpolations of the same minority rows sit on both sides of each "
        "split, and every test fold is balanced. The safe protocol resamples "
        "only each training fold, so every test fold holds original rows at the "
        "original class ratio.",
        figure=figure,
    )


def _page(
    info: ReportInfo,
    *,
    title: str,
    heading: str,
    setting: str,
    meaning: str,
    header: str,
    rows: str,
    note: str,
    figure: str,
) -> str:
    """One self-contained HTML page: the run, what it means, a table, a figure.

    ``setting`` and ``header``/``rows`` are HTML already; every other text is
    escaped here.
    """
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(title)}: {e(str(info.data))}</title>
<style>{_CSS}</style></head>
<body>
<h1>{e(heading)}</h1>
<p class="sub">{e(str(info.data))}: {info.n_rows} rows, positive class
{e(repr(info.positive_class))} ({info.prevalence:.1%}); {setting}</p>
<p class="meaning">{e(meaning)}</p>
<table>
<tr>{header}</tr>
{rows}
</table>
<p>{e(note)}</p>
{figure}
<footer>Made by imbsafe {e(info.version)} — <code>{e(info.command)}</code></footer>
</body></html>
"""


def _figure(fig: Any, alt: str, caption: str) -> str:
    """Embed a matplotlib figure as a PNG with its caption, and close it."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    plt.close(fig)
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<figure><img alt="{html.escape(alt)}" src="data:image/png;base64,{png}">'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


def _curves(predictions: pd.DataFrame, metrics: dict[str, Any]) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import precision_recall_curve, roc_curve

    fig, axes = plt.subplots(2, 2, figsize=(10, 8.4), constrained_layout=True)
    titles = {
        "naive": "naive (resample, then split)",
        "safe": "safe (split, then resample)",
    }
    colors = plt.get_cmap("tab10")
    for r, protocol in enumerate(("naive", "safe")):
        pr_ax, roc_ax = axes[r]
        part = predictions[predictions["protocol"] == protocol]
        for fold, rows in part.groupby("fold"):
            y, score = rows["y_true"].to_numpy(), rows["score"].to_numpy()
            if np.unique(y).shape[0] < 2:
                continue  # a fold with one class has no curve
            precision, recall, _ = precision_recall_curve(y, score)
            fpr, tpr, _ = roc_curve(y, score)
            color = colors(int(fold) % 10)
            # numbered from 1, as the progress lines number them
            label = f"fold {int(fold) + 1}"
            pr_ax.plot(recall, precision, color=color, lw=1.2, label=label)
            roc_ax.plot(fpr, tpr, color=color, lw=1.2, label=label)
        pr_ax.axhline(part["y_true"].mean(), color="grey", ls="--", lw=1)
        roc_ax.plot([0, 1], [0, 1], color="grey", ls="--", lw=1)
        f1 = metrics["f1"][protocol]["mean"]
        ap = metrics["average_precision"][protocol]["mean"]
        pr_ax.set(
            title=(
                f"{titles[protocol]}: precision-recall\nmean AP {ap:.3f}, F1 {f1:.3f}"
            ),
            xlabel="recall",
            ylabel="precision",
            xlim=(0, 1),
            ylim=(0, 1.02),
        )
        auc = metrics["roc_auc"][protocol]["mean"]
        roc_ax.set(
            title=f"{titles[protocol]}: ROC\nmean ROC AUC {auc:.3f}",
            xlabel="false positive rate",
            ylabel="true positive rate",
            xlim=(0, 1),
            ylim=(0, 1.02),
        )
        roc_ax.legend(loc="lower right", fontsize=8)
    return fig


def render_remedies(result: Any, info: ReportInfo, metric: str) -> str:
    """Return the page of ``imbsafe remedies --report``: table, verdict, curves."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    e = html.escape
    summary = ranked(result.summary, metric)
    other = next(m for m in summary.columns.get_level_values(0) if m != metric)
    shown = calibration_shown(summary, metric, other)
    rows = "\n".join(
        f'<tr><td>{e(str(remedy))}</td><td colspan="{5 + len(shown)}">could not '
        "be fitted on every fold</td></tr>"
        if remedy in result.failures
        else "<tr><td>{}</td><td>{:.3f} ± {:.3f}</td><td>{:+.3f}</td>"
        "<td>[{:+.3f}, {:+.3f}]</td><td>{:.3f} ({:+.3f})</td>{}<td>{}</td></tr>".format(
            e(str(remedy)),
            row[(metric, "mean")],
            row[(metric, "std")],
            row[(metric, "diff")],
            row[(metric, "diff_low")],
            row[(metric, "diff_high")],
            row[(other, "mean")],
            row[(other, "diff")],
            "".join(f"<td>{row[(m, 'mean')]:.3f}</td>" for m in shown),
            tuned_threshold(result, remedy),
        )
        for remedy, row in summary.iterrows()
    )
    fig, ax = plt.subplots(figsize=(7.5, 5.2), dpi=110)
    result.plot(ax=ax)
    fig.tight_layout()
    figures = _figure(
        fig,
        "mean precision-recall curve of each remedy",
        "Mean precision-recall curve of each remedy over the untouched test "
        "folds (dashed: the prevalence, the precision of a random guess).",
    )
    if shown:
        fig, ax = plt.subplots(figsize=(7.5, 5.2), dpi=110)
        result.plot(ax=ax, kind="calibration")
        fig.tight_layout()
        figures += _figure(
            fig,
            "reliability diagram of each remedy",
            "Reliability diagram: the observed rate of the positive class against "
            "the mean predicted risk, in ten bins of equal size of the pooled "
            "test rows (dashed: perfect calibration). A line below the diagonal "
            "overstates risk.",
        )
    return _page(
        info,
        title="imbsafe remedies",
        heading="Which remedy for imbalance works here?",
        setting=f"model {e(info.model)}, {info.cv}-fold stratified CV, seed "
        f"{info.seed}. Every remedy was fitted on the same training folds and "
        "scored on the same untouched test folds; thresholds were tuned inside "
        "the training folds only.",
        meaning=result.verdict,
        header=f"<th>remedy</th><th>{e(metric)} (mean ± std over folds)</th>"
        "<th>difference to none</th><th>95 % interval</th>"
        f"<th>{e(other)} (difference to none)</th>"
        + "".join(f"<th>{e(m)} (mean)</th>" for m in shown)
        + "<th>mean threshold</th>",
        rows=rows,
        note='The interval is that of the paired per-fold difference to "none", '
        "corrected for the overlap of the training folds (Nadeau and Bengio). "
        "With few positives per fold, remedies often cannot be told apart: the "
        "interval says so. " + threshold_note(metric),
        figure=figures,
    )


def ranked(summary: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Return the summary's rows, best first by ``metric`` in its own direction."""
    from ..metrics._calibration import goodness

    means = summary[(metric, "mean")]
    key = means.map(lambda v: goodness(metric, v))
    return summary.loc[key.sort_values(ascending=False, kind="stable").index]


def calibration_shown(summary: pd.DataFrame, *skip: str) -> list[str]:
    """Return the calibration metrics the summary has, less those shown."""
    from .._utils._names import CALIBRATION_METRICS

    have = set(summary.columns.get_level_values(0))
    return [
        m
        for m in CALIBRATION_METRICS
        if m in have and m not in skip and m != "log_loss"
    ]


def threshold_note(metric: str) -> str:
    """Say what the threshold column of ``imbsafe remedies`` holds."""
    from .._utils._names import THRESHOLD_METRICS

    tuned_for = metric if metric in THRESHOLD_METRICS else "f1"
    return (
        f"threshold: the decision threshold tuned for {tuned_for} on inner folds "
        "of each training fold, mean over the folds; -: not tuned, the model's "
        "own rule (predict, 0.5 on the probability)."
    )


def tuned_threshold(result: Any, remedy: str) -> str:
    """Return a remedy's mean tuned threshold over the folds, or "-" if untuned."""
    if remedy not in result.tuned:
        return "-"
    return f"{result.thresholds.loc[remedy].mean():.2f}"


def meaning(sampler: str, f1: dict) -> str:
    """One sentence on what the F1 inflation means."""
    if sampler == "none":
        return (
            "No resampling: both protocols are the same, so there is no inflation "
            "to see. Try --sampler ros or smote."
        )
    return (
        f"Resampling before splitting overstates F1 by {f1['inflation']:+.3f} "
        f"({f1['naive']['mean']:.3f} vs {f1['safe']['mean']:.3f}): the safe column is "
        "what to expect on new data at the real class ratio."
    )
