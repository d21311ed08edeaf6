"""Writing OpenDocument parts and packages with the standard library.

The ods writer builds its XML parts as text, escaped here, and packs them with
:func:`package`: the ``mimetype`` entry first and uncompressed, then the parts in the order
given, then ``META-INF/manifest.xml`` listing them; every entry stamped
:data:`~measurekit.outputs.workbook.reproducible.FIXED_TIME`, so the same parts always give
the same bytes.

Every part's root element declares the same fixed set of namespaces (:data:`NAMESPACES`,
sorted by prefix): the set odfpy, which measurekit once wrote with, declares, so that files
stay byte-for-byte what they were.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from measurekit.outputs.workbook.reproducible import zip_parts
from measurekit.outputs.xml_escape import escape

#: The namespaces declared on the root element of every part, by prefix.
NAMESPACES: tuple[tuple[str, str], ...] = (
    ("anim", "urn:oasis:names:tc:opendocument:xmlns:animation:1.0"),
    ("chart", "urn:oasis:names:tc:opendocument:xmlns:chart:1.0"),
    ("chartooo", "http://openoffice.org/2010/chart"),
    ("config", "urn:oasis:names:tc:opendocument:xmlns:config:1.0"),
    ("css3t", "http://www.w3.org/TR/css3-text/"),
    ("db", "urn:oasis:names:tc:opendocument:xmlns:database:1.0"),
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("dom", "http://www.w3.org/2001/xml-events"),
    ("dr3d", "urn:oasis:names:tc:opendocument:xmlns:dr3d:1.0"),
    ("draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"),
    ("field", "urn:openoffice:names:experimental:ooo-ms-interop:xmlns:field:1.0"),
    ("fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
    ("form", "urn:oasis:names:tc:opendocument:xmlns:form:1.0"),
    ("formx", "urn:openoffice:names:experimental:ooxml-odf-interop:xmlns:form:1.0"),
    ("grddl", "http://www.w3.org/2003/g/data-view#"),
    ("koffice", "http://www.koffice.org/2005/"),
    ("loext", "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"),
    ("manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"),
    ("math", "http://www.w3.org/1998/Math/MathML"),
    ("meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"),
    ("number", "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"),
    ("of", "urn:oasis:names:tc:opendocument:xmlns:of:1.2"),
    ("office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
    ("ooo", "http://openoffice.org/2004/office"),
    ("oooc", "http://openoffice.org/2004/calc"),
    ("ooow", "http://openoffice.org/2004/writer"),
    ("presentation", "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"),
    ("rdfa", "http://docs.oasis-open.org/opendocument/meta/rdfa#"),
    ("rpt", "http://openoffice.org/2005/report"),
    ("script", "urn:oasis:names:tc:opendocument:xmlns:script:1.0"),
    ("smil", "urn:oasis:names:tc:opendocument:xmlns:smil-compatible:1.0"),
    ("style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
    ("svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"),
    ("table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
    ("tableooo", "http://openoffice.org/2009/table"),
    ("text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
    ("xforms", "http://www.w3.org/2002/xforms"),
    ("xhtml", "http://www.w3.org/1999/xhtml"),
    ("xlink", "http://www.w3.org/1999/xlink"),
    ("xml", "http://www.w3.org/XML/1998/namespace"),
    ("xsd", "http://www.w3.org/2001/XMLSchema"),
    ("xsi", "http://www.w3.org/2001/XMLSchema-instance"),
)
_DECLARATIONS = "".join(f' xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES)
_PROLOGUE = "<?xml version='1.0' encoding='UTF-8'?>\n"

#: Characters XML 1.0 cannot hold (controls other than tab, newline and carriage return;
#: surrogates; U+FFFE and U+FFFF) or discourages (DEL, the C1 controls but NEL, and the last
#: two code points of each plane): each is written as U+FFFD, the replacement character.
_UNWRITABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}-{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
    )
    + "]"
)

MANIFEST_PATH = "META-INF/manifest.xml"


def text(value: str) -> str:
    """``value`` as element content: ``&``, ``<`` and ``>`` escaped, characters XML cannot
    hold replaced (see :data:`_UNWRITABLE`)."""
    if not (value.isascii() and value.isprintable()):  # most text is: no search needed
        value = _UNWRITABLE.sub("\ufffd", value)
    return escape(value)


def attribute(value: str) -> str:
    """``value`` as the inside of a double-quoted attribute value: as :func:`text`, with
    ``"`` escaped and tab, newline and carriage return written as character references
    (a parser would otherwise read each as a space)."""
    return (
        text(value)
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


def paragraph(value: str) -> str:
    """A ``text:p`` holding ``value`` (an empty one when ``value`` is empty)."""
    return f"<text:p>{text(value)}</text:p>" if value else "<text:p/>"


def part(root: str, inner: str, version: bool = True) -> bytes:
    """An XML part: the prologue, then element ``root`` declaring :data:`NAMESPACES` (and
    ``office:version="1.2"`` when ``version``) around ``inner``, encoded as UTF-8."""
    attributes = _DECLARATIONS + (' office:version="1.2"' if version else "")
    return f"{_PROLOGUE}<{root}{attributes}>{inner}</{root}>".encode()


def package(mimetype: str, entries: Sequence[tuple[str, str, bytes | None]]) -> bytes:
    """An OpenDocument package of ``mimetype`` holding ``entries``: each is (path in the
    package, media type, bytes), or (folder ending ``/``, media type, ``None``) for a
    sub-document, which the manifest lists but the zip does not hold. Entries are written and
    listed in the order given; the manifest lists the package itself first."""
    listed = [("/", mimetype), *((path, media) for path, media, _ in entries)]
    manifest = part(
        "manifest:manifest",
        "".join(
            f'<manifest:file-entry manifest:full-path="{attribute(path)}" '
            f'manifest:media-type="{attribute(media)}"/>'
            for path, media in listed
        ),
        version=False,
    )
    files = {"mimetype": mimetype.encode()}
    files.update((path, data) for path, _, data in entries if data is not None)
    files[MANIFEST_PATH] = manifest
    return zip_parts(files, stored={"mimetype"})
