"""``imbsafe check`` keeps its promises on users' files and terminals (issue #35).

An output never replaces an input; only regular files are read; notices for
what was skipped; exit codes that mean one thing.
"""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys

import pytest
from _check_corpus import CORPUS

from imbsafe import CheckNotice, check_path
from imbsafe._check import CheckInputError
from imbsafe.cli import main

LEAKY = CORPUS / "leaky" / "smote_then_train_test_split.py"
CLEAN = CORPUS / "clean" / "split_then_smote_train_only.py"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def run(capsys, *args):
    status = main(["check", *map(str, args)])
    out = capsys.readouterr()
    return status, out.out, out.err


def _copy(source, target):
    target.write_bytes(source.read_bytes())
    return target


# Item 1: the SARIF log never replaces a file being checked.
@pytest.mark.parametrize("how", ["same", "inside_folder", "symlink", "hard_link"])
def test_sarif_over_a_checked_file_is_refused_and_the_file_kept(tmp_path, capsys, how):
    src = tmp_path / "src"
    src.mkdir()
    victim = _copy(LEAKY, src / "train.py")
    before = victim.read_bytes()
    sarif, checked = victim, victim
    if how == "inside_folder":
        checked = src
    elif how == "symlink":
        sarif = tmp_path / "log.sarif"
        sarif.symlink_to(victim)
    elif how == "hard_link":
        sarif = tmp_path / "log.sarif"
        os.link(victim, sarif)
    status, out, err = run(capsys, "--sarif", sarif, checked)
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert "is the same file as" in err and "give --sarif another file name" in err
    assert victim.read_bytes() == before


def test_an_empty_sarif_name_is_refused_not_ignored(capsys):
    status, out, err = run(capsys, "--sarif", "", LEAKY)
    assert (status, out) == (2, "")
    assert err.strip() == (
        "imbsafe check: error: --sarif is an empty file name; give the file to write"
    )


# Item 12: only regular files are read; a FIFO never hangs the check.
@needs_fifo
def test_a_fifo_in_a_folder_is_skipped_with_a_notice(tmp_path, capsys):
    _copy(LEAKY, tmp_path / "a.py")
    os.mkfifo(tmp_path / "pipe.py")
    status, out, err = run(capsys, tmp_path)
    assert status == 1 and out.count(": leak: ") == 1
    assert f"imbsafe check: notice: {tmp_path / 'pipe.py'}: skipped: " in err
    assert "FIFO" in err and "1 file checked" in err
    with pytest.warns(CheckNotice, match="pipe.py: skipped: .*FIFO"):
        assert len(check_path(tmp_path)) == 1


@needs_fifo
def test_a_fifo_named_directly_is_refused_in_one_line(tmp_path, capsys):
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    status, out, err = run(capsys, fifo)
    assert (status, out) == (2, "")
    assert err.splitlines()[0] == (
        f"imbsafe check: error: {fifo} is a FIFO (named pipe), not a file; give .py "
        "or .ipynb files or folders"
    )
    with pytest.raises(CheckInputError, match="is a FIFO"):
        check_path(fifo)


# Item 8/9 on the command line: a broken cell is a notice, the rest is checked.
def _notebook(*cells):
    return json.dumps(
        {"cells": [{"cell_type": "code", "source": c} for c in cells], "metadata": {}}
    )


def test_a_broken_cell_is_a_notice_in_text_json_and_sarif(tmp_path, capsys):
    nb = tmp_path / "nb.ipynb"
    nb.write_text(_notebook(LEAKY.read_text(), "def broken(:"))
    status, out, err = run(capsys, nb)
    assert status == 1 and ": leak: " in out
    notice = f"imbsafe check: notice: {nb}: cell 2 skipped: syntax error at line 1"
    assert notice in err
    status, out, _ = run(capsys, "--json", nb)
    (skipped,) = json.loads(out)["notices"]
    assert (skipped["cell"], skipped["path"]) == (2, str(nb))
    sarif = tmp_path / "out.sarif"
    run(capsys, "--sarif", sarif, nb)
    (invocation,) = json.loads(sarif.read_text())["runs"][0]["invocations"]
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "note" and "cell 2 skipped" in note["message"]["text"]


# Item 17: newlines in paths, symlinked folders, duplicates, the summary.
def test_a_path_with_a_newline_stays_one_line(tmp_path, capsys):
    odd = _copy(LEAKY, tmp_path / "new\nline.py")
    status, out, _ = run(capsys, odd)
    first, fix = out.splitlines()
    assert status == 1 and first.startswith(f"{tmp_path}/new\\nline.py:26: leak:")
    status, out, _ = run(capsys, "--json", odd)
    assert json.loads(out)["findings"][0]["path"] == str(odd)  # JSON keeps it exact


def test_symlinked_folders_are_followed_once_and_loops_end(tmp_path, capsys):
    real = tmp_path / "real"
    real.mkdir()
    _copy(LEAKY, real / "a.py")
    top = tmp_path / "top"
    top.mkdir()
    (top / "linked").symlink_to(real)
    (real / "loop").symlink_to(real)
    status, out, err = run(capsys, top)
    assert status == 1 and out.count(": leak: ") == 1
    assert "1 file checked" in err


def test_the_same_file_given_twice_is_reported_once(tmp_path, capsys):
    link = tmp_path / "link.py"
    link.symlink_to(LEAKY)
    status, out, err = run(capsys, LEAKY, LEAKY, link, LEAKY.parent / ".." / "leaky")
    assert status == 1
    assert out.count("smote_then_train_test_split.py:26: leak:") == 1
    files = len(list((CORPUS / "leaky").iterdir()))
    assert f"{files} files checked" in err


def test_the_summary_does_not_count_failed_files_as_checked(tmp_path, capsys):
    bad = tmp_path / "bad.py"
    bad.write_bytes(b"\xff\xfe")
    status, _, err = run(capsys, bad, CLEAN)
    assert status == 2
    assert "1 file checked (1 could not be)" in err
    status, out, _ = run(capsys, "--json", bad, CLEAN)
    assert json.loads(out)["files_checked"] == 1


# Item 15: an output that cannot be written is exit 2, never 1.
class _Full(io.StringIO):
    def write(self, text):
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("args", [[LEAKY], ["--json", CLEAN], ["--json", LEAKY]])
def test_a_full_disk_on_stdout_is_exit_2_in_one_line(capsys, monkeypatch, args):
    monkeypatch.setattr(sys, "stdout", _Full())
    status = main(["check", *map(str, args)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.splitlines()[-1] == (
        "imbsafe check: error: cannot write the output: No space left on device"
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args", [["check", str(LEAKY)], ["check", str(CLEAN), "--json"]]
)
def test_dev_full_is_exit_2_without_a_traceback(args):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "imbsafe", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[-1].endswith(
        "error: cannot write the output: No space left on device"
    )
    assert "Traceback" not in done.stderr


def test_a_closed_stdout_is_exit_2(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["check", str(LEAKY)]) == 2
    assert "stdout is closed" in capsys.readouterr().err


# Item 17: Ctrl-C with --json leaves a JSON document, not nothing.
def test_ctrl_c_with_json_gives_a_json_error_and_130(capsys, monkeypatch):
    import imbsafe._check as checker

    def interrupt(names, check):
        raise KeyboardInterrupt

    monkeypatch.setattr(checker, "check_files", interrupt)
    status = main(["check", "--json", str(LEAKY)])
    out, err = capsys.readouterr()
    assert status == 130
    assert json.loads(out) == {"error": "interrupted", "exit": 130}
    assert err.strip() == "imbsafe check: interrupted"


# Item 16: Ctrl-C while Python exits (loky joins its workers then) is 130.
def test_ctrl_c_during_the_exit_hooks_is_one_line_and_130(tmp_path):
    script = (
        "import atexit, os, signal, sys\n"
        "from imbsafe.cli import _main\n"
        "atexit.register(lambda: os.kill(os.getpid(), signal.SIGINT))\n"
        f"sys.argv = ['imbsafe', 'check', {str(CLEAN)!r}]\n"
        "_main.entry_point()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr.splitlines()[-1] == "imbsafe: interrupted"
    assert "Traceback" not in done.stderr


def test_joblib_workers_are_stopped_before_python_exits():
    # In a process of its own: loky cannot start workers again in this one.
    script = (
        "from joblib import Parallel, delayed\n"
        "from joblib.externals.loky import process_executor\n"
        "from imbsafe.cli._main import _stop_workers\n"
        "assert Parallel(n_jobs=2, backend='loky')(delayed(abs)(i) for i in (-1, -2))\n"
        "_stop_workers()\n"
        "assert process_executor._global_shutdown\n"
        "print('stopped')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True
    )
    assert done.stdout == "stopped\n", done.stderr


# Item 18: a CSV value whose variance overflows is one line, not "contains NaN".
def test_huge_finite_values_in_a_csv_are_refused_in_one_line(tmp_path, capsys):
    rows = ["x,z,y"] + [
        f"{1e308 if i % 7 == 0 else i / 10},{i % 5},{int(i % 3 == 0)}"
        for i in range(60)
    ]
    data = tmp_path / "big.csv"
    data.write_text("\n".join(rows) + "\n")
    status = main(["compare", "--data", str(data), "--target", "y"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.splitlines()[-1].startswith(
        "imbsafe compare: error: feature column(s) 'x' in "
    )
    assert "too large to compute with" in err and "--drop x" in err


def test_a_full_disk_under_audit_is_exit_2_not_leaky(tmp_path, capsys, monkeypatch):
    rows = [f"{i % 7 / 7},{(i * 3) % 11 / 11},{int(i % 4 == 0)}" for i in range(80)]
    train, valid = tmp_path / "train.csv", tmp_path / "valid.csv"
    train.write_text("a,b,label\n" + "\n".join(rows[:60]) + "\n")
    valid.write_text("a,b,label\n" + "\n".join(rows[60:]) + "\n")
    args = ["audit", "--train", str(train), "--valid", str(valid), "--target", "label"]
    assert main(args) in (0, 1)  # it runs: the only change below is stdout
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdout", _Full())
    assert main(args) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "imbsafe audit: error: cannot write the output: No space left on device"
    )
