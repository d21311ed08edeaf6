"""The data-quality report of ``measurekit check``."""
