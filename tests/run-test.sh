#!/bin/bash
# run-test.sh [--x11] CMD [ARGS...]
#
#   --x11  give CMD a display and a session bus of its own: a fresh Xvfb
#          (-displayfd picks a free number, no race between parallel tests)
#          and dbus-run-session started after DISPLAY is set, so the AT-SPI
#          daemons it activates can synthesize input. Both go away afterwards.
#   $TEST_WRAPPER  a command put in front of CMD (the 'valgrind' test setup).
#
# The exit status is CMD's. Daemon chatter goes to log files, never into the
# TAP stream on stdout.
set -u

x11=0
if [ "${1:-}" = --x11 ]; then x11=1; shift; fi
wrapper=()
if [ -n "${TEST_WRAPPER:-}" ]; then read -r -a wrapper <<<"$TEST_WRAPPER"; fi

if [ $x11 = 0 ]; then
  exec "${wrapper[@]}" "$@"
fi

tmp=$(mktemp -d /tmp/shmview-test.XXXXXX)
xvfb_pid=
cleanup() {
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

Xvfb -displayfd 3 -screen 0 "${SHMVIEW_TEST_SCREEN:-1280x1024x24}" -nolisten tcp \
  3>"$tmp/displayfd" </dev/null >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 400); do
  [ -s "$tmp/displayfd" ] && break
  if ! kill -0 "$xvfb_pid" 2>/dev/null; then
    echo "run-test.sh: Xvfb died:" >&2
    cat "$tmp/xvfb.log" >&2
    exit 1
  fi
  sleep 0.05
done
[ -s "$tmp/displayfd" ] || { echo "run-test.sh: Xvfb did not start" >&2; exit 1; }
export DISPLAY=":$(head -n1 "$tmp/displayfd")"

mkdir -m 700 "$tmp/run"
export XDG_RUNTIME_DIR="$tmp/run"
unset DBUS_SESSION_BUS_ADDRESS

# fds 3 and 4 carry the real stdout/stderr to CMD alone; the bus and the
# daemons it starts write to dbus.log.
dbus-run-session -- sh -c 'exec "$@" 1>&3 2>&4 3>&- 4>&-' sh "${wrapper[@]}" "$@" \
  3>&1 4>&2 >"$tmp/dbus.log" 2>&1
