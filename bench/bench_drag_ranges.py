"""bench_drag.py with a range on all 30 estimates (``--ranges``), for run_all.py.

Run: ``python bench/bench_drag_ranges.py [bench_drag.py's options]``
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_drag

if __name__ == "__main__":
    sys.argv.append("--ranges")
    raise SystemExit(bench_drag.main())
