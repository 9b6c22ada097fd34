#!/usr/bin/python3
# test_layout.py: a C struct's fields over live memory, through AT-SPI
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""layout-writer (built from tests/layout/layout-sample.h by the C compiler)
fills a region with a struct shared. shmview opens it with --layout and
--type: the field tree's cells read the compiler's values; a counter another
program bumps shows its new value; pinned and frozen, the field is written
back when the other program overwrites it."""
import os
import struct
import subprocess

from shmview_e2e import main, poll, python_write, shmtool_raw, find_nodes

WAIT = 10  # seconds: a bound, not a goal
HEADER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "layout",
                      "layout-sample.h")


def cell(app, text):
    nodes = app.wait_node(lambda n: n.roleName == "table cell" and n.name == text, WAIT)
    return nodes[0] if nodes else None


def has_cell(app, text):
    return poll(lambda: bool(find_nodes(app.frame(), lambda n: n.roleName == "table cell"
                                        and n.name == text)), WAIT)[0]


def body(t):
    name = t.region("layout", size=192)
    subprocess.run([os.environ["LAYOUT_WRITER"], "fill", "/dev/shm/" + name], check=True,
                   stdout=subprocess.DEVNULL)
    app = t.launch(name, "--layout", HEADER, "--type", "struct shared")

    t.check("the field tree shows seq as the compiler stored it (4000000000)",
            cell(app, "4000000000") is not None)
    t.check("an enum field reads by name (BLUE)", cell(app, "BLUE") is not None)
    t.check("a char[16] reads as a string (\"ezhchai\")", cell(app, '"ezhchai"') is not None)

    for value in (1, 2, 3):
        python_write(name, 0, struct.pack("<I", value))
        t.check("seq follows the writer to %d" % value, has_cell(app, str(value)))

    seq = cell(app, "seq")
    t.check("the row named seq is there", seq is not None)
    if seq is None:
        t.quit(app)
        return
    seq.click()
    pin = app.wait_node(lambda n: n.name == "Pin to watch list" and n.roleName == "push button",
                        WAIT)
    t.check("a Pin button is there", bool(pin))
    pin[0].doActionNamed("click")
    watch = app.wait_node(lambda n: n.name == "Watch list", WAIT)
    watched = poll(lambda: find_nodes(watch[0], lambda n: n.roleName == "table cell"
                                      and n.name == "seq"), WAIT)[0] if watch else []
    t.check("the watch list has a row for seq", bool(watched))
    if not watched:
        t.quit(app)
        return
    watched[0].click()
    freeze = app.wait_node(lambda n: n.name == "Freeze or thaw the selected watch", WAIT)
    t.check("a Freeze button is there", bool(freeze))
    freeze[0].doActionNamed("click")
    t.check("the watch says it is frozen",
            poll(lambda: bool(find_nodes(watch[0], lambda n: "(frozen)" in (n.name or ""))),
                 WAIT)[0])

    python_write(name, 0, struct.pack("<I", 999))
    ok, _ = poll(lambda: shmtool_raw(name, 4) == struct.pack("<I", 3), WAIT)
    t.check("the frozen seq is written back to 3 after the writer stored 999", ok,
            shmtool_raw(name, 4).hex())
    t.quit(app)


if __name__ == "__main__":
    main("layout", body)
