#!/usr/bin/python3
# test_activity.py: a change far below the visible rows is noticed, shown and found
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Another program writes one byte far below the rows on screen of a 1 MiB
region: the activity strip's accessible description names its offset, the
tab shows the activity dot, the change log (opened with its button) lists
it, and F8 moves the caret to it."""
from dogtail import rawinput

from shmview_e2e import main, poll, python_write

WAIT = 10  # seconds: a bound, not a goal
FAR = 0xf0010


def body(t):
    name = t.region("activity", size=1024 * 1024)
    app = t.launch(name)
    view = app.hex_view()

    strips = app.wait_node(lambda n: n.name == "Activity", WAIT)
    t.check("the activity strip is there, named \"Activity\"", len(strips) == 1,
            "found %d" % len(strips))
    if not strips:
        return
    strip = strips[0]
    t.check("nothing has changed yet", strip.description == "No changes yet",
            strip.description)

    tabs = app.page_tabs()
    t.check("one tab", len(tabs) == 1, "found %d" % len(tabs))

    def dot_shown():
        # the dot itself is not in the tree; its page tab says it
        return tabs[0].description == "Changing off screen"

    t.check("no activity dot before the change", not dot_shown(), tabs[0].description)
    python_write(name, FAR, b"\x5a")
    # the dot shows for a few seconds after the last change: look for it first
    shown, waited = poll(dot_shown, WAIT)
    t.check("the tab shows the activity dot (%.2f s)" % waited, shown, tabs[0].description)
    said, waited = poll(lambda: "0xf0010 (1 byte)" in (strip.description or ""), WAIT)
    t.check("the strip's description names 0xf0010 (%.2f s)" % waited, said, strip.description)

    buttons = app.wait_node(lambda n: n.name == "Change log" and n.roleName == "toggle button",
                            WAIT)
    t.check("the page has a Change log button", len(buttons) == 1)
    if buttons:
        buttons[0].doActionNamed("click")
        cells = app.wait_node(lambda n: n.roleName == "table cell" and n.name == "0xf0010",
                              WAIT)
        t.check("the change log lists offset 0xf0010", len(cells) >= 1)

    view.grabFocus()
    poll(lambda: view.focused, WAIT)
    rawinput.keyCombo("F8")
    status = app.wait_node(lambda n: "Offset 0xf0010" in (n.name or ""), WAIT)
    t.check("F8 moves the caret to the change (status line says Offset 0xf0010)",
            len(status) >= 1)

    t.quit(app)


if __name__ == "__main__":
    main("activity", body)
