"""Households moving through the Dutch social domain: an agent-based simulation."""

__version__ = "0.1.0"
