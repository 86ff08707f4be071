"""mtqa: a quality checker for machine-translated English."""

__version__ = "0.3.0"
