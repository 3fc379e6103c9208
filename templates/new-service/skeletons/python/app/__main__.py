"""Runs the service: `python -m app`."""

import os
import signal
import threading

from app.server import State, create_server


def main() -> None:
{%- if values.database %}
    # DATABASE_URL comes from the ${{ values.name }}-env secret in Kubernetes.
    from app.database import Database

    state = State(Database(os.environ["DATABASE_URL"]))
{%- else %}
    state = State()
{%- endif %}
    server = create_server(int(os.environ.get("PORT", "${{ values.port }}")), state)

    def stop(*_: object) -> None:
        # Fail readiness first so the load balancer drains this instance.
        state.ready.clear()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    state.ready.set()
    print(f"listening on {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
