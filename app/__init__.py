"""The Qt application: main window, settings, and the bridge from engine jobs to Qt threads."""

# The window title and the application's display name: one bilingual name for both languages.
# Qt appends the display name to a window title that does not end with it ("X — 文棋 Wenqi").
DISPLAY_NAME = "文棋 Wenqi"
