#!/usr/bin/python3
# test_edit_keys.py: keys typed into the hex view reach the region
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Real key presses (XTest through AT-SPI) into the hex view: hex digits
edit nibbles, characters in the ASCII column edit bytes, Ctrl+Z and
Ctrl+Shift+Z write the old and new bytes back; shmtool, a second process,
reads every result. With --read-only typing is refused with a visible
message and nothing is written."""
import re

from shmview_e2e import find_nodes, main, poll, rawinput, shmtool_raw, shmtool_text

WAIT = 10  # seconds for typed keys to arrive; a bound, not a goal


def region_shows(name, offset, data):
    def look():
        return shmtool_raw(name)[offset:offset + len(data)] == data
    ok, _ = poll(look, WAIT)
    return ok


def press(combo, times=1):
    for _ in range(times):
        rawinput.keyCombo(combo)


def edit(t, name):
    app = t.launch(name)
    view = app.hex_view()
    view.grabFocus()
    t.check("the hex view takes the keyboard focus", poll(lambda: view.focused, WAIT)[0])
    press("<Control>Home")

    rawinput.typeText("4142")
    t.check("typed hex digits 4142 -> shmtool reads 41 42 at offset 0",
            region_shows(name, 0, b"AB"), shmtool_raw(name, 4))

    # Undo writes the old bytes back. One edit may be one nibble or one byte,
    # so press until the start is zero again (at most once per nibble).
    undone = False
    for presses in range(1, 5):
        press("<Control>z")
        if poll(lambda: shmtool_raw(name, 2) == b"\0\0", 1.0)[0]:
            undone = True
            break
    t.check("Ctrl+Z writes the old bytes back", undone, shmtool_raw(name, 4))
    press("<Control><Shift>z", presses)
    t.check("Ctrl+Shift+Z writes the new bytes again", region_shows(name, 0, b"AB"),
            shmtool_raw(name, 4))

    # Tab moves typing to the ASCII column: characters replace whole bytes.
    press("<Control>Home")
    press("Tab")
    rawinput.typeText("Hi!")
    t.check("typed 'Hi!' in the ASCII column -> shmtool reads it",
            region_shows(name, 0, b"Hi!"), shmtool_raw(name, 4))
    text = shmtool_text(name)
    t.check("shmtool read --format text prints Hi!", text == "Hi!", repr(text))

    t.quit(app)


def read_only(t, name):
    before = shmtool_raw(name)
    app = t.launch("--read-only", name)
    view = app.hex_view()
    said = re.compile(r"read.?only", re.IGNORECASE)
    # What already says "read-only" (the status line's RO) does not count.
    old = {(n.roleName, n.name) for n in find_nodes(app.node, lambda n: said.search(n.name or ""))}
    view.grabFocus()
    press("<Control>Home")
    rawinput.typeText("ff")
    refusal = app.wait_node(lambda n: said.search(n.name or "") and
                            (n.roleName, n.name) not in old, WAIT)
    t.check("typing in a read-only view shows a message",
            refusal, "no new showing text matching /read.?only/")
    if refusal:
        t.diag("message: %r" % refusal[0].name)
    after = shmtool_raw(name)
    t.check("read-only: nothing was written", after == before,
            "before %r\nafter  %r" % (before[:8], after[:8]))
    t.quit(app, "the read-only window")


def body(t):
    name = t.region("keys")
    edit(t, name)
    read_only(t, name)


if __name__ == "__main__":
    main("keys", body)
