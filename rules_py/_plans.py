"""Loads the plans compiled from courses/ by build.py (one JSON file inside the package)."""

import json
from importlib import resources

from rules_py._errors import InputError

_DATA = "plans.json"


def load_plans() -> dict:
    try:
        text = resources.files("rules_py").joinpath("_data", _DATA).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("找不到計畫資料 rules_py/_data/plans.json，請先執行 python build.py。") from None
    return json.loads(text)["plans"]
