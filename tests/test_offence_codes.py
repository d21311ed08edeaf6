"""Offence codes match exactly; ``"56*"`` counts a code's sub-codes, deliberately.

Home Office code 56 (arson) is recorded as 56A (arson endangering life) and 56B (arson not
endangering life): a measure that lists ``"56"`` counts neither, one that lists ``"56*"``
counts both.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from measurekit import RecordFilter
from measurekit.cli.main import main
from measurekit.measures.offence_codes import offence_code_matches, offence_code_problem

from .helpers import RECORD_HEADER, records, write_csv


@pytest.mark.parametrize(
    ("code", "codes", "counted"),
    [
        ("56", {"56"}, True),
        ("56A", {"56"}, False),
        ("56B", {"56"}, False),
        ("56", {"56*"}, True),
        ("56A", {"56*"}, True),
        ("56B", {"56*"}, True),
        ("5", {"56*"}, False),
        ("560", {"56*"}, False),  # a digit makes another code, not a sub-code
        ("56", {"5*"}, False),
        ("5A", {"5*"}, True),
        ("4.1", {"4*"}, True),
        ("4.10", {"4*"}, True),
        ("46", {"4*"}, False),
        ("4.1", {"4.1*"}, True),
        ("4.10", {"4.1*"}, False),  # 4.10 is a sibling of 4.1, not part of it
        ("28E", {"1", "28*"}, True),
        ("1", {"1", "28*"}, True),
    ],
)
def test_codes_match_exactly_unless_marked_with_a_star(
    code: str, codes: set[str], counted: bool
) -> None:
    assert offence_code_matches(code, frozenset(codes)) is counted


@pytest.mark.parametrize("code", ["5*6", "*", "", "  ", "56**"])
def test_malformed_codes_are_refused(code: str) -> None:
    assert offence_code_problem(code) is not None
    with pytest.raises(ValueError, match=r"offence code is blank|'\*'"):
        RecordFilter(offence_codes=frozenset({code}))


def test_a_record_filter_normalises_its_codes() -> None:
    assert RecordFilter(offence_codes=frozenset({" 56a ", "56b*"})).offence_codes == {
        "56A",
        "56B*",
    }


ARSON_RECORDS = records(
    ("2023-01-15", "56", 1),
    ("2023-02-15", "56A", 2),
    ("2023-03-15", "56B", 3),
    ("2023-04-15", "58A", 4),  # criminal damage: never arson
)


def _current(statement: Path, out: Path) -> int:
    assert main(["build", str(statement), "-f", "json", "-o", str(out)]) == 0
    figures = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))["figures"]
    (current,) = [f["value"] for f in figures if f["role"] == "current"]
    assert isinstance(current, int)
    return current


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ('["56"]', 1),  # exact: 56A and 56B are not 56
        ('["56A", "56B"]', 5),  # sub-codes listed one by one
        ('["56*"]', 6),  # 56 and its sub-codes: 1 + 2 + 3
        ('["56b*"]', 3),  # case does not matter
    ],
)
def test_a_statement_counts_sub_codes_only_when_asked(
    statement_dir: Callable[..., Path], tmp_path: Path, codes: str, expected: int
) -> None:
    write_csv(tmp_path / "crime.csv", RECORD_HEADER, ARSON_RECORDS)
    statement = statement_dir(
        '[sources.crime]\nformat = "records"\npath = "crime.csv"\n'
        'start = "2020-07"\nend = "2023-06"\n'
        '[[sections]]\nmeasures = ["homicide"]\n'
        f"[measures.homicide.offence_codes]\nhomicide = {codes}\n"
    )
    assert _current(statement, tmp_path / "out") == expected


def test_a_malformed_code_in_the_statement_names_its_key(
    statement_dir: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_csv(tmp_path / "crime.csv", RECORD_HEADER, ARSON_RECORDS)
    statement = statement_dir(
        '[sources.crime]\nformat = "records"\npath = "crime.csv"\n'
        'start = "2020-07"\nend = "2023-06"\n'
        '[[sections]]\nmeasures = ["homicide"]\n'
        '[measures.homicide.offence_codes]\nhomicide = ["5*6"]\n'
    )
    assert main(["build", str(statement), "-f", "json", "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "measures.homicide.offence_codes.homicide" in err
    assert "'5*6'" in err
    assert "statement.toml" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("codes", "warned"),
    [
        ('["56"]', "homicide: homicide: 5 records coded 56A, 56B are not counted"),
        ('["56", "56A"]', "homicide: homicide: 3 records coded 56B are not counted"),
        ('["56*"]', None),
        ('["56", "56A", "56B"]', None),
        ('["58"]', "homicide: homicide: 4 records coded 58A are not counted"),
    ],
)
def test_check_warns_of_sub_codes_a_measure_does_not_count(
    statement_dir: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    codes: str,
    warned: str | None,
) -> None:
    write_csv(tmp_path / "crime.csv", RECORD_HEADER, ARSON_RECORDS)
    statement = statement_dir(
        '[sources.crime]\nformat = "records"\npath = "crime.csv"\n'
        'start = "2020-07"\nend = "2023-06"\n'
        '[[sections]]\nmeasures = ["homicide"]\n'
        f"[measures.homicide.offence_codes]\nhomicide = {codes}\n"
    )
    assert main(["check", str(statement)]) == 0  # a warning, not an error
    lines = [line for line in capsys.readouterr().out.splitlines() if "not counted" in line]
    if warned is None:
        assert lines == []
    else:
        (line,) = lines
        assert line.startswith(f"warning: crime: {warned}: offence codes match exactly")
        assert "[measures.homicide.offence_codes]" in line


CODES_FILE = '[indicators]\noffences = ["1", "4.1", "56*"]\n'


@pytest.mark.parametrize("layout", ["package", "namespace package", "zip file"])
def test_a_plugins_codes_file_is_read_wherever_its_package_lives(
    layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plugin's ``offence_codes.toml`` is read from a package folder, from a namespace
    package (no ``__init__.py``, whose loader reads no files) and from a zip file."""
    import sys
    import zipfile

    from measurekit.measures.offence_codes import load_offence_codes

    name = f"codes_{layout.replace(' ', '_')}"
    files = {f"{name}/offence_codes.toml": CODES_FILE}
    if layout != "namespace package":
        files[f"{name}/__init__.py"] = ""
    if layout == "zip file":
        archive = tmp_path / "plugin.zip"
        with zipfile.ZipFile(archive, "w") as bundle:
            for path, text in files.items():
                bundle.writestr(path, text)
        monkeypatch.syspath_prepend(str(archive))
    else:
        for path, text in files.items():
            (tmp_path / path).parent.mkdir(exist_ok=True)
            (tmp_path / path).write_text(text, encoding="utf-8")
        monkeypatch.syspath_prepend(str(tmp_path))
    try:
        codes = load_offence_codes(name)
    finally:
        sys.modules.pop(name, None)
    assert set(codes) == {"offences"}
    assert offence_code_matches("56B", codes["offences"])
    assert offence_code_matches("4.1", codes["offences"])
    assert not offence_code_matches("4", codes["offences"])


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (None, "No such file"),
        ("[other]\nx = 1\n", "no \\[indicators\\] table"),
        ('indicators = "x"\n', "no \\[indicators\\] table"),
        ('[indicators]\noffences = "56"\n', "indicators.offences is not a list of codes"),
        ('[indicators]\noffences = ["5*6"]\n', "5\\*6"),
        ("[indicators\n", "Expected"),
    ],
)
def test_a_codes_file_that_cannot_be_read_names_the_plugin(
    text: str | None, reason: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing or malformed codes file is one error naming the plugin, never codes read
    wrongly (a string of codes would otherwise be read a character at a time)."""
    import sys

    from measurekit.errors import PluginError
    from measurekit.measures.offence_codes import load_offence_codes

    package = tmp_path / "codes_broken"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    if text is not None:
        (package / "offence_codes.toml").write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(PluginError, match=rf"codes_broken.*offence_codes\.toml.*{reason}"):
            load_offence_codes("codes_broken")
    finally:
        sys.modules.pop("codes_broken", None)


def test_a_plugin_that_is_not_there_is_one_error_naming_it() -> None:
    from measurekit.errors import PluginError
    from measurekit.measures.offence_codes import load_offence_codes

    with pytest.raises(PluginError, match="no_such_plugin_package"):
        load_offence_codes("no_such_plugin_package")
