"""`python -m pipelines COMMAND`: the command line lives in `pipelines/cli/`."""

import sys

from pipelines.cli import main

if __name__ == "__main__":
    sys.exit(main())
