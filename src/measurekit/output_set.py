"""Writing a set of output files so that readers see the whole earlier set or the whole new
one, never a mix, and never a partial file.

:func:`write_output_set` works in four steps, all inside a lock on the output folder (a
second run into the same folder waits for the first):

1. *Recover*: a staging folder left by a run that was killed is cleared away; if that run
   was killed half-way through step 4, the earlier files it replaced are put back first.
2. *Check*: every target must be a regular file or absent; a folder, FIFO or device in the
   way of one output is an error before anything is written.
3. *Stage*: every file is written in full to a hidden staging folder beside the targets
   (``.measurekit-staging-XXXX``), flushed to disk with ``fsync``; hard links to the
   earlier files are kept there, and a journal naming the targets is written and flushed.
4. *Commit*: each staged file is renamed over its target; the folder is flushed. Should a
   rename fail, the renamed targets are put back from the links. Ctrl-C, SIGTERM and SIGHUP
   arriving during the commit are held until it ends, so the set is switched whole.

Only SIGKILL or a power cut can stop step 4 half-way; the journal lets the next run into
the folder put the earlier set back (step 1). What was written is recorded in
:data:`written_this_run`, so an interrupted run can say truthfully what it changed.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import FrameType
from typing import Any

from measurekit.errors import MeasurekitError
from measurekit.fault_points import pause_here

#: The name every staging folder starts with; only folders so named are ever cleared.
STAGING_PREFIX = ".measurekit-staging-"
#: The journal in a staging folder: the targets in commit order, and whether each existed.
JOURNAL = "journal.json"
#: How long a run waits for another run writing into the same folder, in seconds.
LOCK_WAIT_SECONDS = 300.0
#: Signals held during the commit.
_HELD_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
#: Temporary files of earlier measurekit versions: ``.NAME.`` and 8 random characters.
_OLD_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}$")

#: Every file this process has committed, in order: what an interrupted run reports.
written_this_run: list[Path] = []


class OutputError(MeasurekitError):
    """The outputs could not be written; the message says whether anything changed."""


def write_output_set(files: Mapping[str, bytes], directory: Path) -> list[Path]:
    """Write ``files`` (file name to content) into ``directory`` as one set; return the
    paths written. Raises :class:`OutputError` naming the folder or file at fault; the
    earlier files are then as they were. New files get the permissions the process's umask
    gives any new file (a statement is for publishing), not a temporary file's."""
    _make_folder(directory)
    targets = [directory / name for name in files]
    with _locked(directory):
        recover(directory, targets)
        _check_targets(targets)
        try:
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=directory))
        except OSError as error:
            raise _unchanged(directory, error) from error
        try:
            _stage(staging, list(files.values()))
            _commit(staging, directory, targets)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return targets


def _make_folder(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as error:
        raise OutputError(
            f"{directory}: cannot write output: a file is in the way of the output folder"
        ) from error
    except OSError as error:
        raise _unchanged(directory, error) from error


def _unchanged(where: Path, error: OSError) -> OutputError:
    reason = error.strerror or str(error)
    return OutputError(f"{where}: cannot write output: {reason}; no output file was changed")


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``directory`` (``flock`` on the folder itself, so no lock
    file is left behind); wait up to :data:`LOCK_WAIT_SECONDS` for another run."""
    try:
        import fcntl
    except ImportError:  # no flock on this platform: runs are not kept apart
        yield
        return
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError as error:
        raise _unchanged(directory, error) from error
    try:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OutputError(
                        f"{directory}: another measurekit run has been writing into this "
                        f"folder for {LOCK_WAIT_SECONDS:.0f} seconds; no output file was changed"
                    ) from None
                time.sleep(0.05)
            except OSError as error:
                if error.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                    break  # a file system without locks: go on unlocked
                raise _unchanged(directory, error) from error
        yield
    finally:
        os.close(descriptor)


def recover(directory: Path, targets: list[Path] | None = None) -> None:
    """Clear away what killed runs left in ``directory``: staging folders (putting back
    the earlier files when the run died during its commit), and the temporary files
    (``.NAME.XXXXXXXX``) earlier versions of measurekit left beside ``targets``."""
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    names = {target.name for target in targets or ()}
    for entry in entries:
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir(follow_symlinks=False):
            staging = Path(entry.path)
            journal = _read_journal(staging)
            if journal is not None:
                _roll_back(staging, directory, journal)
                _fsync_folder(directory)
            shutil.rmtree(staging, ignore_errors=True)
        elif (
            (match := _OLD_TEMPORARY.match(entry.name))
            and match["name"] in names
            and entry.is_file(follow_symlinks=False)
        ):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _check_targets(targets: list[Path]) -> None:
    """Each target must be absent, a regular file or a link: an error before anything is
    written names the first that is a folder, FIFO, device or socket."""
    for target in targets:
        try:
            mode = os.lstat(target).st_mode
        except FileNotFoundError:
            continue
        except OSError as error:
            raise _unchanged(target, error) from error
        if stat.S_ISDIR(mode):
            raise OutputError(
                f"{target}: cannot write output: a folder is in the way of this file; "
                "no output file was changed"
            )
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            raise OutputError(
                f"{target}: cannot write output: something other than a regular file is in "
                "the way; no output file was changed"
            )


def _stage(staging: Path, contents: list[bytes]) -> None:
    """Write each content in full to ``staging/new-N``, flushed to disk."""
    mode = 0o666 & ~_umask()
    try:
        for number, content in enumerate(contents):
            path = staging / f"new-{number}"
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(path, mode)  # the umask may have been changed since
            if number == 0:
                pause_here("stage")
        _fsync_folder(staging)
    except OSError as error:
        raise _unchanged(staging.parent, error) from error


def _commit(staging: Path, directory: Path, targets: list[Path]) -> None:
    """Rename every staged file over its target, keeping links to the earlier files and a
    journal so that a failure, or the next run after a kill, can put them back."""
    journal: list[tuple[str, bool]] = []
    try:
        for number, target in enumerate(targets):
            existed = _keep_earlier(target, staging / f"old-{number}")
            journal.append((target.name, existed))
        _write_journal(staging, journal)
    except OSError as error:
        raise _unchanged(directory, error) from error
    with _signals_held():
        try:
            for number, target in enumerate(targets):
                os.replace(staging / f"new-{number}", target)
                if number == 0:
                    pause_here("commit")
            _fsync_folder(directory)
            (staging / JOURNAL).unlink()
            written_this_run.extend(targets)
        except OSError as error:
            left = _roll_back(staging, directory, journal)
            reason = error.strerror or str(error)
            if left:
                raise OutputError(
                    f"{directory}: cannot write output: {reason}; these earlier files could "
                    f"not be put back: {', '.join(left)}"
                ) from error
            raise OutputError(
                f"{directory}: cannot write output: {reason}; no output file was changed"
            ) from error
        except BaseException:  # anything else (a bug, memory): still never leave a mix
            _roll_back(staging, directory, journal)
            raise


def _keep_earlier(target: Path, keep: Path) -> bool:
    """Keep a hard link (a copy where links are not possible) to ``target`` at ``keep``;
    False when there is no earlier file."""
    try:
        os.link(target, keep, follow_symlinks=False)
    except FileNotFoundError:
        return False
    except OSError:
        shutil.copy2(target, keep, follow_symlinks=False)
    return True


def _write_journal(staging: Path, journal: list[tuple[str, bool]]) -> None:
    path = staging / JOURNAL
    with path.open("w", encoding="utf-8") as stream:
        json.dump(journal, stream)
        stream.flush()
        os.fsync(stream.fileno())
    _fsync_folder(staging)


def _read_journal(staging: Path) -> list[tuple[str, bool]] | None:
    """The journal of a staging folder; None when there is none or it is incomplete (it
    is flushed before the first rename, so then nothing was renamed)."""
    try:
        loaded: Any = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
        return [(str(name), bool(existed)) for name, existed in loaded]
    except (OSError, ValueError, TypeError):
        return None


def _roll_back(staging: Path, directory: Path, journal: list[tuple[str, bool]]) -> list[str]:
    """Undo the renames of a commit: a target whose staged file is gone was replaced, so
    its earlier file is put back (or it is removed, when there was none). Returns the
    names that could not be put back."""
    left = []
    for number, (name, existed) in enumerate(journal):
        if "/" in name or name in {"", ".", ".."}:
            continue  # not a journal this module wrote
        if (staging / f"new-{number}").exists():
            continue
        try:
            if existed:
                os.replace(staging / f"old-{number}", directory / name)
            else:
                (directory / name).unlink(missing_ok=True)
        except OSError:
            left.append(name)
    with contextlib.suppress(OSError):
        _fsync_folder(directory)
    return left


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP until the block ends, then act on the first that
    came (only the main thread can set signal handlers; elsewhere nothing is held)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(number: int, frame: FrameType | None) -> None:
        received.append(number)

    previous = {number: signal.signal(number, hold) for number in _HELD_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if received:
            signal.raise_signal(received[0])


def _fsync_folder(directory: Path) -> None:
    """Flush a folder's entries (the renames in it) to disk, where the platform can."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.EBADF, errno.ENOTSUP):
            raise
    finally:
        os.close(descriptor)


def _umask() -> int:
    """The process's file-creation mask (reading it means setting it, so it is put back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
