#!/usr/bin/python3
# tests/summarize.py: the closing line of scripts/test
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print one closing line 'N passed, N failed[, N skipped]' from meson's
testlog JSON files and exit 1 when anything failed or nothing passed.

  summarize.py [--subtests] [--extra-failures N] TESTLOG.json...

  --subtests          count TAP subtests (the 'ok' / 'not ok' lines meson
                      keeps in each test's stdout); a test without TAP lines
                      counts as one
  --extra-failures N  add N failures (stages whose setup or build failed)

A test that failed without a 'not ok' line (crash, timeout, non-zero exit
after its oks) counts one failure more. A missing, unreadable or empty log
counts as one failure: a stale or absent log must never look green.
"""
import json
import re
import sys

PASSED = {"OK", "EXPECTEDFAIL"}
SKIPPED = {"SKIP"}
# Top-level TAP result lines only; '#' directives decide skip and todo.
TAP_RESULT = re.compile(r"^(not ok|ok)\b[^#]*(#\s*(\w+))?", re.IGNORECASE)


def count_tap(stdout):
    ok = nok = skip = 0
    for line in (stdout or "").splitlines():
        m = TAP_RESULT.match(line)
        if not m:
            continue
        directive = (m.group(3) or "").upper()
        if directive == "SKIP":
            skip += 1
        elif directive == "TODO" or m.group(1).lower() == "ok":
            ok += 1
        else:
            nok += 1
    return ok, nok, skip


def read_log(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return [json.loads(line) for line in f if line.strip()]


def summarize(paths, subtests, extra):
    passed, failed, skipped = 0, extra, 0
    bad = []
    for path in paths:
        try:
            entries = read_log(path)
        except (OSError, ValueError) as e:
            print("summarize: cannot read %s: %s" % (path, e), file=sys.stderr)
            failed += 1
            continue
        if not entries:
            print("summarize: no test ran in %s" % path, file=sys.stderr)
            failed += 1
        for e in entries:
            result = e.get("result", "ERROR")
            ok, nok, skip = count_tap(e.get("stdout")) if subtests else (0, 0, 0)
            if ok + nok + skip == 0:
                if result in PASSED:
                    passed += 1
                elif result in SKIPPED:
                    skipped += 1
                else:
                    failed += 1
            else:
                passed += ok
                skipped += skip
                failed += nok
                if result not in PASSED and result not in SKIPPED and nok == 0:
                    failed += 1
            if result not in PASSED and result not in SKIPPED:
                bad.append("%s (%s) in %s" % (e.get("name", "?"), result, path))
    return passed, failed, skipped, bad


def main(argv):
    subtests, extra, paths = False, 0, []
    args = iter(argv)
    for a in args:
        if a == "--subtests":
            subtests = True
        elif a == "--extra-failures":
            extra = int(next(args))
        else:
            paths.append(a)
    if not paths and not extra:
        extra = 1
    passed, failed, skipped, bad = summarize(paths, subtests, extra)
    for b in bad:
        print("failed: " + b)
    line = "%d passed, %d failed" % (passed, failed)
    if skipped:
        line += ", %d skipped" % skipped
    sys.stdout.flush()
    print(line, flush=True)
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
