#!/bin/bash
# Stops the daemons start.sh DIR started, by their pid files, radosgw first.
D=${1:?dir}
for n in client.rgw.a osd.0 mon.a; do
    f="$D/run/$n.pid"
    [ -f "$f" ] || continue
    p=$(cat "$f")
    kill "$p" 2>/dev/null || continue
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$p" 2>/dev/null && kill -9 "$p"
done
exit 0
