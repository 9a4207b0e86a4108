"""revviewer: read how news articles changed after publication."""

__version__ = "0.1.0"
