"""PyInstaller entry script of the console ``wenqi-cli`` executable (see build/wenqi.spec)."""

import sys

from engine.cli import main

sys.exit(main())
