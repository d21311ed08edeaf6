"""Text that cannot go into a workbook or onto a terminal is refused where it enters: the
statement file, a narrative, a data cell. Error lines never carry a control character."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from measurekit.cli.main import main
from measurekit.limits import MAX_CELL_CHARS
from measurekit.text_rules import excerpt, forbidden_message, terminal_safe

from .hostile import CONTROL, fails, records_statement

POLICE_UK_HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
    "LSOA name,Crime type,Last outcome category,Context"
)


def with_narrative(statement: Path, text: str) -> Path:
    (statement.parent / "homicide.md").write_text(text, encoding="utf-8")
    statement.write_text(
        statement.read_text().replace(
            'measures = ["homicide"]', 'measures = ["homicide"]\nnarrative = "homicide.md"'
        )
    )
    return statement


# --- the statement file ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ('commissioner = "Jo\x1b[31mRed"', "U+001B (ESC)"),  # written raw
        ('commissioner = "Jo\x07"', "U+0007 (BEL)"),
        ('commissioner = "Jo\x7f"', "U+007F (DEL)"),
        ('commissioner = "Jo\x9b31m"', "U+009B (a control character)"),  # C1 CSI
        ('commissioner = "Jo\ufffe"', "U+FFFE (a noncharacter)"),
        ('commissioner = "Jo\U0001ffff"', "U+1FFFF (a noncharacter)"),
        ('commissioner = "Jo\ufdd0"', "U+FDD0 (a noncharacter)"),
        ('commissioner = "Jo\x85"', "U+0085 (a control character)"),  # splitlines splits here
    ],
)
def test_a_raw_forbidden_character_in_the_statement_file_names_line_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, shown: str
) -> None:
    statement = records_statement(tmp_path, body=line)
    error = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert f"statement.toml, line 4: commissioner: holds {shown} at column 19" in error
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("line", "key", "shown"),
    [
        ('force = "Test\\u001bshire"', "statement.force", "U+001B (ESC)"),  # a TOML escape
        ('notice = "A\\u0000B"', "statement.notice", "U+0000 (NUL)"),
        ('notice = "A\\uFFFF"', "statement.notice", "U+FFFF (a noncharacter)"),
        ('contact = "A\\U0010FFFE"', "statement.contact", "U+10FFFE (a noncharacter)"),
        ('"bad\\u001bkey" = 1', "statement.bad\\x1bkey", "U+001B (ESC)"),
    ],
)
def test_an_escaped_forbidden_character_names_its_key_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, key: str, shown: str
) -> None:
    statement = records_statement(tmp_path, body=line)
    text = statement.read_text()
    if line.startswith("force"):
        text = text.replace('force = "Testshire Police"\n', "")
    statement.write_text(text)
    error = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    number = text.splitlines().index(line) + 1
    assert f"statement.toml, line {number}: {key}: holds {shown}" in error


def test_a_statement_value_longer_than_a_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = records_statement(tmp_path, body=f'notice = "{"n" * (MAX_CELL_CHARS + 1)}"')
    error = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert (
        "statement.notice: is 32,768 characters long; a spreadsheet cell holds at most 32,767"
        in error
    )


def test_a_statement_value_as_long_as_a_cell_is_kept_whole(tmp_path: Path) -> None:
    notice = "n" * MAX_CELL_CHARS
    statement = records_statement(tmp_path, body=f'notice = "{notice}"')
    assert main(["build", str(statement), "-o", str(tmp_path / "out"), "-f", "json"]) == 0
    assert notice in (tmp_path / "out" / "statement.json").read_text()


# --- narrative ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "shown"),
    [
        ("## Force response\n\nWe rang the \x07 bell.\n", 3, "U+0007 (BEL)"),
        ("## Force response\n\nFine.\n\n- a bullet with \x1b[2J in it\n", 5, "U+001B (ESC)"),
        ("## Force response\n\nFine.\n## Ongoing focus\nNUL\x00here\n", 5, "U+0000 (NUL)"),
        ("## Force response\n\nA non\ufffecharacter.\n", 3, "U+FFFE (a noncharacter)"),
        ("## Force response\n\nA C1 \x85 next line.\n", 3, "U+0085 (a control character)"),
        ("## Force response\n\nA form\x0cfeed.\n", 3, "U+000C (FF)"),
        ("## Force response\n\nA group \x1d separator.\n", 3, "U+001D (a control character)"),
    ],
)
def test_a_forbidden_character_in_a_narrative_names_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, number: int, shown: str
) -> None:
    statement = with_narrative(records_statement(tmp_path), text)
    error = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert f"homicide.md, line {number}: the line holds {shown}" in error


def test_a_paragraph_longer_than_a_cell_is_refused_at_its_first_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["word " * 999 + "end."] * 7  # 7 lines of 4,999 characters, joined by spaces
    text = "## Force response\n\nA short one.\n\n" + "\n".join(lines) + "\n"
    statement = with_narrative(records_statement(tmp_path), text)
    error = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert "homicide.md, line 5: the paragraph starting here is 34,999 characters long" in error


def test_a_bullet_longer_than_a_cell_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "## Force response\n\n- short\n- " + "b" * 20_000 + "\n  " + "c" * 20_000 + "\n"
    statement = with_narrative(records_statement(tmp_path), text)
    error = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert "homicide.md, line 4: the bullet starting here is 40,001 characters long" in error


def test_a_paragraph_as_long_as_a_cell_is_kept_whole(tmp_path: Path) -> None:
    paragraph = "p" * MAX_CELL_CHARS
    statement = with_narrative(records_statement(tmp_path), f"## Force response\n\n{paragraph}\n")
    assert main(["build", str(statement), "-o", str(tmp_path / "out"), "-f", "markdown"]) == 0
    assert paragraph in (tmp_path / "out" / "statement.md").read_text()


# --- data cells -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "shown"),
    [("8N\x00", "U+0000 (NUL)"), ("\x1b]0;pwned\x07", "U+001B (ESC)"), ("1\uffff", "U+FFFF")],
)
def test_a_forbidden_character_in_a_records_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cell: str, shown: str
) -> None:
    statement = records_statement(tmp_path)
    with (tmp_path / "crime.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"2023-06-01,1,,,,,{cell}\n")  # in crime_id, a column never used
    error = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert f"crime.csv, row 5, column 'crime_id': the cell holds {shown}" in error


def test_a_forbidden_character_in_a_police_uk_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "police-uk"
    folder.mkdir()
    good = "ab1,2025-01,Cheshire Constabulary,Cheshire Constabulary,,,,,,Burglary,,"
    bad = "ab2,2025-01,Cheshire Constabulary,Cheshire Constabulary,,,On \x1b[8m,,,Burglary,,"
    with gzip.open(folder / "2025-01-cheshire-street.csv.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join([POLICE_UK_HEADER, good, bad, good.replace("ab1", "ab3")]) + "\n")
    statement = tmp_path / "statement.toml"
    statement.write_text(
        '[statement]\nforce = "Cheshire Constabulary"\nperiod = "2025/26 Q3"\n\n'
        f'[sources.crime]\nformat = "police-uk"\npath = "{folder.as_posix()}"\n\n'
        '[[sections]]\nmeasures = ["neighbourhood_crime"]\n'
    )
    error = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert (
        "2025-01-cheshire-street.csv.gz, row 3, column 'Location': the cell holds U+001B" in error
    )


# --- what is printed ------------------------------------------------------------------


def test_terminal_safe_escapes_every_control_character() -> None:
    text = "".join(map(chr, range(0x00, 0xA0))) + "\u202e\u2066"
    safe = terminal_safe(text)
    assert not CONTROL.search(safe)
    assert "\u202e" not in safe
    assert "\\x1b" in safe
    assert "\\n" in safe
    assert "\\u202e" in safe
    assert terminal_safe("a\nb", keep_newlines=True) == "a\nb"
    assert terminal_safe("plain £ text é") == "plain £ text é"


def test_excerpt_is_short_and_escaped() -> None:
    assert excerpt("a\x1bb") == "'a\\x1bb'"
    assert excerpt("x" * 100) == "'" + "x" * 60 + "'..."


def test_ordinary_text_passes() -> None:
    for text in ("Tab\tand\nnew line\r\n", "£ € — “quotes” ñ 中文 😀", "\ufffd replacement"):
        assert forbidden_message(text) is None


@pytest.mark.parametrize(
    "character", ["\x00", "\x1b", "\x7f", "\x85", "\ufdd0", "\ufffe", "\U0001fffe", "\U0010ffff"]
)
def test_forbidden_characters_are_found_in_utf8_bytes(character: str) -> None:
    from measurekit.text_rules import has_forbidden_utf8

    assert has_forbidden_utf8(f"é,{character},c\n".encode())


def test_allowed_text_passes_as_utf8_bytes() -> None:
    from measurekit.text_rules import has_forbidden_utf8

    for text in ("plain,text\r\n", "é£€中😀\ufffd\t", "\u00a0 \U0010fffd \u0080"[:-1]):
        assert not has_forbidden_utf8(text.encode())


def test_the_audit_report_never_sends_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the report quotes from a file, it reaches the terminal escaped."""
    from measurekit.audit import report

    monkeypatch.setattr(report, "as_text", lambda report, verbose: "a \x1b[2J quote\nnext\n")
    (tmp_path / "s.txt").write_text("Nothing to check.\n")
    main(["audit", str(tmp_path / "s.txt")])
    assert capsys.readouterr().out == "a \\x1b[2J quote\nnext\n"
