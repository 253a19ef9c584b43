#!/usr/bin/env bash
# Debian packages the tests need: Chromium (driven by Playwright, no browser download),
# Japanese fonts, and Pango for WeasyPrint. Installs only what is missing; needs root (or
# sudo) when something is.
set -euo pipefail

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
# grep without -q reads all input, so fc-list never dies of SIGPIPE under pipefail.
fc-list 2>/dev/null | grep "Noto Sans CJK" >/dev/null || packages+=(fonts-noto-cjk)
# WeasyPrint (the case booklet) needs Pango and HarfBuzz's subsetter.
ldconfig -p 2>/dev/null | grep "libpangoft2-1.0.so.0" >/dev/null || packages+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep "libharfbuzz-subset.so.0" >/dev/null || packages+=(libharfbuzz-subset0)
[ ${#packages[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${packages[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
