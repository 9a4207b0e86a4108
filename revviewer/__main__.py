import sys

from revviewer.cli import main

sys.exit(main())
