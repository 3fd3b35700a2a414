"""A TCP proxy that a test can break: the portal talks to PostgreSQL through it.

    proxy = FaultProxy(listen_port=8241, target=("127.0.0.1", 5432)).start()
    proxy.down()   # the database is stopped: connections refused, open ones dropped
    proxy.hang()   # the database stops answering: open ones dropped, new ones accepted and never answered
    proxy.up()     # back
    proxy.close()

It stands in for stopping the real server, which other processes share. Threads, no
asyncio: a test drives it from its own thread while gunicorn's workers connect to it.
"""

import socket
import threading

UP, DOWN, HANG = "up", "down", "hang"


class FaultProxy:
    def __init__(self, *, listen_port, target, host="127.0.0.1"):
        self.address = (host, listen_port)
        self.target = target
        self.mode = UP
        self._listener = None
        self._lock = threading.Lock()
        self._sockets = set()  # every open socket, both sides, so down() and hang() can cut them
        self._closed = threading.Event()

    @property
    def port(self):
        return self.address[1]

    # --- switching --------------------------------------------------------------------------------

    def start(self):
        self._listen()
        threading.Thread(target=self._accept_loop, name="faultproxy-accept", daemon=True).start()
        return self

    def up(self):
        with self._lock:
            was, self.mode = self.mode, UP
        if was == HANG:
            self._drop_all()  # the connections held unanswered
        if self._listener is None:
            self._listen()
            threading.Thread(target=self._accept_loop, name="faultproxy-accept", daemon=True).start()

    def down(self):
        """Refuse new connections (the port is closed) and drop the open ones."""
        with self._lock:
            self.mode = DOWN
            listener, self._listener = self._listener, None
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() of the loop; close() alone would not
            except OSError:
                pass
            listener.close()
        self._drop_all()

    def hang(self):
        """Drop the open connections; accept new ones and never answer them."""
        with self._lock:
            self.mode = HANG
        self._drop_all()
        if self._listener is None:
            self._listen()
            threading.Thread(target=self._accept_loop, name="faultproxy-accept", daemon=True).start()

    def close(self):
        self._closed.set()
        self.down()

    # --- plumbing ---------------------------------------------------------------------------------

    def _listen(self):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(self.address)
        listener.listen(64)
        with self._lock:
            self._listener = listener

    def _accept_loop(self):
        listener = self._listener
        while not self._closed.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return  # the listener was closed by down()
            with self._lock:
                mode = self.mode
                self._sockets.add(client)
            if mode == HANG:
                continue  # held open, never read, never answered
            try:
                server = socket.create_connection(self.target, timeout=5)
                server.settimeout(None)
            except OSError:
                self._forget(client)
                continue
            with self._lock:
                self._sockets.add(server)
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            self._forget(source)
            self._forget(sink)

    def _forget(self, sock):
        with self._lock:
            self._sockets.discard(sock)
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()

    def _drop_all(self):
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            self._forget(sock)
