#!/bin/sh
# scdoc-man.sh: one man page from its scdoc(5) source, for doc/meson.build
#
# Copyright 2026 The shmview authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   scdoc-man.sh SCDOC SOURCE OUTPUT VERSION [PO4A_TRANSLATE PO LANG]
#
# With the last three, the page is first translated paragraph by paragraph
# through the gettext catalogue PO (po4a's text module, markdown flavour:
# scdoc's headings, lists and ``` blocks read the same); paragraphs without
# a translation stay English. Lines are never re-wrapped, so a translated
# paragraph cannot start a line with scdoc syntax ("[", "-", "|").
set -eu
scdoc=$1 source=$2 output=$3 version=$4
tmp=$output.tmp
if [ $# -ge 7 ]; then
  # po4a 0.69 cannot parse msgctxt: those entries (the app's) are not ours.
  msggrep --invert-match --msgctxt --regexp=. --output-file="$tmp.po" "$6"
  if ! "$5" --format text --option markdown --master "$source" --master-charset UTF-8 \
       --po "$tmp.po" --localized "$tmp.scd" --localized-charset UTF-8 --keep 0 \
       --width 100000 >"$tmp.err" 2>&1; then
    cat "$tmp.err" >&2
    exit 1
  fi
  grep -v 'is deprecated' "$tmp.err" >&2 || true
  source=$tmp.scd
fi
sed "s/@VERSION@/$version/g" "$source" | "$scdoc" >"$tmp"
# groff breaks lines only at spaces unless told that a line may break
# between Chinese characters, which its zh.tmac does.
case ${7-} in
  zh*) sed -i '1a .mso zh.tmac' "$tmp" ;;
esac
rm -f "$tmp.scd" "$tmp.po" "$tmp.err"
mv "$tmp" "$output"
