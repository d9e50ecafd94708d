#!/usr/bin/env bash
# Checks to print before a session stops: what a reviewer would look at first. It does not fix anything;
# it ends by asking for one more read of the change.
set -uo pipefail
cd "$(dirname "$0")/.."
base="${1:-origin/main}"
git rev-parse --verify -q "$base" >/dev/null || base="$(git rev-list --max-parents=0 HEAD | tail -1)"
echo "== uncommitted files (should be none)"; git status --short | head -20
echo "== commits since $base"; git log --oneline "$base"..HEAD | cat
echo "== .ci/run runs the README's test command"
# The README's test command is the line `npm test` in its set-up section; .ci/run must end with it.
if grep -qx 'npm test' README.md && [ "$(tail -1 .ci/run)" = 'npm test' ]; then echo "ok: both say npm test"; else echo "CHECK: README and .ci/run disagree"; fi
echo "== the embedded default never reads ../shared"
grep -n "shared" data-manifests/default.json && echo "CHECK: default.json mentions shared" || echo "ok"
echo "== source files git ignores (a fresh clone would lack them; should be none)"
git status --ignored --short packages tools | grep '^!!' | grep -v 'dist/\|node_modules/\|\.tsbuildinfo\|\.cache/\|/out/' || echo "ok"
echo "== files over 1 MiB added since $base"
git diff --name-only --diff-filter=A "$base"..HEAD | while read -r f; do [ -f "$f" ] && [ "$(stat -c %s "$f")" -gt 1048576 ] && echo "CHECK: $f"; done; echo "(end)"
echo "== last test summary"; grep -h "^Summary:" /tmp/npmtest.log 2>/dev/null || echo "no recorded run: npm test"
echo "== repeated code added"; command -v duplicates >/dev/null && duplicates --change --base "$base" || echo "(duplicates not on PATH)"
echo
echo "Now read the whole change once more: git diff $base..HEAD"
