#!/usr/bin/env bash
# Runs samples/BringYourOwnAgent's tests the way an outside developer would: from packages, not project references
# (docs/packages.md, "The sample"). Packs the libraries into artifacts/packages with a version of its own
# (0.1.0-sample.<time>: NuGet never reuses a cached copy of an earlier pack), then restores, builds and tests the sample
# with that version. Extra arguments go to dotnet test.
#
#   scripts/test-sample.sh [dotnet test options]
set -Eeuo pipefail
cd "$(dirname "$0")/.."

on_error() {
  local line=${BASH_LINENO[${#BASH_LINENO[@]} - 2]}
  printf 'test-sample.sh: line %s failed (exit %s): %s\n' "$line" "$1" "$(sed -n "${line}s/^ *//p" "${BASH_SOURCE[0]}")" >&2
}
trap 'on_error $?' ERR

suffix=sample.$(date +%s)
prefix=$(sed -n 's|.*<VersionPrefix>\(.*\)</VersionPrefix>.*|\1|p' Directory.Build.props | head -n 1)
version=$prefix-$suffix

# Earlier sample packs in the machine's package cache are never used again.
cache=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
rm -rf "$cache"/mandate.*/"$prefix"-sample.*

VERSION_SUFFIX=$suffix scripts/pack.sh artifacts/packages >/dev/null
trap - ERR
dotnet test samples/BringYourOwnAgent/tests/InvoiceAgent.Tests -c Release -nologo -p:MandateVersion="$version" "$@"
