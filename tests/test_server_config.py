"""The served app's Streamlit settings (.streamlit/config.toml), as Streamlit itself reads them."""

from __future__ import annotations

from pathlib import Path

from streamlit import config

ROOT = Path(__file__).resolve().parent.parent


def test_the_served_app_watches_no_files(monkeypatch):
    """With a file watcher, every closed browser tab stopped an inotify watcher on the event loop, and under
    load that stop waited on watchdog's overflowing queue while the whole server stopped answering (a typed
    address timed out at 60 s in CI). A served product does not reload itself when a file changes."""
    monkeypatch.chdir(ROOT)  # Streamlit reads .streamlit/config.toml from the working directory
    config.get_config_options(force_reparse=True)
    assert config.get_option("server.fileWatcherType") == "none"
    assert config.get_option("server.runOnSave") is False
