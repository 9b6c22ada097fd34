# fish completion for shmtool
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Like the bash completion: commands from `shmtool help`, options from
# `shmtool COMMAND --help`, region specs from `shmtool list --names`.

function __shmtool_commands
    env LC_ALL=C shmtool help 2>/dev/null | string match -r '^  [a-z][a-z0-9-]*\s+.*' |
        string replace -r '^  ([a-z][a-z0-9-]*)\s+(.*)' '$1\t$2'
end

# The options in help text $argv (one line each): "--size=N\tSize…"
function __shmtool_options
    printf '%s\n' $argv | string match -r '^  (?:-[^-], )?--[a-z0-9-]+\S*\s+.*' |
        string replace -r '^  (?:-[^-], )?(--[a-z0-9-]+)(=\S+)?\s+(.*)' '$1$2\t$3'
end

# Region specs, for bare names as typed; file: then paths.
function __shmtool_specs
    set -l token (commandline -ct)
    if string match -q 'file:*' -- $token
        for path in (__fish_complete_path (string replace 'file:' '' -- $token))
            echo file:$path
        end
        return
    end
    echo file:
    for spec in (shmtool list --names 2>/dev/null)
        if string match -q '/*' -- $spec
            and not string match -q '/*' -- $token
            and not string match -q '*:*' -- (string sub -s 2 -- $spec)
            string sub -s 2 -- $spec
        else
            echo $spec
        end
    end
end

# Everything after the command: an option's value, an option, or a spec.
function __shmtool_args
    set -l words (commandline -opc)
    set -l token (commandline -ct)
    set -l help (env LC_ALL=C shmtool $words[2] --help 2>/dev/null)
    set -l options (__shmtool_options $help)
    set -l prev $words[-1]
    # -f stands for the long option beside it in the help
    set -l long (string match -r -- "^  $prev, (--[a-z0-9-]+)" $help)[2]
    test -n "$long"; and set prev $long
    set -l taking (string match -r -- "^$prev=\S+" (string replace -r '\t.*' '' -- $options))
    if string match -q -- '-*' $prev; and test -n "$taking"
        set -l values (string match -r -- "$prev ([a-z0-9_-]+(?:\|[a-z0-9_-]+)+)" $help)[2]
        if test -n "$values"
            string split '|' -- $values
        else if string match -q '*=SPEC' -- $taking
            __shmtool_specs
        else if string match -qr '=(F|FILE.*)$' -- $taking
            __fish_complete_path $token
        else if string match -q '*=DIR' -- $taking
            __fish_complete_directories $token
        end
        return
    end
    if string match -q -- '-*' $token
        string replace -r '=\S+' '' -- $options
        return
    end
    if string match -q -- "*shmtool $words[2] *SPEC*" $help
        __shmtool_specs
    end
end

complete -c shmtool -f
complete -c shmtool -n __fish_use_subcommand -a '(__shmtool_commands)'
complete -c shmtool -n '__fish_seen_subcommand_from help' -a '(__shmtool_commands)'
complete -c shmtool -n 'not __fish_use_subcommand; and not __fish_seen_subcommand_from help' -a '(__shmtool_args)'
