"""What the ignore options consider the same: comparison keys for tokens and paragraphs.

Contract: :func:`token_key` maps a token to the string it is compared by under a
:class:`~revviewer.core.comparison.DiffOptions`; two tokens whose keys are equal are
"the same" for the diff, and where their texts differ the difference is shown as an
ignored span. :func:`paragraph_key` does the same for a whole paragraph, and two
paragraphs have equal keys exactly when every difference between them is one the
options ignore. Without options the key is the text itself.

- ignore_whitespace: adding, removing or changing whitespace between tokens is
  ignored (two spaces for one, a space after a comma, a trailing space, a no-break
  space for a space). Whitespace that splits or joins words is not: the words change.
- ignore_typography: curly and straight quotes and apostrophes, the dashes and the
  minus sign and the hyphen, no-break and thin spaces and a plain space, ``…`` and
  ``...`` compare equal.
- ignore_case: letters compare case-folded.

Standard library only.
"""

from __future__ import annotations

from revviewer.core.comparison import DiffOptions
from revviewer.core.tokens import tokenize

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark, the usual apostrophe
        "\u201a": "'",  # single low-9 quotation mark
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u02bc": "'",  # modifier letter apostrophe
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",  # horizontal bar
        "\u2212": "-",  # minus sign
        "\u00a0": " ",  # no-break space
        "\u2007": " ",  # figure space
        "\u2009": " ",  # thin space
        "\u200a": " ",  # hair space
        "\u202f": " ",  # narrow no-break space
        "\u2026": "...",  # ellipsis
    }
)


def is_plain(options: DiffOptions) -> bool:
    return not (options.ignore_whitespace or options.ignore_typography or options.ignore_case)


def token_key(token: str, options: DiffOptions) -> str:
    """The string ``token`` is compared by under ``options``."""
    key = token
    if options.ignore_typography:
        key = key.translate(_TYPOGRAPHY)
    if options.ignore_whitespace and key.isspace():
        return " "
    if options.ignore_case:
        key = key.casefold()
    return key


def paragraph_key(text: str, options: DiffOptions) -> str:
    """The string a paragraph is compared by under ``options`` (its text when no
    option is set). Equal keys mean every difference is an ignored one."""
    if is_plain(options):
        return text
    keys = [token_key(t, options) for t in tokenize(text)]
    if options.ignore_whitespace:
        # Whitespace drops out, but the tokens stay apart, so "data base" and
        # "database" still differ. A NUL in the text is a token of its own, so the
        # joined keys still tell the tokens apart: between two other tokens, k NUL
        # tokens make a run of 2k + 1 NULs.
        return "\x00".join(k for k in keys if k != " ")
    return "\x00".join(keys)
