"""The ods writer picks the automatic styles to write in one walk of its own: the same
styles, in the same order, as odfpy's own (slower) walk picks."""

from __future__ import annotations

from typing import Any

import pytest

from measurekit.outputs.workbook import ods

from .test_workbook import example_path, render


def test_the_styles_written_are_those_odfpys_own_walk_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from odf.opendocument import OpenDocument

    ours_then_odfpys: list[tuple[list[Any], list[Any]]] = []
    walk = ods._used_auto_styles

    def both(document: Any, segments: list[Any]) -> list[Any]:
        ours = walk(document, segments)
        ours_then_odfpys.append((ours, OpenDocument._used_auto_styles(document, segments)))
        return ours

    monkeypatch.setattr(ods, "_used_auto_styles", both)
    render(example_path(), formats=("ods",))
    assert len(ours_then_odfpys) == 2  # once for styles.xml, once for content.xml
    for ours, odfpys in ours_then_odfpys:
        assert ours == odfpys
    # styles.xml's master page uses one page layout; content.xml uses cell, column,
    # number and graphic styles: dozens of them.
    assert sorted(len(ours) for ours, _ in ours_then_odfpys)[0] == 1
    assert sorted(len(ours) for ours, _ in ours_then_odfpys)[1] > 20
