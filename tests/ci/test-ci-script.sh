#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Blastguard authors
# SPDX-License-Identifier: GPL-3.0-or-later
# The pipeline script (packaging/ci/blastguard-ci.sh: the GitHub Action's and the GitLab
# template's logic) against the bundled scenarios: the summary is written, the comment body
# stays under 65,000 bytes, the exit code is the gate's; comments are posted once and then
# updated in place (a stand-in curl plays GitHub's and GitLab's APIs); the README's snippet is
# run as written.
#   test-ci-script.sh BUILD_DIR
set -euo pipefail
build="$(cd "$1" && pwd)"
source_dir="$(cd "$(dirname "$0")/../.." && pwd)"
script="$source_dir/packaging/ci/blastguard-ci.sh"
export BLASTGUARD_CLI="$build/app/blastguard-cli"
command -v jq >/dev/null || { echo "SKIP: jq is not installed"; exit 77; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
check() { # check DESCRIPTION CONDITION...
    local what="$1"
    shift
    if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}
unset GITHUB_STEP_SUMMARY GITHUB_TOKEN GITLAB_TOKEN CI_MERGE_REQUEST_IID GITHUB_EVENT_PATH || true

# 1. Each scenario: summary, comment, exit code = the gate's.
for name in incident safe-updates missing-state db-replacement force-destroy-bucket; do
    plan="$source_dir/resources/scenarios/$name/plan.json"
    [ -f "$plan" ] || continue
    rm -f "$work/summary.md" "$work/comment.md"
    code=0
    BLASTGUARD_SUMMARY="$work/summary.md" BLASTGUARD_COMMENT_FILE="$work/comment.md" \
        bash "$script" "$plan" >"$work/out.txt" 2>&1 || code=$?
    gate=0
    "$BLASTGUARD_CLI" gate "$plan" >/dev/null 2>&1 || gate=$?
    check "$name: exit $code is the gate's ($gate)" [ "$code" -eq "$gate" ]
    "$BLASTGUARD_CLI" report "$plan" --format markdown -o "$work/alone.md"
    headline="$(grep -m1 -v '^\s*$' "$work/alone.md")" # not from a pipe: grep -m1 would cut it
    check "$name: the summary holds the report" grep -qF "$headline" "$work/summary.md"
    check "$name: the comment starts with its marker" \
        grep -qxF "<!-- blastguard-report: $plan -->" <(head -n 1 "$work/comment.md")
    check "$name: the comment is under 65,000 bytes" [ "$(wc -c <"$work/comment.md")" -le 65000 ]
done
check "a blocked plan says so" grep -q "BLOCKED" <(BLASTGUARD_SUMMARY="$work/s.md" bash "$script" \
    "$source_dir/resources/scenarios/incident/plan.json" 2>&1 || true)

# 2. An unreadable plan: exit 2, and the summary says why.
code=0
BLASTGUARD_SUMMARY="$work/bad.md" bash "$script" "$source_dir/tests/fixtures/bad-truncated.json" \
    >/dev/null 2>&1 || code=$?
check "an unreadable plan exits 2" [ "$code" -eq 2 ]
check "its summary says it could not be read" grep -q "could not be read" "$work/bad.md"
check "and names where" grep -q "bad-truncated.json" "$work/bad.md"

# 3. A 10,000-resource destroy: its Markdown report is bounded to fit a comment.
"$build/tests/tools/bg-genplan" --resources 10000 --seed 3 --destroy -o "$work/big.json" >/dev/null 2>&1
code=0
BLASTGUARD_SUMMARY="$work/big-summary.md" BLASTGUARD_COMMENT_FILE="$work/big-comment.md" \
    bash "$script" "$work/big.json" >/dev/null 2>&1 || code=$?
check "a 10,000-resource destroy is blocked (3)" [ "$code" -eq 3 ]
check "its comment is at most 65,000 bytes" [ "$(wc -c <"$work/big-comment.md")" -le 65000 ]
# A report longer than a comment may be (a stand-in CLI writes 200,000 bytes of it, in
# three-byte characters): cut with a note, whole in the summary.
cat >"$work/long-cli" <<'LONG'
#!/usr/bin/env bash
case "$1" in
report)
    out=; while [ $# -gt 0 ]; do [ "$1" = -o ] && out="$2"; shift; done
    { echo "## DATA LOSS"; for i in $(seq 1 5000); do echo "- line $i — ✓ a long report ✓ ✓ ✓"; done; } >"$out" ;;
gate) exit 3 ;;
esac
LONG
chmod +x "$work/long-cli"
code=0
BLASTGUARD_CLI="$work/long-cli" BLASTGUARD_SUMMARY="$work/long-summary.md" \
    BLASTGUARD_COMMENT_FILE="$work/long-comment.md" bash "$script" plan.json >/dev/null 2>&1 || code=$?
check "a long report: exit 3 still" [ "$code" -eq 3 ]
check "its comment is at most 65,000 bytes" [ "$(wc -c <"$work/long-comment.md")" -le 65000 ]
check "its comment says it was cut" grep -q "the report is cut here" "$work/long-comment.md"
check "its comment is valid UTF-8 (no character cut in half)" \
    iconv -f UTF-8 -t UTF-8 "$work/long-comment.md" -o /dev/null
check "its summary is whole" grep -q "line 5000 " "$work/long-summary.md"

# 4. Posting: a stand-in curl answers as the API would and logs what was asked.
mkdir -p "$work/bin"
cat >"$work/bin/curl" <<'CURL'
#!/usr/bin/env bash
method=GET data= url=
while [ $# -gt 0 ]; do
    case "$1" in
    -X) method="$2"; shift 2 ;;
    --data) data="${2#@}"; shift 2 ;;
    -H) shift 2 ;;
    http*) url="$1"; shift ;;
    *) shift ;;
    esac
done
echo "$method $url" >>"$STANDIN_LOG"
if [ "$method" = GET ]; then
    case "$url" in
    */user) [ -n "${STANDIN_USER:-}" ] || exit 22; echo "$STANDIN_USER" ;; # GITHUB_TOKEN: 403
    *) cat "$STANDIN_COMMENTS" ;;
    esac
else
    [ "$method" != "${STANDIN_FAIL:-}" ] || exit 22 # as curl -f does on a 403
    cp "$data" "$STANDIN_LOG.body"; echo '{}'
fi
CURL
chmod +x "$work/bin/curl"
export STANDIN_LOG="$work/curl.log" STANDIN_COMMENTS="$work/comments.json"
plan="$source_dir/resources/scenarios/incident/plan.json"
echo '{"pull_request": {"number": 7}}' >"$work/event.json"
github() {
    PATH="$work/bin:$PATH" GITHUB_TOKEN=t GITHUB_REPOSITORY=owner/repo GITHUB_EVENT_PATH="$work/event.json" \
        GITHUB_API_URL=http://api.test GITHUB_STEP_SUMMARY="$work/gh-summary.md" \
        bash "$script" "$plan" >/dev/null 2>&1 || true
}
echo '[{"id": 1, "body": "LGTM"}]' >"$STANDIN_COMMENTS"
rm -f "$STANDIN_LOG"
github
check "GitHub: the first run posts a comment" grep -qx "POST http://api.test/repos/owner/repo/issues/7/comments" "$STANDIN_LOG"
check "GitHub: its body carries the marker" jq -e -r --arg m "<!-- blastguard-report: $plan -->" \
    '.body | startswith($m)' "$STANDIN_LOG.body"
# Comments by the bot (42), by someone who copied its marker (41, first), by a user (43).
jq -n --arg b "<!-- blastguard-report: $plan -->
old report" '[{"id": 1, "body": "LGTM", "user": {"login": "alice"}},
  {"id": 41, "body": ($b + " (all safe, approve)"), "user": {"login": "mallory"}},
  {"id": 2, "body": null, "user": {"login": "ghost"}},
  {"id": 42, "body": $b, "user": {"login": "github-actions[bot]"}},
  {"id": 43, "body": $b, "user": {"login": "ci-user"}}]' >"$STANDIN_COMMENTS"
rm -f "$STANDIN_LOG"
github
check "GitHub: the next run updates that comment in place" grep -qx "PATCH http://api.test/repos/owner/repo/issues/comments/42" "$STANDIN_LOG"
check "GitHub: not the one someone else wrote with its marker" bash -c "! grep -q 'comments/41' '$STANDIN_LOG'"
check "GitHub: and posts no second one" bash -c "! grep -q '^POST' '$STANDIN_LOG'"
check "GitHub: the summary was written" grep -q "DATA LOSS" "$work/gh-summary.md"
rm -f "$STANDIN_LOG"
STANDIN_USER='{"login": "ci-user"}' github # a personal token: /user names its account
check "GitHub: a personal token updates its account's comment" grep -qx "PATCH http://api.test/repos/owner/repo/issues/comments/43" "$STANDIN_LOG"
rm -f "$STANDIN_LOG"
BLASTGUARD_COMMENT_AUTHOR=ci-user github
check "GitHub: BLASTGUARD_COMMENT_AUTHOR names the account" grep -qx "PATCH http://api.test/repos/owner/repo/issues/comments/43" "$STANDIN_LOG"
rm -f "$STANDIN_LOG"
STANDIN_FAIL=PATCH github
check "GitHub: a comment it may not update: a new one is posted" grep -qx "POST http://api.test/repos/owner/repo/issues/7/comments" "$STANDIN_LOG"
jq 'map(select(.id != 42))' "$STANDIN_COMMENTS" >"$work/c.json" && mv "$work/c.json" "$STANDIN_COMMENTS"
rm -f "$STANDIN_LOG"
github
check "GitHub: only someone else's comment with the marker: a new one is posted" grep -qx "POST http://api.test/repos/owner/repo/issues/7/comments" "$STANDIN_LOG"
check "GitHub: and theirs is left alone" bash -c "! grep -q '^PATCH' '$STANDIN_LOG'"
echo '{"push": true}' >"$work/push.json"
rm -f "$STANDIN_LOG"
PATH="$work/bin:$PATH" GITHUB_TOKEN=t GITHUB_REPOSITORY=owner/repo GITHUB_EVENT_PATH="$work/push.json" \
    bash "$script" "$plan" >/dev/null 2>&1 || true
check "GitHub: no pull request, no comment" bash -c "[ ! -s '$STANDIN_LOG' ]"
gitlab() {
    PATH="$work/bin:$PATH" GITLAB_TOKEN=t CI_API_V4_URL=http://gitlab.test/api/v4 CI_PROJECT_ID=5 \
        CI_MERGE_REQUEST_IID=9 bash "$script" "$plan" >/dev/null 2>&1 || true
}
jq -n --arg b "<!-- blastguard-report: $plan -->
old report" '[{"id": 41, "body": $b, "author": {"username": "mallory"}},
  {"id": 42, "body": $b, "author": {"username": "blastguard-bot"}}]' >"$STANDIN_COMMENTS"
rm -f "$STANDIN_LOG"
STANDIN_USER='{"username": "blastguard-bot"}' gitlab
check "GitLab: the note is updated in place" grep -qx "PUT http://gitlab.test/api/v4/projects/5/merge_requests/9/notes/42" "$STANDIN_LOG"
check "GitLab: not the one someone else wrote with its marker" bash -c "! grep -q 'notes/41' '$STANDIN_LOG'"
rm -f "$STANDIN_LOG"
gitlab # the token's account unknown: no note is updated
check "GitLab: an unknown account updates no note, it posts one" grep -qx "POST http://gitlab.test/api/v4/projects/5/merge_requests/9/notes" "$STANDIN_LOG"
check "GitLab: and touches none" bash -c "! grep -q '^PUT' '$STANDIN_LOG'"
echo '[]' >"$STANDIN_COMMENTS"
rm -f "$STANDIN_LOG"
PATH="$work/bin:$PATH" GITLAB_TOKEN=t CI_API_V4_URL=http://gitlab.test/api/v4 CI_PROJECT_ID=5 \
    CI_MERGE_REQUEST_IID=9 bash "$script" "$plan" >/dev/null 2>&1 || true
check "GitLab: the first run posts a note" grep -qx "POST http://gitlab.test/api/v4/projects/5/merge_requests/9/notes" "$STANDIN_LOG"

# The action and the GitLab template call this very script, with the plan and the gate's inputs.
action="$source_dir/action.yml"
check "action.yml runs the script" grep -q 'GITHUB_ACTION_PATH/packaging/ci/blastguard-ci.sh' "$action"
check "action.yml is composite" grep -q 'using: composite' "$action"
for input in plan approval allowed-signers policy; do
    check "action.yml takes $input" grep -q "^  $input:" "$action"
done
check "the GitLab template runs the packaged script" \
    grep -q 'bash /usr/share/blastguard/ci/blastguard-ci.sh "$BLASTGUARD_PLAN"' \
    "$source_dir/packaging/ci/gitlab-blastguard.yml"

# 5. The README's snippet, as written, in a folder with the incident's plan as plan.json.
snippet="$(awk '/<!-- tested by tests\/ci\/test-ci-script.sh -->/ {found=1; next} found && /^```sh/ {inside=1; next} inside && /^```/ {exit} inside {print}' "$source_dir/README.md")"
check "the README has the snippet" [ -n "$snippet" ]
mkdir -p "$work/readme"
cp "$plan" "$work/readme/plan.json"
code=0
(cd "$work/readme" && PATH="$(dirname "$BLASTGUARD_CLI"):$PATH" \
    bash -c "set -e; $(printf '%s' "$snippet" | sed "s#packaging/ci/#$source_dir/packaging/ci/#g")") >/dev/null 2>&1 || code=$?
check "the README's snippet exits 3 on the incident" [ "$code" -eq 3 ]
check "and writes its summary" grep -q "DATA LOSS" "$work/readme/summary.md"

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
echo "all checks passed"
