#!/usr/bin/env bash
# Regenerates a project's PublicAPI.Shipped.txt from its current public surface, after a deliberate change of the
# public API (docs/server.md, "Public API"; docs/client.md):
#
#   scripts/public-api.sh src/Mandate.Server
#
# Empties both lists, lets PublicApiAnalyzers' own code fix for RS0016 (`dotnet format analyzers`) write every public
# symbol into PublicAPI.Unshipped.txt, then moves that list to PublicAPI.Shipped.txt and leaves Unshipped with only
# `#nullable enable`. Review the diff: every added line is a public promise.
set -euo pipefail

project_dir=${1:?usage: scripts/public-api.sh PROJECT_DIR (e.g. src/Mandate.Server)}
project_dir=${project_dir%/}
csproj=$(find "$project_dir" -maxdepth 1 -name '*.csproj' | head -n 1)
[ -n "$csproj" ] || { echo "no .csproj in $project_dir" >&2; exit 2; }
shipped=$project_dir/PublicAPI.Shipped.txt
unshipped=$project_dir/PublicAPI.Unshipped.txt

printf '#nullable enable\n' > "$shipped"
printf '#nullable enable\n' > "$unshipped"
dotnet format analyzers "$csproj" --diagnostics RS0016 --severity info

# The code fix writes the entries in its own order; keep it (it is the order it expects when it adds a line later).
{ printf '#nullable enable\n'; grep -v '^#nullable enable$' "$unshipped" | sed '/^[[:space:]]*$/d'; } > "$shipped.tmp"
mv "$shipped.tmp" "$shipped"
printf '#nullable enable\n' > "$unshipped"
echo "$shipped: $(grep -vc '^#nullable enable$' "$shipped") entries"
