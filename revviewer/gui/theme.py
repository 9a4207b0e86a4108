"""Diff colours derived from the current palette, so light and dark themes both read.

Tints are the palette's base colour blended towards a hue: on a light base they come
out pale, on a dark base deep, and the palette's own text colour stays readable on
both. The meaning never rests on colour alone (struck through / underlined).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from revviewer.gui.diff_html import Theme


def _blend(base: QColor, tint: QColor, amount: float) -> str:
    r = base.redF() + (tint.redF() - base.redF()) * amount
    g = base.greenF() + (tint.greenF() - base.greenF()) * amount
    b = base.blueF() + (tint.blueF() - base.blueF()) * amount
    return QColor.fromRgbF(r, g, b).name()


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def theme_from_palette(palette: QPalette) -> Theme:
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    dark = is_dark(palette)
    amount = 0.38 if dark else 0.30
    return Theme(
        text=text.name(),
        muted=_blend(text, base, 0.45),
        inserted=_blend(base, QColor(40, 190, 70), amount),
        deleted=_blend(base, QColor(230, 50, 50), amount),
        moved=_blend(base, QColor(70, 120, 230), amount * 0.6),
        link=palette.color(QPalette.ColorRole.Link).name(),
    )
