"""Put on PYTHONPATH by tests/conftest.py when it builds the site: any attempt
to open a network connection during the build fails loudly, so "the build
fetches nothing" is tested on every run, not assumed."""
import socket

_connect = socket.socket.connect


def _refuse(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        raise OSError(f"offline build: refused a network connection to {address!r}")
    return _connect(self, address)


socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
