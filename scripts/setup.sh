# scripts/setup.sh: shared by scripts/run and scripts/test (source it, do not run it)
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   shmview_install_deps          apt-get what is missing (nothing when all is there)
#   shmview_build DIR [ARGS...]   meson setup DIR ARGS (once; ARGS re-applied later
#                                 with meson configure) and meson compile -C DIR
#
# Both return non-zero on failure and never exit the caller's shell.

SHMVIEW_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian 12 packages. Several are only Recommends of something else, and we
# install with --no-install-recommends, so they are named here on purpose.
SHMVIEW_PACKAGES=(
  meson ninja-build pkg-config gcc libc6-dev          # the build
  libglib2.0-dev libgtk-3-dev                         # GLib 2.74 / GTK 3.24 (+ glib.supp, gtk.supp)
  libjson-glib-dev                                    # JSON files and --json output
  libclang-dev                                        # C header layouts (meson feature clang)
  libxxhash-dev                                       # XXH3 page digests (whole-region watcher)
  libglib2.0-bin                                      # glib-compile-schemas, glib-compile-resources
  libgtk-3-bin librsvg2-common adwaita-icon-theme     # GTK runtime bits: SVG icon loader, icons
  fonts-dejavu-core                                   # a monospace font for the hex view
  fonts-wqy-microhei                                  # CJK glyphs for the zh_CN translation
  desktop-file-utils appstream gettext                # data/ validation tests, translations
  xvfb xauth                                          # an X server for the GUI tests
  dbus-daemon at-spi2-core                            # session bus + AT-SPI for the e2e tests
  python3 python3-gi python3-pyatspi python3-dogtail  # e2e tests (system /usr/bin/python3)
  xdotool imagemagick                                 # XTest-driven smoke test + screenshots
  valgrind                                            # meson test --setup valgrind
  util-linux bsdextrautils xxd                        # ipcmk/ipcs/setpriv, hexdump, xxd (tests, benchmarks)
  mingw-w64 wine wine64                               # the win32 suite: cross-built .exe files run under Wine
  scdoc po4a man-db groff-base                        # man pages (doc/), zh_CN through po4a; rendering tests
  bash-completion zsh fish jq                         # shell completion (completion/) and its tests; jq: man EXAMPLES
)

shmview_log () {
  printf '%s\n' "$*" >&2
}

shmview_missing_packages () {
  local p
  for p in "${SHMVIEW_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' || printf '%s\n' "$p"
  done
}

shmview_install_deps () {
  local missing sudo=()
  if ! command -v dpkg-query >/dev/null; then
    shmview_log "setup: not a Debian system; install the equivalents of: ${SHMVIEW_PACKAGES[*]}"
    return 0
  fi
  mapfile -t missing < <(shmview_missing_packages)
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      shmview_log "setup: missing packages and not root: ${missing[*]}"
      return 1
    fi
  fi
  shmview_log "setup: installing ${missing[*]}"
  # Lists only when something is missing: a warm machine never touches the network.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get -q -o DPkg::Lock::Timeout=600 update >/dev/null || return 1
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get -q -y --no-install-recommends -o DPkg::Lock::Timeout=600 \
    install "${missing[@]}" || return 1
}

shmview_build () {
  local dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    local wipe=() log
    # an interrupted or broken earlier setup: start that build dir afresh
    [ -d "$dir/meson-private" ] && wipe=(--wipe)
    log=$(mktemp)
    shmview_log "setup: meson setup $dir $*"
    # Its long report matters only when it fails.
    if ! meson setup "${wipe[@]}" "$dir" "$SHMVIEW_SRC" "$@" >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      return 1
    fi
    rm -f "$log"
  elif [ "$(cat "$dir/.shmview-setup-args" 2>/dev/null)" != "$*" ]; then
    # A build dir made by hand or with other options gets the ones we rely on
    # (only when they differ: configure makes the next compile regenerate).
    meson configure "$dir" "$@" >/dev/null || return 1
  fi
  printf '%s' "$*" >"$dir/.shmview-setup-args"
  meson compile -C "$dir"
}
