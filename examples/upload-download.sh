#!/bin/sh
# Uploads FILE to BUCKET/KEY through a presigned PUT URL, downloads it back through a
# presigned GET URL, and checks that the bytes match. Neither curl call holds a key:
# only presign does. Credentials and endpoint are whatever presign resolves (flags in
# PRESIGN_ARGS, PRESIGN_* / AWS_* variables, or a profile).
#
#   usage: examples/upload-download.sh BUCKET/KEY FILE
#   e.g.:  PRESIGN_PROFILE=storj examples/upload-download.sh my-bucket/notes.txt notes.txt
set -eu

if [ $# -ne 2 ]; then
    echo "usage: $0 BUCKET/KEY FILE" >&2
    exit 2
fi
target=$1
file=$2
# curl reads a file named '-' as stdin.
[ "$file" = - ] && file=./-
presign=${PRESIGN:-presign}
downloaded=$(mktemp)
trap 'rm -f "$downloaded"' EXIT

# shellcheck disable=SC2086 # PRESIGN_ARGS is a list of flags, split on purpose.
put_url=$("$presign" put ${PRESIGN_ARGS:-} --expires 10m -- "$target")
# --path-as-is keeps '.' and '..' key segments, which curl would otherwise remove;
# --globoff keeps '[1-2]' and '{a,b}' in the file name from naming other files; and
# --request-target sends the path as signed even for a key ending in '/', where curl
# would append the file's name to the URL.
curl --fail --silent --show-error --globoff --path-as-is --upload-file "$file" \
    --request-target "/${put_url#*://*/}" "$put_url"

# shellcheck disable=SC2086
get_url=$("$presign" get ${PRESIGN_ARGS:-} --expires 10m -- "$target")
curl --fail --silent --show-error --globoff --path-as-is --output "$downloaded" "$get_url"

cmp "$file" "$downloaded"
echo "round trip ok: $target ($(wc -c < "$file") bytes)"
