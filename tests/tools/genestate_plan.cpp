// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The estate's plan (stacks, roles, kinds, sizes), the building of one stack, and the
// identities every stack can compute of the others.
#include "genestate_model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bg::tests::estate {

namespace {

// The least a stack of each role holds: its core resources, with room to spare.
int minimumFor(Role role)
{
    switch (role) {
    case Role::Shared:
        return 24;
    case Role::Baseline:
        return 8;
    case Role::LegacyNetA:
    case Role::LegacyNetB:
    case Role::LegacyApp:
        return 6;
    case Role::Network:
        return 32;
    case Role::Platform:
        return 30;
    case Role::App:
        return 20;
    }
    return 20;
}

double weightFor(Role role)
{
    switch (role) {
    case Role::Shared:
        return 2.0;
    case Role::Baseline:
        return 0.3;
    case Role::LegacyNetA:
    case Role::LegacyNetB:
    case Role::LegacyApp:
        return 0.1;
    case Role::Network:
        return 0.9;
    case Role::Platform:
        return 1.6;
    case Role::App:
        return 0.8;
    }
    return 1.0;
}

std::string twoDigits(int n, int width)
{
    std::string digits = std::to_string(n);
    return std::string(size_t(std::max(0, width - int(digits.size()))), '0') + digits;
}

const char *const Envs[] = {"prod", "staging", "dev"};

StackPlan make(std::string name, Role role, int ordinal, std::string env)
{
    StackPlan s;
    s.name = std::move(name);
    s.slug = s.name;
    std::replace(s.slug.begin(), s.slug.end(), '/', '-');
    s.role = role;
    s.ordinal = ordinal;
    s.env = std::move(env);
    s.region = s.env == "dev" ? "us-east-1" : "eu-west-1";
    static const char *teams[] = {"payments", "catalogue", "search", "identity", "data"};
    s.team = role == Role::Network                       ? "network"
        : role == Role::Shared || role == Role::Baseline ? "platform-eng"
                                                         : teams[ordinal % 5];
    return s;
}

} // namespace

std::uint64_t Estate::draw(const StackPlan &s, std::string_view tag) const
{
    return gen::hash(s.name + '\x1f' + std::string(tag), options.seed);
}

std::string Estate::hexId(const StackPlan &s, std::string_view tag, int digits) const
{
    const std::uint64_t h = draw(s, tag);
    if (digits <= 16)
        return gen::hex(h, digits);
    // AWS's long ids: 17 hex digits, the first one 0.
    return std::string(size_t(digits - 16), '0') + gen::hex(h, 16);
}

std::string Estate::upperId(const StackPlan &s, std::string_view tag, int length) const
{
    static const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    Rng rng(draw(s, tag));
    std::string out;
    for (int i = 0; i < length; ++i)
        out += alphabet[rng.below(32)];
    return out;
}

std::string Estate::uuid(const StackPlan &s, std::string_view tag) const
{
    const std::string a = gen::hex(draw(s, tag), 16);
    const std::string b = gen::hex(draw(s, std::string(tag) + "#2"), 16);
    return a.substr(0, 8) + '-' + a.substr(8, 4) + '-' + a.substr(12, 4) + '-' + b.substr(0, 4)
        + '-' + b.substr(4, 12);
}

std::string Estate::arn(
    const StackPlan &s, std::string_view service, std::string_view resource) const
{
    return "arn:aws:" + std::string(service) + ':' + s.region + ':' + Account + ':'
        + std::string(resource);
}

Estate planEstate(const EstateOptions &options)
{
    if (options.stacks < 15)
        throw std::invalid_argument("an estate needs at least 15 stacks");
    Estate e;
    e.options = options;
    const int rest = options.stacks - 5;
    const int networks = std::max(3, rest / 8);
    const int platforms = std::max(4, rest * 3 / 8);
    const int apps = rest - networks - platforms;
    const int width = apps > 99 || platforms > 99 ? 3 : 2;

    std::vector<StackPlan> plans;
    plans.push_back(make("global/shared", Role::Shared, 0, "prod"));
    plans.push_back(make("global/account-baseline", Role::Baseline, 0, "prod"));
    plans.push_back(make("legacy/network-a", Role::LegacyNetA, 0, "prod"));
    plans.push_back(make("legacy/network-b", Role::LegacyNetB, 1, "prod"));
    plans.push_back(make("legacy/app", Role::LegacyApp, 2, "prod"));
    for (int i = 0; i < networks; ++i) {
        StackPlan s = make(std::string(Envs[i % 3]) + "/network-" + twoDigits(i, width),
            Role::Network, i, Envs[i % 3]);
        s.shortDbSubnetGroup = i % 3 == 0;
        plans.push_back(std::move(s));
    }
    for (int j = 0; j < platforms; ++j) {
        const int network = j % networks;
        StackPlan s = make(std::string(Envs[network % 3]) + "/platform-" + twoDigits(j, width),
            Role::Platform, j, Envs[network % 3]);
        s.network = network; // an ordinal for now
        s.readsShared = j % 3 == 1;
        s.secretArnLambda = j % 2 == 0;
        s.keepsAccessKey = j == 2;
        s.sharedPassword = j == 2 || j == 3;
        s.clusterMain = j == 0;
        plans.push_back(std::move(s));
    }
    for (int k = 0; k < apps; ++k)
        plans.push_back(make(
            std::string(Envs[k % 3]) + "/app-" + twoDigits(k, width), Role::App, k, Envs[k % 3]));

    // Kinds and versions.
    bool ssmCoreWithIdentity = false;
    for (StackPlan &s : plans) {
        const bool third = s.ordinal % 3 == 2;
        switch (s.role) {
        case Role::Shared:
            s.kind = Kind::StateJson;
            s.identities = true;
            break;
        case Role::Network:
            s.kind = s.ordinal == 1 ? Kind::Plan : Kind::RawState;
            s.identities = s.ordinal <= 1 || third;
            break;
        case Role::Platform:
            s.kind = s.ordinal == 0 ? Kind::StateJson
                : s.ordinal == 1    ? Kind::Plan
                                    : Kind::RawState;
            s.identities = s.ordinal <= 1 || third;
            break;
        case Role::App:
            s.identities = third;
            // AmazonSSMManagedInstanceCore: in one app with identities and in apps without.
            if (s.identities && !ssmCoreWithIdentity)
                s.ssmCore = ssmCoreWithIdentity = true;
            else if (!s.identities && s.ordinal % 4 == 1)
                s.ssmCore = true;
            s.accessKey = s.ordinal == 0;
            break;
        default:
            break;
        }
        static const char *older[] = {"1.5.7", "1.9.8", "1.10.5"};
        s.terraformVersion = s.identities ? "1.12.2" : older[gen::hash(s.name, options.seed) % 3];
    }

    // Sizes: the minimum of the role, then the rest by weight (with some spread), exactly M.
    int minimum = 0;
    double weights = 0;
    std::vector<double> weight(plans.size());
    for (size_t i = 0; i < plans.size(); ++i) {
        minimum += minimumFor(plans[i].role);
        const double spread
            = 0.4 + 1.2 * double(gen::hash(plans[i].name, options.seed ^ 7) % 1000) / 1000.0;
        weight[i] = weightFor(plans[i].role) * spread;
        weights += weight[i];
    }
    if (options.resources < minimum)
        throw std::invalid_argument("an estate of " + std::to_string(options.stacks)
            + " stacks needs at least " + std::to_string(minimum) + " resources");
    const int spare = options.resources - minimum;
    int given = 0;
    for (size_t i = 0; i < plans.size(); ++i) {
        plans[i].managed = minimumFor(plans[i].role) + int(std::floor(spare * weight[i] / weights));
        given += plans[i].managed;
    }
    for (size_t i = 0; given < options.resources; i = (i + 1) % plans.size(), ++given)
        ++plans[i].managed;

    // Sorted by name, as readers list them; then references by index.
    std::vector<std::string> networkNames;
    for (const StackPlan &s : plans)
        if (s.role == Role::Network)
            networkNames.push_back(s.name);
    std::sort(plans.begin(), plans.end(),
        [](const StackPlan &a, const StackPlan &b) { return a.name < b.name; });
    auto indexOf = [&plans](const std::string &name) {
        for (size_t i = 0; i < plans.size(); ++i)
            if (plans[i].name == name)
                return int(i);
        return -1;
    };
    for (size_t i = 0; i < plans.size(); ++i) {
        StackPlan &s = plans[i];
        s.index = int(i);
        if (s.role == Role::Platform)
            s.network = indexOf(networkNames[size_t(s.network)]);
        if (s.role == Role::Shared)
            e.shared = int(i);
        if (s.role == Role::Baseline)
            e.baseline = int(i);
        if (s.role == Role::LegacyNetA)
            e.legacyA = int(i);
        if (s.role == Role::LegacyNetB)
            e.legacyB = int(i);
        if (s.role == Role::LegacyApp) {
            e.legacyApp = int(i);
            s.network = -1;
        }
        if (s.role == Role::App && s.accessKey)
            e.accessKeyApp = int(i);
    }
    e.stacks = std::move(plans);
    return e;
}

// ---- building ---------------------------------------------------------------------------------

std::string Res::address() const
{
    std::string out = (data ? "data." : "") + type + '.' + name;
    if (key.kind == Val::Kind::Number)
        out += '[' + key.text + ']';
    else if (key.kind == Val::Kind::String)
        out += '[' + quoted(key.text) + ']';
    return out;
}

Build::Build(const Estate &e, const StackPlan &s)
    : estate(e)
    , stack(s)
    , rng(e.draw(s, "build"))
{
}

Res &Build::add(std::string type, std::string name, Val key)
{
    Res &r = resources.emplace_back();
    r.type = std::move(type);
    r.name = std::move(name);
    r.key = std::move(key);
    return r;
}

Res &Build::addData(std::string type, std::string name)
{
    Res &r = add(std::move(type), std::move(name));
    r.data = true;
    return r;
}

Val Build::ref(int other, const Named &named, std::string why)
{
    refs.push_back({other, named.address, why.empty(), std::move(why)});
    return Val::string(named.value, int(refs.size()) - 1);
}

Val Build::nonLink(std::string value, std::string why)
{
    refs.push_back({-1, {}, false, std::move(why)});
    return Val::string(std::move(value), int(refs.size()) - 1);
}

void Build::foreignIdentity(const std::string &value, int owner)
{
    foreignIdentityValues.emplace_back(value, owner);
}

int Build::managedCount() const
{
    return int(
        std::count_if(resources.begin(), resources.end(), [](const Res &r) { return !r.data; }));
}

Val Build::tags(std::string_view name, bool dataStore)
{
    const std::string env = stack.env == "prod" ? "production"
        : stack.env == "dev"                    ? "development"
                                                : "staging";
    Val t = Val::object();
    t.str("CostCenter", std::to_string(4100 + stack.ordinal % 7)); // a number as text
    t.str("Environment", env);
    t.str("ManagedBy", "terraform");
    t.str("Name", std::string(name));
    t.str("Team", stack.team);
    if (dataStore)
        t.str("Backup", "true");
    return t;
}

void Build::regional(Res &r)
{
    if (stack.identities)
        r.attrs.str("region", stack.region);
}

void Build::identity(Res &r, Val id)
{
    if (stack.identities)
        r.identity = std::move(id);
}

std::string Build::timestamp(std::string_view tag)
{
    const std::uint64_t h = estate.draw(stack, tag);
    char text[32];
    std::snprintf(text, sizeof text, "2025-%02d-%02dT%02d:%02d:%02dZ", int(h % 12) + 1,
        int(h / 12 % 28) + 1, int(h / 400 % 24), int(h / 9600 % 60), int(h / 576000 % 60));
    return text;
}

// ---- facts ------------------------------------------------------------------------------------

NetworkFacts networkFacts(const Estate &e, const StackPlan &s)
{
    NetworkFacts f;
    f.vpc = {"aws_vpc.main", "vpc-" + e.hexId(s, "vpc")};
    f.vpcArn = {"aws_vpc.main", e.arn(s, "ec2", "vpc/" + f.vpc.value)};
    f.albSg = {"aws_security_group.alb", "sg-" + e.hexId(s, "sg-alb")};
    f.dbSg = {"aws_security_group.db", "sg-" + e.hexId(s, "sg-db")};
    f.privateRouteTable = {"aws_route_table.private", "rtb-" + e.hexId(s, "rtb-private")};
    f.dbSubnetGroup = {"aws_db_subnet_group.main", s.shortDbSubnetGroup ? "main" : s.slug + "-db"};
    for (int i = 0; i < 3; ++i) {
        f.privateSubnets.push_back({"aws_subnet.private[" + std::to_string(i) + ']',
            "subnet-" + e.hexId(s, "private-" + std::to_string(i))});
        f.publicSubnets.push_back({"aws_subnet.public[" + std::to_string(i) + ']',
            "subnet-" + e.hexId(s, "public-" + std::to_string(i))});
    }
    f.cidr = s.ordinal % 5 == 0 ? "10.0.0.0/16" // the default everyone copies
                                : "10." + std::to_string(s.ordinal % 200 + 1) + ".0.0/16";
    return f;
}

namespace {

Output output(std::string name, Val value, std::map<std::string, std::string> behind = {})
{
    return {std::move(name), std::move(value), false, std::move(behind)};
}

Output idsOutput(std::string name, const std::vector<Named> &ids)
{
    Output o {std::move(name), Val::array(), false, {}};
    for (const Named &n : ids) {
        o.value.push(Val::string(n.value));
        o.behind[n.value] = n.address;
    }
    return o;
}

Output idOutput(std::string name, const Named &id)
{
    return output(std::move(name), Val::string(id.value), {{id.value, id.address}});
}

} // namespace

std::vector<Output> networkOutputs(const Estate &e, const StackPlan &s)
{
    const NetworkFacts f = networkFacts(e, s);
    std::vector<Output> out;
    out.push_back(idOutput("alb_security_group_id", f.albSg));
    out.push_back(output(
        "availability_zones", Val::strings({s.region + 'a', s.region + 'b', s.region + 'c'})));
    out.push_back(idOutput("db_security_group_id", f.dbSg));
    out.push_back(idOutput("db_subnet_group_name", f.dbSubnetGroup));
    out.push_back(idsOutput("private_subnet_ids", f.privateSubnets));
    out.push_back(idsOutput("public_subnet_ids", f.publicSubnets));
    out.push_back(output("region", Val::string(s.region)));
    out.push_back(output("vpc_cidr", Val::string(f.cidr)));
    out.push_back(idOutput("vpc_id", f.vpc));
    return out;
}

SharedFacts sharedFacts(const Estate &e)
{
    const StackPlan &s = e.at(e.shared);
    SharedFacts f;
    const std::string key = e.uuid(s, "kms-main");
    f.kmsKeyArn = {"aws_kms_key.main", e.arn(s, "kms", "key/" + key)};
    f.kmsKeyId = {"aws_kms_key.main", key};
    f.policy = {"aws_iam_policy.read_secrets",
        std::string("arn:aws:iam::") + Account + ":policy/shared-read-secrets"};
    f.secret = {"aws_secretsmanager_secret.db",
        e.arn(s, "secretsmanager", "secret:shared/db-" + e.upperId(s, "secret", 6))};
    f.logsBucket = {"aws_s3_bucket.logs", "acme-shared-logs-" + e.hexId(s, "logs", 8)};
    f.certificate
        = {"aws_acm_certificate.wildcard", e.arn(s, "acm", "certificate/" + e.uuid(s, "cert"))};
    f.zone = {"aws_route53_zone.public", "Z0" + e.upperId(s, "zone", 19)};
    f.topic = {"aws_sns_topic.alerts", e.arn(s, "sns", "shared-alerts")};
    return f;
}

std::vector<Output> sharedOutputs(const Estate &e)
{
    const SharedFacts f = sharedFacts(e);
    return {idOutput("alerts_topic_arn", f.topic), idOutput("certificate_arn", f.certificate),
        idOutput("kms_key_arn", f.kmsKeyArn), idOutput("logs_bucket", f.logsBucket),
        idOutput("zone_id", f.zone)};
}

LegacyFacts legacyFacts(const Estate &e)
{
    const StackPlan &a = e.at(e.legacyA);
    LegacyFacts f;
    f.vpc = {"aws_vpc.main", "vpc-" + e.hexId(a, "vpc")};
    for (int i = 0; i < 2; ++i)
        f.subnetsA.push_back({"aws_subnet.app[" + std::to_string(i) + ']',
            "subnet-" + e.hexId(a, "subnet-" + std::to_string(i))});
    return f;
}

Named accessKeyOf(const Estate &e)
{
    return {"aws_iam_access_key.ci", "AKIA" + e.upperId(e.at(e.accessKeyApp), "access-key", 16)};
}

} // namespace bg::tests::estate
