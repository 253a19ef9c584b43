#!/usr/bin/env bash
# Debian packages the browser tests need: Chromium (driven by Playwright, no browser download)
# and Japanese fonts. Installs only what is missing; needs root (or sudo) when something is.
set -euo pipefail

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
# grep without -q reads all input, so fc-list never dies of SIGPIPE under pipefail.
fc-list 2>/dev/null | grep "Noto Sans CJK" >/dev/null || packages+=(fonts-noto-cjk)
[ ${#packages[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${packages[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
