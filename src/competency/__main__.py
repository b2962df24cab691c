"""``python -m competency``."""

import sys

from competency.cli import main

sys.exit(main())
