#!/usr/bin/python3
# test_live_view.py: another process writes, the hex view shows it
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The writer/reader lesson seen from the window: shmtool (and a Python
program with its own mapping) write into the region and the hex view's
accessible text shows the bytes within a second; shrinking and removal
elsewhere are reported in the window, which stays alive; Ctrl+Q exits 0."""
import os

from shmview_e2e import main, python_write, shmtool

GOAL = 1.0  # seconds: "shows it within a second" (issue 3)


def body(t):
    name = t.region("live")
    app = t.launch(name)

    title = app.frame().name
    t.check("window title names the region", name in title, "title: %r" % title)

    shown, _, text = app.wait_hex(0, bytes(16), 10)
    t.check("hex view shows the zeroed region", shown, text)

    view = app.hex_view()

    def written(what, offset, data, write):
        write()
        shown, waited, text = app.wait_hex(offset, data, GOAL, view)
        if not shown:  # say how late it was, if it came at all
            late, waited2, text = app.wait_hex(offset, data, 10, view)
            text = ("%s after %.2f s\n" % ("shown" if late else "not shown", GOAL + waited2)
                    + text)
        t.check("%s: shown within %.0f s (%.2f s)" % (what, GOAL, waited), shown, text)

    written("shmtool write --string ezhchai", 0, b"ezhchai\0",
            lambda: shmtool("write", name, "--string", "ezhchai"))
    written("shmtool write --offset 0x40 --hex", 0x40, bytes.fromhex("deadbeef"),
            lambda: shmtool("write", name, "--offset", "0x40", "--hex", "de ad be ef"))
    written("the same bytes changed again", 0x40, bytes.fromhex("cafe"),
            lambda: shmtool("write", name, "--offset", "0x40", "--hex", "cafe"))
    written("a Python program writing through its own mapping", 0x80, b"from python",
            lambda: python_write(name, 0x80, b"from python"))

    # The lesson's client, started later, reads what the window shows.
    r = shmtool("read", name, "--format", "text")
    t.check("shmtool read --format text prints ezhchai", r.stdout == b"ezhchai\n", r.stdout)

    # Shrinking and removal elsewhere: an info bar says so, the app survives.
    os.truncate("/dev/shm/" + name, 0)
    msg = "shrank from 256 to 0 bytes"
    found = app.wait_node(lambda n: msg in (n.name or ""), 10)
    t.check("shrinking to 0 is reported (%r)" % msg, found,
            "no showing node says %r" % msg)
    shmtool("rm", name)
    found = app.wait_node(lambda n: "removed" in (n.name or "").lower(), 10)
    t.check("removal elsewhere is reported (\"removed (still attached)\")", found)
    t.check("the app is still running after shrink and removal", app.proc.poll() is None,
            "exit status %r" % app.proc.poll())

    t.quit(app)


if __name__ == "__main__":
    main("live", body)
