"""`python -m cli`, the same as the `casework` console script."""

import sys

from cli import main

sys.exit(main())
