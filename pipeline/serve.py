"""A plain static server for site/ under a path prefix, the way an intranet host serves it.

    python -m pipeline.serve [site] [--port 8000] [--prefix /]
"""

import argparse
import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/zip",
    }

    def __init__(self, *args, prefix: str, **kwargs):
        self._prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path):
        if not path.startswith(self._prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(self._prefix):])

    def send_error(self, code, message=None, explain=None):
        """A missing URL under the prefix gets the site's own 404.html, as an intranet host is set up to do."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not self.path.startswith(self._prefix) or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that drops a connection mid-response (a page closed, a fetch cancelled) is not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class StaticServer:
    """Serves `root` at http://127.0.0.1:<port><prefix>; port 0 picks a free one."""

    def __init__(self, root: Path, prefix: str = "/elearn/", port: int = 0):
        handler = functools.partial(_Handler, directory=str(root), prefix=prefix)
        self._httpd = _Server(("127.0.0.1", port), handler)
        self.origin = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self.url = self.origin + prefix

    def serve_forever(self) -> None:
        try:
            self._httpd.serve_forever()
        finally:
            self._httpd.server_close()

    def __enter__(self):
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the built site on 127.0.0.1.")
    parser.add_argument("root", nargs="?", type=Path, default=Path("site"))
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--prefix", default="/")
    args = parser.parse_args()
    server = StaticServer(args.root, prefix=args.prefix, port=args.port)
    print(f"網站：{server.url}（按 Ctrl-C 停止）", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
