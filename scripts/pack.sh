#!/usr/bin/env bash
# Packs the five libraries into NuGet packages (docs/packages.md):
#
#   scripts/pack.sh [OUTPUT_DIR]      default artifacts/packages (git-ignored)
#
# Writes Mandate.Client, Mandate.Client.AspNetCore, Mandate.AI, Mandate.Server and Mandate.Testing as .nupkg with a .snupkg of
# symbols each, version from VersionPrefix in Directory.Build.props (VERSION_SUFFIX=preview.1 makes 0.1.0-preview.1).
# Reproducible: the build is a CI build (ContinuousIntegrationBuild: /_/ source paths in the PDBs) in its own folder,
# artifacts/build, so the solution's bin/ and obj/ keep their own settings, and the time stamps inside the packages
# are the commit's (SOURCE_DATE_EPOCH), so two packs of one commit give byte-identical packages.
set -Eeuo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
# No silent exit: a command that fails names itself and its line.
on_error() {
  local line=${BASH_LINENO[${#BASH_LINENO[@]} - 2]}
  printf 'pack.sh: line %s failed (exit %s): %s\n' "$line" "$1" "$(sed -n "${line}s/^ *//p" "${BASH_SOURCE[0]}")" >&2
}
trap 'on_error $?' ERR

out=${1:-artifacts/packages}
mkdir -p "$out"
out=$(cd "$out" && pwd)
build=$(pwd)/artifacts/build
packages=(Mandate.Client Mandate.Client.AspNetCore Mandate.AI Mandate.Server Mandate.Testing)

# Time stamps of the files in the packages: the last commit's, unless the caller gives one.
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || echo 315532800)
fi
export SOURCE_DATE_EPOCH

args=(-c Release -nologo -clp:ErrorsOnly --artifacts-path "$build" -o "$out" -p:ContinuousIntegrationBuild=true)
[ -n "${VERSION_SUFFIX:-}" ] && args+=(--version-suffix "$VERSION_SUFFIX")

for id in "${packages[@]}"; do
  rm -f "$out/$id".[0-9]*.nupkg "$out/$id".[0-9]*.snupkg
done
for id in "${packages[@]}"; do
  log "dotnet pack src/$id"
  extra=()
  # The server's package is its library without the host (Directory.Build.targets).
  [ "$id" = Mandate.Server ] && extra=(-p:OutputType=Library)
  dotnet pack "src/$id/$id.csproj" "${args[@]}" "${extra[@]}"
done
ls -1 "$out" | grep -E '^Mandate\..*\.s?nupkg$' | sed "s|^|$out/|"
