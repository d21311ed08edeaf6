"""The ``measurekit`` command line.

Every error caused by input prints one line on stderr (the file, row and column where it
applies) and exits 1; ``--debug`` shows the traceback as well. Usage errors exit 2. The
``audit`` command exits 1 for a wrong claim, so its errors exit 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from measurekit.__about__ import __version__
from measurekit.audit import command as audit
from measurekit.errors import MeasurekitError

EXIT_OK = 0
EXIT_ERROR = 1
#: 128 + SIGPIPE, what a shell reports for a program stopped by a closed pipe.
EXIT_BROKEN_PIPE = 141


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
            "authored text: as plain text, Markdown, a spreadsheet and JSON figures."
        ),
        epilog="Start with 'measurekit example' to see a finished statement.",
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
        metavar='"YYYY/YY QN"',
        help='financial quarter to build instead of the file\'s, e.g. "2023/24 Q1"; '
        "repeat it to build several, each named STEM-PERIOD.EXT",
    )
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
    check.add_argument("--period", metavar='"YYYY/YY QN"', help="financial quarter to check")

    commands.add_parser(
        "plugins",
        parents=[common],
        help="list installed plugins and what they provide",
        description="List each installed plugin, its version, and the measures, source "
        "formats and output formats it provides.",
    )
    audit.add_parser(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    arguments = build_parser().parse_args(argv)
    try:
        status = _run(arguments)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler, not at exit
        return status
    except MeasurekitError as error:
        if arguments.debug:
            raise
        print(f"measurekit: error: {error}", file=sys.stderr)
        return audit.EXIT_TROUBLE if arguments.command == "audit" else EXIT_ERROR
    except KeyboardInterrupt:
        print("measurekit: interrupted; no output was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``measurekit check ... | head``): stop
        # quietly, as other command-line tools do, and keep Python from complaining about
        # the unflushed stream on exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


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
            )
        return commands.build(arguments.statement, arguments.formats, arguments.output, periods[0])
    if arguments.command == "example":
        return commands.example(arguments.output, arguments.formats)
    if arguments.command == "check":
        return commands.check(arguments.statement, arguments.period)
    if arguments.command == "audit":
        return audit.run(arguments)
    return commands.list_plugins()


if __name__ == "__main__":
    sys.exit(main())
