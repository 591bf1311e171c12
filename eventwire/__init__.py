"""eventwire: news text in, verifiable PLOVER political event records out."""

__version__ = "0.1.0"
