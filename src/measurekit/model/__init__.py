"""The domain model: periods (months, windows, financial quarters), shorthand markers, and
the computed statement (indicators, figures, measure results, sections)."""
