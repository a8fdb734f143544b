"""newslint: a source-reliability and inconsistency linter for news articles."""

__version__ = "0.1.0"
