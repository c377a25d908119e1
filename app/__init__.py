"""The Qt application: main window, settings, and the bridge from engine jobs to Qt threads."""
