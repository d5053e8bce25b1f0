#!/usr/bin/python3
"""Times a command in a process of its own, best of RUNS: wall and CPU
(user + sys) from wait4's rusage, to the microsecond where GNU time
prints hundredths (a 60 ms run read 2.17 x a 130 ms one).

cpu.py RUNS [--before 'SHELL COMMAND'] -- COMMAND [ARG...]
prints "WALL CPU" in seconds, each the smallest of RUNS; --before runs
untimed before each run (a fresh copy of a store)."""
import os
import subprocess
import sys
import time


def main():
    args = sys.argv[1:]
    runs = int(args.pop(0))
    before = None
    if args and args[0] == "--before":
        before = args[1]
        args = args[2:]
    if args and args[0] == "--":
        args = args[1:]
    walls, cpus = [], []
    for _ in range(runs):
        if before is not None:
            subprocess.run(before, shell=True, check=True)
        with open(os.devnull, "wb") as null:
            t0 = time.monotonic()
            p = subprocess.Popen(args, stdout=null, stderr=null)
            _, status, ru = os.wait4(p.pid, 0)
            walls.append(time.monotonic() - t0)
        if os.waitstatus_to_exitcode(status) not in (0, 65):
            sys.exit("cpu.py: %s exited %d" % (args[0], status))
        cpus.append(ru.ru_utime + ru.ru_stime)
    print("%.4f %.4f" % (min(walls), min(cpus)))


main()
