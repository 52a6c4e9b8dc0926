"""The version of Parley (pyproject.toml's), written into every record as the pipeline version."""
__version__ = "0.1.0"
