#!/usr/bin/env bash
# Turns a freshly imaged Raspberry Pi OS Bookworm (64-bit) into the buurtwerkkamer door
# kiosk. Run it once with sudo; run it again to upgrade the app in place: it changes
# nothing that is already right.
#
#   sudo deploy/provision.sh              provision this Pi
#   sudo deploy/provision.sh --dry-run    print every change, make none
#   sudo deploy/provision.sh --root DIR   provision an image or chroot mounted at DIR
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: sudo deploy/provision.sh [--dry-run] [--root DIR] [--help]

Turns a stock Raspberry Pi OS Bookworm (64-bit) into the door kiosk:
  - OS packages (Python venv, OpenGL/EGL, libmtdev, fonts, espeak-ng)
  - system user "kiosk" in the groups for display, GPU, input and sound (the spoken words)
  - the app in /opt/kiosk (code in /opt/kiosk/app, venv in /opt/kiosk/venv, pinned
    versions from deploy/constraints.txt)
  - /etc/kiosk/site.toml from the default site (only if missing; never overwritten)
  - systemd units: kiosk.service, kiosk-export.timer (02:00), kiosk-backup.timer (02:30)
  - no screen blanking, the hardware watchdog (raspi-config, systemd)
  - a ticket printer, when site.toml has [printer]: the kiosk user in group lp, and for
    a USB printer a udev rule that gives group lp the device
  - nothing for a keyboard (or the scanner) to reach: no login prompt on the screen,
    Ctrl+Alt+Del and the SysRq keys do nothing (from the next start)
  - a firewall rule: the staff page's port answers the room's own network only

  --dry-run   print what would change; change nothing
  --root DIR  work on the system mounted at DIR (an SD card image, a chroot)
  --help      this text
USAGE
}

DRY_RUN=0
ROOT=""
while [ $# -gt 0 ]; do
    case "$1" in
        --dry-run) DRY_RUN=1 ;;
        --root) ROOT="${2:?--root needs a directory}"; shift ;;
        --root=*) ROOT="${1#--root=}" ;;
        -h|--help) usage; exit 0 ;;
        *) echo "provision.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

SOURCE="$(cd "$(dirname "$0")/.." && pwd)"
MOUNTED=()
unmount_all() {
    local point
    for point in "${MOUNTED[@]}"; do umount "$point" 2>/dev/null || true; done
}
trap unmount_all EXIT
ROOT="${ROOT%/}"
if [ -n "$ROOT" ] && [ ! -d "$ROOT" ]; then
    echo "provision.sh: $ROOT is not a directory" >&2
    exit 2
fi
if [ "$DRY_RUN" = 0 ] && [ "$(id -u)" != 0 ]; then
    echo "provision.sh: run it with sudo (or use --dry-run to see what it would do)" >&2
    exit 1
fi

# libfribidi0: Pillow shapes the ticket printer's Arabic with it; libusb-1.0-0: pyusb
# finds a USB ticket printer with it; libpango: WeasyPrint lays out the PDF report with it.
PACKAGES=(python3 python3-venv python3-pip libgl1 libegl1 libgles2 libmtdev1
          fonts-noto-core espeak-ng libfribidi0 libusb-1.0-0 nftables libpango-1.0-0
          libpangoft2-1.0-0)
KIOSK_GROUPS=(video render input audio)
UNITS=(kiosk.service kiosk-export.service kiosk-export.timer kiosk-backup.service
       kiosk-backup.timer)
# getty@tty1 is the login prompt on the screen at boot; autovt@ the one logind starts on
# another console when a keyboard switches to it (Alt+F2); ctrl-alt-del.target the
# reboot that Ctrl+Alt+Del asks for.
MASKED_UNITS=(getty@tty1.service autovt@.service ctrl-alt-del.target)
PRINTER_RULE=/etc/udev/rules.d/60-kiosk-printer.rules
CHANGED=0

say() { printf '%s\n' "$*"; }
change() {
    # change DESCRIPTION COMMAND...: run (or, dry, print) one change.
    local description="$1"
    shift
    CHANGED=1
    if [ "$DRY_RUN" = 1 ]; then
        say "would: $description"
    else
        say "doing: $description"
        "$@"
    fi
}
in_root() {
    if [ -n "$ROOT" ]; then
        prepare_chroot
        chroot "$ROOT" "$@"
    else
        "$@"
    fi
}

prepare_chroot() {
    # apt and pip inside the root need /proc, /dev and working name resolution.
    local point
    for point in proc dev sys; do
        if [ -d "$ROOT/$point" ] && ! mountpoint -q "$ROOT/$point"; then
            mount --bind "/$point" "$ROOT/$point"
            MOUNTED+=("$ROOT/$point")
        fi
    done
    if [ ! -s "$ROOT/etc/resolv.conf" ] && [ -f /etc/resolv.conf ]; then
        cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
    fi
    if [ "$(uname -m)" != "$(chroot "$ROOT" uname -m 2>/dev/null || echo unknown)" ] &&
            ! chroot "$ROOT" true 2>/dev/null; then
        echo "provision.sh: cannot run programs in $ROOT (another architecture?" \
             "install qemu-user-static and binfmt-support)" >&2
        exit 1
    fi
}

install_file() {
    # install_file SOURCE TARGET MODE: copy when missing or different.
    local source="$1" target="$ROOT$2" mode="$3"
    if [ -f "$target" ] && cmp -s "$source" "$target"; then
        return
    fi
    change "install $2" install -D -m "$mode" "$source" "$target"
}

packages() {
    local missing=() package
    for package in "${PACKAGES[@]}"; do
        if ! dpkg-query --admindir="$ROOT/var/lib/dpkg" -W -f='${Status}' "$package" \
                2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        # A fresh image has no package lists yet.
        change "apt-get update" in_root apt-get update -qq
        change "apt-get install ${missing[*]}" \
            in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
}

user() {
    local groups=() group
    for group in "${KIOSK_GROUPS[@]}"; do
        if grep -q "^$group:" "$ROOT/etc/group"; then groups+=("$group"); fi
    done
    if ! grep -q "^kiosk:" "$ROOT/etc/passwd"; then
        change "create system user kiosk" useradd ${ROOT:+--root "$ROOT"} --system \
            --home-dir /var/lib/kiosk --no-create-home --shell /usr/sbin/nologin \
            --user-group kiosk
    fi
    for group in "${groups[@]}"; do
        if ! grep -q "^$group:.*[:,]kiosk\(,\|$\)" "$ROOT/etc/group"; then
            change "add kiosk to group $group" usermod ${ROOT:+--root "$ROOT"} -a -G "$group" kiosk
        fi
    done
}

app() {
    local target="$ROOT/opt/kiosk/app" wanted installed
    # The code and the pinned versions, as one fingerprint: unchanged means nothing to do.
    wanted="$(source_fingerprint)"
    installed="$(cat "$ROOT/opt/kiosk/installed.sha256" 2>/dev/null || true)"
    if [ "$wanted" = "$installed" ] && [ -x "$ROOT/opt/kiosk/venv/bin/kiosk" ]; then
        return
    fi
    change "copy the app to /opt/kiosk/app" sync_app "$target"
    if [ ! -x "$ROOT/opt/kiosk/venv/bin/python" ]; then
        change "create the virtual environment /opt/kiosk/venv" \
            in_root python3 -m venv /opt/kiosk/venv
    fi
    change "install the kiosk into /opt/kiosk/venv (pinned versions)" \
        in_root /opt/kiosk/venv/bin/python -m pip install --quiet --upgrade \
        -c /opt/kiosk/app/deploy/constraints.txt /opt/kiosk/app
    change "record the installed version" write_fingerprint "$wanted"
}

source_files() {
    # The files git tracks, when this is a checkout: test output, caches and the local
    # venv must not make a second run reinstall.
    if git -C "$SOURCE" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git -C "$SOURCE" ls-files -z
    else
        (cd "$SOURCE" && find . -type f ! -path './.git/*' ! -path './.venv/*' \
            ! -path './build/*' ! -path '*/__pycache__/*' -print0)
    fi
}

source_fingerprint() {
    source_files | tar -C "$SOURCE" --null -T - --sort=name --mtime=@0 --owner=0 \
        --group=0 -cf - | sha256sum | cut -d' ' -f1
}

write_fingerprint() {
    printf '%s\n' "$1" > "$ROOT/opt/kiosk/installed.sha256"
}

sync_app() {
    local target="$1"
    rm -rf "$target"
    mkdir -p "$target"
    source_files | tar -C "$SOURCE" --null -T - -cf - | tar -C "$target" -xf -
}

config() {
    if [ ! -f "$ROOT/etc/kiosk/site.toml" ]; then
        change "create /etc/kiosk/site.toml from the default site (edit it!)" \
            install -D -m 0664 "$SOURCE/kiosk/site_default.toml" "$ROOT/etc/kiosk/site.toml"
    fi
    # The kiosk writes the site file when a key holder adds an activity (atomically:
    # a new file in the same folder, renamed over the old one), so the folder is the
    # kiosk group's to write in, and the file its to replace.
    # Numbers, not names: with --root the names would be looked up on this machine.
    if [ "$(stat -c '%g %a' "$ROOT/etc/kiosk" 2>/dev/null)" != "$(kiosk_gid) 2775" ]; then
        change "let the kiosk group write /etc/kiosk" set_config_owner
    fi
}

kiosk_gid() {
    awk -F: '$1 == "kiosk" { print $3 }' "$ROOT/etc/group"
}

set_config_owner() {
    local gid
    gid="$(kiosk_gid)"
    chgrp "$gid" "$ROOT/etc/kiosk" "$ROOT/etc/kiosk/site.toml"
    chmod 2775 "$ROOT/etc/kiosk"
    chmod 0664 "$ROOT/etc/kiosk/site.toml"
}

units() {
    local unit
    for unit in "${UNITS[@]}"; do
        install_file "$SOURCE/deploy/systemd/$unit" "/etc/systemd/system/$unit" 0644
    done
    install_file "$SOURCE/deploy/systemd/kiosk-watchdog.conf" \
        "/etc/systemd/system.conf.d/kiosk-watchdog.conf" 0644
    for unit in kiosk.service kiosk-export.timer kiosk-backup.timer; do
        if ! systemctl ${ROOT:+--root="$ROOT"} is-enabled --quiet "$unit" 2>/dev/null; then
            change "enable $unit" systemctl ${ROOT:+--root="$ROOT"} enable --quiet "$unit"
        fi
    done
    if [ -z "$ROOT" ] && [ "$CHANGED" = 1 ] && [ "$DRY_RUN" = 0 ]; then
        systemctl daemon-reload
        systemctl restart kiosk.service || true
    fi
}

console() {
    # A keyboard at the door, or a scanner programmed to type more than a card's code,
    # must reach nothing but the kiosk. The masks take effect at the next start: a
    # volunteer logged in on the screen right now keeps the session.
    local unit
    for unit in "${MASKED_UNITS[@]}"; do
        if [ "$(readlink "$ROOT/etc/systemd/system/$unit" 2>/dev/null)" != /dev/null ]; then
            change "mask $unit (nothing on the screen answers a keyboard)" \
                systemctl ${ROOT:+--root="$ROOT"} mask --quiet "$unit"
        fi
    done
    install_file "$SOURCE/deploy/systemd/kiosk-console.conf" \
        "/etc/systemd/system.conf.d/kiosk-console.conf" 0644
    install_file "$SOURCE/deploy/sysctl.d/90-kiosk-console.conf" \
        "/etc/sysctl.d/90-kiosk-console.conf" 0644
}

printer_settings() {
    # "usb VENDOR PRODUCT", "network" or "file" from the site file's [printer], read by
    # the kiosk's own checks; nothing when there is no printer.
    local site="$ROOT/etc/kiosk/site.toml"
    [ -f "$site" ] || site="$SOURCE/kiosk/site_default.toml"
    PYTHONPATH="$SOURCE" python3 - "$site" <<'PYTHON'
import sys
from kiosk.config import load_config
printer = load_config(sys.argv[1]).printer
if printer is not None and printer.connection == "usb":
    print(f"usb {printer.usb_vendor:04x} {printer.usb_product:04x}")
elif printer is not None:
    print(printer.connection)
PYTHON
}

printer_rule() {
    # printer_rule usb VENDOR PRODUCT | file: the udev rule that makes the device group lp's.
    say "# The buurtwerkkamer kiosk's ticket printer (deploy/provision.sh writes this file)."
    if [ "$1" = usb ]; then
        say "SUBSYSTEM==\"usb\", ATTR{idVendor}==\"$2\", ATTR{idProduct}==\"$3\", GROUP=\"lp\", MODE=\"0660\""
    else
        say 'SUBSYSTEM=="usbmisc", KERNEL=="lp[0-9]*", GROUP="lp", MODE="0660"'
    fi
}

write_printer_rule() {
    mkdir -p "$(dirname "$ROOT$PRINTER_RULE")"
    printer_rule "$@" > "$ROOT$PRINTER_RULE"
    chmod 0644 "$ROOT$PRINTER_RULE"
    if [ -z "$ROOT" ] && command -v udevadm >/dev/null; then
        # The printer may be plugged in already: its device gets the new group now.
        if udevadm control --reload-rules; then
            udevadm trigger --subsystem-match=usb --subsystem-match=usbmisc || true
        fi
    fi
}

printer() {
    local settings
    if ! settings="$(printer_settings 2>&1)"; then
        say "note: no printer set up, site.toml has a mistake: ${settings##*$'\n'}"
        return
    fi
    # shellcheck disable=SC2086  # "usb VENDOR PRODUCT": three words on purpose
    set -- $settings
    if [ "${1:-}" = usb ] || [ "${1:-}" = file ]; then
        if grep -q "^lp:" "$ROOT/etc/group" &&
                ! grep -q "^lp:.*[:,]kiosk\(,\|$\)" "$ROOT/etc/group"; then
            change "add kiosk to group lp (the ticket printer)" \
                usermod ${ROOT:+--root "$ROOT"} -a -G lp kiosk
        fi
        if [ "$(cat "$ROOT$PRINTER_RULE" 2>/dev/null)" != "$(printer_rule "$@")" ]; then
            change "install $PRINTER_RULE (the kiosk may use the ticket printer)" \
                write_printer_rule "$@"
        fi
    elif [ -f "$ROOT$PRINTER_RULE" ]; then
        change "remove $PRINTER_RULE (site.toml has no USB printer any more)" \
            rm -f "$ROOT$PRINTER_RULE"
    fi
}

staff_port() {
    # [staff] port in the site file, else the kiosk's default.
    local port
    port="$(awk '/^[[:space:]]*\[/ { staff = ($0 ~ /^[[:space:]]*\[staff\]/) }
                 staff && /^[[:space:]]*port[[:space:]]*=/ {
                     sub(/^[^=]*=[[:space:]]*/, ""); sub(/[^0-9].*$/, ""); print; exit }' \
            "$ROOT/etc/kiosk/site.toml" 2>/dev/null || true)"
    printf '%s\n' "${port:-8080}"
}

firewall() {
    # The staff page must not be reachable from beyond the room's network (a Pi on a
    # router with an open port, a guest Wi-Fi bridged to the internet).
    local rules target=/etc/nftables.d/kiosk-staff.nft
    rules="$(mktemp)"
    sed "s/@PORT@/$(staff_port)/g" "$SOURCE/deploy/nftables/kiosk-staff.nft" > "$rules"
    if ! { [ -f "$ROOT$target" ] && cmp -s "$rules" "$ROOT$target"; }; then
        change "install $target (the staff page's port: the room's network only)" \
            install -D -m 0644 "$rules" "$ROOT$target"
        if [ -z "$ROOT" ] && [ "$DRY_RUN" = 0 ] && command -v nft >/dev/null; then
            nft -f "$target" || say "note: nft could not load $target now; it loads at boot"
        fi
    fi
    rm -f "$rules"
    # Debian's nftables.service loads /etc/nftables.conf at boot; have it include ours.
    if ! grep -qs '^include "/etc/nftables.d/\*.nft"' "$ROOT/etc/nftables.conf"; then
        change "include /etc/nftables.d/*.nft in /etc/nftables.conf" include_nftables_d
    fi
    if [ -e "$ROOT/lib/systemd/system/nftables.service" ] ||
            [ -e "$ROOT/usr/lib/systemd/system/nftables.service" ]; then
        if ! systemctl ${ROOT:+--root="$ROOT"} is-enabled --quiet nftables.service 2>/dev/null; then
            change "enable nftables.service (loads the firewall at boot)" \
                systemctl ${ROOT:+--root="$ROOT"} enable --quiet nftables.service
        fi
    fi
}

include_nftables_d() {
    printf '\ninclude "/etc/nftables.d/*.nft"\n' >> "$ROOT/etc/nftables.conf"
}

raspberry_pi() {
    if [ -n "$ROOT" ]; then
        say "note: on the Pi itself, run once: sudo raspi-config nonint do_blanking 1"
        say "      and: sudo raspi-config nonint do_boot_behaviour B1"
        return
    fi
    if command -v raspi-config >/dev/null; then
        # 1 = screen blanking off (raspi-config's 0/1 are "yes"/"no" the other way round).
        if [ "$(raspi-config nonint get_blanking 2>/dev/null || echo 0)" != 1 ]; then
            change "turn screen blanking off" raspi-config nonint do_blanking 1
        fi
        # Boot to the console, without a desktop: the kiosk draws through KMS/DRM and a
        # desktop would hold the display. (B1: console, login required.)
        if [ "$(raspi-config nonint get_boot_cli 2>/dev/null || echo 0)" != 0 ]; then
            change "boot to the console (the kiosk is the only thing on the screen)" \
                raspi-config nonint do_boot_behaviour B1
        fi
    fi
}

packages
user
app
config
# Before units: a kiosk restarted there starts in its new group lp.
printer
units
console
firewall
raspberry_pi
if [ "$CHANGED" = 0 ]; then
    say "Nothing to change: this system is already the kiosk."
elif [ "$DRY_RUN" = 1 ]; then
    say "Dry run: nothing was changed."
else
    say "Done. Next: edit /etc/kiosk/site.toml, set the PIN with"
    say "  sudo -u kiosk KIOSK_DATA_DIR=/var/lib/kiosk /opt/kiosk/venv/bin/kiosk pin set"
    say "and the volunteers' PIN for the staff page with ... kiosk pin set --staff"
fi
