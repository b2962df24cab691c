"""competency: career ladders and competency matrices kept as code."""

from competency.__about__ import __version__

__all__ = ["__version__"]
