# bash completion for shmtool and shmview                  -*- shell-script -*-
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Nothing here is a copy of what the programs accept: commands come from
# `shmtool help`, options (and which take a value) from `shmtool COMMAND
# --help` and `shmview --help`, a value list from a "--opt a|b|c" synopsis,
# and region specs from `shmtool list --names`, the very list `shmtool list`
# shows. A new command, option or spec kind completes without an edit here.

# The help text of "$@" (a program and its arguments), untranslated.
_shmview_help()
{
    LC_ALL=C "$@" --help 2>/dev/null
}

# shmtool's commands, one a line.
_shmview_commands()
{
    LC_ALL=C "$1" help 2>/dev/null |
        sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p'
}

# The options in help text $1, one a line: "--size=N", "-s=N", "--force".
_shmview_options()
{
    sed -n 's/^  \(-[^-]\), \(--[a-z0-9-]*\)\(=[^ ]*\)\{0,1\} .*/\1\3\n\2\3/p
            s/^  \(--[a-z0-9-]*\)\(=[^ ]*\)\{0,1\} .*/\1\2/p' <<<"$1"
}

# Candidate values of option $2 in help text $1.
_shmview_option_values()
{
    local help=$1 option=$2 list
    # "[--format text|hex|raw|c]" in a synopsis line
    list=$(grep -o -- "$option [a-z0-9_|-]*|[a-z0-9_|-]*" <<<"$help" | head -n 1)
    if [[ -n $list ]]; then
        list=${list#"$option "}
        printf '%s\n' ${list//|/ }
        return
    fi
    case $option in
        --size | -s | --length | -l) printf '%s\n' 256 4K 64K 1M 16M ;;
        --offset | -o) printf '%s\n' 0 0x10 0x100 4K ;;
        --mode | -m) printf '%s\n' 0600 0640 0660 0644 0666 ;;
        --interval | -i) printf '%s\n' 10 100 1000 ;;
        --byte | -b) printf '%s\n' 0 0xff "'A'" ;;
        --count | -c) printf '%s\n' 1 10 ;;
    esac
}

# Adds the region specs that complete $cur (as typed, quotes and all) to
# COMPREPLY, quoted so that each can be used as it is.
_shmview_add_specs()
{
    local shmtool=$1 cur=$2 raw spec name path
    raw=$(dequote "$cur")
    if [[ $raw == file:* ]]; then
        path=${raw#file:}
        while IFS= read -r name; do
            [[ -d $name ]] && name+=/
            COMPREPLY+=("file:$(printf '%q' "$name")")
        done < <(compgen -f -- "$path")
        [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]] && compopt -o nospace 2>/dev/null
        return
    fi
    [[ file: == "$raw"* ]] && { COMPREPLY+=(file:); compopt -o nospace 2>/dev/null; }
    while IFS= read -r spec; do
        case $spec in
            /*)
                name=${spec#/}
                # A bare name unless it would read as another kind of spec.
                case $raw in
                    /*) ;;
                    posix:*) spec=posix:$spec ;;
                    *) [[ $name != *:* ]] && spec=$name ;;
                esac
                ;;
        esac
        [[ $spec == "$raw"* ]] && COMPREPLY+=("$(printf '%q' "$spec")")
    done < <("$shmtool" list --names 2>/dev/null)
}

# The shmtool beside shmview, or the one on PATH.
_shmview_shmtool()
{
    local dir
    dir=$(dirname -- "$(type -P "$1" 2>/dev/null || echo "$1")")
    if [[ -x $dir/shmtool ]]; then
        printf '%s\n' "$dir/shmtool"
    elif [[ -x $dir/../cli/shmtool ]]; then   # a build tree: src/app, src/cli
        printf '%s\n' "$dir/../cli/shmtool"
    else
        printf '%s\n' shmtool
    fi
}

# Completes the value $5 of option $3, whose help names it as in $4
# ("--size=N"): what the value names decides how.
_shmview_complete_value()
{
    local shmtool=$1 help=$2 option=$3 cur=$5
    case $4 in
        *=SPEC) _shmview_add_specs "$shmtool" "$cur" ;;
        *=F | *=FILE*) _filedir ;;
        *=DIR) _filedir -d ;;
        *) COMPREPLY=($(compgen -W "$(_shmview_option_values "$help" "$option")" -- "$cur")) ;;
    esac
}

# Completes an option or its value from help text $2; returns 1 when the
# word is neither. $1 is the shmtool to list specs with.
_shmview_complete_option()
{
    local shmtool=$1 help=$2 options option value
    options=$(_shmview_options "$help")
    if [[ $cur == --*=* ]]; then
        option=${cur%%=*} value=${cur#*=}
        _shmview_complete_value "$shmtool" "$help" "$option" \
            "$(grep -m 1 -- "^$option=" <<<"$options")" "$value"
        return 0
    fi
    if [[ $prev == -* ]] && grep -q -- "^$prev=" <<<"$options"; then
        _shmview_complete_value "$shmtool" "$help" "$prev" \
            "$(grep -m 1 -- "^$prev=" <<<"$options")" "$cur"
        return 0
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(sed 's/=.*/=/' <<<"$options")" -- "$cur"))
        [[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
        return 0
    fi
    return 1
}

_shmtool()
{
    local cur prev words cword
    _init_completion -n =: || return

    local shmtool=${words[0]} command= i help
    for ((i = 1; i < cword; i++)); do
        if [[ ${words[i]} != -* ]]; then
            command=${words[i]}
            break
        fi
    done

    if [[ -z $command ]]; then
        COMPREPLY=($(compgen -W "$(_shmview_commands "$shmtool") --help --version" -- "$cur"))
        return
    fi
    if [[ $command == help ]]; then
        ((cword == i + 1)) &&
            COMPREPLY=($(compgen -W "$(_shmview_commands "$shmtool")" -- "$cur"))
        return
    fi

    help=$(_shmview_help "$shmtool" "$command")
    if ! _shmview_complete_option "$shmtool" "$help"; then
        # Only commands whose usage line names a SPEC take one.
        grep -q "^  shmtool $command .*SPEC" <<<"$help" && _shmview_add_specs "$shmtool" "$cur"
    fi
    __ltrim_colon_completions "$cur"
} &&
    complete -F _shmtool shmtool

_shmview()
{
    local cur prev words cword
    _init_completion -n =: || return

    local shmtool help
    shmtool=$(_shmview_shmtool "${words[0]}")
    help=$(_shmview_help "${words[0]}")
    _shmview_complete_option "$shmtool" "$help" || _shmview_add_specs "$shmtool" "$cur"
    __ltrim_colon_completions "$cur"
} &&
    complete -F _shmview shmview

# ex: filetype=sh
