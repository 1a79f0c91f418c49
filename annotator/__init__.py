"""annotator: a desktop workbench for labelled political-event corpora."""

__version__ = "0.1.0"
