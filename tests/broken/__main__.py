"""python -m tests.broken OUT_DIR: write every broken dataset as a folder under OUT_DIR."""

import sys
from pathlib import Path

from . import CASES


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        target = out / case.name
        if target.exists():
            print(f"{target}: exists, left alone", file=sys.stderr)
            continue
        expected = case.build(target)
        what = "; ".join(f"{e.cli_text()}: {e.message}" for e in expected) or "loads unchanged"
        print(f"{case.name:<34} {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
