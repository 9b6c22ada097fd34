#!/usr/bin/python3
# test-man.py: the man pages render cleanly, document every option --help
# prints, and their EXAMPLES run as written (TAP)
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-man.py BUILDDIR
#
# BUILDDIR is the top of the build tree: the pages are BUILDDIR/doc/*.1 (and
# BUILDDIR/doc/zh_CN/*.1), the programs BUILDDIR/src/cli/shmtool and
# BUILDDIR/src/app/shmview.

import os
import re
import shutil
import subprocess
import sys
import tempfile

BUILD = os.path.abspath(sys.argv[1])
SHMTOOL = os.path.join(BUILD, 'src', 'cli', 'shmtool')
SHMVIEW = os.path.join(BUILD, 'src', 'app', 'shmview')
PAGES = os.path.join(BUILD, 'doc')

results = []


def test(name):
    def register(func):
        results.append((name, func))
        return func
    return register


class Skip(Exception):
    pass


def page_path(name, lang=None):
    path = os.path.join(PAGES, lang, name) if lang else os.path.join(PAGES, name)
    if not os.path.exists(path):
        raise Skip(f'{path} was not built')
    return path


def render(path):
    """The page as plain text: wide, not hyphenated, no bold or underline."""
    out = subprocess.run(['groff', '-man', '-Tutf8', '-Kutf8', '-rLL=250n', '-rHY=0',
                          '-P-c', '-P-b', '-P-u', '-P-o', path],
                         capture_output=True, text=True, check=True)
    return out.stdout


def sections(text):
    """{SECTION: {SUBSECTION or '': text}} of rendered man page text."""
    result = {}
    section = sub = None
    for line in text.splitlines():
        if re.match(r'^[A-Z][A-Z ]+$', line):
            section, sub = line.strip(), ''
            result[section] = {'': ''}
        elif section and re.match(r'^   \S', line) and not line.startswith('    '):
            sub = line.strip()
            result[section][sub] = ''
        elif section:
            result[section][sub] += line + '\n'
    return result


def help_options(argv):
    """The options --help prints: ['-s', '--size', …]."""
    out = subprocess.run(argv + ['--help'], capture_output=True, text=True,
                         env=dict(os.environ, LC_ALL='C'), check=True).stdout
    options = []
    for line in out.splitlines():
        m = re.match(r'^  (-[^-\s]), (--[\w-]+)|^  (--[\w-]+)', line)
        if m:
            options += [o for o in m.groups() if o]
    assert options, f'no options found in {argv} --help'
    return options


def shmtool_commands():
    out = subprocess.run([SHMTOOL, 'help'], capture_output=True, text=True,
                         env=dict(os.environ, LC_ALL='C'), check=True).stdout
    block = out.split('Commands:\n', 1)[1].split('\n\n', 1)[0]
    commands = [line.split()[0] for line in block.splitlines() if line.strip()]
    assert 'read' in commands, commands
    return commands


def documented(option, text):
    return re.search(r'(?<![\w-])' + re.escape(option) + r'(?![\w-])', text) is not None


def all_pages():
    found = []
    for lang in (None, 'zh_CN'):
        for name in ('shmtool.1', 'shmview.1'):
            path = os.path.join(PAGES, lang, name) if lang else os.path.join(PAGES, name)
            if os.path.exists(path):
                found.append(path)
    if not found:
        raise Skip('no man page was built (scdoc missing?)')
    return found


@test('render without warnings')
def _():
    for path in all_pages():
        out = subprocess.run(['man', '--warnings', '-E', 'UTF-8', '-l', path],
                             capture_output=True, text=True,
                             env=dict(os.environ, MANWIDTH='80', LC_ALL='C.UTF-8'))
        assert out.returncode == 0, f'{path}: man exited {out.returncode}: {out.stderr}'
        assert out.stderr == '', f'{path}: {out.stderr}'
        assert 'NAME' in out.stdout or '名称' in out.stdout, f'{path} rendered empty'


@test('shmtool(1) has a subsection for every command')
def _():
    man = sections(render(page_path('shmtool.1')))
    missing = [c for c in shmtool_commands() if c not in man.get('COMMANDS', {})]
    assert not missing, f'shmtool(1) COMMANDS lacks a subsection for: {missing}'


@test('shmtool(1) documents every option of every command')
def _():
    man = sections(render(page_path('shmtool.1')))
    common = ''.join(man.get('OPTIONS', {}).values())
    missing = []
    for command in shmtool_commands():
        if command == 'help':
            continue
        text = man.get('COMMANDS', {}).get(command, '')
        for option in help_options([SHMTOOL, command]):
            if not documented(option, text) and not documented(option, common):
                missing.append(f'{command} {option}')
    assert not missing, f'shmtool(1) does not document: {missing}'


@test('shmview(1) documents every option')
def _():
    if not os.path.exists(SHMVIEW):
        raise Skip('shmview is not built')
    man = sections(render(page_path('shmview.1')))
    text = ''.join(man.get('OPTIONS', {}).values())
    missing = [o for o in help_options([SHMVIEW]) if not documented(o, text)]
    assert not missing, f'shmview(1) OPTIONS does not document: {missing}'


def english_words(path):
    """Lower-case words of four letters or more outside the literal examples:
    English prose, where names of options and programs are a few."""
    prose = [line for line in render(path).splitlines() if not line.startswith(' ' * 11)]
    return len(re.findall(r'\b[a-z]{4,}\b', '\n'.join(prose)))


@test('the zh_CN pages are translated')
def _():
    for name in ('shmtool.1', 'shmview.1'):
        if name == 'shmview.1' and not os.path.exists(SHMVIEW):
            continue
        english, chinese = english_words(page_path(name)), english_words(page_path(name, 'zh_CN'))
        assert chinese < 0.4 * english, \
            f'zh_CN/{name}: {chinese} English words left of {english}: mostly untranslated'


def example_blocks(text):
    """The literal blocks under EXAMPLES: lists of lines."""
    blocks, block = [], []
    for line in sections(text).get('EXAMPLES', {}).get('', '').splitlines():
        if line.startswith('           '):
            block.append(line[11:])
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    return blocks


def example_script(blocks, out_path):
    """One bash script for all blocks: each command, then a wait for the
    lines the page shows after it (a command started with & prints them
    later), so the next starts only once they are there."""
    lines = ['set -u', f'exec >>{out_path} 2>&1',
             'await () { for _ in $(seq 200); do [ "$(wc -l <' + out_path + ')" -ge "$1" ] && '
             'return; sleep 0.05; done; echo "timed out waiting for line $1" >&2; }']
    expected = []
    for block in blocks:
        for line in block:
            if line.startswith('$ '):
                lines.append(line[2:])
                lines.append(f'await {len(expected)}')
            else:
                expected.append(line)
                lines[-1] = f'await {len(expected)}'
    lines.append('wait')
    return '\n'.join(lines) + '\n', expected


def scratch_namespace():
    """unshare arguments for a private /dev/shm and System V namespace."""
    if not shutil.which('unshare'):
        raise Skip('no unshare')
    base = ['unshare', '--mount', '--ipc', '--propagation', 'private']
    for argv in (base, base[:1] + ['--user', '--map-root-user'] + base[1:]):
        probe = subprocess.run(argv + ['mount', '-t', 'tmpfs', 'scratch', '/dev/shm'],
                               capture_output=True)
        if probe.returncode == 0:
            return argv
    raise Skip('cannot make a scratch /dev/shm (unshare refused)')


@test('shmtool(1) EXAMPLES run as written against a scratch region')
def _():
    blocks = example_blocks(render(page_path('shmtool.1')))
    commands = [line for block in blocks for line in block if line.startswith('$ ')]
    assert len(commands) >= 8, f'too few examples found: {commands}'
    if any(' jq ' in c for c in commands) and not shutil.which('jq'):
        raise Skip('jq is not installed')
    unshare = scratch_namespace()
    with tempfile.TemporaryDirectory() as tmp:
        out_path = os.path.join(tmp, 'out')
        script, expected = example_script(blocks, out_path)
        script_path = os.path.join(tmp, 'examples.sh')
        with open(script_path, 'w') as f:
            f.write(script)
        open(out_path, 'w').close()
        env = dict(os.environ, PATH=os.path.dirname(SHMTOOL) + ':' + os.environ['PATH'],
                   LC_ALL='C.UTF-8')
        run = subprocess.run(unshare + ['sh', '-c', 'mount -t tmpfs -o mode=1777 scratch /dev/shm '
                                        '&& cd "$1" && exec bash "$2"', 'sh', tmp, script_path],
                             env=env, capture_output=True, text=True, timeout=60)
        with open(out_path) as f:
            got = f.read().splitlines()
        assert run.returncode == 0, f'examples exited {run.returncode}: {run.stderr}'
        assert got == expected, \
            'examples printed:\n' + '\n'.join(got) + '\nthe page shows:\n' + '\n'.join(expected)


def main():
    print(f'1..{len(results)}')
    failed = 0
    for number, (name, func) in enumerate(results, 1):
        try:
            func()
            print(f'ok {number} {name}')
        except Skip as e:
            print(f'ok {number} {name} # SKIP {e}')
        except Exception as e:  # an assertion, or a program that failed
            failed += 1
            print(f'not ok {number} {name}')
            for line in str(e).splitlines() or [type(e).__name__]:
                print(f'# {line}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
