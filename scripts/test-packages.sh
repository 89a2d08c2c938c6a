#!/usr/bin/env bash
# Packs the working tree for tests/Mandate.Packages.Tests (docs/packages.md, "Tests"):
#
#   scripts/test-packages.sh      then: set -a; . .mandate/test-packages.env; set +a
#
# Copies what a pack reads (the Directory.* files, LICENSE, scripts/, the five libraries and src/Shared, as they are in
# the working tree, committed or not) to artifacts/package-test/source, makes it a git repository of one commit
# with a GitHub remote (a made-up one, so that SourceLink and the repository metadata have something known to
# point at, whatever this clone's remote is), runs its scripts/pack.sh into artifacts/package-test/packages and writes
# .mandate/test-packages.env: MANDATE_TEST_PACKAGES (the folder), MANDATE_TEST_PACKAGES_REPOSITORY (the remote) and
# MANDATE_TEST_PACKAGES_COMMIT (the commit). Without that file the package tests are reported as skipped.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

on_error() {
  local line=${BASH_LINENO[${#BASH_LINENO[@]} - 2]}
  printf 'test-packages.sh: line %s failed (exit %s): %s\n' "$line" "$1" "$(sed -n "${line}s/^ *//p" "${BASH_SOURCE[0]}")" >&2
}
trap 'on_error $?' ERR

work=$root/artifacts/package-test
source_dir=$work/source
remote=https://github.com/mandate-package-test/mandate.git
env_file=.mandate/test-packages.env

rm -rf "$work"
mkdir -p "$source_dir" .mandate
# Tracked and untracked files that git does not ignore, as they are now (a deleted file is skipped).
git ls-files -z --cached --others --exclude-standard -- Directory.Build.props Directory.Build.targets \
    Directory.Packages.props LICENSE .gitignore scripts src/Mandate.Client src/Mandate.Client.AspNetCore src/Mandate.AI \
    src/Mandate.Server src/Mandate.Testing src/Shared |
  while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done |
  tar --null -T - -cf - | tar -xf - -C "$source_dir"

git -C "$source_dir" init -q -b main
git -C "$source_dir" add -A
git -C "$source_dir" -c user.name=package-test -c user.email=package-test@example.invalid \
  commit -q --no-gpg-sign -m "the working tree, for the package tests"
git -C "$source_dir" remote add origin "$remote"
commit=$(git -C "$source_dir" rev-parse HEAD)

"$source_dir/scripts/pack.sh" "$work/packages"

umask 077
cat > "$env_file" <<ENV
MANDATE_TEST_PACKAGES='$work/packages'
MANDATE_TEST_PACKAGES_REPOSITORY='$remote'
MANDATE_TEST_PACKAGES_COMMIT='$commit'
ENV
echo "test-packages.sh: packages in $work/packages, settings in $env_file" >&2
