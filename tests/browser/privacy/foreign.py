"""Another origin on this machine, to aim at: it counts every request that reaches it."""

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from pipeline.serve import StaticServer


class _Counting(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.hits.append(self.path)
        body = b"foreign"
        self.send_response(200)
        # It would let any page read it: only the CSP can stop the request.
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


class ForeignServer(StaticServer):
    """http://127.0.0.1:<other port>/: a different origin from the site's server (started and stopped as
    StaticServer is)."""

    def __init__(self):
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
        self._httpd.hits = []
        self.origin = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self.url = self.origin + "/"

    @property
    def hits(self) -> list[str]:
        return self._httpd.hits
