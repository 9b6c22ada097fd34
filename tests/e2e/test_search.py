#!/usr/bin/python3
# test_search.py: Ctrl+F finds what another program wrote far below
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Another program writes text 3 MiB into an 8 MiB region, far below the
visible rows. Ctrl+F, the text and Enter: the hex view's caret moves to it
(its accessible text shows the row), and Escape closes the bar."""
from dogtail import rawinput

from shmview_e2e import main, poll, python_write

WAIT = 10  # seconds: a bound, not a goal
OFFSET = 3 * 1024 * 1024 + 0x40
TEXT = b"found-me-here"


def body(t):
    name = t.region("search", size=8 * 1024 * 1024)
    app = t.launch(name)
    view = app.hex_view()
    view.grabFocus()
    t.check("the hex view takes the keyboard focus", poll(lambda: view.focused, WAIT)[0])
    shown, _, text = app.wait_hex(OFFSET, TEXT, 0.5, view)
    t.check("the text is not on screen before the search", not shown)

    python_write(name, OFFSET, TEXT)
    rawinput.keyCombo("<Control>f")
    entry = app.wait_node(lambda n: n.name == "Search" and n.roleName == "text", WAIT)
    t.check("Ctrl+F opens the search bar with its entry", bool(entry))
    if not entry:
        t.quit(app)
        return
    t.check("the search entry has the focus", poll(lambda: entry[0].focused, WAIT)[0])
    rawinput.typeText(TEXT.decode())
    rawinput.keyCombo("Return")

    shown, waited, text = app.wait_hex(OFFSET, TEXT, WAIT, view)
    t.check("Enter scrolls the match into view (%.2f s)" % waited, shown, text[-400:])

    rawinput.keyCombo("Escape")
    gone = poll(lambda: not entry[0].showing, WAIT)[0]
    t.check("Escape closes the search bar", gone)

    t.quit(app)


if __name__ == "__main__":
    main("search", body)
