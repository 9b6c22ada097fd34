#!/usr/bin/python3
# test_string_pane.py: the lesson's string, written from the window
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The string pane shows the C string at the cursor and follows outside
writes, focused or not; Write (the button, Ctrl+Enter, and Enter after an
edit) stores the text plus a NUL, as strcpy would, and a second process (shmtool, then a Python program with its
own mapping) reads it back. A string too long for the region writes
nothing."""
from shmview_e2e import main, poll, python_reader, rawinput, shmtool, shmtool_text

WAIT = 10


def strcpy(model, offset, s):
    data = s.encode() + b"\0"
    model[offset:offset + len(data)] = data


def body(t):
    name = t.region("string", fill="0x2e")
    shmtool("write", name, "--string", "ezhchai")
    model = bytearray(b"." * 256)
    strcpy(model, 0, "ezhchai")

    app = t.launch(name)
    entry = app.node.child(name="String", roleName="text")
    button = app.node.child(name="Write string", roleName="push button")

    shown, _ = poll(lambda: entry.text == "ezhchai", WAIT)
    t.check("the String entry shows the C string at the cursor", shown, repr(entry.text))

    shmtool("write", name, "--string", "changed outside")
    strcpy(model, 0, "changed outside")
    shown, _ = poll(lambda: entry.text == "changed outside", WAIT)
    t.check("it follows a write by another process", shown, repr(entry.text))

    # Clicked into but not edited, it still follows. Then, paused so that it
    # cannot follow, another process changes the string: a plain Enter on the
    # unedited (now stale) text must not write it back. Keys arrive in order,
    # so once the "!" typed after that Enter shows, the Enter was handled.
    entry.grabFocus()
    shmtool("write", name, "--string", "HELLOWORLD")
    shown, _ = poll(lambda: entry.text == "HELLOWORLD", WAIT)
    t.check("a focused, unedited entry follows it too", shown, repr(entry.text))
    rawinput.keyCombo("<Control><Shift>space")
    shmtool("write", name, "--string", "XELLOWORLD")
    strcpy(model, 0, "XELLOWORLD")
    rawinput.pressKey("Return")
    rawinput.pressKey("End")
    rawinput.typeText("!")
    typed, _ = poll(lambda: entry.text == "HELLOWORLD!", WAIT)
    t.check("Enter on unedited stale text writes nothing",
            typed and t.raw(name) == bytes(model), repr(t.raw(name)[:24]))
    rawinput.pressKey("Escape")
    rawinput.keyCombo("<Control><Shift>space")
    shown, _ = poll(lambda: entry.text == "XELLOWORLD", WAIT)
    t.check("Escape drops the edit and, resumed, the entry follows again", shown,
            repr(entry.text))
    rawinput.pressKey("End")
    rawinput.typeText("!")
    rawinput.pressKey("Return")
    strcpy(model, 0, "XELLOWORLD!")
    ok, _ = poll(lambda: shmtool_text(name) == "XELLOWORLD!", WAIT)
    t.check("Enter writes an edit", ok and t.raw(name) == bytes(model),
            repr(t.raw(name)[:24]))

    entry.text = "hello there"
    button.doActionNamed("click")
    strcpy(model, 0, "hello there")
    ok, _ = poll(lambda: shmtool_text(name) == "hello there", WAIT)
    t.check("Write string -> shmtool read --format text prints it", ok,
            repr(shmtool_text(name)))
    t.check("... with a NUL after it and nothing else changed (strcpy)",
            t.raw(name) == bytes(model), repr(t.raw(name)[:24]))
    got = python_reader(name)
    t.check("a Python client mapping it read-only reads the same string",
            got == "hello there", repr(got))

    entry.text = "via ctrl+enter"
    entry.grabFocus()
    rawinput.keyCombo("<Control>Return")
    strcpy(model, 0, "via ctrl+enter")
    ok, _ = poll(lambda: shmtool_text(name) == "via ctrl+enter", WAIT)
    t.check("Ctrl+Enter writes too", ok, repr(shmtool_text(name)))

    # Too long: 300 bytes + NUL do not fit in 256. Then a short write: Write's
    # handlers run in order, so once "short" is there the long one was handled.
    entry.text = "x" * 300
    button.doActionNamed("click")
    entry.text = "short"
    button.doActionNamed("click")
    strcpy(model, 0, "short")
    ok, _ = poll(lambda: shmtool_text(name) == "short", WAIT)
    t.check("a string too long for the region writes nothing",
            ok and t.raw(name) == bytes(model), repr(t.raw(name)[:40]))

    t.quit(app)


if __name__ == "__main__":
    main("string", body)
