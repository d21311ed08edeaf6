"""The README's examples run as written."""

from __future__ import annotations

import doctest
from pathlib import Path

README = Path(__file__).parents[1] / "README.md"


def test_readme_doctests_pass() -> None:
    result = doctest.testfile(str(README), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 5
    assert result.failed == 0


def test_readme_test_command_is_what_ci_runs() -> None:
    ci = (README.parent / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert ci in README.read_text()


def test_readme_plugin_example_builds_a_statement(tmp_path: Path) -> None:
    """The README's plugin, run as a plugin: 2 arson offences now against 1 a year before."""
    import re
    import types

    from measurekit.build import compute_statement, render_outputs
    from measurekit.plugins.manager import Plugins
    from measurekit.statement_file import load_statement

    from .helpers import RECORD_HEADER, records, write_csv

    code = next(
        block
        for block in re.findall(r"```python\n(.*?)```", README.read_text(), re.DOTALL)
        if "class Arson" in block
    )
    module = types.ModuleType("arson_measure")
    exec(compile(code, "README.md", "exec"), module.__dict__)
    write_csv(
        tmp_path / "crime.csv",
        RECORD_HEADER,
        # Arson recorded under code 56 and its sub-codes 56A and 56B, which "56*" counts;
        # a homicide (code 1) is not arson.
        records(
            ("2020-07-01", "1", 1),
            ("2022-03-01", "56A", 1),
            ("2023-06-30", "56", 1),
            ("2023-06-30", "56B", 1),
        ),
    )
    statement = tmp_path / "s.toml"
    statement.write_text(
        '[statement]\nforce = "Testshire Police"\nperiod = "2023/24 Q1"\n'
        '[sources.crime]\nformat = "records"\npath = "crime.csv"\n'
        '[[sections]]\nmeasures = ["arson"]\n',
        encoding="utf-8",
    )
    plugins = Plugins.load(extra=[module])
    built = compute_statement(load_statement(statement, plugins), plugins)
    outputs = render_outputs(built, plugins, ["text", "markdown", "xlsx"])
    text = " ".join(outputs["text"].decode().split())
    assert (
        "In the 12 months to June 2023, Testshire Police recorded 2 arson offences: more than "
        "the 1 recorded in the 12 months to June 2022 and none were recorded in the 12 "
        "months to June 2021." in text
    )
    # The default renderer gave it a table in every format, with no code in the plugin:
    # 2 against 1 is [u] (counts below 10), 2 against 0 is [z] (no change from zero).
    markdown = " ".join(outputs["markdown"].decode().split())
    assert "| Arson offences | Previous year | 12 months to June 2022 | 1 | [u] |" in markdown
    assert "| Arson offences | Two years before | 12 months to June 2021 | 0 | [z] |" in markdown
    import io

    import openpyxl

    sheets = openpyxl.load_workbook(io.BytesIO(outputs["xlsx"])).sheetnames
    assert {"Arson", "Arson_monthly"} <= set(sheets)  # its figures, and its chart
