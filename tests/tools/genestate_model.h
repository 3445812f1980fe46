// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to the estate generator: the plan of the estate (which stacks, of which role and
// kind), the resources of one stack as they are built, and the identities every stack can
// compute of the others (a pure function of the seed and the stack's name).
#pragma once

#include "genestate.h"
#include "genestate_json.h"
#include "genplan_detail.h"

#include <deque>
#include <map>
#include <string>
#include <vector>

namespace bg::tests::estate {

using gen::Rng;

inline constexpr const char *Account = "123456789012";
inline constexpr const char *AwsProvider = "registry.terraform.io/hashicorp/aws";

enum class Role : std::uint8_t {
    Shared,
    Baseline,
    LegacyNetA,
    LegacyNetB,
    LegacyApp,
    Network,
    Platform,
    App
};
enum class Kind : std::uint8_t { RawState, StateJson, Plan };

struct StackPlan {
    int index = 0; // in Estate::stacks, which is sorted by name
    std::string name; // "prod/network-03"
    std::string slug; // "prod-network-03": prefixes names of cloud objects
    Role role = Role::App;
    Kind kind = Kind::RawState;
    int ordinal = 0; // among the stacks of its role
    std::string env, region, team;
    std::string terraformVersion;
    bool identities = false; // Terraform 1.12 and AWS provider 6: identity objects, `region`
    int managed = 0; // managed instances to write
    int network = -1; // platform and legacy app: the network stack it runs in
    bool readsShared = false; // platform: reads global/shared through terraform_remote_state
    bool shortDbSubnetGroup = false; // network: its db subnet group is named "main"
    bool secretArnLambda = false; // platform: a Lambda names the shared secret in DB_SECRET_ARN
    bool ssmCore = false; // app: attaches AmazonSSMManagedInstanceCore
    bool accessKey = false; // app: an IAM access key (whose id another stack keeps, sensitive)
    bool keepsAccessKey = false; // platform: keeps that access key id in a SecureString
    bool sharedPassword = false; // platform: its database password is the same as another's
    bool clusterMain = false; // platform: its ECS cluster is called "main"
};

struct Estate {
    EstateOptions options;
    std::vector<StackPlan> stacks;
    int shared = -1, baseline = -1, legacyA = -1, legacyB = -1, legacyApp = -1;
    int accessKeyApp = -1;

    const StackPlan &at(int i) const { return stacks[size_t(i)]; }
    // Deterministic text of a stack: hashes of (seed, stack, tag).
    std::uint64_t draw(const StackPlan &s, std::string_view tag) const;
    std::string hexId(const StackPlan &s, std::string_view tag, int digits = 17) const;
    std::string upperId(const StackPlan &s, std::string_view tag, int length) const;
    std::string uuid(const StackPlan &s, std::string_view tag) const;
    std::string arn(const StackPlan &s, std::string_view service, std::string_view resource) const;
};

// The estate's stacks: roles, kinds and sizes. Throws std::invalid_argument on bad options.
Estate planEstate(const EstateOptions &options);

// What a string value names in another stack (or, for a non-link, why it names nothing).
struct Ref {
    int stack = -1;
    std::string address;
    bool links = true;
    std::string why; // non-links: EstateNonLink::why
};

struct Res {
    std::string type, name;
    bool data = false;
    Val key; // null, a number (count) or a string (for_each)
    Val attrs = Val::object();
    Val identity; // null: none
    std::vector<std::string> sensitive; // top-level attributes marked sensitive
    std::vector<std::string> dependencies; // resource addresses, as Terraform records them
    int schemaVersion = 0;

    std::string address() const;
};

// Values of another stack's resource: its address and the value that is its identity.
struct Named {
    std::string address, value;
};

// One root output: its value, and which of the stack's resources each string in it is.
struct Output {
    std::string name;
    Val value;
    bool sensitive = false;
    std::map<std::string, std::string> behind; // string value -> address
};

// The resources of one stack, as they are built.
class Build {
public:
    Build(const Estate &estate, const StackPlan &stack);

    const Estate &estate;
    const StackPlan &stack;
    Rng rng;
    std::deque<Res> resources; // stable references while building
    std::vector<Ref> refs; // what Val::ref indexes
    std::vector<Output> outputs;
    // The stack's terraform_remote_state data sources: which stack each reads.
    struct RemoteRead {
        std::string address;
        int producer = -1;
        std::vector<Output> outputs;
    };
    std::vector<RemoteRead> remoteReads;
    std::vector<std::string> leaves; // addresses that nothing in the stack depends on or names
    std::vector<std::pair<std::string, int>> foreignIdentityValues; // value, its owner stack or -1

    Res &add(std::string type, std::string name, Val key = {});
    Res &addData(std::string type, std::string name);
    // A string naming `named` of stack `other`: the truth links it (or not, when why is set).
    Val ref(int other, const Named &named, std::string why = {});
    // A value that some reader might take for a link and must not: why.
    Val nonLink(std::string value, std::string why);
    // `value` sits in an identity object of this stack and is the identity of `owner`'s
    // resource (-1: of no stack's), not of the resource holding it.
    void foreignIdentity(const std::string &value, int owner);
    int managedCount() const;

    // Common attributes.
    Val tags(std::string_view name, bool dataStore = false);
    void regional(Res &r); // provider 6: every regional resource has `region`
    void identity(Res &r, Val identity); // only on stacks with identities
    std::string timestamp(std::string_view tag);
};

// Identities a stack's role gives it, computable by any other stack.
struct NetworkFacts {
    Named vpc, vpcArn, albSg, dbSg, privateRouteTable, dbSubnetGroup;
    std::vector<Named> privateSubnets, publicSubnets;
    std::string cidr;
};
NetworkFacts networkFacts(const Estate &e, const StackPlan &s);
std::vector<Output> networkOutputs(const Estate &e, const StackPlan &s);

struct SharedFacts {
    Named kmsKeyArn, kmsKeyId, policy, secret, logsBucket, certificate, zone, topic;
};
SharedFacts sharedFacts(const Estate &e);
std::vector<Output> sharedOutputs(const Estate &e);

struct LegacyFacts {
    Named vpc; // in both legacy networks
    std::vector<Named> subnetsA;
};
LegacyFacts legacyFacts(const Estate &e);

Named accessKeyOf(const Estate &e); // the access key of Estate::accessKeyApp

// The role builders: core resources, then filler up to StackPlan::managed.
void buildShared(Build &b);
void buildBaseline(Build &b);
void buildLegacy(Build &b);
void buildNetwork(Build &b);
void buildPlatform(Build &b);
void buildApp(Build &b);

// AWS-managed policies: no stack owns them.
inline constexpr const char *EcsExecutionPolicy
    = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
inline constexpr const char *SsmCorePolicy = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
inline constexpr const char *LambdaBasicPolicy
    = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

// An IAM role and its policy attachments (identity {account_id, policy_arn, role} on stacks
// with identities: the policy ARN is a foreign key there).
void roleWithPolicies(Build &b, const std::string &name, const std::string &roleName,
    std::string_view service, const std::vector<Val> &policyArns);

} // namespace bg::tests::estate
