"""Argument types shared by the commands' parsers."""

from __future__ import annotations

import argparse

from measurekit.model.periods import FinancialQuarter


def quarter_option(text: str) -> str:
    """A ``--period`` value, checked to be a financial quarter: a wrong one is a usage
    error about the option, never about the statement file's ``statement.period``."""
    try:
        FinancialQuarter.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text
