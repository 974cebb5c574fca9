"""What the command line writes: JSON without NaN, files written whole."""

from __future__ import annotations

import json
import math
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from ._errors import CliError, short

__all__ = ["check_writable", "dumps", "writable_target", "write_atomically"]


def dumps(payload: Any) -> str:
    """JSON as RFC 8259 has it: an undefined metric (NaN) is null."""
    return json.dumps(_no_nan(payload), indent=2, allow_nan=False)


def _no_nan(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _no_nan(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_no_nan(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_atomically(path: str, text: str, option: str = "--report") -> None:
    """Write to a temporary file beside the target, then rename it into place.

    A full disk or an interrupt never leaves a truncated report behind. A
    symlink is written through: the file it points to is replaced, in that
    file's folder, and the link stays a link. Anything that exists and is not
    a regular file (a device, a FIFO, a socket, a folder) is refused.
    """
    target = writable_target(path, option)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        # mkstemp makes the file private (0600); a report gets the permissions
        # any new file gets here.
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, target)
    except BaseException as e:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise CliError(f"cannot write {option} {short(path)}: {e.strerror}") from e
        raise


def writable_target(path: str, option: str) -> Path:
    """Return the file that writing ``path`` replaces, or refuse in one line.

    Symlinks are followed to their end (a dangling one names the file to
    create); what is there must be a regular file or nothing.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as e:
        raise CliError(f"{option} {short(path)}: {e.strerror}") from e
    if mode is not None and not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        fix = "give a file name" if stat.S_ISDIR(mode) else "give the path of a file"
        raise CliError(f"{option} {short(path)} is {kind}; {fix}")
    if not target.parent.is_dir():
        raise CliError(f"{option}: directory {short(target.parent)!r} does not exist")
    return target


def _same_file(target: Path, read: str) -> bool:
    try:
        return target.exists() and os.path.samefile(target, read)
    except OSError:  # the input is gone or unreadable: read_csv said so
        return False


_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def check_writable(
    path: str, option: str, inputs: dict[str, str | None] | None = None
) -> None:
    """Fail before any fit, not after them all, when ``path`` cannot be written.

    ``inputs`` maps an option to the file it read (``{"--data": path}``): a
    report that is the same file, also through a symlink or a hard link,
    would replace the data, and is refused.
    """
    target = writable_target(path, option)
    for source, read in (inputs or {}).items():
        if read is not None and _same_file(target, read):
            raise CliError(
                f"{option} {short(path)} is the same file as {source} "
                f"{short(read)}: writing it would replace the data; give "
                f"{option} another file name"
            )
    try:  # can a file be made there? (permissions, read-only mounts)
        handle, probe = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    except OSError as e:
        raise CliError(
            f"{option}: cannot write in {short(target.parent)!r}: {e.strerror}"
        ) from e
    os.close(handle)
    os.unlink(probe)
