# shmview_e2e.py: what the end-to-end tests share
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drive the real shmview binary through AT-SPI (dogtail) and check the
regions with shmtool, as a second process would.

Each test script builds a list of steps on an E2E object and calls run():
every check prints one TAP line at once ("ok N - ...", or "not ok N - ..."
followed by '# ' diagnostics), the plan comes last, and an exception becomes
a "not ok" with its traceback, so a hang or a SearchError is never silent.

Needs DISPLAY and a session bus of its own (tests/run-test.sh --x11), the
environment variables SHMTOOL and SHMVIEW (paths of the built programs), and
NO_AT_BRIDGE unset, or GTK would not export its accessibility tree.
"""
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback

# dogtail.tree refuses to import unless the toolkit-accessibility setting is on;
# GTK 3 loads its AT-SPI bridge anyway, so the check is skipped.
from dogtail.config import config

config.checkForA11y = False
config.logDebugToStdOut = False
config.logDebugToFile = False
config.searchCutoffCount = 40          # 40 x 0.25 s: a window may take a while under load
config.searchBackoffDuration = 0.25
config.actionDelay = 0.1
config.typingDelay = 0.03
config.defaultDelay = 0.1

from dogtail import rawinput, tree  # noqa: E402

SHMTOOL = os.environ.get("SHMTOOL", "shmtool")
SHMVIEW = os.environ.get("SHMVIEW", "shmview")
POLL_STEP = 0.02
# "(shmview:123): Gtk-CRITICAL **: ..." and the like
LOG_PROBLEM = re.compile(r"-(CRITICAL|WARNING|ERROR) \*\*")


def poll(fn, timeout):
    """Calls fn until it returns something true or @timeout seconds pass.
    Returns (value, seconds waited); value is the last one fn returned."""
    start = time.monotonic()
    while True:
        value = fn()
        waited = time.monotonic() - start
        if value or waited >= timeout:
            return value, waited
        time.sleep(POLL_STEP)


def parse_hexdump(text):
    """Bytes by offset from text in `hexdump -C` layout ("00000010  de ad ...
    |....|"), including rows folded into a '*' line. Row width and grouping
    do not matter."""
    mem = {}
    prev = None
    folded = False
    for line in text.splitlines():
        if line.strip() == "*":
            folded = True
            continue
        fields = line.split("|", 1)[0].split()
        if not fields:
            continue
        try:
            offset = int(fields[0], 16)
        except ValueError:
            continue
        data = bytes(int(f, 16) for f in fields[1:] if re.fullmatch(r"[0-9a-fA-F]{2}", f))
        if folded and prev is not None:
            at = prev[0] + len(prev[1])
            while at < offset and prev[1]:
                for i, b in enumerate(prev[1]):
                    mem[at + i] = b
                at += len(prev[1])
        folded = False
        for i, b in enumerate(data):
            mem[offset + i] = b
        if data:
            prev = (offset, data)
    return mem


def shows(text, offset, data):
    mem = parse_hexdump(text)
    return all(mem.get(offset + i) == b for i, b in enumerate(data))


def node_text(node):
    t = node.queryText()
    return t.getText(0, -1)


def caret(node):
    return node.queryText().caretOffset


def shmtool(*args, check=True):
    r = subprocess.run([SHMTOOL] + [str(a) for a in args], stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
    if check and r.returncode != 0:
        raise RuntimeError("shmtool %s: exit %d: %s" % (" ".join(map(str, args)), r.returncode,
                                                        r.stderr.decode(errors="replace")))
    return r


def shmtool_text(name):
    """What the lesson's client prints: `shmtool read NAME --format text`."""
    return shmtool("read", name, "--format", "text").stdout.decode(errors="replace").rstrip("\n")


def shmtool_raw(name, length=None):
    args = ["read", name, "--format", "raw"]
    if length is not None:
        args += ["--length", length]
    return shmtool(*args).stdout


def python_reader(name):
    """Another program, the lesson's client in Python: open read-only, map,
    print the C string. Runs as a separate process."""
    code = ("import mmap,os,sys\n"
            "fd=os.open('/dev/shm/'+sys.argv[1],os.O_RDONLY)\n"
            "m=mmap.mmap(fd,0,prot=mmap.PROT_READ)\n"
            "sys.stdout.write(m[:].split(b'\\0',1)[0].decode('latin-1'))\n")
    r = subprocess.run(["/usr/bin/python3", "-c", code, name], stdout=subprocess.PIPE,
                       timeout=30, check=True)
    return r.stdout.decode("latin-1")


def python_write(name, offset, data):
    """Another program writes through its own mapping (not through shmtool)."""
    code = ("import mmap,os,sys\n"
            "fd=os.open('/dev/shm/'+sys.argv[1],os.O_RDWR)\n"
            "m=mmap.mmap(fd,0)\n"
            "o=int(sys.argv[2]);d=bytes.fromhex(sys.argv[3])\n"
            "m[o:o+len(d)]=d\n")
    subprocess.run(["/usr/bin/python3", "-c", code, name, str(offset), data.hex()],
                   timeout=30, check=True)


def find_nodes(root, pred):
    """Showing descendants of @root satisfying @pred (one pass, no retries)."""
    try:
        return root.findChildren(lambda n: n.showing and pred(n), showingOnly=False)
    except Exception:  # a node went away while we walked: try again next poll
        return []


class App:
    """One running shmview process and its accessible application node."""

    def __init__(self, e2e, args):
        self.e2e = e2e
        self.args = args
        env = dict(os.environ)
        env.pop("NO_AT_BRIDGE", None)
        # The app's output must not mix into our TAP stream; its stderr is
        # kept to look for GLib warnings and criticals afterwards.
        self.log = tempfile.TemporaryFile(mode="w+", prefix="shmview-e2e-")
        self.proc = subprocess.Popen([SHMVIEW] + args, env=env, stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=self.log)
        self.node = self._find_application()

    def _find_application(self):
        def look():
            if self.proc.poll() is not None:
                raise RuntimeError("shmview %s exited with %s before its window showed"
                                   % (" ".join(self.args), self.proc.returncode))
            for a in tree.root.children:
                try:
                    if a.get_process_id() == self.proc.pid:
                        return a
                except Exception:
                    continue
            return None
        app, waited = poll(look, 30)
        if not app:
            raise RuntimeError("shmview (pid %d) did not appear on the AT-SPI bus in %.0f s"
                               % (self.proc.pid, waited))
        return app

    def frame(self):
        return self.node.findChild(lambda n: n.roleName == "frame", recursive=False)

    def hex_views(self):
        return find_nodes(self.node, lambda n: n.name == "Hex view")

    def hex_view(self):
        """The hex view on screen (the current tab's)."""
        return self.node.findChild(lambda n: n.name == "Hex view" and n.showing,
                                   debugName="the showing 'Hex view'")

    def wait_hex(self, offset, data, timeout, view=None):
        """Polls the hex view's accessible text until it shows @data at @offset.
        Returns (shown, seconds waited, last text). Pass @view when timing:
        looking it up takes a while."""
        view = view or self.hex_view()
        last = [""]

        def look():
            last[0] = node_text(view)
            return shows(last[0], offset, data)
        shown, waited = poll(look, timeout)
        return shown, waited, last[0]

    def wait_node(self, pred, timeout=10):
        nodes, waited = poll(lambda: find_nodes(self.node, pred), timeout)
        return nodes

    def page_tabs(self):
        return find_nodes(self.node, lambda n: n.roleName == "page tab")

    def quit(self, timeout=15):
        """Ctrl+Q in the window; returns the exit status (or a string when it
        did not exit). Under AddressSanitizer this is where leaks are reported."""
        try:
            self.frame().grabFocus()
        except Exception:
            pass
        rawinput.keyCombo("<Control>q")
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return "still running after %d s" % timeout

    def output(self):
        self.log.seek(0)
        return self.log.read()

    def kill(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class E2E:
    """TAP output, unique region names, and cleanup of regions and apps."""

    def __init__(self, tag):
        self.tag = tag
        self.n = 0
        self.failed = 0
        self.names = []
        self.apps = []

    # TAP ---------------------------------------------------------------
    def check(self, name, cond, detail=""):
        self.n += 1
        print("%s %d - %s" % ("ok" if cond else "not ok", self.n, name))
        if not cond and detail != "":
            for line in str(detail).splitlines() or [""]:
                print("# " + line)
        sys.stdout.flush()
        if not cond:
            self.failed += 1
        return bool(cond)

    def diag(self, text):
        for line in str(text).splitlines():
            print("# " + line)
        sys.stdout.flush()

    # regions -----------------------------------------------------------
    def region(self, tag, size=256, fill=None):
        """Creates a fresh POSIX region with shmtool; returns its name (no slash)."""
        name = "shmview-e2e-%d-%s-%s" % (os.getpid(), self.tag, tag)
        self.names.append(name)
        shmtool("create", name, "--size", size)
        if fill is not None:
            shmtool("fill", name, "--byte", fill)
        return name

    def raw(self, name):
        """The region's bytes, read by the test itself (not through shmtool)."""
        with open("/dev/shm/" + name, "rb") as f:
            return f.read()

    # apps --------------------------------------------------------------
    def launch(self, *args):
        app = App(self, list(args))
        self.apps.append(app)
        return app

    def quit(self, app, what="the window"):
        """Ctrl+Q: the app must exit with status 0 and must not have logged a
        GLib warning or critical (a programming error) on the way."""
        rc = app.quit()
        self.check("Ctrl+Q quits %s with exit status 0" % what, rc == 0,
                   "exit status %r\n%s" % (rc, app.output()))
        bad = [l for l in app.output().splitlines() if LOG_PROBLEM.search(l)]
        self.check("no GLib warnings or criticals from shmview (%s)" % what, not bad,
                   "\n".join(bad))
        return rc

    def run(self, body):
        try:
            body(self)
        except Exception:
            self.check("no unexpected exception", False, traceback.format_exc())
        finally:
            for app in self.apps:
                if app.proc.poll() is None:
                    self.diag("killing a shmview still running (pid %d); its output:"
                              % app.proc.pid)
                    app.kill()
                    self.diag(app.output())
            for name in self.names:
                try:
                    os.unlink("/dev/shm/" + name)
                except FileNotFoundError:
                    pass
        print("1..%d" % self.n)
        sys.stdout.flush()
        return 0 if self.failed == 0 and self.n > 0 else 1


def main(tag, body):
    sys.exit(E2E(tag).run(body))


__all__ = ["App", "E2E", "main", "poll", "parse_hexdump", "shows", "node_text", "caret",
           "shmtool", "shmtool_text", "shmtool_raw", "python_reader", "python_write",
           "find_nodes", "rawinput"]
