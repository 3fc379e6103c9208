import threading
import urllib.error
import urllib.request

import pytest

from app.server import HEALTH_PATH, METRICS_PATH, READINESS_PATH, State, create_server


@pytest.fixture()
def service():
    state = State()
    server = create_server(0, state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", state
    server.shutdown()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_health_answers(service):
    base, _ = service
    assert get(base + HEALTH_PATH) == (200, '{"status": "ok"}')


def test_readiness_follows_state(service):
    base, state = service
    assert get(base + READINESS_PATH)[0] == 503
    state.ready.set()
    assert get(base + READINESS_PATH)[0] == 200


def test_metrics_count_requests(service):
    base, _ = service
    get(base + "/no-such-page")
    status, text = get(base + METRICS_PATH)
    assert status == 200
    assert 'http_requests_total{method="GET",route="unmatched",status="404"}' in text
