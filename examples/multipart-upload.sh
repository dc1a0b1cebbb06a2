#!/bin/sh
# Uploads FILE to BUCKET/KEY in parts through presigned URLs only, the way a client that
# holds no credentials would: create the upload, PUT each part, complete it with the
# list of parts and ETags, then download it again and compare.
#
#   examples/multipart-upload.sh FILE BUCKET/KEY
#
# PRESIGN names the presign binary (default: presign on the PATH); PART_SIZE is the part
# size in bytes (default 8 MiB; S3 and Storj want at least 5 MiB for every part but the
# last). presign's own settings (credentials, endpoint, signature) come from the usual
# places: variables or a profile.
set -eu

[ $# -eq 2 ] || { echo "usage: $0 FILE BUCKET/KEY" >&2; exit 2; }
file=$1
target=$2
# split and cmp read a file named '-' as stdin.
[ "$file" = - ] && file=./-
presign=${PRESIGN:-presign}
part_size=${PART_SIZE:-8388608}
curl="curl --fail --silent --show-error --globoff --path-as-is"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. Create: POST ?uploads; the answer is XML holding the UploadId. No body, but a length:
#    servers that follow S3's rules refuse a POST or PUT without one (411).
$curl -X POST -H 'Content-Length: 0' -o "$work/create.xml" "$("$presign" multipart create "$target")"
upload_id=$(sed -n 's:.*<UploadId>\(.*\)</UploadId>.*:\1:p' "$work/create.xml")
[ -n "$upload_id" ] || { echo "no UploadId in: $(cat "$work/create.xml")" >&2; exit 1; }

# From here on, a failure aborts the upload so its parts do not linger (and cost).
abort() {
    $curl -X DELETE "$("$presign" multipart abort "$target" --upload-id "$upload_id")" || true
}
trap 'abort; rm -rf "$work"' EXIT

# 2. Parts: split the file, ask for one URL per part, PUT each, keep each ETag as a line
#    "N ETAG" (the list `multipart complete --parts-file` reads).
split -b "$part_size" -a 5 "$file" "$work/part."
parts=$(ls "$work"/part.* | wc -l)
"$presign" multipart part "$target" --upload-id "$upload_id" --parts "$parts" > "$work/urls"
: > "$work/etags"
n=0
for part in "$work"/part.*; do
    n=$((n + 1))
    url=$(sed -n "${n}p" "$work/urls")
    # --request-target: the path as signed, even for a key ending in '/' (where curl
    # would append the part's file name to the URL).
    etag=$($curl --upload-file "$part" --request-target "/${url#*://*/}" -D - -o /dev/null "$url" |
        tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p')
    [ -n "$etag" ] || { echo "part $n: no ETag in the answer" >&2; exit 1; }
    echo "$n $etag" >> "$work/etags"
done

# 3. Complete: presign writes the XML list of parts; POST it. No Content-Type: a SigV2
#    URL did not sign one, and curl would otherwise send application/x-www-form-urlencoded.
#    S3 may answer 200 with an <Error> body, so the body is checked too.
"$presign" multipart complete "$target" --upload-id "$upload_id" --parts-file "$work/etags" \
    --body > "$work/complete.xml"
status=$(curl --silent --show-error --globoff --path-as-is -X POST -H 'Content-Type:' \
    --data-binary "@$work/complete.xml" -o "$work/done.xml" -w '%{http_code}' \
    "$("$presign" multipart complete "$target" --upload-id "$upload_id")")
if [ "$status" != 200 ] || grep -q '<Error>' "$work/done.xml"; then
    echo "complete failed ($status): $(cat "$work/done.xml")" >&2
    exit 1
fi
trap 'rm -rf "$work"' EXIT

# 4. Check: download it again and compare byte for byte.
$curl -o "$work/back" "$("$presign" get "$target")"
cmp "$file" "$work/back"
echo "multipart upload ok: $parts parts, $(wc -c < "$file" | tr -d ' ') bytes"
