"""PyInstaller entry script of the windowed ``wenqi`` executable (see build/wenqi.spec)."""

import sys

from app.main import main

sys.exit(main())
