"""The statement as a format-neutral document that every output format draws."""
