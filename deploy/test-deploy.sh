#!/usr/bin/env bash
# make test-deploy: provision a real Debian Bookworm root (debootstrap) with
# provision.sh --root, check users, files, permissions and enabled units, then run it
# again and check that the second run changes nothing. Slow: it downloads Debian
# packages and the app's wheels. Needs root.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-$(mktemp -d /tmp/kiosk-deploy-XXXXXX)}"
root="$work/root"

if [ "$(id -u)" != 0 ]; then
    echo "test-deploy: needs root (debootstrap, chroot)" >&2
    exit 1
fi
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null

if [ ! -x "$root/usr/bin/apt-get" ]; then
    echo "Building a Debian Bookworm root in $root ..."
    debootstrap --variant=minbase bookworm "$root" >"$work/debootstrap.log"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount --bind /proc "$root/proc"
mount --bind /dev "$root/dev"
cleanup() { umount "$root/proc" "$root/dev" 2>/dev/null || true; }
trap cleanup EXIT
chroot "$root" apt-get update -qq
# The root trusts what this machine trusts (a network's own CA, when there is one), so
# pip inside it reaches PyPI the way it does here.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    chroot "$root" apt-get install -y -qq ca-certificates >/dev/null
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    chroot "$root" update-ca-certificates >/dev/null
fi

fail() { echo "test-deploy: FAILED: $*" >&2; exit 1; }

echo "First run ..."
"$here/provision.sh" --root "$root" | tee "$work/first.log"

grep -q '^kiosk:' "$root/etc/passwd" || fail "no kiosk user"
for group in video render input audio; do
    if grep -q "^$group:" "$root/etc/group"; then
        grep -q "^$group:.*[:,]kiosk\(,\|$\)" "$root/etc/group" || fail "kiosk not in $group"
    fi
done
[ -x "$root/opt/kiosk/venv/bin/kiosk" ] || fail "no /opt/kiosk/venv/bin/kiosk"
chroot "$root" /opt/kiosk/venv/bin/kiosk --help >/dev/null || fail "kiosk does not start"
[ -f "$root/etc/kiosk/site.toml" ] || fail "no /etc/kiosk/site.toml"
[ "$(stat -c %a "$root/etc/kiosk/site.toml")" = 664 ] || fail "site.toml permissions"
kiosk_gid="$(awk -F: '$1 == "kiosk" { print $3 }' "$root/etc/group")"
[ "$(stat -c '%g %a' "$root/etc/kiosk")" = "$kiosk_gid 2775" ] || fail "/etc/kiosk not the kiosk group's"
[ "$(stat -c %g "$root/etc/kiosk/site.toml")" = "$kiosk_gid" ] || fail "site.toml group"
for unit in kiosk.service kiosk-export.service kiosk-export.timer kiosk-backup.service \
        kiosk-backup.timer; do
    [ "$(stat -c %a "$root/etc/systemd/system/$unit")" = 644 ] || fail "$unit permissions"
done
for unit in kiosk.service kiosk-export.timer kiosk-backup.timer; do
    systemctl --root="$root" is-enabled --quiet "$unit" || fail "$unit not enabled"
done
[ -f "$root/etc/systemd/system.conf.d/kiosk-watchdog.conf" ] || fail "no watchdog drop-in"
for unit in getty@tty1.service autovt@.service ctrl-alt-del.target; do
    [ "$(readlink "$root/etc/systemd/system/$unit")" = /dev/null ] || fail "$unit not masked"
done
[ -f "$root/etc/systemd/system.conf.d/kiosk-console.conf" ] || fail "no console drop-in"
[ -f "$root/etc/sysctl.d/90-kiosk-console.conf" ] || fail "SysRq keys not turned off"

echo "Second run ..."
"$here/provision.sh" --root "$root" | tee "$work/second.log"
grep -q "Nothing to change" "$work/second.log" || fail "the second run changed something"

echo "test-deploy: provisioned $root, and the second run changed nothing."
