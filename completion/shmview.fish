# fish completion for shmview
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Options from `shmview --help`, region specs as for shmtool (shmtool.fish).

function __shmview_args
    functions -q __shmtool_specs; or source (status dirname)/shmtool.fish 2>/dev/null
    set -l words (commandline -opc)
    set -l token (commandline -ct)
    set -l help (env LC_ALL=C shmview --help 2>/dev/null)
    set -l options (__shmtool_options $help)
    set -l prev $words[-1]
    set -l taking (string match -r -- "^$prev=\S+" (string replace -r '\t.*' '' -- $options))
    if string match -q -- '-*' $prev; and test -n "$taking"
        string match -q '*=SPEC' -- $taking; and __shmtool_specs
        return
    end
    if string match -q -- '-*' $token
        string replace -r '=\S+' '' -- $options
        return
    end
    __shmtool_specs
end

complete -c shmview -f -a '(__shmview_args)'
