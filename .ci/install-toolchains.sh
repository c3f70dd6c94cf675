#!/usr/bin/env bash
# Installs the real Go toolchains (and Delve) that gosetup's tests run against, from Debian's
# archive: golang-1.19-go and delve from bookworm, golang-1.21/1.22/1.23-go from
# bookworm-backports; and the shells the environment-store tests source their scripts with
# (zsh and fish from bookworm; sh and bash are always there). Idempotent: does nothing when
# every package is already installed.
set -euo pipefail

main_pkgs=(golang-1.19-go delve zsh fish)
backports_pkgs=(golang-1.21-go golang-1.22-go golang-1.23-go)

missing() { for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"; done; }

need_main=$(missing "${main_pkgs[@]}")
need_bp=$(missing "${backports_pkgs[@]}")
if [ -z "$need_main$need_bp" ]; then
  echo "install-toolchains: all Go toolchains and shells present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-toolchains: missing packages: $need_main $need_bp; run as root (or sudo) to install them" >&2
  exit 1
fi

# bookworm-backports from the same mirror URI the machine already uses for bookworm.
if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  uri=$(grep -rhs -A3 '^Types: deb' /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | awk '/^URIs:/ && $2 ~ /debian\/?$/ {print $2; exit}')
  [ -n "$uri" ] || uri=$(awk '$1=="deb" && $3=="bookworm" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$uri" ] || uri=http://deb.debian.org/debian
  cat > /etc/apt/sources.list.d/gosetup-bookworm-backports.sources <<SRC
Types: deb
URIs: $uri
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
[ -z "$need_main" ] || apt-get install -y -qq --no-install-recommends $need_main
[ -z "$need_bp" ] || apt-get install -y -qq --no-install-recommends -t bookworm-backports $need_bp
echo "install-toolchains: installed $need_main $need_bp"
