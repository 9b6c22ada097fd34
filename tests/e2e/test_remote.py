#!/usr/bin/python3
# test_remote.py: a second `shmview SPEC` opens a tab in the running window
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""GApplication command-line handling: with shmview running, `shmview SPEC`
from a terminal hands SPEC to the running instance, which opens it in a new
tab, and returns at once with status 0; `shmview --create SPEC --size N`
creates the region (mode 0600) and opens it."""
import os
import stat
import subprocess

from shmview_e2e import SHMVIEW, main, poll, shmtool

WAIT = 15


def second_instance(*args):
    env = dict(os.environ)
    env.pop("NO_AT_BRIDGE", None)
    r = subprocess.run([SHMVIEW] + list(args), env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
    return r


def tab_names(app):
    return [n.name for n in app.page_tabs()]


def body(t):
    first = t.region("first")
    second = t.region("second")
    shmtool("write", second, "--string", "second region")
    app = t.launch(first)
    app.hex_view()

    r = second_instance(second)
    t.check("a second `shmview SPEC` exits with status 0", r.returncode == 0,
            "exit %d, stderr %r" % (r.returncode, r.stderr))
    t.check("... and does not open a second application",
            len([a for a in app.node.parent.children if a.name == app.node.name]) == 1)
    tabs, _ = poll(lambda: any(second in n for n in tab_names(app)), WAIT)
    t.check("the running window gets a tab for it", tabs, repr(tab_names(app)))
    shown, _, text = app.wait_hex(0, b"second region\0", WAIT)
    t.check("the new tab shows that region's bytes", shown, text)

    third = "shmview-e2e-%d-remote-created" % os.getpid()
    t.names.append(third)
    r = second_instance("--create", third, "--size", "4K")
    t.check("`shmview --create SPEC --size 4K` exits with status 0", r.returncode == 0,
            "exit %d, stderr %r" % (r.returncode, r.stderr))
    try:
        st = os.stat("/dev/shm/" + third)
        t.check("it created a 4096-byte region with mode 0600",
                st.st_size == 4096 and stat.S_IMODE(st.st_mode) == 0o600,
                "size %d, mode %o" % (st.st_size, stat.S_IMODE(st.st_mode)))
    except FileNotFoundError:
        t.check("it created a 4096-byte region with mode 0600", False, "no /dev/shm/" + third)
    tabs, _ = poll(lambda: any(third in n for n in tab_names(app)), WAIT)
    t.check("and opened it in a tab", tabs, repr(tab_names(app)))

    shmtool("write", third, "--string", "keep me")
    second_instance("--create", third, "--size", "8K")
    size = os.stat("/dev/shm/" + third).st_size
    text = shmtool("read", third, "--format", "text").stdout
    t.check("--create on an existing region replaces nothing",
            size == 4096 and text == b"keep me\n", "size %d, text %r" % (size, text))

    t.quit(app)


if __name__ == "__main__":
    main("remote", body)
