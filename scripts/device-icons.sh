#!/usr/bin/env bash
# Renders the device page's app icons (src/Mandate.Server/Device/Page/icon-192.png and icon-512.png, listed in its
# manifest.webmanifest) from icon.svg with Debian's headless Chromium: the shield centred on the page's theme colour,
# inside the middle 80% so that launchers which mask icons into circles keep all of it. Run it after changing
# icon.svg and commit the PNGs; the build does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
page=src/Mandate.Server/Device/Page
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for size in 192 512; do
  cat >"$work/icon.html" <<HTML
<!doctype html><html><head><style>
  html, body { margin: 0; width: ${size}px; height: ${size}px; background: #1d3557; overflow: hidden; }
  img { display: block; width: 60%; height: 60%; margin: 20%; }
</style></head><body><img src="file://$(pwd)/$page/icon.svg" alt=""></body></html>
HTML
  /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$work/profile" --force-device-scale-factor=1 \
    --window-size="$size,$size" --screenshot="$work/icon-$size.png" "file://$work/icon.html" 2>/dev/null
  cp "$work/icon-$size.png" "$page/icon-$size.png"
  echo "wrote $page/icon-$size.png"
done
