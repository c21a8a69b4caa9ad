"""Loads the plans compiled from courses/ by build.py (one JSON file inside the package)."""

import json
import os

from rules_py._errors import InputError

# A plain path next to this module: importlib.resources costs more to import than the whole checker.
_DATA = os.path.join(os.path.dirname(__file__), "_data", "plans.json")


def load_plans() -> dict:
    try:
        with open(_DATA, encoding="utf-8") as f:
            return json.load(f)["plans"]
    except FileNotFoundError:
        raise InputError("找不到計畫資料 rules_py/_data/plans.json，請先執行 python build.py。") from None
