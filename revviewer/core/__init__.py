"""The parsing and diff core of revviewer.

Contract: plain Python (standard library plus diff-match-patch), never Qt. The GUI,
the command line and the HTML export all go through this package; an import-linter
contract in ``pyproject.toml`` and ``tests/test_core_is_plain.py`` enforce that it
imports no Qt module.
"""
