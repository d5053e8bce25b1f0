#!/usr/bin/python3
"""hostile-imap.py MODE: an IMAP server on 127.0.0.1 that misbehaves, for
check-imap-hostile. It prints its port on the first line of stdout, then
serves each connection in a thread until killed. It speaks just enough
IMAP (LOGIN, CAPABILITY, SELECT, UID SEARCH, UID FETCH) to reach the step
where MODE strikes:

  literal  the body FETCH announces a literal of 1 GiB and streams bytes
           for as long as the client reads
  garbage  SELECT is answered with endless bytes and no line end
  stall    SELECT is never answered (the connection stays open)
  drop     the body FETCH announces 100,000 bytes, sends 1,000, and closes

It must never be reachable from anything but the test that started it,
and it exits by itself after 120 s, should that test fail to stop it.
"""
import os
import signal
import socket
import sys
import threading
import time

MODE = sys.argv[1]
GIB = 1 << 30


def stream(conn, total, chunk=b"x" * 65536):
    sent = 0
    while sent < total:
        conn.sendall(chunk)
        sent += len(chunk)


def serve(conn):
    f = conn.makefile("rb")
    conn.sendall(b"* OK [CAPABILITY IMAP4rev1] hostile ready\r\n")
    while True:
        line = f.readline()
        if not line:
            return
        parts = line.decode("latin-1").rstrip("\r\n").split(" ")
        tag, verb = parts[0], " ".join(parts[1:3]).upper()
        cmd = parts[1].upper() if len(parts) > 1 else ""
        if cmd == "CAPABILITY":
            conn.sendall(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" +
                         tag.encode() + b" OK done\r\n")
        elif cmd == "LOGIN":
            conn.sendall(tag.encode() + b" OK logged in\r\n")
        elif cmd in ("SELECT", "EXAMINE"):
            if MODE == "stall":
                time.sleep(3600)
                return
            if MODE == "garbage":
                noise = bytes(range(1, 256)).replace(b"\r", b"").replace(
                    b"\n", b"") * 256
                stream(conn, GIB, noise)
                return
            conn.sendall(b"* 1 EXISTS\r\n* 0 RECENT\r\n"
                         b"* OK [UIDVALIDITY 42] ok\r\n"
                         b"* OK [UIDNEXT 2] ok\r\n" + tag.encode() +
                         b" OK [READ-WRITE] selected\r\n")
        elif verb == "UID SEARCH":
            conn.sendall(b"* SEARCH 1\r\n" + tag.encode() + b" OK done\r\n")
        elif verb == "UID FETCH":
            if "BODY" not in line.decode("latin-1").upper():
                conn.sendall(b'* 1 FETCH (UID 1 RFC822.SIZE 200 '
                             b'INTERNALDATE "01-Jul-2024 08:00:00 +0700")'
                             b'\r\n' + tag.encode() + b" OK done\r\n")
            elif MODE == "literal":
                conn.sendall(b"* 1 FETCH (UID 1 BODY[] {%d}\r\n" % GIB)
                stream(conn, GIB)
                return
            elif MODE == "drop":
                conn.sendall(b"* 1 FETCH (UID 1 BODY[] {100000}\r\n" +
                             b"y" * 1000)
                conn.shutdown(socket.SHUT_RDWR)
                return
        elif cmd == "LOGOUT":
            conn.sendall(b"* BYE\r\n" + tag.encode() + b" OK bye\r\n")
            return
        else:
            conn.sendall(tag.encode() + b" OK done\r\n")


def handle(conn):
    try:
        serve(conn)
    except OSError:
        pass
    finally:
        conn.close()


def main():
    # Never outlives its test, even one that failed before stopping it.
    signal.alarm(120)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    os.write(1, b"%d\n" % s.getsockname()[1])
    os.close(1)
    while True:
        conn, _ = s.accept()
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
