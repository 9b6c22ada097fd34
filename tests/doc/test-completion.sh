#!/bin/bash
# test-completion.sh: shell completion for shmtool and shmview (TAP)
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-completion.sh SRCDIR BUILDDIR
#
# Installs the build into a scratch DESTDIR (so what is checked is what
# `meson install` puts in place), then drives the bash completion functions
# the way bash does on Tab (COMP_WORDS, COMP_CWORD, then COMPREPLY), asks
# fish for its completions, and loads the zsh one.
set -u
src=$1 build=$2
shmtool=$build/src/cli/shmtool
shmview=$build/src/app/shmview
export LC_ALL=C.UTF-8 PATH="$build/src/cli:$build/src/app:$PATH"

n=0 failed=0
ok () { n=$((n + 1)); echo "ok $n $1"; }
skip () { n=$((n + 1)); echo "ok $n $1 # SKIP $2"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n $1"; shift; printf '# %s\n' "$@"; }
check () {  # check NAME COMMAND...: ok when COMMAND succeeds
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "${out:-failed: $*}"; fi
}

tmp=$(mktemp -d)
tag=shmview-comp-$$
cleanup () {
  "$shmtool" rm "$tag-plain" 2>/dev/null
  "$shmtool" rm "$tag with space" 2>/dev/null
  "$shmtool" rm "$tag-odd"$'\xff' 2>/dev/null
  [ -n "${shmid-}" ] && ipcrm -m "$shmid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "1..13"

# --- installed where they belong ---------------------------------------------
dest=$tmp/dest
if ! out=$(meson install -C "$build" --no-rebuild --destdir "$dest" 2>&1); then
  not_ok "meson install" "$out"
else
  ok "meson install"
fi
installed () { find "$dest" -path "*/$1" -print -quit; }
bash_dir=$(pkg-config --variable=completionsdir bash-completion 2>/dev/null)
# The man pages only when built (scdoc; po4a for zh_CN).
wanted="zsh/site-functions/_shmtool fish/vendor_completions.d/shmtool.fish bash-completion/completions/shmtool"
[ -f "$build/doc/shmtool.1" ] && wanted+=" man/man1/shmtool.1"
[ -f "$build/doc/zh_CN/shmtool.1" ] && wanted+=" man/zh_CN/man1/shmtool.1"
check "man pages, bash, zsh and fish completion installed" bash -c '
  for f in $2; do
    [ -n "$(find "$1" -path "*/$f" -print -quit)" ] || { echo "missing: $f"; exit 1; }
  done' sh "$dest" "$wanted"
if [ -x "$shmview" ]; then
  check "shmview: man page and completion installed" bash -c '
    for f in bash-completion/completions/shmview fish/vendor_completions.d/shmview.fish \
             $([ -f "$2/doc/shmview.1" ] && echo man/man1/shmview.1); do
      [ -n "$(find "$1" -path "*/$f" -print -quit)" ] || { echo "missing: $f"; exit 1; }
    done' sh "$dest" "$build"
else
  skip "shmview: man page and completion installed" "shmview is not built"
fi
# Under our prefix, in the directory bash-completion names for it.
prefix=$(meson introspect --buildoptions "$build" | /usr/bin/python3 -c \
  'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
if [ "$prefix" = /usr ] && [ -n "$bash_dir" ]; then
  check "bash completion in pkg-config's completionsdir" test -f "$dest$bash_dir/shmtool"
else
  check "bash completion in pkg-config's completionsdir (under $prefix)" \
    test -f "$dest$prefix/share/bash-completion/completions/shmtool"
fi

# --- bash: driven as on Tab --------------------------------------------------
# shellcheck source=/dev/null
source /usr/share/bash-completion/bash_completion
# shellcheck source=/dev/null
source "$(installed bash-completion/completions/shmtool)"

complete_words () {  # complete_words WORD... : COMPREPLY for the last word
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE="${COMP_WORDS[*]}"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  "_${1##*/}"
}
replies_have () {  # replies_have EXPECTED...: every one is in COMPREPLY
  local want have found
  for want in "$@"; do
    found=
    for have in "${COMPREPLY[@]}"; do [ "$have" = "$want" ] && found=1; done
    [ -n "$found" ] || { echo "no “$want” in: ${COMPREPLY[*]}"; return 1; }
  done
}

commands=$(LC_ALL=C "$shmtool" help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p')
# shellcheck disable=SC2086
complete_words shmtool ""
check "bash: every command" replies_have $commands

options_ok () {
  local command options
  for command in $commands; do
    [ "$command" = help ] && continue
    options=$(LC_ALL=C "$shmtool" "$command" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
    complete_words shmtool "$command" --
    # an option that takes a value completes as "--opt="
    for option in $options; do
      replies_have "$option" 2>/dev/null || replies_have "$option=" >/dev/null ||
        { echo "$command: no $option in: ${COMPREPLY[*]}"; return 1; }
    done
  done
}
check "bash: every option of every command" options_ok

complete_words shmtool read --format ""
check "bash: --format values" replies_have text hex raw c

"$shmtool" create "$tag-plain" --size 16 >/dev/null
"$shmtool" create "$tag with space" --size 16 >/dev/null
"$shmtool" create "$tag-odd"$'\xff' --size 16 >/dev/null
names_ok () {
  local reply name
  complete_words shmtool read "$tag"
  replies_have "$tag-plain" "$(printf '%q' "$tag with space")" || return 1
  # Each reply, as the shell reads it back, names the region exactly.
  for reply in "${COMPREPLY[@]}"; do
    eval "name=$reply"
    "$shmtool" info -- "$name" >/dev/null || { echo "“$reply” does not open"; return 1; }
  done
  [ ${#COMPREPLY[@]} -eq 3 ] || { echo "expected 3 replies: ${COMPREPLY[*]}"; return 1; }
  complete_words shmtool read "$tag\\ w"
  replies_have "$(printf '%q' "$tag with space")"
}
check "bash: region names, quoted (a space, a byte that is not UTF-8)" names_ok

sysv_ok () {
  shmid=$(ipcmk -M 64 | grep -o '[0-9]*$') || return 1
  complete_words shmtool info "sysvid:$shmid"
  # bash splits words at ':', so what replaces the word is what follows it
  replies_have "$shmid"
}
if [ -r /proc/sysvipc/shm ] && command -v ipcmk >/dev/null; then
  check "bash: sysvid: specs" sysv_ok
else
  skip "bash: sysvid: specs" "no System V IPC"
fi

mkdir "$tmp/dir" && : >"$tmp/dir/a file"
complete_words shmtool read "file:$tmp/dir/a"
check "bash: file: then paths, quoted" replies_have "$tmp/dir/a\\ file"

if [ -x "$shmview" ]; then
  shmview_ok () {
    complete_words shmview --
    replies_have --read-only --create= --interval= || return 1
    complete_words shmview --create "$tag-pl"
    replies_have "$tag-plain" || return 1
    complete_words shmview "$tag-pl"
    replies_have "$tag-plain"
  }
  check "bash: shmview options and specs" shmview_ok
else
  skip "bash: shmview options and specs" "shmview is not built"
fi

# --- fish and zsh ------------------------------------------------------------
if command -v fish >/dev/null; then
  fish_ok () {
    local dir out
    dir=$(dirname "$(installed fish/vendor_completions.d/shmtool.fish)")
    out=$(fish --no-config -c "source $dir/shmtool.fish; complete -C 'shmtool rea'; complete -C 'shmtool read --fo'; complete -C 'shmtool read $tag-pl'" 2>&1) || { echo "$out"; return 1; }
    grep -q "^read" <<<"$out" && grep -q "^--format" <<<"$out" && grep -qx "$tag-plain" <<<"$out" ||
      { echo "fish completed: $out"; return 1; }
  }
  check "fish: loads and completes commands, options, names" fish_ok
else
  skip "fish: loads and completes commands, options, names" "no fish"
fi
if command -v zsh >/dev/null; then
  zsh_ok () {
    local dir
    dir=$(dirname "$(installed zsh/site-functions/_shmtool)")
    zsh -f -c "fpath=($dir \$fpath); autoload -U compinit; compinit -u -d $tmp/zcompdump
      [[ \$_comps[shmtool] == _shmtool && \$_comps[shmview] == _shmtool ]] || exit 1
      autoload +X _shmtool" 2>&1
  }
  check "zsh: loads, for shmtool and shmview" zsh_ok
else
  skip "zsh: loads, for shmtool and shmview" "no zsh"
fi

[ "$n" -eq 13 ] || echo "# planned 13 tests, ran $n"
exit $((failed > 0))
