#!/bin/bash
# A throw-away Ceph cluster for the end-to-end tests (tests/support/radosgw.rs): one
# monitor, one in-memory OSD, no cephx, and radosgw on 127.0.0.1:$RGW_PORT with one user
# holding ACCESS_KEY and SECRET_KEY. Everything lives in DIR; stop.sh DIR stops it.
#
#   RGW_PORT=7480 MON_PORT=3300 MON_V1_PORT=6789 OWNER_PID=$$ start.sh DIR ACCESS_KEY SECRET_KEY
#
# The ports are the caller's choice, so that clusters of two test runs do not meet (the
# OSD picks free ones itself). With OWNER_PID, a watchdog stops the cluster once that
# process is gone, however it ended. Needs radosgw, ceph-mon and ceph-osd (Debian and
# Ubuntu packages of those names) and curl; about 15 to 60 s.
set -euo pipefail
D=${1:?dir}; AK=${2:?access key}; SK=${3:?secret key}
PORT=${RGW_PORT:-7480}; MON=${MON_PORT:-3300}; MON1=${MON_V1_PORT:-6789}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$D"/{run,log,mon.a,osd.0,rgw}
FSID=$(cat /proc/sys/kernel/random/uuid)
ADDRS="[v2:127.0.0.1:$MON,v1:127.0.0.1:$MON1]"
# mon data avail crit = 0: the monitor refuses to start below 5% free disk by default,
# which a throw-away cluster of memstore OSDs has no need of (this script then fails
# with status 28, ENOSPC).
cat > "$D/ceph.conf" <<CONF
[global]
fsid = $FSID
mon host = $ADDRS
mon initial members = a
public addr = 127.0.0.1
public network = 127.0.0.0/8
cluster network = 127.0.0.0/8
ms bind ipv6 = false
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc secure
ms client mode = crc secure
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon data avail warn = 1
mon data avail crit = 0
mon max pg per osd = 1000
run dir = $D/run
admin socket = $D/run/\$name.asok
log file = $D/log/\$name.log
pid file = $D/run/\$name.pid
keyring = $D/keyring
[mon.a]
mon data = $D/mon.a
[osd]
osd data = $D/osd.\$id
osd objectstore = memstore
memstore device bytes = 1073741824
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$PORT
rgw data = $D/rgw
CONF
if [ -n "${OWNER_PID:-}" ]; then
    # Detached from the caller's output (which it would hold open) and deaf to the
    # terminal's Ctrl-C, so that it outlives a test run that is interrupted.
    (
        trap '' INT HUP
        while kill -0 "$OWNER_PID" 2>/dev/null && [ -f "$D/ceph.conf" ]; do sleep 1; done
        bash "$HERE/stop.sh" "$D"
    ) </dev/null >/dev/null 2>&1 &
fi
C=(-c "$D/ceph.conf")
ceph-authtool --create-keyring "$D/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
monmaptool --create --addv a "$ADDRS" --fsid "$FSID" "$D/monmap" >/dev/null
ceph-mon "${C[@]}" --mkfs -i a --monmap "$D/monmap"
ceph-mon "${C[@]}" -i a
OSD=$(timeout 60 ceph "${C[@]}" osd create)
ceph-osd "${C[@]}" -i "$OSD" --mkfs 2>/dev/null
ceph "${C[@]}" osd crush add-bucket localhost host >/dev/null 2>&1
ceph "${C[@]}" osd crush move localhost root=default >/dev/null 2>&1
ceph "${C[@]}" osd crush add "osd.$OSD" 1.0 host=localhost >/dev/null 2>&1
ceph-osd "${C[@]}" -i "$OSD" 2>/dev/null
timeout 120 radosgw "${C[@]}" -n client.rgw.a
for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done
radosgw-admin "${C[@]}" user create --uid=e2e --display-name=e2e --access-key="$AK" --secret-key="$SK" >/dev/null
echo "radosgw ready on http://127.0.0.1:$PORT"
