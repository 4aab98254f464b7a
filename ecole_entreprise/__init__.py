"""Static site generator for the school–business relation toolkits (école–entreprise)."""

__version__ = "0.1.0"
