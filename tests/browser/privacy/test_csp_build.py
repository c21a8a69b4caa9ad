"""pipeline/csp.py on its own: the policy goes right after the charset, once, whatever runs it twice."""

import pytest

from pipeline import BuildError
from pipeline.csp import add_policy, inline_script_hashes

PAGE = ('<!doctype html><html><head><meta charset="utf-8"><script>a()</script>'
        '<script type="application/json">{}</script><script src="x.js"></script></head><body></body></html>')


def test_only_scripts_that_run_are_hashed():
    # sha256("a()"), base64: the one inline script that runs; JSON blocks and src scripts are not hashed.
    assert inline_script_hashes(PAGE) == ["'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"]


def test_the_policy_is_added_once_after_the_charset():
    once = add_policy(PAGE, "x.html")
    assert once.index('<meta charset="utf-8">') < once.index("Content-Security-Policy") < once.index("<script")
    assert add_policy(once, "x.html") == once


def test_a_page_without_charset_stops_the_build_with_a_message():
    with pytest.raises(BuildError, match="x.html.*charset"):
        add_policy("<html><head></head></html>", "x.html")
