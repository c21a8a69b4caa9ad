"""Debian's nginx, run from a test: docs/hosting.md's own snippet, on a free loopback port, no daemon,
with its pid, logs and temp files in a temporary folder."""

import getpass
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
# Where the hosting guide's snippet expects the site; the test points it at the built site/ instead.
GUIDE_SITE = "/var/www/elearn/"
GUIDE = ROOT / "docs" / "hosting.md"


def guide_snippet() -> str:
    """The first ```nginx block of docs/hosting.md: what a maintainer copies is what the test runs."""
    match = re.search(r"```nginx\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    assert match, "docs/hosting.md 沒有 nginx 設定範例"
    return match.group(1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _config(site_dir: Path, workdir: Path, port: int) -> str:
    server = guide_snippet().replace(GUIDE_SITE, str(site_dir) + "/")
    temp = "\n".join(f"    {kind}_temp_path {workdir / kind};" for kind in
                     ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, nginx's workers would drop to "nobody", who can't read a checkout under a 0700 folder
    # (a temporary clone, a home directory): they run as the user who runs the test instead.
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    return f"""
{user}
worker_processes 1;
pid {workdir / 'nginx.pid'};
error_log {workdir / 'error.log'} warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {workdir / 'access.log'};
{temp}
    server {{
        listen 127.0.0.1:{port};
{server}
    }}
}}
"""


class Nginx:
    """`with Nginx(site, tmp) as nginx:` serves site at nginx.url (http://127.0.0.1:<port>/elearn/)."""

    def __init__(self, site_dir: Path, workdir: Path):
        self.port = _free_port()
        self.workdir = workdir
        self.origin = f"http://127.0.0.1:{self.port}"
        self.url = self.origin + "/elearn/"
        self.conf = workdir / "nginx.conf"
        self.conf.write_text(_config(site_dir, workdir, self.port), encoding="utf-8")

    def __enter__(self):
        command = [NGINX, "-p", str(self.workdir), "-e", str(self.workdir / "error.log"), "-c", str(self.conf),
                   "-g", "daemon off;"]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.process.kill()
                    raise RuntimeError("nginx 無法啟動：" + self.process.stdout.read().decode(errors="replace"))
                time.sleep(0.05)

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)
