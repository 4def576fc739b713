import sys

from translit.cli import main

sys.exit(main())
