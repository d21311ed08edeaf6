"""Keep numbers that are not counts from being read as counts.

:func:`mask` returns the text with the digits of dates, years, periods, durations, quarter
labels, ages, times and references ("note 1", "per 1,000") replaced by ``§``, and unusual
spaces made plain. It keeps every other character where it was, so an offset into the
masked text is an offset into the original: claims are found in the masked text and
quoted from the original.

Every bare four-digit number from 1900 to 2099 is taken for a year. A count in that range
written without a thousands separator ("2019 offences") is therefore not read, and a claim
resting on it is not checked: missing a claim is better than misreading one.
"""

from __future__ import annotations

import re

from measurekit.audit.vocabulary import MONTH, MONTH_CAPITALISED

MASK = "§"
_SPACES = str.maketrans(dict.fromkeys("\u00a0\u2007\u2009\u202f\u2002\u2003", " "))
_FLAGS = re.IGNORECASE

_PATTERNS = tuple(
    re.compile(pattern, _FLAGS)
    for pattern in (
        # financial years: 2023/24, 2023-24, 2023/2024
        r"\b(?:19|20)\d{2}\s?[/\-\u2013]\s?(?:(?:19|20)\d{2}|\d{2})\b",
        # quarters: Q1, Quarter 1, Q1-Q3
        r"\bQ[1-4]\b",
        r"\bquarters?\s+[1-4]\b",
        # dates: June 30, 2023-06-30, 30/06/2023 (and 30 June: see _DAY_MONTH)
        rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,",
        r"\b\d{4}-\d{2}(?:-\d{2})?\b",
        r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
        # years on their own (see the module's note)
        r"(?<![\d,.])(?:19|20)\d{2}(?![\d%]|[.,]\d|\s?per\s?cent|\s?percent)",
        # durations: 12 months, 12-month, 3 years
        r"\b\d+(?:\.\d+)?[\s-]+(?:months?|years?|weeks?|days?|hours?|minutes?|quarters?|yrs?)\b",
        # ages: aged 18 to 24, 18-24 year olds
        r"\baged?\s+\d+(?:\s*(?:-|\u2013|to|and)\s*\d+)?",
        r"\b\d+\s*(?:-|\u2013|to)\s*\d+(?=[\s-]*(?:years?|yrs?)\b)",
        # times of day
        r"\b\d{1,2}[:.]\d{2}\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b",
        # rates' denominators: per 1,000 population
        r"\bper\s+(?:\d{1,3}(?:,\d{3})+|\d+)\b",
        # references to parts of a document or to named things
        r"\b(?:notes?|tables?|figures?|fig\.|charts?|pages?|sections?|paragraphs?|paras?\.?|"
        r"annex|appendix|level|tier|step|stage|phase|priority|question|chapter|item|"
        r"article|rule|schedule|part|operation|op\.|rank|number|no\.)\s+\d+[a-z]?\b",
    )
)


#: 30 June, 1st of April: case-sensitive, so that "30 may be" keeps its count.
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_CAPITALISED}")


def _hide_digits(match: re.Match[str]) -> str:
    """The match with its digits, and the separators between them, hidden."""
    return re.sub(r"\d|(?<=\d)[,.](?=\d)", MASK, match.group())


def _short_financial_year(match: re.Match[str]) -> str:
    """``23/24`` is a financial year only when the second year follows the first."""
    first, second = int(match.group(1)), int(match.group(2))
    return _hide_digits(match) if second == (first + 1) % 100 else match.group()


_SHORT_YEAR = re.compile(r"(?<![\d/])(\d{2})\s?/\s?(\d{2})(?![\d/])")


def mask(text: str) -> str:
    """``text`` with the digits of non-counts hidden; the same length as ``text``."""
    masked = text.translate(_SPACES)
    masked = _SHORT_YEAR.sub(_short_financial_year, masked)
    for pattern in (_DAY_MONTH, *_PATTERNS):
        masked = pattern.sub(_hide_digits, masked)
    return masked
