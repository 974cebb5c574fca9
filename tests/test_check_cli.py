"""``imbsafe check`` on the command line: output, exit status, JSON and SARIF."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import pytest
from _check_corpus import CORPUS, FILES, expected

from imbsafe.cli import main

LEAKY = CORPUS / "leaky" / "smote_then_train_test_split.py"
PREPROCESSING = CORPUS / "leaky" / "preproc_pca_then_split.py"
CLEAN = CORPUS / "clean" / "split_then_smote_train_only.py"


def run(capsys, *args):
    status = main(["check", *map(str, args)])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_a_leak_is_one_line_then_its_fix_and_exit_1(capsys):
    status, out, err = run(capsys, LEAKY)
    assert status == 1
    first, fix = out.splitlines()
    assert first.startswith(f"{LEAKY}:26: leak: rows resampled by SMOTE.fit_resample")
    assert fix.startswith("    fix: split first")
    assert (
        err.strip() == "imbsafe check: 1 file checked: 1 leak, 0 preprocessing warnings"
    )


def test_clean_code_exits_0_and_says_what_was_checked(capsys):
    status, out, err = run(capsys, CLEAN)
    assert (status, out) == (0, "")
    assert "1 file checked: no resampled or preprocessed rows" in err


def test_preprocessing_alone_is_a_warning_exit_0(capsys):
    status, out, _ = run(capsys, PREPROCESSING)
    assert status == 0
    assert ": preprocessing: train_test_split splits rows that" in out


def test_bad_input_is_one_line_naming_the_file_exit_2(tmp_path, capsys):
    bad = tmp_path / "broken.py"
    bad.write_text("def f(:\n")
    status, out, err = run(capsys, bad, LEAKY)
    assert status == 2
    assert f"imbsafe check: error: {bad}: syntax error at line 1" in err
    assert ": leak: " in out  # the readable files are still checked
    status, _, err = run(capsys, tmp_path / "missing.py")
    assert status == 2
    assert err.splitlines()[0].endswith("missing.py: no such file or folder")
    binary = tmp_path / "blob.py"
    binary.write_bytes(b"\xff\xfe\x00")
    status, _, err = run(capsys, binary)
    assert status == 2 and "blob.py: not UTF-8 text" in err.splitlines()[0]


def test_an_empty_folder_is_bad_input(tmp_path, capsys):
    status, _, err = run(capsys, tmp_path)
    assert status == 2
    assert "no .py or .ipynb file under" in err


def test_json_is_the_only_output(capsys):
    files = [p for p in FILES if p.parent.name == "leaky"]
    status, out, err = run(capsys, "--json", *files)
    document = json.loads(out)
    # stderr holds only the notices of the notebooks' broken cells
    assert status == 1
    assert all(line.startswith("imbsafe check: notice: ") for line in err.splitlines())
    assert len(document["notices"]) == sum(
        p.name.startswith("nb_broken_cell") for p in files
    )
    assert document["files_checked"] == len(files)
    marked = Counter(kind for p in files for _, kind in expected(p))
    assert document["summary"] == dict(marked)
    first = document["findings"][0]
    assert set(first) >= {"path", "line", "kind", "message", "fix", "cell"}


def test_sarif_is_a_2_1_0_log_written_through_a_symlink(tmp_path, capsys):
    target = tmp_path / "real.sarif"
    target.write_text("old")
    link = tmp_path / "link.sarif"
    link.symlink_to(target)
    status, out, _ = run(capsys, "--sarif", link, LEAKY, PREPROCESSING)
    assert status == 1 and out
    assert link.is_symlink()
    log = json.loads(target.read_text())
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    assert {r["id"] for r in run_["tool"]["driver"]["rules"]} == {
        "imbsafe/leak",
        "imbsafe/preprocessing",
        "imbsafe/selection",
    }
    levels = sorted(r["level"] for r in run_["results"])
    assert levels == ["error", "warning"]
    region = run_["results"][0]["locations"][0]["physicalLocation"]
    assert region["region"] == {"startLine": 26}
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_sarif_paths_are_relative_to_the_working_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(CORPUS.parent.parent)
    sarif = tmp_path / "out.sarif"
    relative = "./tests/check_corpus/leaky/preproc_pca_then_split.py"
    status, _, _ = run(capsys, "--sarif", sarif, LEAKY.resolve(), relative)
    assert status == 1
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(sarif.read_text())["runs"][0]["results"]
    }
    assert uris == {
        "tests/check_corpus/leaky/smote_then_train_test_split.py",
        "tests/check_corpus/leaky/preproc_pca_then_split.py",
    }
    assert not any(u.startswith(("/", "file:", "./")) for u in uris)


def test_sarif_refuses_a_folder_before_reading_anything(tmp_path, capsys):
    status, out, err = run(capsys, "--sarif", tmp_path, LEAKY)
    assert status == 2 and out == ""
    assert "--sarif" in err and "is a directory" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_sarif_refuses_a_fifo(tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    status, _, err = run(capsys, "--sarif", fifo, LEAKY)
    assert status == 2 and "FIFO" in err


def test_python_dash_m_runs_check(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "imbsafe", "check", str(LEAKY)],
        capture_output=True,
        text=True,
        cwd=os.getcwd(),
    )
    assert out.returncode == 1
    assert out.stdout.count(": leak: ") == 1


def test_pre_commit_hook_definition_runs_imbsafe_check():
    yaml = pytest.importorskip("yaml", reason="PyYAML reads the hook file")
    root = CORPUS.parent.parent
    (hook,) = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "imbsafe-check"
    assert hook["entry"] == "imbsafe check"
    assert set(hook["types_or"]) == {"python", "jupyter"}
