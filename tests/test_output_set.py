"""Fault injection on the write phase: whatever stops a build, the output folder holds the
whole earlier set of files or the whole new one, never a mix, a partial file or litter."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
from pathlib import Path

import pytest

from measurekit import output_set
from measurekit.cli.main import main
from measurekit.output_set import STAGING_PREFIX, OutputError, write_output_set

from .faults import (
    FORMATS,
    OUTPUTS,
    Paused,
    command,
    kill_hard,
    remount_read_only,
    snapshot,
    statement,
    tmpfs,
)


def build_in_process(statement_path: Path, output: Path) -> None:
    argv = ["build", str(statement_path), "-o", str(output)]
    assert main(argv + [part for name in FORMATS for part in ("-f", name)]) == 0


@pytest.fixture
def earlier(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """An output folder holding a first build (2 homicides), and the statement file now
    changed (5 homicides), so a second build would change every file."""
    folder = tmp_path / "work"
    output = tmp_path / "out"
    build_in_process(statement(folder, 2), output)
    before = snapshot(output)
    assert sorted(before) == sorted(OUTPUTS)
    statement(folder, 5)
    return folder / "statement.toml", output, before


def leftovers(output: Path) -> list[str]:
    return [entry.name for entry in output.iterdir() if entry.name.startswith(".")]


def one_error_line(err: str) -> str:
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.strip()


# --- checks before anything is written -------------------------------------------------


def test_a_folder_in_the_way_of_the_last_output_changes_none(
    earlier: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, output, before = earlier
    (output / "statement.txt").unlink()
    (output / "statement.txt").mkdir()  # the last file of the set to be renamed
    before = snapshot(output)
    argv = ["build", str(path), "-o", str(output)]
    assert main(argv + [p for name in FORMATS for p in ("-f", name)]) == 1
    line = one_error_line(capsys.readouterr().err)
    assert "statement.txt" in line
    assert "a folder is in the way" in line
    assert "no output file was changed" in line
    assert snapshot(output) == before


def test_a_fifo_in_the_way_of_an_output_changes_none(
    earlier: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, output, before = earlier
    (output / "statement.md").unlink()
    os.mkfifo(output / "statement.md")
    argv = ["build", str(path), "-o", str(output), "-f", "json", "-f", "markdown"]
    assert main(argv) == 1
    line = one_error_line(capsys.readouterr().err)
    assert "statement.md" in line
    assert "other than a regular file" in line
    assert (output / "statement.json").read_bytes() == before["statement.json"]


def test_a_failed_rename_puts_back_the_files_already_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The third rename fails (as on a disk that fails mid-way): the two files already
    replaced are put back from their links, and the third never changed."""
    output = tmp_path / "out"
    output.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (output / name).write_text(f"old {name}")
    real_replace = os.replace
    calls: list[str] = []

    def failing_replace(source: object, target: object) -> None:
        calls.append(str(target))
        if str(target).endswith("c.txt"):
            raise OSError(errno.EIO, "Input/output error")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OutputError, match="Input/output error; no output file was changed"):
        write_output_set({"a.txt": b"new a", "b.txt": b"new b", "c.txt": b"new c"}, output)
    monkeypatch.setattr(os, "replace", real_replace)
    assert [Path(call).name for call in calls[:3]] == ["a.txt", "b.txt", "c.txt"]
    assert snapshot(output) == {
        name: f"old {name}".encode() for name in ("a.txt", "b.txt", "c.txt")
    }


def test_each_file_is_flushed_before_its_rename_and_the_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        events.append("fsync " + os.path.basename(os.readlink(f"/proc/self/fd/{descriptor}")))
        real_fsync(descriptor)

    def replace(source: object, target: object) -> None:
        events.append(f"rename {os.path.basename(str(source))}")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    output = tmp_path / "out"
    write_output_set({"a.txt": b"a", "b.txt": b"b"}, output)
    assert events.index("fsync new-0") < events.index("rename new-0")
    assert events.index("fsync new-1") < events.index("rename new-0")
    assert events[events.index("rename new-1") + 1] == "fsync out"


def test_new_files_get_the_permissions_of_any_new_file(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        written = write_output_set({"a.txt": b"a"}, tmp_path / "out")
    finally:
        os.umask(previous)
    assert written[0].stat().st_mode & 0o777 == 0o640


def test_stale_temporary_files_of_our_naming_are_removed_and_others_kept(
    earlier: tuple[Path, Path, dict[str, bytes]],
) -> None:
    path, output, _ = earlier
    stale_folder = output / f"{STAGING_PREFIX}abcd1234"
    stale_folder.mkdir()
    (stale_folder / "new-0").write_bytes(b"half a file")
    (output / ".statement.json.k3j_9x2a").write_bytes(b"left by an older measurekit")
    (output / ".notes.k3j_9x2a").write_bytes(b"the user's own hidden file")
    (output / ".staging-of-someone-else").mkdir()
    build_in_process(path, output)
    assert sorted(leftovers(output)) == [".notes.k3j_9x2a", ".staging-of-someone-else"]


# --- signals and kills during the write phase ------------------------------------------


def test_kill_9_while_staging_leaves_the_earlier_outputs_and_the_next_run_clears_up(
    earlier: tuple[Path, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    path, output, before = earlier
    paused = Paused(command(path, output), "stage", tmp_path / "marker")
    kill_hard(paused)
    assert {k: v for k, v in snapshot(output).items() if not k.startswith(".")} == before
    assert len(leftovers(output)) == 1  # the staging folder the killed run left
    build_in_process(path, output)
    assert leftovers(output) == []
    assert snapshot(output) != before


def test_kill_9_half_way_through_the_commit_is_undone_by_the_next_run(
    earlier: tuple[Path, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    """Killed after the first rename: the next run into the folder (here, another
    statement's) puts back the one file that was replaced, before it writes its own."""
    path, output, before = earlier
    paused = Paused(command(path, output), "commit", tmp_path / "marker")
    kill_hard(paused)
    now = snapshot(output)
    assert now["statement.json"] != before["statement.json"]  # the mix the journal undoes
    assert now["statement.md"] == before["statement.md"]
    other = statement(tmp_path / "other", 1)
    other = other.rename(other.with_name("other.toml"))
    build_in_process(other, output)
    after = snapshot(output)
    assert {name: after[name] for name in OUTPUTS} == before
    assert leftovers(output) == []


def test_ctrl_c_while_staging_changes_nothing_and_says_so(
    earlier: tuple[Path, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    path, output, before = earlier
    paused = Paused(command(path, output), "stage", tmp_path / "marker")
    paused.send(signal.SIGINT)
    status, out, err = paused.finish()
    assert status == 130
    assert one_error_line(err) == "measurekit: interrupted; no output file was changed"
    assert out == ""
    assert snapshot(output) == before


def test_ctrl_c_during_the_commit_is_held_until_the_whole_set_is_written(
    earlier: tuple[Path, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    path, output, before = earlier
    paused = Paused(command(path, output), "commit", tmp_path / "marker")
    paused.send(signal.SIGINT)
    paused.resume()
    status, _, err = paused.finish()
    assert status == 130
    line = one_error_line(err)
    assert line.startswith("measurekit: interrupted after writing 3 complete output files (")
    after = snapshot(output)
    assert sorted(after) == sorted(OUTPUTS)
    assert all(after[name] != before[name] for name in OUTPUTS)
    fresh = tmp_path / "fresh"
    build_in_process(path, fresh)
    assert after == snapshot(fresh)


@pytest.mark.parametrize(("name", "status"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_sigterm_or_sighup_while_staging_cleans_up_and_changes_nothing(
    earlier: tuple[Path, Path, dict[str, bytes]], tmp_path: Path, name: str, status: int
) -> None:
    path, output, before = earlier
    paused = Paused(command(path, output), "stage", tmp_path / "marker")
    paused.send(getattr(signal, name))
    code, _, err = paused.finish()
    assert code == status
    assert one_error_line(err) == "measurekit: interrupted; no output file was changed"
    assert snapshot(output) == before


def test_two_builds_into_one_folder_at_once_leave_one_whole_set(tmp_path: Path) -> None:
    """The first build holds the folder, stopped in its commit; the second, started then,
    waits for it and then writes its own whole set: the folder never holds a mix."""
    output = tmp_path / "out"
    first = statement(tmp_path / "a", 2)
    second = statement(tmp_path / "b", 7, force="Otherton Police")
    paused = Paused(command(first, output), "commit", tmp_path / "marker")
    waiting = subprocess.Popen(
        command(second, output), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    paused.resume()
    assert paused.finish()[0] == 0
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, (out, err)
    expected = tmp_path / "expected"
    build_in_process(second, expected)
    assert snapshot(output) == snapshot(expected)


def test_interrupted_message_lists_what_this_run_wrote(tmp_path: Path) -> None:
    from measurekit.cli.main import interrupted_message

    output_set.written_this_run.clear()
    assert interrupted_message() == "measurekit: interrupted; no output file was changed"
    write_output_set({"a\x1b[2J.txt": b"a"}, tmp_path)
    message = interrupted_message()
    output_set.written_this_run.clear()
    assert "after writing 1 complete output file (" in message
    assert "\x1b" not in message
    assert "\\x1b[2J" in message


# --- the file system refuses ----------------------------------------------------------


def fill(path: Path) -> int:
    """Write zeros to ``path`` until the disk refuses; return the error number."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(descriptor, b"\0" * 4096)
    except OSError as error:
        return error.errno or 0
    finally:
        os.close(descriptor)


def test_a_full_disk_changes_no_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with tmpfs(tmp_path / "disk", "512k") as disk:
        folder = tmp_path / "work"
        output = disk / "out"
        build_in_process(statement(folder, 2), output)
        before = snapshot(output)
        statement(folder, 5)
        assert fill(disk / "filler") == errno.ENOSPC
        argv = ["build", str(folder / "statement.toml"), "-o", str(output)]
        assert main(argv + [p for name in FORMATS for p in ("-f", name)]) == 1
        line = one_error_line(capsys.readouterr().err)
        assert "No space left on device; no output file was changed" in line
        assert snapshot(output) == before


def test_a_read_only_folder_changes_no_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with tmpfs(tmp_path / "disk", "4m") as disk:
        folder = tmp_path / "work"
        output = disk / "out"
        build_in_process(statement(folder, 2), output)
        before = snapshot(output)
        statement(folder, 5)
        remount_read_only(disk)
        argv = ["build", str(folder / "statement.toml"), "-o", str(output)]
        assert main(argv + [p for name in FORMATS for p in ("-f", name)]) == 1
        line = one_error_line(capsys.readouterr().err)
        assert "Read-only file system; no output file was changed" in line
        assert snapshot(output) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a folder whatever its mode")
def test_a_folder_without_write_permission_changes_no_output(
    earlier: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, output, before = earlier
    output.chmod(0o555)
    try:
        argv = ["build", str(path), "-o", str(output)]
        assert main(argv + [p for name in FORMATS for p in ("-f", name)]) == 1
    finally:
        output.chmod(0o755)
    assert "no output file was changed" in one_error_line(capsys.readouterr().err)
    assert snapshot(output) == before


def test_an_unexpected_failure_during_the_commit_also_puts_back_the_earlier_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "out"
    output.mkdir()
    for name in ("a.txt", "b.txt"):
        (output / name).write_text(f"old {name}")
    real_replace = os.replace

    def replace_then_fail(source: object, target: object) -> None:
        if str(target).endswith("b.txt"):
            raise MemoryError
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace_then_fail)
    with pytest.raises(MemoryError):
        write_output_set({"a.txt": b"new a", "b.txt": b"new b"}, output)
    monkeypatch.setattr(os, "replace", real_replace)
    assert snapshot(output) == {"a.txt": b"old a.txt", "b.txt": b"old b.txt"}
