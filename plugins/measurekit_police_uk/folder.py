"""Finding the street-level files in folders, and reading many of them into one tally.

Where DuckDB is installed, sound files are counted by it in one query (see
:mod:`~measurekit_police_uk.engine`). Otherwise, or when a file has a problem, files are
read one at a time (or one per worker process, for large folders), each reduced to a
small :class:`~measurekit_police_uk.reading.FileTally` before the next is opened, so the
memory used does not grow with the number of files.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import attrs

from measurekit.api import InputError, Location, Month, not_regular, pause_here, shared_methods
from measurekit_police_uk import engine
from measurekit_police_uk.reading import FileTally, Problem, is_street_file, tally_file

#: Below this many bytes of files, reading in one process is quicker than starting workers.
PARALLEL_FROM_BYTES = 48 * 1024 * 1024


@attrs.frozen
@shared_methods
class PoliceUkData:
    """Every street-level file of a source, reduced to counts by month, force and type.

    ``counts`` maps (month, ``Falls within`` as written, ``Crime type``) to rows.
    """

    files: tuple[Path, ...]
    counts: dict[tuple[Month, str, str], int]
    rows: int
    #: (rows repeating a Crime ID already seen in their file, the files holding any);
    #: None when the files were read by DuckDB, which counts them only when asked.
    known_repeats: tuple[int, tuple[Path, ...]] | None
    problems: tuple[Problem, ...]
    problem_rows: int
    #: The rows read from each of ``files``, in the same order.
    file_rows: tuple[int, ...] = ()
    _asked: dict[str, tuple[int, tuple[Path, ...]]] = attrs.field(
        factory=dict, eq=False, repr=False
    )

    @property
    def repeated(self) -> int:
        """Rows that repeat a Crime ID already seen in their file (each is counted)."""
        return self._repeats()[0]

    @property
    def files_with_repeats(self) -> tuple[Path, ...]:
        """The files holding such rows."""
        return self._repeats()[1]

    def _repeats(self) -> tuple[int, tuple[Path, ...]]:
        if self.known_repeats is not None:
            return self.known_repeats
        if "repeats" not in self._asked:
            counted = engine.repeats(self.files)
            if counted is None:  # DuckDB could not say: read the files carefully
                tallies = [tally_file(path) for path in self.files]
                counted = (
                    sum(t.repeated for t in tallies),
                    tuple(t.path for t in tallies if t.repeated),
                )
            self._asked["repeats"] = counted
        return self._asked["repeats"]

    @property
    def forces(self) -> frozenset[str]:
        """The forces the files hold rows for, as ``Falls within`` writes them."""
        return frozenset(force for _, force, _ in self.counts)


def find_files(paths: Iterable[Path]) -> tuple[Path, ...]:
    """The street-level files named by ``paths``: files as given, folders searched (with
    their sub-folders) for files named ``YYYY-MM-<force>-street.csv`` or ``.csv.gz``.

    Raises :class:`InputError` for a folder holding no such file, or for the same file
    name found twice (its rows would be counted twice).
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(item for item in path.rglob("*") if is_street_file(item))
            if not inside:
                raise InputError(
                    "no police.uk street-level files (named YYYY-MM-<force>-street.csv) "
                    "in this folder",
                    Location(path),
                )
            found.extend(inside)
        else:
            found.append(path)
    for path in found:
        problem = not_regular(path)
        if problem:
            raise InputError(problem, Location(path))
    by_name: dict[str, Path] = {}
    for path in found:
        name = path.name.lower().removesuffix(".gz")
        if name in by_name:
            raise InputError(
                f"the same month's file appears twice ({by_name[name]} and {path}); "
                "its rows would be counted twice",
                Location(path),
            )
        by_name[name] = path
    return tuple(found)


def read_files(files: Sequence[Path], workers: int | None = None) -> PoliceUkData:
    """Read ``files`` into one :class:`PoliceUkData`.

    ``workers`` is the number of processes to read with; None chooses one per CPU for
    large inputs and a single process otherwise. The first file (in order) that cannot be
    read at all raises its :class:`InputError`.
    """
    key = tuple((str(path), *_signature(path)) for path in files)
    return _read_cached(key, _workers(files, workers))


def _signature(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError:
        return (0, 0)
    return (status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=4)
def _read_cached(key: tuple[tuple[str, int, int], ...], workers: int) -> PoliceUkData:
    """Read the files in ``key`` (remembered, so that statements for several forces from
    one folder read it once; a changed file changes the key): by DuckDB when it is
    installed and the files are sound, otherwise by measurekit's own reader."""
    files = [Path(item[0]) for item in key]
    counted = engine.read(files) if _use_engine() else None
    if counted is not None:
        counts, rows, file_rows = counted
        return PoliceUkData(tuple(files), counts, rows, None, (), 0, file_rows)
    return combine(_tallies(files, workers))


#: Set to "0" to read without DuckDB even where it is installed (for comparisons).
ENGINE_VARIABLE = "MEASUREKIT_POLICE_UK_DUCKDB"


def _use_engine() -> bool:
    return os.environ.get(ENGINE_VARIABLE, "1") != "0"


def _workers(files: Sequence[Path], wanted: int | None) -> int:
    if wanted is not None:
        return max(1, min(wanted, len(files)))
    size = sum(_signature(path)[1] for path in files)
    if size < PARALLEL_FROM_BYTES:
        return 1
    return max(1, min(os.cpu_count() or 1, len(files)))


def _tallies(files: Sequence[Path], workers: int) -> Iterator[FileTally]:
    if workers <= 1:
        yield from map(tally_file, files)
        return
    # Loaded here, not with the plugin: a build that reads no police.uk folder in worker
    # processes never pays for them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # "spawn" starts clean interpreters: the same on every platform, and safe whatever
    # threads the calling program runs (forking a threaded process is not).
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=bind_to_parent,
        initargs=(os.getpid(),),
    )
    try:
        results = pool.map(tally_file, files, chunksize=4)
        pause_here("read")
        yield from results
    except BaseException:
        # Interrupted, or a file could not be read: stop the workers now rather than
        # wait for them to read every file they were given.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def bind_to_parent(parent: int) -> None:
    """Run in each worker as it starts: the worker ends when the process that started it
    ends, however that ends (even by SIGKILL), so no worker outlives a killed build, and
    with the workers gone multiprocessing's resource tracker ends too. Ctrl-C is left to
    the main process, which stops the workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


#: ``prctl`` option: the signal a process gets when its parent ends (Linux).
_PR_SET_PDEATHSIG = 1


def _watch_parent(parent: int) -> None:
    """Where the kernel cannot be asked (not Linux), notice the parent's end by polling."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def combine(tallies: Iterable[FileTally]) -> PoliceUkData:
    """Add the tallies of several files together, reading each month's text once."""
    counts: Counter[tuple[Month, str, str]] = Counter()
    months: dict[str, Month] = {}
    files: list[Path] = []
    file_rows: list[int] = []
    with_repeats: list[Path] = []
    repeated = 0
    problems: list[Problem] = []
    rows = problem_rows = 0
    for tally in tallies:
        files.append(tally.path)
        file_rows.append(tally.rows)
        for (text, force, crime_type), count in tally.counts.items():
            month = months.get(text)
            if month is None:
                month = months[text] = Month.parse(text)
            counts[month, force.strip(), crime_type.strip()] += count
        rows += tally.rows
        if tally.repeated:
            repeated += tally.repeated
            with_repeats.append(tally.path)
        problems.extend(tally.problems)
        problem_rows += tally.problem_rows
    return PoliceUkData(
        tuple(files),
        dict(counts),
        rows,
        (repeated, tuple(with_repeats)),
        tuple(problems),
        problem_rows,
        tuple(file_rows),
    )
