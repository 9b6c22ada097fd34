#!/usr/bin/python3
# test_inspector.py: the data inspector reads another program's numbers, live
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A helper program (Python with its own mapping) keeps a little-endian u32
counter at 0 and a little-endian double at 8. F7 shows the inspector; its
rows, found by their accessible names, read the counter and the double and
follow them as the helper changes them; a value typed in a row reaches the
region."""
import struct

from dogtail import rawinput

from shmview_e2e import main, poll, python_write, shmtool_raw

WAIT = 10  # seconds: a bound, not a goal


def row(app, name):
    nodes = app.wait_node(lambda n: n.name == name and n.roleName == "text", WAIT)
    return nodes[0] if nodes else None


def row_text(node):
    return node.queryText().getText(0, -1)


def row_shows(node, text):
    return poll(lambda: row_text(node) == text, WAIT)[0]


def body(t):
    name = t.region("inspector")
    python_write(name, 0, struct.pack("<I", 41))
    python_write(name, 8, struct.pack("<d", 2.5))
    app = t.launch(name)
    view = app.hex_view()
    view.grabFocus()
    t.check("the hex view takes the keyboard focus", poll(lambda: view.focused, WAIT)[0])

    rawinput.keyCombo("F7")
    u32 = row(app, "u32 LE")
    t.check("F7 shows the inspector with a row named 'u32 LE'", u32 is not None)
    if u32 is None:
        t.quit(app)
        return
    t.check("u32 LE reads the helper's counter (41)", row_shows(u32, "41"), row_text(u32))

    for value in (42, 43, 100000):
        python_write(name, 0, struct.pack("<I", value))
        t.check("u32 LE follows the counter to %d" % value, row_shows(u32, str(value)),
                row_text(u32))

    # The double at 8: the cursor moves there with the keys.
    for _ in range(8):
        rawinput.keyCombo("Right")
    double = row(app, "double LE")
    t.check("double LE reads the helper's double (2.5)",
            double is not None and row_shows(double, "2.5"),
            double and row_text(double))
    python_write(name, 8, struct.pack("<d", -0.75))
    t.check("double LE follows it to -0.75", double is not None and row_shows(double, "-0.75"),
            double and row_text(double))

    # Typed into the row: exactly the double's bytes reach the region.
    double.grabFocus()
    poll(lambda: double.focused, WAIT)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText("3.5")
    rawinput.keyCombo("Return")
    ok, _ = poll(lambda: shmtool_raw(name, 16)[8:16] == struct.pack("<d", 3.5), WAIT)
    t.check("typing 3.5 in 'double LE' writes its 8 bytes", ok, shmtool_raw(name, 16).hex())
    t.check("the counter before it is untouched",
            shmtool_raw(name, 16)[0:8] == struct.pack("<I", 100000) + bytes(4),
            shmtool_raw(name, 16).hex())

    t.quit(app)


if __name__ == "__main__":
    main("inspector", body)
