"""hustings: compare what candidates promise, every figure traced to its source."""

__version__ = "0.1.0"
