#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Blastguard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Blastguard in a pipeline: the logic of the GitHub Action (action.yml) and of the GitLab CI
# template (packaging/ci/gitlab-blastguard.yml), in one plain script that runs anywhere.
#
#   blastguard-ci.sh PLAN [--approval FILE] [--allowed-signers FILE] [--policy FILE]
#
# PLAN is `terraform show -json` output or the saved plan itself (terraform plan -out).
# 1. The Markdown report is appended to the job's summary: $GITHUB_STEP_SUMMARY, else
#    $BLASTGUARD_SUMMARY (a file), else nothing.
# 2. One comment per plan on the pull or merge request, found again by a hidden marker and
#    updated in place; at most 65,000 characters (GitHub's limit is 65,536), the report cut with
#    a note when longer. Only a comment the token's own account wrote is updated (anyone may
#    write the marker); when there is none, or it cannot be updated, a new one is posted. The
#    account: $BLASTGUARD_COMMENT_AUTHOR when set, else the API's /user, else, on GitHub,
#    github-actions[bot] (GITHUB_TOKEN's comments are that account's, and it may not read
#    /user: marocchino/sticky-pull-request-comment#332 met the same); on GitLab without it, no
#    note is updated. A GitHub App's token writes as its own bot: name it in
#    BLASTGUARD_COMMENT_AUTHOR, or each run posts a new comment. GitHub: $GITHUB_TOKEN, $GITHUB_REPOSITORY, the pull request of
#    $GITHUB_EVENT_PATH, $GITHUB_API_URL. GitLab: $GITLAB_TOKEN (a token that may comment),
#    $CI_API_V4_URL, $CI_PROJECT_ID, $CI_MERGE_REQUEST_IID. Elsewhere, or without a token, the
#    body is written to $BLASTGUARD_COMMENT_FILE when set, and nothing is posted.
# 3. The gate decides the exit code: 0 passed, 3 blocked (the step fails: the plan needs a
#    signed approval), 2 the plan could not be read, 1 a usage error.
# $BLASTGUARD_CLI names blastguard-cli (default: the one on PATH).
set -euo pipefail

usage() {
    echo "usage: blastguard-ci.sh PLAN [--approval FILE] [--allowed-signers FILE] [--policy FILE]" >&2
    exit 1
}
[ $# -ge 1 ] || usage
plan="$1"
shift
gate_args=()
policy_args=()
while [ $# -gt 0 ]; do
    case "$1" in
    --approval | --allowed-signers)
        [ $# -ge 2 ] || usage
        [ -n "$2" ] && gate_args+=("$1" "$2")
        shift 2
        ;;
    --policy)
        [ $# -ge 2 ] || usage
        [ -n "$2" ] && policy_args+=("$1" "$2")
        shift 2
        ;;
    *) usage ;;
    esac
done
cli="${BLASTGUARD_CLI:-blastguard-cli}"
command -v "$cli" >/dev/null || { echo "blastguard-ci: $cli is not installed" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. The report. An unreadable plan is said in the summary too, then the gate's 2 ends the job.
report_code=0
"$cli" report "$plan" --format markdown "${policy_args[@]}" -o "$work/report.md" 2>"$work/report.err" \
    || report_code=$?
if [ "$report_code" -ne 0 ]; then
    { echo "## Blastguard: the plan could not be read"; echo; echo '```'; cat "$work/report.err"; echo '```'; } \
        >"$work/report.md"
fi
summary="${GITHUB_STEP_SUMMARY:-${BLASTGUARD_SUMMARY:-}}"
if [ -n "$summary" ]; then
    cat "$work/report.md" >>"$summary"
    echo >>"$summary"
fi

# 2. The comment: a marker that names the plan, then the report, cut to fit.
marker="<!-- blastguard-report: $plan -->"
limit=65000
{
    echo "$marker"
    cat "$work/report.md"
} >"$work/comment.md"
if [ "$(wc -c <"$work/comment.md")" -gt "$limit" ]; then # bytes: never fewer than characters
    note=$'\n\n… the report is cut here: it is longer than a comment may be. The whole report is in the job summary.\n'
    keep=$((limit - ${#note} - 10))
    { head -c "$keep" "$work/comment.md" | iconv -c -f UTF-8 -t UTF-8; printf '%s' "$note"; } >"$work/cut.md"
    mv "$work/cut.md" "$work/comment.md"
fi
[ -n "${BLASTGUARD_COMMENT_FILE:-}" ] && cp "$work/comment.md" "$BLASTGUARD_COMMENT_FILE"

# The id of the first comment in the JSON list on stdin that starts with the marker and whose
# author (at the jq path $1, e.g. .user.login) is $2; nothing when $2 is empty.
own_comment() {
    [ -n "$2" ] || { cat >/dev/null; return 0; }
    jq -r --arg m "$marker" --arg me "$2" \
        "[.[] | select((.body | type) == \"string\" and (.body | startswith(\$m)) and $1 == \$me)][0].id // empty"
}

post_github() {
    local pr api="${GITHUB_API_URL:-https://api.github.com}"
    pr="$(jq -r '.pull_request.number // empty' "$GITHUB_EVENT_PATH")"
    [ -n "$pr" ] || { echo "blastguard-ci: not a pull request: no comment posted"; return 0; }
    local auth=(-H "Authorization: Bearer $GITHUB_TOKEN" -H "Accept: application/vnd.github+json")
    local me="${BLASTGUARD_COMMENT_AUTHOR:-}" existing
    [ -n "$me" ] || me="$(curl -fsS "${auth[@]}" "$api/user" 2>/dev/null | jq -r '.login // empty' 2>/dev/null || true)"
    [ -n "$me" ] || me="github-actions[bot]"
    existing="$(curl -fsS "${auth[@]}" "$api/repos/$GITHUB_REPOSITORY/issues/$pr/comments?per_page=100" |
        own_comment .user.login "$me")"
    jq -n --rawfile body "$work/comment.md" '{body: $body}' >"$work/payload.json"
    if [ -n "$existing" ] && curl -fsS "${auth[@]}" -X PATCH --data @"$work/payload.json" \
        "$api/repos/$GITHUB_REPOSITORY/issues/comments/$existing" >/dev/null; then
        echo "blastguard-ci: updated comment $existing on pull request $pr"
    else
        curl -fsS "${auth[@]}" -X POST --data @"$work/payload.json" \
            "$api/repos/$GITHUB_REPOSITORY/issues/$pr/comments" >/dev/null
        echo "blastguard-ci: commented on pull request $pr"
    fi
}

post_gitlab() {
    local api="$CI_API_V4_URL/projects/$CI_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID/notes"
    local auth=(-H "PRIVATE-TOKEN: $GITLAB_TOKEN" -H "Content-Type: application/json")
    local me="${BLASTGUARD_COMMENT_AUTHOR:-}" existing
    [ -n "$me" ] || me="$(curl -fsS "${auth[@]}" "$CI_API_V4_URL/user" 2>/dev/null | jq -r '.username // empty' 2>/dev/null || true)"
    existing="$(curl -fsS "${auth[@]}" "$api?per_page=100" | own_comment .author.username "$me")"
    jq -n --rawfile body "$work/comment.md" '{body: $body}' >"$work/payload.json"
    if [ -n "$existing" ] && curl -fsS "${auth[@]}" -X PUT --data @"$work/payload.json" "$api/$existing" >/dev/null; then
        echo "blastguard-ci: updated note $existing on merge request $CI_MERGE_REQUEST_IID"
    else
        curl -fsS "${auth[@]}" -X POST --data @"$work/payload.json" "$api" >/dev/null
        echo "blastguard-ci: commented on merge request $CI_MERGE_REQUEST_IID"
    fi
}

if [ -n "${GITHUB_TOKEN:-}" ] && [ -n "${GITHUB_EVENT_PATH:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ]; then
    post_github || echo "blastguard-ci: the comment could not be posted (the gate still decides)" >&2
elif [ -n "${GITLAB_TOKEN:-}" ] && [ -n "${CI_MERGE_REQUEST_IID:-}" ] && [ -n "${CI_API_V4_URL:-}" ]; then
    post_gitlab || echo "blastguard-ci: the note could not be posted (the gate still decides)" >&2
fi

# 3. The gate: its exit code is the step's.
gate_code=0
"$cli" gate "$plan" "${gate_args[@]}" "${policy_args[@]}" || gate_code=$?
case "$gate_code" in
0) echo "blastguard-ci: the gate passed" ;;
3) echo "blastguard-ci: BLOCKED: this plan needs a reviewer's signed approval (exit 3)" >&2 ;;
*) echo "blastguard-ci: the gate could not run (exit $gate_code)" >&2 ;;
esac
exit "$gate_code"
