#!/usr/bin/env python3
"""Runs an unmodified demi-wicm checkout for bench/peer-demi-wicm.bench.ts.

Usage: peer-demi-wicm-launch.py CONFIG_JSON
  CONFIG_JSON = {"demi": <checkout>, "work": <empty temp dir>, "vtn": <controller base URL>,
                 "user": ..., "password": ..., "tenant": ..., "threaded": true|false,
                 "connectivity": [[segment, bridge, interface, pop name or ""], ...]}

What it does, in demi-wicm's own terms:
- creates demi-wicm's SQLite database with demi-wicm's own schema script
  (wicm/database/sqlalchemy_declaritive.py) in <work>/database, then fills the `connectivity`
  table as its interactive helper insert_info.py would;
- runs wicm/wicm.py's module with the arguments its README gives (-v -u -p -n), logging at DEBUG
  to <work>/wicm.log as its __main__ does;
- overrides two module constants wicm.py builds from its arguments: `url` (wicm.py hard-codes
  port 8181; the stand-in listens on a free port) and `headers` (wicm.py sends the header name
  "Content type", with a space, which Node's HTTP parser answers with 400 before the stand-in
  sees the request; requests' json= already sends Content-Type: application/json);
- serves its Flask app on 127.0.0.1 with a free port (prints {"port": N} once listening), one
  request at a time as the Flask 0.12 pinned in its requirements.txt did (threaded: false), or
  threaded as Debian's Flask 2 does by default; without the Werkzeug debugger or reloader.
- pytricia (a C extension, not in Debian) is replaced, only when it is missing, by a
  longest-prefix-match table with the two calls demi-wicm makes (`t[prefix] = v`, `t.get(key)`);
  the stdlib module `parser` that wicm.py imports but never uses (removed in Python 3.10) by an
  empty module, only when it is missing.
Exits when its standard input closes (the bench died) or on SIGTERM.
"""
import ipaddress
import json
import logging
import os
import sqlite3
import subprocess
import sys
import threading
import types


class PyTricia:
    """The part of pytricia.PyTricia demi-wicm uses: set a prefix, longest-prefix get."""

    def __init__(self, *_args):
        self._nets = {}
        self._lock = threading.Lock()

    def __setitem__(self, prefix, value):
        net = ipaddress.ip_network(prefix, strict=False)  # ValueError on a bad prefix, as pytricia
        with self._lock:
            self._nets[net] = value

    def get(self, key, default=None):
        probe = ipaddress.ip_network(key, strict=False)
        with self._lock:
            items = list(self._nets.items())
        best = None
        for net, value in items:
            if net.version == probe.version and probe.subnet_of(net):
                if best is None or net.prefixlen > best[0]:
                    best = (net.prefixlen, value)
        return default if best is None else best[1]


def install_if_missing():
    try:
        import pytricia  # noqa: F401
    except ImportError:
        module = types.ModuleType('pytricia')
        module.PyTricia = PyTricia
        sys.modules['pytricia'] = module
    try:
        import parser  # noqa: F401
    except ImportError:
        # wicm.py's first line imports the stdlib module `parser` (gone since Python 3.10) and
        # never uses it: its `parser` is the argparse parser it builds next.
        sys.modules['parser'] = types.ModuleType('parser')


def create_database(cfg, wicm_dir):
    db_dir = os.path.join(cfg['work'], 'database')
    os.makedirs(db_dir, exist_ok=True)
    schema = os.path.join(wicm_dir, 'database', 'sqlalchemy_declaritive.py')
    subprocess.run([sys.executable, schema], cwd=db_dir, check=True, stdout=subprocess.DEVNULL)
    with sqlite3.connect(os.path.join(db_dir, 'wim_info.db')) as db:
        db.executemany(
            'INSERT INTO connectivity (segment, bridge_name, port_id, pop_name) VALUES (?, ?, ?, ?)',
            [tuple(row) for row in cfg['connectivity']],
        )


def exit_when_stdin_closes():
    sys.stdin.read()
    os._exit(0)


def main():
    os.environ.setdefault('SQLALCHEMY_SILENCE_UBER_WARNING', '1')
    cfg = json.loads(sys.argv[1])
    wicm_dir = os.path.join(cfg['demi'], 'wicm')
    create_database(cfg, wicm_dir)
    install_if_missing()
    os.chdir(cfg['work'])  # utils.py opens sqlite:///database/wim_info.db relative to the cwd
    sys.path.insert(0, wicm_dir)
    sys.argv = ['wicm.py', '-v', '127.0.0.1', '-u', cfg['user'], '-p', cfg['password'], '-n', cfg['tenant']]
    logging.basicConfig(level=logging.DEBUG, filename=os.path.join(cfg['work'], 'wicm.log'),
                        format='%(asctime)s - %(levelname)s - %(message)s')
    import utils  # noqa: F401  first, as wicm.py's own `import utils` does (utils imports wicm)
    import wicm
    wicm.url = cfg['vtn'].rstrip('/') + '/restconf/'
    wicm.headers = {'Content-Type': 'application/json'}
    from werkzeug.serving import make_server
    server = make_server('127.0.0.1', 0, wicm.app, threaded=bool(cfg['threaded']))
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print(json.dumps({'port': server.port}), flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
