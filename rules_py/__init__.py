"""The 114 Kaohsiung e-learning plan's rules: leave (公假補休) and commendation (嘉獎) from a learning record.

Standard library only, so that the same code runs in CPython and in Pyodide.

    check(record, profile=None, *, plan=None, today=None, filename=None) -> dict
    check_json(request: str) -> str
"""

from rules_py._check import check, check_json
from rules_py._errors import InputError
from rules_py._plan import use_plans
from rules_py._plans import load_plans

__version__ = "0.1.0"

__all__ = ["InputError", "check", "check_json", "load_plans", "use_plans", "__version__"]
