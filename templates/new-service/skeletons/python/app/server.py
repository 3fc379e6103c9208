"""HTTP endpoints: liveness, readiness and Prometheus metrics."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

HEALTH_PATH = "${{ values.healthPath }}"
READINESS_PATH = "/readyz"
METRICS_PATH = "/metrics"

REQUESTS = Counter(
    "http_requests_total", "HTTP requests answered.", ["method", "route", "status"]
)
DURATION = Histogram(
    "http_request_duration_seconds", "Time to answer HTTP requests.", ["method", "route"]
)


class State:
    """Readiness: true only while the service takes traffic (and, with a
    database, can reach it)."""

    def __init__(self, database=None) -> None:
        self.ready = threading.Event()
        self.database = database

    def is_ready(self) -> bool:
        if not self.ready.is_set():
            return False
        return self.database is None or self.database.ping()


def make_handler(state: State) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            started = time.monotonic()
            path = self.path.split("?", 1)[0]
            if path == HEALTH_PATH:
                status, body, kind = 200, json.dumps({"status": "ok"}), "application/json"
            elif path == READINESS_PATH:
                ready = state.is_ready()
                status = 200 if ready else 503
                body = json.dumps({"status": "ready" if ready else "not ready"})
                kind = "application/json"
            elif path == METRICS_PATH:
                status, body, kind = 200, generate_latest().decode(), CONTENT_TYPE_LATEST
            else:
                status, body, kind = 404, json.dumps({"error": "not found"}), "application/json"
            route = path if status != 404 else "unmatched"
            data = body.encode()
            self.send_response(status)
            self.send_header("content-type", kind)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            REQUESTS.labels("GET", route, str(status)).inc()
            DURATION.labels("GET", route).observe(time.monotonic() - started)

        def log_message(self, format: str, *args: object) -> None:
            # Access logs would drown the structured logs; metrics count requests.
            pass

    return Handler


def create_server(port: int, state: State) -> ThreadingHTTPServer:
    return ThreadingHTTPServer(("0.0.0.0", port), make_handler(state))
