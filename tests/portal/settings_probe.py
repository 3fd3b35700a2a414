"""Run portal/settings.py afresh, as a separate module, with some environment variables changed.

The settings in use (django.conf.settings) are not touched: the probe is a module of its own.
"""

import importlib.util
from pathlib import Path

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "portal" / "settings.py"


def load_settings(monkeypatch, unset=(), **environ):
    for name in unset:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("portal_settings_probe", SETTINGS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
