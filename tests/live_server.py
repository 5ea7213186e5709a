"""Waitress on 127.0.0.1 for the browser tests, stopped from its own loop so no socket is closed
mid-poll."""

import threading

from waitress.server import create_server

# How long one pass of the poll loop may wait before it looks at the stop flag again.
POLL_SECONDS = 0.05


class LiveServer:
    """Serve `app` (or run a waitress `server` made for it) on a free port until `stop()`;
    everything is closed by the thread that polls."""

    def __init__(self, app, *, threads=8, server=None):
        self.server = server or create_server(app, host="127.0.0.1", port=0, threads=threads)
        host, port = self.server.socket.getsockname()[:2]
        self.url = f"http://{host}:{port}"
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="live-server", daemon=True)
        self._thread.start()

    def _serve(self):
        # waitress's own run() polls until its socket map is empty, so close() from another
        # thread pulls a descriptor out from under select() (EBADF).  Poll a pass at a time
        # instead, and close the sockets here, between passes, once asked to stop.
        socket_map = self.server._map
        try:
            while not self._stopping.is_set():
                self.server.asyncore.loop(timeout=POLL_SECONDS, map=socket_map, count=1)
        finally:
            self.server.task_dispatcher.shutdown()
            self.server.asyncore.close_all(socket_map)

    def stop(self):
        """Stop serving and wait until every socket and worker thread is closed."""
        self._stopping.set()
        self._thread.join(timeout=30)
        assert not self._thread.is_alive(), "the live server did not stop"


def wait_until(condition, seconds=10):
    """Return whether `condition()` came to hold within `seconds`, looking every 20 ms."""
    stop = threading.Event()
    for _ in range(int(seconds / 0.02)):
        if condition():
            return True
        stop.wait(0.02)
    return False
