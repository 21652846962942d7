"""Size limits on what a client sends, declared once.

The app refuses a request over them before reading it whole, the CSV reader
checks them again, and the page checks a file before sending it (it gets
them in its data).
"""

from __future__ import annotations

#: Any request body, and an imported CSV file.
MAX_BODY = 1024 * 1024
#: A view posted to the crowd.
MAX_VIEW_BODY = 64 * 1024
#: A query string (a permalink).
MAX_QUERY = 8 * 1024
#: Rows of an imported CSV.
MAX_CSV_ROWS = 1000


def size_text(n: int) -> str:
    """A limit as people say it.

    >>> size_text(MAX_BODY), size_text(MAX_VIEW_BODY), size_text(1500)
    ('1 MiB', '64 KiB', '1500 bytes')
    """
    for unit, size in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if n % size == 0:
            return f"{n // size} {unit}"
    return f"{n} bytes"
