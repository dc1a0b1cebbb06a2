#!/usr/bin/env bash
# Whole-process speed of presign beside its peers, measured in one run on this machine.
#
#   benches/compare.sh            # 1,000,000 keys for presign; fewer for the slower peers
#   N=200000 benches/compare.sh   # a quicker run
#
# Batch: `presign get -` (SigV4 and SigV2, and with signed headers, --download-as, -o json),
# `presign verify -` over the URLs `get -` made, aws-sigv4's full request signer
# (benches/peers/aws_sigv4.rs) and boto3 (in a venv this script creates), each reading the
# same keys from stdin with output to /dev/null; the fastest of BATCH_ROUNDS (3) rounds. One-shot: `presign get BUCKET/KEY` vs a
# hello-world built with the same profile (hyperfine if installed, else a timed loop).
# Figures are ratios against presign measured in the same run: the machine is noisy.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000000}
PEER_N=${PEER_N:-$(( N / 5 ))}
BOTO_N=${BOTO_N:-$(( N / 50 ))}
ONESHOT_RUNS=${ONESHOT_RUNS:-3500}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "building (release profile)..." >&2
cargo build --release --quiet --bin presign --example bench-peer-aws-sigv4 --example bench-hello
presign=target/release/presign
peer=target/release/examples/bench-peer-aws-sigv4
hello=target/release/examples/bench-hello

venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
    echo "creating $venv with boto3..." >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check boto3==1.44.8
fi

python3 - "$N" > "$work/keys" <<'PY'
import random, sys
random.seed(42)
for i in range(int(sys.argv[1])):
    print(f"my-bucket/photos/2026/{i:07d}/IMG_{random.randint(0, 99999):05d} copy.jpg")
PY
head -n "$PEER_N" "$work/keys" > "$work/peer-keys"
head -n "$BOTO_N" "$work/keys" > "$work/boto-keys"

export PRESIGN_ACCESS_KEY=AKIAIOSFODNN7EXAMPLE
export PRESIGN_SECRET_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
export HOME="$work"   # no profile files to read

# Same URLs first: presign and the aws-sigv4 peer must agree on every signature.
at=2026-01-01T00:00:00Z
head -n 1000 "$work/keys" | "$presign" get - --at "$at" | sed 's/.*X-Amz-Signature=//' > "$work/ours"
head -n 1000 "$work/keys" | "$peer" 1767225600 | sed 's/.*X-Amz-Signature=\([0-9a-f]*\).*/\1/' > "$work/theirs"
cmp -s "$work/ours" "$work/theirs" || { echo "presign and aws-sigv4 disagree" >&2; exit 1; }
echo "signatures of 1000 URLs identical to aws-sigv4's" >&2
# URLs for `verify -`, signed at a fixed instant it checks them at.
"$presign" get - --at "$at" < "$work/keys" > "$work/urls"

# measure NAME COUNT INPUT CMD...: prints "NAME COUNT SECONDS RSS_KB"
measure() {
    local name=$1 count=$2 input=$3; shift 3
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/rss" "$@" < "$input" > /dev/null
    end=$(date +%s%N)
    echo "$name $count $(( end - start )) $(cat "$work/rss")"
}

# Every batch runs in each of BATCH_ROUNDS rounds, and the fastest run of each counts: the
# host steals CPU time in bursts, and the fastest run is the one it disturbed least.
BATCH_ROUNDS=${BATCH_ROUNDS:-3}
for round in $(seq "$BATCH_ROUNDS"); do
    measure "presign-v4" "$N" "$work/keys" "$presign" get -
    measure "presign-v2" "$N" "$work/keys" "$presign" get - --signature v2
    measure "presign-v4-3hdr" "$N" "$work/keys" "$presign" put - \
        --content-type image/jpeg --meta owner=ci --acl private 2> /dev/null
    measure "presign-v4-bounds" "$N" "$work/keys" "$presign" put - --content-length 1024 \
        --if-none-match '*' --in-url --meta a=b 2> /dev/null
    measure "presign-v4-dl-as" "$N" "$work/keys" "$presign" get - --download-as "photo.jpg"
    measure "presign-v4-json" "$N" "$work/keys" "$presign" get - -o json
    measure "verify-v4" "$N" "$work/urls" "$presign" verify - --at "$at"
    measure "aws-sigv4" "$PEER_N" "$work/peer-keys" "$peer"
    measure "boto3" "$BOTO_N" "$work/boto-keys" "$venv/bin/python" benches/boto3_batch.py
done > "$work/batch"

echo
echo "Batch: URLs per second of whole-process time (stdin -> /dev/null), fastest of $BATCH_ROUNDS rounds"
awk '
    !($1 in n) { order[++count]=$1 }
    { n[$1]=$2; if (!($1 in t) || $3 < t[$1]) t[$1]=$3; if ($4 > rss[$1]) rss[$1]=$4 }
    END {
        base = n["presign-v4"] / (t["presign-v4"] / 1e9)
        printf "%-17s %10s %12s %12s %14s\n", "signer", "URLs", "URLs/s", "peak RSS", "v4 rate / this"
        for (i=1; i<=count; i++) {
            s = order[i]; rate = n[s] / (t[s] / 1e9)
            printf "%-17s %10d %12.0f %9.1f MiB %14.2f\n", s, n[s], rate, rss[s]/1024, base/rate
            # Every presign batch keeps at least 0.8x the plain `get -` rate (issue 17).
            if (s ~ /^presign-/ && rate < 0.8 * base) { slow = slow " " s }
        }
        if (slow != "") { print "below 0.8x the plain get - rate:" slow; exit 1 }
    }' "$work/batch"

echo
echo "multipart part --parts 10000: wall time of the whole process, median of 11 runs"
for i in $(seq 11); do
    start=$(date +%s%N)
    "$presign" multipart part my-bucket/big.iso --upload-id VXBsb2FkIElE --parts 10000 > "$work/parts"
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 ))
done | sort -n | awk '{ t[NR]=$1 } END { printf "median %.1f ms (min %.1f, max %.1f)\n", t[6]/1000, t[1]/1000, t[NR]/1000 }'
[ "$(wc -l < "$work/parts")" -eq 10000 ] || { echo "expected 10000 part URLs" >&2; exit 1; }

echo
echo "One-shot: one URL, whole process"
# The machine drifts, so measure in rounds that alternate which command goes first, and
# report every round's ratio of medians and the median of those ratios.
ROUNDS=${ROUNDS:-7}
if command -v hyperfine > /dev/null; then
    for round in $(seq "$ROUNDS"); do
        if [ $(( round % 2 )) -eq 1 ]; then
            order=("$hello" "$presign get my-bucket/photo.jpg")
        else
            order=("$presign get my-bucket/photo.jpg" "$hello")
        fi
        hyperfine -N --warmup 50 --runs "$(( ONESHOT_RUNS / ROUNDS ))" \
            --export-json "$work/oneshot-$round.json" "${order[@]}" > /dev/null 2>&1
    done
    python3 - "$hello" "$work"/oneshot-*.json <<'PY'
import json, statistics, sys
hello_cmd, files = sys.argv[1], sys.argv[2:]
ratios, hellos, presigns = [], [], []
for f in files:
    r = {x["command"]: x["median"] for x in json.load(open(f))["results"]}
    h = r.pop(hello_cmd)
    (p,) = r.values()
    hellos.append(h); presigns.append(p); ratios.append(p / h)
print("rounds (presign median / hello-world median): " + ", ".join(f"{x:.2f}" for x in ratios))
print(f"hello-world {statistics.median(hellos)*1e3:.3f} ms, presign {statistics.median(presigns)*1e3:.3f} ms (medians of rounds): "
      f"presign is {statistics.median(ratios):.2f}x hello-world (median ratio)")
PY
else
    loop() { local s e; s=$(date +%s%N); for _ in $(seq "$ONESHOT_RUNS"); do "$@" > /dev/null; done; e=$(date +%s%N); echo $(( (e - s) / ONESHOT_RUNS )); }
    h=$(loop "$hello"); p=$(loop "$presign" get my-bucket/photo.jpg)
    awk -v h="$h" -v p="$p" 'BEGIN { printf "hello-world %.3f ms, presign %.3f ms: presign is %.2fx hello-world\n", h/1e6, p/1e6, p/h }'
fi
/usr/bin/time -f "presign one-shot peak RSS: %M KiB" "$presign" get my-bucket/photo.jpg > /dev/null
