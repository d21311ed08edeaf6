"""Entry points are found as importlib.metadata finds them: the same ones, in the same
order, with the same distribution names and versions; and a build does not need it."""

from __future__ import annotations

import importlib.metadata
import json
import os.path
import re
import sys
import zipfile
from pathlib import Path

import pytest

from measurekit.plugins import discovery
from measurekit.plugins.discovery import InstalledEntryPoint


def _expected(group: str) -> list[tuple[str, str, str | None, str | None]]:
    """What importlib.metadata says for ``group``: each entry point with its distribution's
    PEP 503 name and its version."""
    found = []
    for entry_point in importlib.metadata.entry_points(group=group):
        metadata = entry_point.dist.metadata if entry_point.dist is not None else None
        name = metadata["Name"] if metadata is not None else None
        found.append(
            (
                entry_point.name,
                entry_point.value,
                re.sub(r"[-_.]+", "-", name).lower() if name else None,
                metadata["Version"] if metadata is not None else None,
            )
        )
    return found


def _found(group: str) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (entry.name, entry.value, entry.distribution, entry.version)
        for entry in discovery.entry_points(group)
    ]


def _dist(
    folder: Path, name: str, version: str, entry_points: str | None, suffix: str = "dist-info"
) -> Path:
    info = folder / f"{name.replace('-', '_')}-{version}.{suffix}"
    info.mkdir(parents=True)
    metadata = "METADATA" if suffix == "dist-info" else "PKG-INFO"
    (info / metadata).write_text(
        f"Metadata-Version: 2.1\nName: {name}\nSummary: a test\n  continued\nVersion: {version}"
        "\n\nName: not-a-header\n",
        encoding="utf-8",
    )
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return info


@pytest.mark.parametrize("group", ["measurekit", "console_scripts", "no-such-group"])
def test_the_installed_entry_points_are_importlib_metadatas(group: str) -> None:
    assert discovery._plain_path()
    assert _found(group) == _expected(group)
    if group == "measurekit":  # measurekit's own plugins are found like anyone's
        assert ("homicide", "measurekit_homicide", "pcc-measurekit") in {
            entry[:3] for entry in _found(group)
        }


def test_folders_of_distributions_read_as_importlib_metadata_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(
        first,
        "Arson.Measure",
        "1.2.3",
        "# a comment\n\n[console_scripts]\narson = arson.cli:main\n\n"
        "[measurekit]\n  arson  =  arson_measure  \nfires = fire.pkg:plugin.instance [extra]\n",
    )
    _dist(first, "no-entry-points", "0.1", None)
    _dist(first, "legacy-plugin", "2.0", "[measurekit]\nlegacy = legacy_plugin\n", "egg-info")
    (first / "file_only-1.0.egg-info").write_text("Name: file-only\n", encoding="utf-8")
    # The same distribution again, later on the path: importlib.metadata counts it once.
    _dist(second, "arson-measure", "9.9", "[measurekit]\nshadowed = shadowed_plugin\n")
    _dist(second, "other", "3", "[measurekit]\nother = other_plugin\n")
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))

    expected = _expected("measurekit")
    assert _found("measurekit") == expected
    # Worked out by hand from the folders above: the first copy of arson-measure wins.
    ours = [entry for entry in expected if entry[2] in {"arson-measure", "legacy-plugin", "other"}]
    assert ours == [
        ("arson", "arson_measure", "arson-measure", "1.2.3"),
        ("fires", "fire.pkg:plugin.instance [extra]", "arson-measure", "1.2.3"),
        ("legacy", "legacy_plugin", "legacy-plugin", "2.0"),
        ("other", "other_plugin", "other", "3"),
    ]


def test_a_zip_file_on_the_path_is_left_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
        zipped.writestr("zipped-1.0.dist-info/entry_points.txt", "[measurekit]\nz = zipped\n")
    monkeypatch.syspath_prepend(str(archive))
    assert not discovery._plain_path()
    assert ("z", "zipped", "zipped", "1.0") in _found("measurekit")
    assert _found("measurekit") == _expected("measurekit")


def test_an_oddly_named_metadata_folder_is_left_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # importlib.metadata tells this one apart by its Name (bar), not its folder's (foo).
    odd = tmp_path / "first" / "Foo-1.0.DIST-INFO"
    odd.mkdir(parents=True)
    (odd / "METADATA").write_text("Name: bar\nVersion: 1.0\n", encoding="utf-8")
    (odd / "entry_points.txt").write_text("[measurekit]\nx = x_plugin\n", encoding="utf-8")
    _dist(tmp_path / "second", "bar", "2.0", "[measurekit]\ny = y_plugin\n")
    _dist(tmp_path / "second", "foo", "3.0", "[measurekit]\nz = z_plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path / "second"))
    monkeypatch.syspath_prepend(str(tmp_path / "first"))
    ours = [entry for entry in _found("measurekit") if entry[1].endswith("_plugin")]
    assert ours == [("x", "x_plugin", "bar", "1.0"), ("z", "z_plugin", "foo", "3.0")]
    assert _found("measurekit") == _expected("measurekit")


def test_another_finder_of_distributions_is_left_to_importlib_metadata(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Finder:
        @staticmethod
        def find_distributions(context: object) -> list[object]:
            return []

    monkeypatch.setattr(sys, "meta_path", [Finder, *sys.meta_path])
    assert not discovery._plain_path()
    assert _found("measurekit") == _expected("measurekit")


def test_a_line_importlib_metadata_cannot_read_is_its_to_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _dist(tmp_path, "broken", "1", "[measurekit]\nno equals sign here\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(Exception) as theirs:  # noqa: PT011 - whatever it raises, so do we
        importlib.metadata.entry_points(group="measurekit")
    with pytest.raises(type(theirs.value)):
        discovery.entry_points("measurekit")


def test_an_entry_point_loads_the_object_it_names() -> None:
    assert InstalledEntryPoint("j", "json", None, None).load() is json
    assert InstalledEntryPoint("join", "os.path : join", None, None).load() is os.path.join
    nested = InstalledEntryPoint("sep", "os:path.sep [extra]", None, None)
    assert nested.load() == os.path.sep
    with pytest.raises(ValueError, match="malformed value 'not a value!'"):
        InstalledEntryPoint("bad", "not a value!", None, None).load()
