"""The ``measurekit`` command line.

Every error caused by input prints one line on stderr (the file, row and column where it
applies) and exits 1; ``--debug`` shows the traceback as well. Usage errors exit 2. The
``audit`` command exits 1 for a wrong claim, so its errors exit 2. Control characters in a
message are printed as escapes (``\\x1b``), never sent to the terminal. Ctrl-C, SIGTERM and
SIGHUP stop a run cleanly (exit 130, 143, 129), saying which outputs were written, if any.
"""

from __future__ import annotations

import argparse
import atexit
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import NoReturn

from measurekit import output_set
from measurekit.__about__ import __version__
from measurekit.audit import command as audit
from measurekit.cli.arguments import quarter_option
from measurekit.collections_tuning import fewer_collections
from measurekit.errors import MeasurekitError
from measurekit.explain import command as explain
from measurekit.text_rules import terminal_safe

EXIT_OK = 0
EXIT_ERROR = 1
#: 128 + SIGPIPE, what a shell reports for a program stopped by a closed pipe.
EXIT_BROKEN_PIPE = 141
#: What Python exits with when it cannot flush its standard streams at the end.
EXIT_UNFLUSHED = 120


def _add_output_options(command: argparse.ArgumentParser) -> None:
    """``-f FORMAT`` (repeatable) and ``-o DIR``, shared by the commands that write files."""
    command.add_argument(
        "-f",
        "--format",
        dest="formats",
        action="append",
        metavar="FORMAT",
        help="output format, repeatable (default: every installed format; "
        "see 'measurekit plugins')",
    )
    command.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("output"),
        metavar="DIR",
        help="folder for the output files (default: ./output)",
    )


def _add_strict(command: argparse.ArgumentParser) -> None:
    """``--strict``, shared by ``build`` and ``check``: warnings become errors."""
    command.add_argument(
        "--strict",
        action="store_true",
        help="make warnings errors (such as a statement whose current figures are all [x])",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with a sub-command per job."""
    # --debug is accepted before or after the command. The command's copy must not set a
    # default, or it would overwrite a --debug given before the command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the full traceback when something fails",
    )
    parser = argparse.ArgumentParser(
        prog="measurekit",
        description=(
            "Build a Police and Crime Measures statement from crime data, survey returns and "
            "authored text: as an accessible web page, a tagged PDF, a Word document, plain "
            "text, Markdown, Excel and OpenDocument workbooks and JSON figures."
        ),
        epilog="Start with 'measurekit example' to see a finished statement, and "
        "'measurekit init DIR' to begin your own.",
    )
    parser.add_argument(
        "--debug", action="store_true", help="show the full traceback when something fails"
    )
    parser.add_argument("--version", action="version", version=f"measurekit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build = commands.add_parser(
        "build",
        parents=[common],
        help="build one statement from a statement file",
        description="Build the statement a statement file describes, in one or more formats.",
    )
    build.add_argument(
        "statement", type=Path, metavar="STATEMENT.toml", help="the statement file to build"
    )
    _add_output_options(build)
    build.add_argument(
        "--period",
        action="append",
        type=quarter_option,
        metavar='"YYYY/YY QN"',
        help='financial quarter to build instead of the file\'s, e.g. "2023/24 Q1"; '
        "repeat it to build several, each named STEM-PERIOD.EXT",
    )
    _add_strict(build)
    forces = build.add_mutually_exclusive_group()
    forces.add_argument(
        "--all-forces",
        action="store_true",
        help="build one statement per force the sources hold, named STEM-FORCE.EXT",
    )
    forces.add_argument(
        "--force",
        dest="forces",
        action="append",
        metavar="NAME",
        help="build the statement for this force (a name or ONS area code), named "
        "STEM-FORCE.EXT; repeatable",
    )

    example = commands.add_parser(
        "example",
        parents=[common],
        help="build the bundled example statement",
        description="Build the bundled example statement (Cheshire, Quarter 1 2023/24) in "
        "every format, with no other input.",
    )
    _add_output_options(example)

    init = commands.add_parser(
        "init",
        parents=[common],
        help="write a starter folder to make your own statement from",
        description="Write a starter folder: a statement file, narrative files, small sample "
        "data and a README saying what to replace. It builds and checks clean as it is.",
    )
    init.add_argument("folder", type=Path, metavar="DIR", help="a new or empty folder")

    check = commands.add_parser(
        "check",
        parents=[common],
        help="check a statement's data and report on its quality",
        description="Load and validate every source of a statement and report months "
        "covered, gaps, duplicates and unusual values. Writes nothing.",
    )
    check.add_argument(
        "statement", type=Path, metavar="STATEMENT.toml", help="the statement file to check"
    )
    check.add_argument(
        "--period", type=quarter_option, metavar='"YYYY/YY QN"', help="financial quarter to check"
    )
    _add_strict(check)

    commands.add_parser(
        "plugins",
        parents=[common],
        help="list installed plugins and what they provide",
        description="List each installed plugin, its version, and the measures, source "
        "formats and output formats it provides.",
    )
    audit.add_parser(commands, common)
    explain.add_parser(commands, common)
    return parser


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: stop as Ctrl-C does, cleaning up on the way out."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _stop(number: int, frame: FrameType | None) -> None:
    raise Stopped(number)


def _stop_on_signals() -> dict[int, object]:
    """Make SIGTERM and SIGHUP stop the run as Ctrl-C does (so no staging folder or worker
    process is left behind); return the handlers they had."""
    previous: dict[int, object] = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, _stop)
    return previous


def interrupted_message() -> str:
    """What an interrupted run tells the user: exactly which outputs it wrote (each set
    is written whole or not at all), or that it changed none."""
    written = output_set.written_this_run
    if not written:
        return "measurekit: interrupted; no output file was changed"
    shown = ", ".join(str(path) for path in written[:6])
    more = f" and {len(written) - 6} more" if len(written) > 6 else ""
    return (
        f"measurekit: interrupted after writing {len(written)} complete output "
        f"file{'s' if len(written) != 1 else ''} ({terminal_safe(shown)}{more}); "
        "no other output file was changed"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status. For callers that go on afterwards
    (scripts, tests); the ``measurekit`` program itself is :func:`run`."""
    with fewer_collections():
        return _main(argv)


def run() -> NoReturn:
    """The ``measurekit`` program (and ``python -m measurekit``): :func:`main`, then the end
    of the process."""
    end_process(main())


def end_process(status: int) -> NoReturn:
    """End the process with ``status``, without the interpreter's teardown where that is safe.

    A command keeps nearly everything it makes (modules, plugins, tallies, the document)
    until its end, and the interpreter's teardown then frees it all one object at a time:
    a tenth of a small build's processor time, for memory the system takes back anyway.
    So, like mypy, this skips the teardown; unlike mypy, it first runs the exit handlers
    (:mod:`atexit`, and so :func:`weakref.finalize` callbacks: what libraries and plugins
    registered to clean up), then flushes the standard streams and ends the process at
    once. A file still open is not flushed (measurekit closes every file it writes), and
    ``__del__`` methods do not run.

    It exits as Python does (:func:`sys.exit`) while a thread that is not a daemon still
    runs, since Python's exit waits for it, and while a tool watches the process (a
    profiler, a tracer such as ``coverage run``, ``python -i``), since such a tool does
    its work when the program returns.
    """
    current = threading.current_thread()
    if _watched() or any(
        not thread.daemon for thread in threading.enumerate() if thread is not current
    ):
        sys.exit(status)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is None or stream.closed:
            continue
        try:
            stream.flush()
        except BrokenPipeError:
            status = status or EXIT_BROKEN_PIPE
        except OSError:
            status = status or EXIT_UNFLUSHED
    os._exit(status)


def _watched() -> bool:
    """Whether a profiler, tracer or debugger watches the process, or ``python -i`` waits
    to take over when the program ends."""
    if sys.gettrace() is not None or sys.getprofile() is not None or sys.flags.inspect:
        return True
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12 and later
    if monitoring is None:
        return False
    return any(monitoring.get_tool(tool) is not None for tool in range(6))


def _main(argv: Sequence[str] | None) -> int:
    arguments = build_parser().parse_args(argv)
    previous = _stop_on_signals()
    output_set.written_this_run.clear()
    try:
        status = _run(arguments)
        if sys.stdout is not None:
            sys.stdout.flush()  # a closed pipe shows here, inside the handler, not at exit
        return status
    except MeasurekitError as error:
        if arguments.debug:
            raise
        print(f"measurekit: error: {terminal_safe(str(error))}", file=sys.stderr)
        return audit.EXIT_TROUBLE if arguments.command == "audit" else EXIT_ERROR
    except KeyboardInterrupt as stop:
        print(interrupted_message(), file=sys.stderr)
        return 128 + (stop.number if isinstance(stop, Stopped) else signal.SIGINT)
    except BrokenPipeError:
        # The reader of our output went away (``measurekit check ... | head``): stop
        # quietly, as other command-line tools do, and keep Python from complaining about
        # the unflushed stream on exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]


def _run(arguments: argparse.Namespace) -> int:
    from measurekit.cli import commands

    if arguments.command == "build":
        periods = arguments.period or [None]
        if arguments.all_forces or arguments.forces or len(periods) > 1:
            return commands.build_many(
                arguments.statement,
                arguments.formats,
                arguments.output,
                periods,
                arguments.forces,
                arguments.all_forces,
                arguments.strict,
            )
        return commands.build(
            arguments.statement, arguments.formats, arguments.output, periods[0], arguments.strict
        )
    if arguments.command == "example":
        return commands.example(arguments.output, arguments.formats)
    if arguments.command == "init":
        return commands.init(arguments.folder)
    if arguments.command == "check":
        return commands.check(arguments.statement, arguments.period, arguments.strict)
    if arguments.command == "audit":
        return audit.run(arguments)
    if arguments.command == "explain":
        return explain.run(arguments)
    return commands.list_plugins()


if __name__ == "__main__":
    run()
