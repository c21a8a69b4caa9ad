"""Reads tests/cases/*.yaml into JSON-ready case dicts (host side: pyyaml; Pyodide gets the JSON)."""

import base64
import json
from pathlib import Path

import yaml

CASES_DIR = Path(__file__).resolve().parent


def load_cases() -> list:
    cases = []
    for file in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(file.read_text(encoding="utf-8"))["cases"]:
            case = json.loads(json.dumps(case, ensure_ascii=False, default=str))  # dates as ISO text
            case["name"] = f"{file.stem}/{case['name']}"
            if "record_file" in case:
                case["record_b64"] = base64.b64encode((CASES_DIR / case.pop("record_file")).read_bytes()).decode()
            cases.append(case)
    return cases
