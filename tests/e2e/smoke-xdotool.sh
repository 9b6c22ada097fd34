#!/bin/bash
# smoke-xdotool.sh: the real window without AT-SPI, plus a screenshot
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# smoke-xdotool.sh SCREENSHOT.png   (needs DISPLAY: tests/run-test.sh --x11)
# Opens the lesson's region with the accessibility bridge off (as most users
# run it), waits for the window, saves a screenshot for people to look at,
# presses F5 and Ctrl+Q through XTest and requires exit status 0. Prints TAP.
set -u
shot=${1:-shmview-smoke.png}
name=shmview-e2e-$$-smoke
log=$(mktemp)
n=0
failed=0
pid=
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; sed 's/^/# /' "$log"; }
finish () {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null; fi
  rm -f "/dev/shm/$name" "$log"
  echo "1..$n"
  exit $failed
}
trap finish EXIT

"$SHMTOOL" create "$name" --size 256 >"$log" 2>&1 &&
  "$SHMTOOL" write "$name" --string ezhchai >>"$log" 2>&1 ||
  { not_ok "shmtool creates the region"; exit; }

NO_AT_BRIDGE=1 "$SHMVIEW" "$name" </dev/null >>"$log" 2>&1 &
pid=$!
# --sync waits until a window of that process is mapped.
wid=$(timeout 30 xdotool search --sync --onlyvisible --pid "$pid" 2>/dev/null | head -n1)
if [ -n "$wid" ]; then ok "window mapped"; else not_ok "window mapped"; exit; fi

title=$(xdotool getwindowname "$wid")
case $title in
  *"$name"*) ok "window title names the region ($title)" ;;
  *) not_ok "window title names the region (got '$title')" ;;
esac

# No window manager under Xvfb: focus directly, not through _NET_ACTIVE_WINDOW.
xdotool windowfocus --sync "$wid"
xdotool key F5
# A bare Xvfb screen is one colour; a drawn window has text, lines, a header bar.
colors=0
for _ in $(seq 50); do
  colors=$(import -window "$wid" "$shot" 2>/dev/null && identify -format '%k' "$shot" 2>/dev/null)
  [ "${colors:-0}" -gt 16 ] && break
  sleep 0.1
done
if [ "${colors:-0}" -gt 16 ]; then ok "window drawn ($colors colours): $shot"
else not_ok "window drawn (only ${colors:-0} colours)"; fi

kill -0 "$pid" 2>/dev/null && ok "alive after F5" || not_ok "alive after F5"

xdotool windowfocus --sync "$wid" key ctrl+q
for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
  not_ok "Ctrl+Q quits (still running after 15 s)"
else
  wait "$pid"
  rc=$?
  pid=
  if [ $rc = 0 ]; then ok "Ctrl+Q quits with exit status 0"; else not_ok "Ctrl+Q quits with exit status 0 (got $rc)"; fi
fi
if grep -qE -- '-(CRITICAL|WARNING|ERROR) \*\*' "$log"; then
  not_ok "no GLib warnings or criticals from shmview"
else
  ok "no GLib warnings or criticals from shmview"
fi
