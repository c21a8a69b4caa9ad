"""After a restore, rules_py's later imports and data files come from its wheel written back as a zip
(site_src/checker/rules-wheel.js). They still do when the wheel's bytes are not those the snapshot was made from
(the same members, laid out differently): the zip's table of contents is read again, not taken from the snapshot."""

import json
import sys
import zipfile

from tests.browser.pyodide import run_in_pyodide


def later_imports(_argument: str) -> str:
    """Run inside Pyodide: a module the snapshot has not imported, and a data file read through it."""
    before = "rules_py.batch.attendance" in sys.modules
    from rules_py.batch import attendance

    return json.dumps({"imported_before": before, "from": attendance.__file__,
                       "columns": sorted(attendance.vocabulary()["columns"])})


def _rezipped(wheel, target) -> None:
    """The same members, in reverse order and stored rather than deflated: every offset moves."""
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as copy:
        for info in reversed(source.infolist()):
            copy.writestr(info.filename, source.read(info))


def test_later_imports_read_the_wheel_written_back(site_dir, tmp_path):
    pyodide = tmp_path / "pyodide"
    pyodide.mkdir()
    for path in (site_dir / "pyodide").iterdir():
        if path.name.startswith("rules_py-") and path.suffix == ".whl":
            _rezipped(path, pyodide / path.name)
        elif path.is_file():
            (pyodide / path.name).symlink_to(path)
    from rules_py.batch import attendance

    for folder in (site_dir / "pyodide", pyodide):
        got = json.loads(run_in_pyodide("tests.browser.pyodide.test_wheel_back", "later_imports", "", folder))
        assert got["imported_before"] is False  # so the import below really reads the zip
        assert ".whl/rules_py/batch/attendance" in got["from"]
        assert got["columns"] == sorted(attendance.vocabulary()["columns"])
