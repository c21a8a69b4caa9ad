"""python -m rules_py check ..."""

import sys

from rules_py._cli import main

if __name__ == "__main__":
    sys.exit(main())
