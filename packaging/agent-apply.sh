#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Blastguard authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Puts Blastguard's gate between a coding agent (or a hurried person) and `terraform apply`:
#   terraform plan -out → terraform show -json → blastguard-cli gate → terraform apply of that
#   very saved plan, and only when the gate exits 0.
#
# usage: agent-apply.sh [--dir DIR] [--approval FILE] [--policy FILE] [--saved] [-- PLAN_ARGS...]
#   --dir DIR        where the saved plan and its JSON are kept (default: .blastguard)
#   --approval FILE  the approval a person wrote for this plan (blastguard-cli approve at a
#                    terminal, or the desktop app's guarded confirm)
#   --policy FILE    a gate policy over the default one
#   --saved          do not plan again: gate and apply the plan saved in DIR by an earlier run
#                    (the one a person has approved since)
#   PLAN_ARGS        given to `terraform plan` as they are: -var-file=…, -destroy, -target=…
# Environment: TERRAFORM (default terraform; tofu works the same), BLASTGUARD_CLI (default
# blastguard-cli).
# Exit: 0 applied; 3 blocked by the gate, nothing applied; 2 an input error (plan, policy);
# 1 a usage error; anything else is terraform's own failure.
#
# Why the agent cannot get around it through this script:
# - The JSON the gate reads is made here, from a private copy of the saved plan file, right
#   before the gate; the copy the gate passed is the one applied. Nothing is taken from the
#   caller's own plan.json.
# - `terraform apply PLANFILE` applies exactly that plan and does not ask, so -auto-approve is
#   never passed (and refused among PLAN_ARGS).
# - An approval is bound to the plan's SHA-256 and its destroy set: a new plan, an edited plan
#   or a swapped plan file no longer matches it, and the gate exits 3.
# What it cannot stop: approvals are not signed. A process that can write the approval file
# can forge one, so keep it where the agent cannot write (another user, a read-only mount).
set -euo pipefail

tf=${TERRAFORM:-terraform}
bg=${BLASTGUARD_CLI:-blastguard-cli}
dir=.blastguard
approval=
policy=
saved=0
plan_args=()

die() {
    echo "agent-apply.sh: $1" >&2
    exit "${2:-1}"
}

while [ $# -gt 0 ]; do
    case "$1" in
        --dir) [ $# -ge 2 ] || die "--dir needs a directory"; dir=$2; shift 2 ;;
        --approval) [ $# -ge 2 ] || die "--approval needs a file"; approval=$2; shift 2 ;;
        --policy) [ $# -ge 2 ] || die "--policy needs a file"; policy=$2; shift 2 ;;
        --saved) saved=1; shift ;;
        -h|--help) sed -n '4,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --) shift; plan_args=("$@"); break ;;
        *) die "unknown option $1 (plan arguments go after --)" ;;
    esac
done
for a in ${plan_args[@]+"${plan_args[@]}"}; do
    case "$a" in
        -auto-approve*|--auto-approve*) die "refusing $a: only the gate decides what is applied" ;;
        -out|-out=*|--out|--out=*) die "refusing $a: this script chooses where the plan is saved" ;;
    esac
done
if [ "$saved" -eq 1 ] && [ ${#plan_args[@]} -gt 0 ]; then
    die "--saved applies the plan saved earlier; it takes no plan arguments"
fi

mkdir -p "$dir"
chmod 700 "$dir"
planfile="$dir/tfplan"
json="$dir/plan.json"
if [ "$saved" -eq 0 ]; then
    rm -f "$planfile" "$json"
    "$tf" plan -input=false -out="$planfile" ${plan_args[@]+"${plan_args[@]}"}
elif [ ! -f "$planfile" ]; then
    die "no saved plan in $dir: run without --saved first" 2
fi

# A private copy: what is shown, gated and applied is one file, whatever happens to $dir.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$planfile" "$work/tfplan"
"$tf" show -json "$work/tfplan" > "$work/plan.json"
cp "$work/plan.json" "$json" # for the reviewer: blastguard-cli approve / the desktop app

gate=(gate "$work/plan.json")
[ -n "$approval" ] && gate+=(--approval "$approval")
[ -n "$policy" ] && gate+=(--policy "$policy")
rc=0
"$bg" "${gate[@]}" || rc=$?
if [ "$rc" -ne 0 ]; then
    echo "agent-apply.sh: not applied: the gate exited $rc." >&2
    if [ "$rc" -eq 3 ]; then
        with_policy=${policy:+ --policy $policy}
        cat >&2 <<EOF
A person must review this plan and approve it before it is applied, in a terminal:
  blastguard-cli approve $json -o APPROVAL.json$with_policy
(or in the desktop app: blastguard $json), then:
  agent-apply.sh --saved --dir $dir --approval APPROVAL.json$with_policy
EOF
    fi
    exit "$rc"
fi
"$tf" apply -input=false "$work/tfplan"
