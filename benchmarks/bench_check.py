"""imbsafe check against leaklens-ml on 1,000 scripts and notebooks, in one run.

The corpus's multi-file projects (tests/check_corpus/projects, 16 folders,
35 files, whose tables and imports are followed across files), then its
single files (106 leaky, 112 clean) cycled, are copied into a temporary
folder of ``--files`` files (1,000 by default). Timed, best of ``--repeat``:

* ``python -m imbsafe check --json FOLDER``: one process, interpreter start
  included, the cross-file rounds too (goal: 1,000 files in under 3 s on
  2 cores; it uses one);
* ``imbsafe.check_path(FOLDER)`` in this process;
* when ``leaklens`` (PyPI ``leaklens-ml``, never a dependency of imbsafe) is
  on the PATH: ``leaklens --scan FOLDER --json`` once, and ``leaklens --scan
  FILE`` one process per file on a sample (``--peer-sample``), as a
  pre-commit hook or a CI step per file calls it, extrapolated to
  ``--files``.

Then the corpus verdicts side by side, per file: leaky files flagged with a
finding of their kind, clean files with an alarm. imbsafe's are also given per
marker (line and kind). leaklens reports the line of the resampling, not of
the sink, so its verdicts are compared per file only.

Run: ``python benchmarks/bench_check.py`` (add ``--files 200`` for a quick look).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import machine_info

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from _check_corpus import FILES, PROJECTS, expected  # noqa: E402

from imbsafe import check_path  # noqa: E402
from imbsafe._check import CheckInputError, _check, files_under  # noqa: E402
from imbsafe._check._run import check_files  # noqa: E402

CODE = (".py", ".ipynb")

PEER_LEAK_KINDS = {"resample_before_split", "resample_outside_cv"}
PEER_PREPROCESSING_KINDS = {
    "preprocess_before_split",
    "preprocess_outside_cv",
    "encoder_before_split",
}


def build_folder(folder: Path, n: int) -> list[Path]:
    """The corpus's projects (cross-file flows), then its files cycled, n in all."""
    made: list[Path] = []
    for i, project in enumerate(PROJECTS):
        target = folder / f"project{i:02d}_{project.name}"
        shutil.copytree(project, target)
        made.extend(p for p in sorted(target.rglob("*")) if p.suffix in CODE)
    for i in range(n - len(made)):
        source = FILES[i % len(FILES)]
        target = folder / f"{i:04d}_{source.name}"
        shutil.copyfile(source, target)
        made.append(target)
    return made


def check_folder(folder: Path) -> list:
    """``check_path(folder)``, going on past the files that do not parse."""
    return check_files(files_under(folder), _check)[0]


def findings_of(path: Path) -> list:
    try:
        return check_path(path)
    except CheckInputError:  # a notebook's broken cell: read by issue #35
        return []


def timed(command: list[str], repeat: int) -> tuple[float, subprocess.CompletedProcess]:
    best, last = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        last = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        best = min(best, time.perf_counter() - start)
    return best, last


def imbsafe_file_verdicts() -> dict:
    verdicts = {}
    for path in FILES:
        kinds = {f.kind for f in findings_of(path)}
        verdicts[path.name] = kinds
    return verdicts


def peer_file_verdicts(out: str) -> dict:
    verdicts: dict = {p.name: set() for p in FILES}
    for finding in json.loads(out)["findings"]:
        name = Path(finding["column"].rsplit(":", 1)[0]).name
        if name not in verdicts or finding["severity"] != "high":
            continue
        if finding["kind"] in PEER_LEAK_KINDS:
            verdicts[name].add("leak")
        elif finding["kind"] in PEER_PREPROCESSING_KINDS:
            verdicts[name].add("preprocessing")
    return verdicts


def score(verdicts: dict) -> str:
    found = wanted = alarms = 0
    for path in FILES:
        kinds = {kind for _, kind in expected(path)}
        got = verdicts[path.name]
        if path.parent.name == "leaky":
            wanted += len(kinds)
            found += len(kinds & got)
        else:
            alarms += bool(got)
    clean = sum(p.parent.name == "clean" for p in FILES)
    return f"{found}/{wanted} (file, kind) found, {alarms}/{clean} clean files alarmed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peer-sample", type=int, default=20)
    args = parser.parse_args()
    print(f"imbsafe check on {args.files:,} files (tests/check_corpus cycled)")
    print(machine_info())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = build_folder(folder, args.files)
        command = [sys.executable, "-m", "imbsafe", "check", "--json", str(folder)]
        cli_time, out = timed(command, args.repeat)
        assert out.returncode in (1, 2), out.stderr  # 2: a broken cell (#35)
        found = len(json.loads(out.stdout)["findings"])
        start = time.perf_counter()
        for _ in range(args.repeat):
            check_folder(folder)
        api_time = (time.perf_counter() - start) / args.repeat
        rows = [
            ("imbsafe check FOLDER (one process)", cli_time),
            ("imbsafe.check_path(FOLDER), in process", api_time),
        ]
        peer = shutil.which("leaklens")
        peer_out = None
        if peer:
            scan_time, _ = timed([peer, "--scan", str(folder), "--json"], 1)
            rows.append(("leaklens --scan FOLDER (one process)", scan_time))
            sample = files[: args.peer_sample]
            start = time.perf_counter()
            for path in sample:
                subprocess.run([peer, "--scan", str(path)], capture_output=True)
            per_file = (time.perf_counter() - start) / len(sample)
            rows.append(
                (
                    f"leaklens --scan FILE per file ({len(sample)}-file sample, "
                    f"x{args.files})",
                    per_file * args.files,
                )
            )
            corpus = [peer, "--scan", str(ROOT / "tests" / "check_corpus"), "--json"]
            peer_out = subprocess.run(corpus, capture_output=True, text=True).stdout
    print(f"\n{'':<58}{'seconds':>9}{'files/s':>9}{'x imbsafe':>10}")
    for label, seconds in rows:
        print(
            f"{label:<58}{seconds:>9.2f}{args.files / seconds:>9.1f}"
            f"{seconds / cli_time:>10.1f}"
        )
    goal = "met" if cli_time < 3 * args.files / 1000 else "MISSED"
    print(f"\ngoal: 1,000 files in under 3 s -> {goal} ({found} findings)")
    if not peer:
        print("leaklens not on the PATH: `pip install leaklens-ml` to time it beside")
    leaky = sum(p.parent.name == "leaky" for p in FILES)
    print(f"\ncorpus verdicts per file (leaky: {leaky} files; "
          f"clean: {len(FILES) - leaky}):")  # fmt: skip
    print(f"  imbsafe check  {score(imbsafe_file_verdicts())}")
    markers = sum(len(expected(p)) for p in FILES)
    hit = alarms = 0
    for path in FILES:
        got = {(f.line, f.kind) for f in findings_of(path)}
        hit += len(got & expected(path))
        alarms += len(got - expected(path))
    print(f"  imbsafe check  {hit}/{markers} markers at their line, {alarms} false")
    if peer_out:
        print(f"  leaklens       {score(peer_file_verdicts(peer_out))} (high only)")


if __name__ == "__main__":
    main()
