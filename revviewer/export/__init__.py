"""HTML export: one comparison or a whole article history as one self-contained file.

Public API (the window's File > Export and ``revviewer export`` use only these):

- :func:`render_comparison` (``render.py``): one comparison as a page;
- :func:`render_history` (``history.py``): every step of an article as a page;
- :func:`render_index` (``index.py``): a page linking several exported articles;
- :func:`write_atomic` (``atomic.py``): write a page without ever leaving half a file.

Pages are plain HTML5 with inline CSS: no script, no request of any kind, dump text
always escaped (``escaping.py``), the same bytes for the same input.
"""

from revviewer.export.atomic import write_atomic
from revviewer.export.history import render_history
from revviewer.export.index import render_index
from revviewer.export.render import render_comparison

__all__ = ["render_comparison", "render_history", "render_index", "write_atomic"]
