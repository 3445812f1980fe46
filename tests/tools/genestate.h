// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A deterministic generator of Terraform estates: many stacks of an AWS organisation, each a
// folder holding one state or plan, that use each other's resources by value. For the estate
// tests and benchmark (issue 15). Plain C++20 and the standard library only.
//
// The estate, for N stacks and M managed resource instances in all:
//   global/shared           state JSON (terraform show -json, 1.12, identities): KMS, IAM
//                           policy, secret, log bucket, certificate, public zone, alert topic
//   global/account-baseline raw state whose ids are generic: the region, the account number,
//                           the IAM user "terraform"
//   legacy/network-a, -b    two raw states that both hold one VPC (imported twice)
//   legacy/app              uses that VPC (links nothing: the id is in two stacks) and a subnet
//   ENV/network-NN          VPC, subnets, NAT, routes, security groups, db subnet group; outputs
//   ENV/platform-NN         ECS, ALB, RDS, IAM, Lambda in a network's subnets: reads the
//                           network's outputs through terraform_remote_state, and also names
//                           its ids by value (a route table, the VPC's ARN), and the shared
//                           stack's ARNs
//   ENV/app-NN              independent stacks sharing only generic values with the others
// Stack kinds: raw states v4 (most), state JSON (global/shared, one platform), plan JSON (one
// network, one platform). Also: `.terraform/terraform.tfstate` backend files, backups, one
// malformed state, one JSON file that is neither a plan nor a state.
//
// The truth: every link the generator designed, computed from the values it wrote (not from
// Blastguard): a string value of a resource of stack B equal to the identity (id, arn or a
// value of the identity object) of a managed resource R of stack A, one link per (resource,
// R), the first path in the file's order. Reason remote_state when B reads A's outputs
// through terraform_remote_state and the value is one of those outputs' strings.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bg::tests {

struct EstateOptions {
    int stacks = 30; // at least 15
    int resources = 3000; // managed resource instances in all stacks (at least 40 per stack)
    std::uint64_t seed = 1;
};

// Properties of a link's data that readers are known to treat differently; bits.
enum EstateTrap : unsigned {
    // The consumer is a raw state: its terraform_remote_state `outputs` attribute is written
    // as Terraform writes a dynamic value there, {"value": {...}, "type": [...]}.
    TrapRawRemoteState = 1u << 0,
    // The consumer is a plan: its data sources are only in prior_state (Terraform reads data
    // sources during the plan; resource_changes has none of them).
    TrapPlanPriorState = 1u << 1,
    // The value is also a foreign key in another stack's identity object (AWS provider 6:
    // aws_iam_role_policy_attachment's identity holds policy_arn).
    TrapIdentityForeignKey = 1u << 2,
    // The value sits under an attribute whose name looks like a secret's (DB_SECRET_ARN,
    // kms_master_key_id) but is no secret (an ARN, a key's id).
    TrapSecretName = 1u << 3,
    // The value is shorter than 8 characters (a db subnet group named "main"), as generic
    // values often are, yet it is the identity that a terraform_remote_state output names.
    TrapShortValue = 1u << 4,
};

struct EstateLink {
    std::string stack, address, via, value, dependsOnStack, dependsOn;
    std::string reason; // "identity" or "remote_state"
    std::string dataSource, output; // remote_state only
    unsigned traps = 0;
};

// A value the generator wrote that equals another stack's identity (as some reader could see
// it) but is no link, and why.
struct EstateNonLink {
    std::string stack, address, value;
    std::string why; // "shared" (the id is in two stacks), "sensitive", "foreign key in
                     // identity" (an AWS-managed policy ARN held in one stack's identity),
                     // "generic through remote state" (a short name equal to a remote output)
};

struct EstateStack {
    std::string name; // folder relative to the root
    std::string file; // relative to the root
    std::string kind; // "raw_state", "state_json", "plan"
    std::string role; // "network", "platform", "shared", "baseline", "legacy", "app"
    int managed = 0; // managed resource instances (deposed none)
    bool identities = false; // Terraform 1.12 with resource identities
};

struct EstateTally {
    std::vector<EstateStack> stacks; // sorted by name
    std::vector<EstateLink> links; // the truth, sorted by stack, address, depends_on_stack, ...
    std::vector<EstateNonLink> nonLinks;
    std::vector<std::string> malformed, notPlan; // files (relative) that are no stack
    std::vector<std::string> backendFiles, backups; // .terraform/terraform.tfstate, *.backup
    // Resources nothing in their own stack depends on or names, each with incoming links
    // (destroying one alone breaks exactly the links into it): "stack\taddress".
    std::vector<std::string> leaves;
    std::vector<std::string> stackFiles; // every stack file, relative (what a reader loads)
    std::uint64_t stackBytes = 0; // their total size
    int managed = 0; // == EstateOptions::resources
};

// Writes the estate into `dir` (created; must be empty or absent) and the truth into
// `dir` + ".expected.json" (a JSON array of links: stack, address, via, value,
// depends_on_stack, depends_on, reason, and data_source and output for remote_state).
// Throws std::runtime_error when it cannot.
EstateTally writeEstate(const EstateOptions &options, const std::string &dir);

// The truth as JSON text, as written to the expected file.
std::string linksJson(const std::vector<EstateLink> &links);

} // namespace bg::tests
