#!/usr/bin/env bash
# Keeps one input per distinct crash (exception type + top frame) of a fuzz run:
#   tools/fuzz-keep.sh [FINDINGS_DIR=out/fuzz/findings] [DEST=tests/BBScore.Fuzz/findings]
# copies DEST/READER/<n>-<sha8>.bin and appends "file<TAB>exception at frame: message" to DEST/READER/NOTES.tsv
# (inputs already kept, by content hash, are skipped). Inputs that no longer crash on triage are left out.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
src=${1:-out/fuzz/findings} dest=${2:-tests/BBScore.Fuzz/findings}
for dir in "$src"/*/; do
  reader=$(basename "$dir")
  case $reader in selftest-*) continue ;; esac
  [ -s "$dir/triage.tsv" ] || continue
  mkdir -p "$dest/$reader"
  touch "$dest/$reader/NOTES.tsv"
  while IFS=$'\t' read -r file verdict; do
    [ -n "$verdict" ] && [ "$verdict" != ok ] || continue
    sig=${verdict%%: *}
    cut -f2 "$dest/$reader/NOTES.tsv" | sed -E 's/: .*//' | grep -qxF -- "$sig" && continue
    hash=$(sha256sum "$dir/$file" | cut -c1-8)
    ls "$dest/$reader" | grep -q -- "-$hash.bin" && continue
    n=$(( $(wc -l <"$dest/$reader/NOTES.tsv") + 1 ))
    name=$(printf '%02d-%s.bin' "$n" "$hash")
    cp "$dir/$file" "$dest/$reader/$name"
    printf '%s\t%s\n' "$name" "$verdict" >>"$dest/$reader/NOTES.tsv"
  done <"$dir/triage.tsv"
done
