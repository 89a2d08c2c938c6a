#!/usr/bin/env bash
# Renders the device approval page (/device) with a pending purchase on a phone-sized screen (390×844, 2× pixels)
# into docs/images/device.png, and the same purchase once the person has a passkey into docs/images/device-passkey.png. It runs the browser test that drives that screen (a real server on a loopback port,
# a signed CIBA request from the test agent, Debian's headless Chromium) with MANDATE_SCREENSHOT set.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "==> apt-get install chromium"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

mkdir -p docs/images
MANDATE_SCREENSHOT="$(pwd)/docs/images/device.png" MANDATE_PASSKEY_SCREENSHOT="$(pwd)/docs/images/device-passkey.png" \
  dotnet test tests/Mandate.Server.Tests -nologo \
  --filter "FullyQualifiedName~DevicePageTests.PendingPurchase_OnAPhoneScreen_FitsWithoutSidewaysScrolling|FullyQualifiedName~PasskeyPageTests.PaymentThatNeedsThePasskey_OnAPhoneScreen_FitsWithoutSidewaysScrolling"
echo "wrote docs/images/device.png and docs/images/device-passkey.png"
