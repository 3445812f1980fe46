// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The estate behind the generated plans, and the plan's sections.
//
// Configuration (one template per module, as Terraform's `configuration` shows it):
//   root:           kms key + alias, route53 zone, log bucket, ECS execution role, filler records
//   module.network: VPC, 3+3 subnets (count), IGW, route table + associations, security group
//   module.app[k]:  for_each over var.services: ALB, target group, listener, security groups and
//                   rules (for_each), ECS task definition + service, IAM role + policy +
//                   attachment, bucket + public access block, log group, DNS record, a
//                   data.aws_iam_policy_document, and module.db:
//   module.app[k].module.db: subnet group, security group, aws_db_instance, aws_db_snapshot
//   module.shard[i]: count: VPC, subnets, security group + rules, KMS key, bucket + versioning +
//                   public access block, IAM role + policy + attachment, instance profile,
//                   3 instances (count), DNS record
// The number of app and shard instances is chosen so that exactly N managed instances appear.
//
// Every instance's payload and action are functions of (seed, address) alone, so the output is
// deterministic, and the document is streamed: nothing but the instance list is kept.
#include "genplan.h"

#include "genplan_config.h"
#include "genplan_detail.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <memory>

namespace bg::tests {

using namespace gen;

namespace {

constexpr const char *Provider = "registry.terraform.io/hashicorp/aws";
constexpr const char *TerraformVersion = "1.5.7";
constexpr const char *Timestamp = "2026-01-15T09:30:00Z";

// ---- instances --------------------------------------------------------------------------------

enum class Act : std::uint8_t { NoOp, Create, Read, Update, Delete, Replace };

struct ModuleInstance {
    std::string address; // "" for the root
    int node = 0; // in ConfigGraph
    int parent = -1;
    std::string service; // for_each key of module.app
    int shard = -1;
    bool fresh = false; // added to the configuration since the last apply: everything is created
    std::vector<int> children;
    std::vector<int> resources; // indices into the instance list, sorted by address at the end
};

struct Instance {
    int module = 0;
    const Block *block = nullptr;
    std::string key; // "" | "3" | "\"8080\""
    int index = -1;
    std::string address;
    std::string config; // configuration address (no instance keys)
    Act act = Act::NoOp;
    std::string reason;
    const char *replacePath = nullptr;
    bool cbd = false;
    bool inPrior = true; // in prior_state
    bool inChanges = true; // in resource_changes
    bool inPlanned = true; // in planned_values
};

struct Sizing {
    int apps = 0, shards = 0, orphans = 0, filler = 0;
    bool tiny = false; // N below the fixed core: only the first N core instances are kept
};

constexpr int CoreManaged = 5 + 13; // root (without filler) + module.network
constexpr int AppManaged = 16 + 4; // module.app + its module.db
constexpr int ShardManaged = 18;

Sizing sizeFor(int n)
{
    Sizing s;
    if (n < CoreManaged) {
        s.tiny = true;
        return s;
    }
    const int rest = n - CoreManaged;
    auto split = [&](int budget) {
        s.apps = int((budget * 0.45) / AppManaged + 0.5);
        s.shards = (budget - s.apps * AppManaged) / ShardManaged;
    };
    const int wantOrphans = rest / 200; // 0.5% of the estate was removed from the configuration
    split(rest - wantOrphans);
    s.orphans = std::min(wantOrphans, s.shards);
    if (s.orphans < wantOrphans)
        split(rest - s.orphans);
    s.filler = rest - s.orphans - s.apps * AppManaged - s.shards * ShardManaged;
    return s;
}

std::string serviceKey(int i)
{
    std::string digits = std::to_string(i + 1);
    return "svc-" + std::string(digits.size() < 4 ? 4 - digits.size() : 0, '0') + digits;
}

class Generator {
public:
    Generator(const GenOptions &options, std::ostream &out)
        : m_options(options)
        , m_sizing(sizeFor(std::max(options.resources, 0)))
        , m_out(out)
    {
        buildTemplates(m_templates, m_sizing.filler);
        m_config = std::make_unique<ConfigGraph>(m_templates.root);
    }

    GenTally run()
    {
        enumerate();
        decideActions();
        for (const auto &[address, direct] : m_config->direct())
            m_tally.dependsOn[address] = m_config->closure(address);
        writeDocument();
        m_out.flush();
        m_tally.bytes = m_out.bytes();
        return std::move(m_tally);
    }

private:
    // -- enumeration --

    int addModule(const std::string &address, int node, int parent)
    {
        m_modules.push_back({address, node, parent, {}, -1, false, {}, {}});
        const int self = int(m_modules.size()) - 1;
        if (parent >= 0)
            m_modules[size_t(parent)].children.push_back(self);
        return self;
    }

    void addInstance(int module, const Block &b, std::string key, int index)
    {
        Instance in;
        in.module = module;
        in.block = &b;
        in.index = index;
        const ModuleInstance &m = m_modules[size_t(module)];
        in.address = (m.address.empty() ? "" : m.address + '.') + b.local()
            + (key.empty() ? "" : '[' + key + ']');
        in.config = m_config->address(m.node, b.local());
        in.key = std::move(key);
        m_instances.push_back(std::move(in));
        m_modules[size_t(module)].resources.push_back(int(m_instances.size()) - 1);
    }

    void addBlockInstances(int module, const Block &b, int extraCountIndex = -1)
    {
        if (b.ghost)
            return;
        if (!b.keys.empty()) {
            for (const std::string &k : b.keys)
                addInstance(module, b, quote(k), -1);
        } else if (b.count > 0) {
            for (int i = 0; i < b.count; ++i)
                addInstance(module, b, std::to_string(i), i);
        } else {
            addInstance(module, b, "", -1);
        }
        if (extraCountIndex >= 0)
            addInstance(module, b, std::to_string(extraCountIndex), extraCountIndex);
    }

    void addModuleInstances(int module)
    {
        const ModuleInstance &m = m_modules[size_t(module)];
        for (const Block &b : m_config->nodes()[size_t(m.node)].module->blocks)
            addBlockInstances(module, b);
    }

    void enumerate()
    {
        const ConfigGraph &g = *m_config;
        const int root = addModule("", 0, -1);
        addModuleInstances(root);
        const int network = addModule("module.network", g.child(0, "network"), root);
        addModuleInstances(network);
        if (m_sizing.tiny) {
            // Keep the first N managed instances (data sources ride along); blocks are listed in
            // dependency order, so whatever is kept has its dependencies.
            int managed = 0;
            std::vector<Instance> kept;
            for (Instance &in : m_instances)
                if (in.block->data || managed++ < m_options.resources)
                    kept.push_back(std::move(in));
            m_instances = std::move(kept);
            for (ModuleInstance &m : m_modules)
                m.resources.clear();
            for (int i = 0; i < int(m_instances.size()); ++i)
                m_modules[size_t(m_instances[size_t(i)].module)].resources.push_back(i);
            return;
        }
        const int appNode = g.child(0, "app");
        const int dbNode = g.child(appNode, "db");
        for (int i = 0; i < m_sizing.apps; ++i) {
            const std::string key = serviceKey(i);
            const int app = addModule("module.app[" + quote(key) + ']', appNode, root);
            m_modules[size_t(app)].service = key;
            // One app in 25 is new since the last apply (never the first: tests need databases).
            m_modules[size_t(app)].fresh = !m_options.destroy && i > 0
                && Rng(hash(m_modules[size_t(app)].address, m_options.seed)).chance(0.04);
            addModuleInstances(app);
            const int db = addModule(m_modules[size_t(app)].address + ".module.db", dbNode, app);
            m_modules[size_t(db)].service = key;
            m_modules[size_t(db)].fresh = m_modules[size_t(app)].fresh;
            addModuleInstances(db);
        }
        const int shardNode = g.child(0, "shard");
        const int stride = m_sizing.orphans > 0 ? m_sizing.shards / m_sizing.orphans : 0;
        for (int i = 0; i < m_sizing.shards; ++i) {
            const int shard = addModule("module.shard[" + std::to_string(i) + ']', shardNode, root);
            m_modules[size_t(shard)].shard = i;
            // Orphans, spread evenly: an instance beyond a reduced count, or one whose block
            // was deleted from the configuration.
            const int orphan
                = stride > 0 && i % stride == stride / 2 && i / stride < m_sizing.orphans
                ? i / stride
                : -1;
            for (const Block &b : m_templates.shard.blocks) {
                if (b.ghost && orphan >= 0 && orphan % 2 == 0)
                    addInstance(shard, b, "", -1);
                else
                    addBlockInstances(shard, b,
                        orphan >= 0 && orphan % 2 == 1 && b.type == "aws_instance" && !b.ghost
                            ? b.count
                            : -1);
            }
        }
    }

    // -- actions --

    void decideActions()
    {
        for (Instance &in : m_instances) {
            const ModuleInstance &m = m_modules[size_t(in.module)];
            const Block &b = *in.block;
            Rng rng(hash(in.address, m_options.seed ^ 0x616374696f6eULL)); // "action"
            const double u = rng.unit();
            if (b.data) {
                in.inChanges = false;
                in.inPlanned = false;
                continue; // decided with the resource it reads, below
            }
            if (m_options.destroy) {
                in.act = Act::Delete;
                in.inPlanned = false;
                continue;
            }
            if (b.ghost) {
                in.act = Act::Delete;
                in.reason = "delete_because_no_resource_config";
            } else if (b.count > 0 && in.index >= b.count) {
                in.act = Act::Delete;
                in.reason = "delete_because_count_index";
            } else if (m.fresh) {
                in.act = Act::Create;
            } else if ((in.replacePath = replacePathFor(b.type, &in.cbd)) && u < 0.015) {
                in.act = Act::Replace;
                in.reason = "replace_because_cannot_update";
            } else if (isLeaf(b) && u < 0.04) {
                in.act = Act::Create; // added to the configuration since the last apply
            } else if (u < 0.10 && hasTags(b.type)) {
                in.act = Act::Update;
            }
            if (in.act != Act::Replace)
                in.replacePath = nullptr;
            in.inPrior = in.act != Act::Create;
            in.inPlanned = in.act != Act::Delete;
        }
        // A data source whose configuration reads an attribute unknown until apply is read
        // during apply: it appears in resource_changes as "read", and not in the prior state.
        for (Instance &in : m_instances) {
            if (!in.block->data || m_options.destroy || in.block->name != "task")
                continue;
            const Instance *bucket = find(in.module, "aws_s3_bucket.assets");
            if (bucket && (bucket->act == Act::Create || bucket->act == Act::Replace)) {
                in.act = Act::Read;
                in.reason = "read_because_config_unknown";
                in.inChanges = in.inPlanned = true;
                in.inPrior = false;
            }
        }
        for (const Instance &in : m_instances) {
            if (!in.inChanges)
                continue;
            (in.block->data ? m_tally.dataReads : m_tally.managed)++;
            switch (in.act) {
            case Act::NoOp:
                ++m_tally.noOp;
                break;
            case Act::Create:
                ++m_tally.create;
                break;
            case Act::Read:
                ++m_tally.read;
                break;
            case Act::Update:
                ++m_tally.update;
                break;
            case Act::Delete:
                ++m_tally.del;
                break;
            case Act::Replace:
                ++m_tally.replace;
                break;
            }
        }
    }

    static bool isLeaf(const Block &b)
    {
        // Nothing in the configuration reads these: creating one alone is consistent.
        return b.type == "aws_security_group_rule" || b.type == "aws_route53_record"
            || b.type == "aws_iam_role_policy" || b.type == "aws_db_snapshot"
            || b.type == "aws_iam_role_policy_attachment"
            || b.type == "aws_s3_bucket_public_access_block"
            || b.type == "aws_s3_bucket_versioning";
    }

    static bool hasTags(const std::string &type)
    {
        static const std::set<std::string> untagged
            = {"aws_security_group_rule", "aws_route53_record", "aws_iam_role_policy",
                "aws_route_table_association", "aws_kms_alias", "aws_iam_role_policy_attachment",
                "aws_s3_bucket_public_access_block", "aws_s3_bucket_versioning"};
        return untagged.count(type) == 0;
    }

    const Instance *find(int module, const std::string &local) const
    {
        for (int i : m_modules[size_t(module)].resources)
            if (m_instances[size_t(i)].block->local() == local)
                return &m_instances[size_t(i)];
        return nullptr;
    }

    // -- payloads --

    ValueCtx contextFor(const Instance &in, Variant variant) const
    {
        const ModuleInstance &m = m_modules[size_t(in.module)];
        ValueCtx c;
        c.type = in.block->type;
        c.name = in.block->name;
        c.data = in.block->data;
        c.key = in.key;
        c.index = in.index;
        c.address = in.address;
        c.module = m.address;
        c.parent = m.parent >= 0 ? m_modules[size_t(m.parent)].address : std::string();
        c.service = m.service;
        c.shard = m.shard;
        c.seed = m_options.seed;
        c.variant = variant;
        return c;
    }

    enum class Shape : std::uint8_t { Values, Sensitive, Unknown };

    // Writes one object: the values (computed ones left out when `omitComputed`), the
    // sensitivity map, or the unknown map (`true` at computed attributes when `omitComputed`).
    void writeObject(const Values &v, Shape shape, bool omitComputed)
    {
        m_out.beginObject();
        for (const Attr &a : v.attrs) {
            if (shape == Shape::Values) {
                if (omitComputed && a.computed)
                    continue;
                m_out.key(a.key);
                m_out.raw(a.json);
                if (a.sensitive)
                    noteSecret(a.json);
            } else if (shape == Shape::Sensitive && (a.sensitive || !a.shape.empty())) {
                m_out.key(a.key);
                m_out.raw(a.sensitive ? "true" : a.shape);
            } else if (shape == Shape::Unknown
                && ((omitComputed && a.computed) || !a.shape.empty())) {
                m_out.key(a.key);
                m_out.raw(omitComputed && a.computed ? "true" : a.shape);
            }
        }
        m_out.endObject();
    }

    void noteSecret(const std::string &json)
    {
        const std::string text = json.size() >= 2 ? json.substr(1, json.size() - 2) : json;
        if (m_secretSet.insert(text).second)
            m_tally.secrets.push_back(text);
    }

    // -- the document --

    void writeDocument()
    {
        sortModules();
        m_out.beginObject();
        m_out.key("format_version");
        m_out.string("1.2");
        m_out.key("terraform_version");
        m_out.string(TerraformVersion);
        writeVariables();
        m_out.key("planned_values");
        writePlannedValues();
        m_out.key("resource_changes");
        writeResourceChanges();
        m_out.key("output_changes");
        writeOutputChanges();
        m_out.key("prior_state");
        writePriorState();
        m_out.key("configuration");
        writeConfiguration();
        if (!m_options.destroy) {
            m_out.key("relevant_attributes");
            writeRelevantAttributes();
        }
        m_out.key("timestamp");
        m_out.string(Timestamp);
        m_out.key("applyable");
        m_out.boolean(true);
        m_out.key("complete");
        m_out.boolean(true);
        m_out.key("errored");
        m_out.boolean(false);
        m_out.endObject();
    }

    // Terraform sorts resources by address within each module, and child modules by address.
    void sortModules()
    {
        auto byAddress = [&](int a, int b) {
            return m_instances[size_t(a)].address < m_instances[size_t(b)].address;
        };
        for (ModuleInstance &m : m_modules) {
            std::sort(m.resources.begin(), m.resources.end(), byAddress);
            std::sort(m.children.begin(), m.children.end(), [&](int a, int b) {
                return m_modules[size_t(a)].address < m_modules[size_t(b)].address;
            });
        }
        m_sorted.resize(m_instances.size());
        for (size_t i = 0; i < m_sorted.size(); ++i)
            m_sorted[i] = int(i);
        std::sort(m_sorted.begin(), m_sorted.end(), byAddress);
    }

    std::vector<const ModuleInstance *> apps() const
    {
        std::vector<const ModuleInstance *> out;
        for (int c : m_modules[0].children)
            if (!m_modules[size_t(c)].service.empty())
                out.push_back(&m_modules[size_t(c)]);
        return out;
    }

    std::string password(const ModuleInstance &app) const
    {
        for (int c : app.children)
            for (int i : m_modules[size_t(c)].resources)
                if (m_instances[size_t(i)].block->type == "aws_db_instance")
                    for (const Attr &a :
                        valuesFor(contextFor(m_instances[size_t(i)], Variant::Before)).attrs)
                        if (a.sensitive)
                            return a.json;
        return "null";
    }

    void writeVariables()
    {
        // Terraform writes every variable's value, sensitive ones included, in the clear.
        m_out.key("variables");
        m_out.beginObject();
        auto variable = [&](const char *name, const std::string &json) {
            m_out.key(name);
            m_out.beginObject();
            m_out.key("value");
            m_out.raw(json);
            m_out.endObject();
        };
        variable("ami", quote("ami-0" + hex(hash("ami", m_options.seed), 16)));
        std::string passwords = "{", services = "[";
        for (const ModuleInstance *app : apps()) {
            passwords
                += (passwords.size() > 1 ? "," : "") + quote(app->service) + ':' + password(*app);
            services += (services.size() > 1 ? "," : "") + quote(app->service);
        }
        variable("db_passwords", passwords + '}');
        variable("environment", "\"prod\"");
        variable("services", services + ']');
        variable("shard_count", std::to_string(m_sizing.shards));
        m_out.endObject();
    }

    void writeResourceHeader(const Instance &in, bool forChange)
    {
        m_out.key("address");
        m_out.string(in.address);
        if (forChange && !m_modules[size_t(in.module)].address.empty()) {
            m_out.key("module_address");
            m_out.string(m_modules[size_t(in.module)].address);
        }
        m_out.key("mode");
        m_out.string(in.block->data ? "data" : "managed");
        m_out.key("type");
        m_out.string(in.block->type);
        m_out.key("name");
        m_out.string(in.block->name);
        if (!in.key.empty()) {
            m_out.key("index");
            m_out.raw(in.key); // a number for count, a JSON string for for_each
        }
        m_out.key("provider_name");
        m_out.string(Provider);
        if (!forChange) {
            m_out.key("schema_version");
            m_out.number(schemaVersionFor(in.block->type));
        }
    }

    Variant afterVariant(const Instance &in) const
    {
        switch (in.act) {
        case Act::Update:
            return Variant::Update;
        case Act::Replace:
            return Variant::Replace;
        case Act::Create:
        case Act::Read:
            return Variant::Create;
        default:
            return Variant::Before;
        }
    }

    // A module instance in the values representation, with its resources that pass `keep`.
    void writeModule(int module, bool planned, bool isRoot)
    {
        const ModuleInstance &m = m_modules[size_t(module)];
        m_out.beginObject();
        m_out.key("resources");
        m_out.beginArray();
        for (int i : m.resources) {
            const Instance &in = m_instances[size_t(i)];
            if (!(planned ? in.inPlanned : in.inPrior))
                continue;
            const Variant variant = planned ? afterVariant(in) : Variant::Before;
            const Values v = valuesFor(contextFor(in, variant));
            m_out.beginObject();
            writeResourceHeader(in, false);
            m_out.key("values");
            writeObject(
                v, Shape::Values, variant == Variant::Create || variant == Variant::Replace);
            m_out.key("sensitive_values");
            writeObject(v, Shape::Sensitive, false);
            if (!planned && !in.block->data) {
                const std::set<std::string> &deps = m_tally.dependsOn.at(in.config);
                if (!deps.empty()) {
                    m_out.key("depends_on");
                    m_out.beginArray();
                    for (const std::string &d : deps)
                        m_out.string(d);
                    m_out.endArray();
                }
            }
            m_out.endObject();
        }
        m_out.endArray();
        if (!isRoot) {
            m_out.key("address");
            m_out.string(m.address);
        }
        if (!m.children.empty()) {
            m_out.key("child_modules");
            m_out.beginArray();
            for (int c : m.children)
                writeModule(c, planned, false);
            m_out.endArray();
        }
        m_out.endObject();
    }

    std::string appUrls() const
    {
        Pairs urls;
        for (const ModuleInstance *app : apps())
            urls.push_back({app->service, app->service + ".acme.internal"});
        return jsonMap(urls);
    }

    std::string vpcId() const
    {
        return quote("vpc-" + hex(hash("module.network.aws_vpc.main", m_options.seed), 16)
            + hex(mix(hash("module.network.aws_vpc.main", m_options.seed)), 1));
    }

    void writeOutputs()
    {
        m_out.key("outputs");
        m_out.beginObject();
        m_out.key("app_urls");
        m_out.raw(
            "{\"sensitive\":false,\"type\":[\"map\",\"string\"],\"value\":" + appUrls() + '}');
        m_out.key("vpc_id");
        m_out.raw("{\"sensitive\":false,\"type\":\"string\",\"value\":" + vpcId() + '}');
        m_out.endObject();
    }

    void writePlannedValues()
    {
        m_out.beginObject();
        if (!m_options.destroy)
            writeOutputs();
        m_out.key("root_module");
        if (m_options.destroy)
            m_out.raw("{}"); // `plan -destroy`: nothing remains
        else
            writeModule(0, true, true);
        m_out.endObject();
    }

    void writeOutputChanges()
    {
        m_out.beginObject();
        for (const auto &[name, value] :
            {std::pair<std::string, std::string> {"app_urls", appUrls()}, {"vpc_id", vpcId()}}) {
            m_out.key(name);
            m_out.beginObject();
            m_out.key("actions");
            m_out.raw(m_options.destroy ? "[\"delete\"]" : "[\"no-op\"]");
            m_out.key("before");
            m_out.raw(value);
            m_out.key("after");
            m_out.raw(m_options.destroy ? "null" : value);
            m_out.key("after_unknown");
            m_out.boolean(false);
            m_out.key("before_sensitive");
            m_out.boolean(false);
            m_out.key("after_sensitive");
            m_out.boolean(false);
            m_out.endObject();
        }
        m_out.endObject();
    }

    void writeResourceChanges()
    {
        m_out.beginArray();
        for (int i : m_sorted) {
            const Instance &in = m_instances[size_t(i)];
            if (!in.inChanges)
                continue;
            const bool hasBefore = in.act != Act::Create && in.act != Act::Read;
            const bool hasAfter = in.act != Act::Delete;
            const Variant after = afterVariant(in);
            const bool unknowns = after == Variant::Create || after == Variant::Replace;
            m_out.beginObject();
            writeResourceHeader(in, true);
            m_out.key("change");
            m_out.beginObject();
            m_out.key("actions");
            m_out.raw(actionsJson(in));
            const Values before = hasBefore ? valuesFor(contextFor(in, Variant::Before)) : Values();
            const Values afterValues = hasAfter
                ? (after == Variant::Before ? before : valuesFor(contextFor(in, after)))
                : Values();
            m_out.key("before");
            hasBefore ? writeObject(before, Shape::Values, false) : m_out.null();
            m_out.key("after");
            hasAfter ? writeObject(afterValues, Shape::Values, unknowns) : m_out.null();
            m_out.key("after_unknown");
            hasAfter ? writeObject(afterValues, Shape::Unknown, unknowns) : m_out.raw("{}");
            m_out.key("before_sensitive");
            hasBefore ? writeObject(before, Shape::Sensitive, false) : m_out.boolean(false);
            m_out.key("after_sensitive");
            hasAfter ? writeObject(afterValues, Shape::Sensitive, false) : m_out.boolean(false);
            if (in.act == Act::Replace) {
                m_out.key("replace_paths");
                m_out.raw("[[" + quote(in.replacePath) + "]]");
            }
            m_out.endObject();
            if (!in.reason.empty()) {
                m_out.key("action_reason");
                m_out.string(in.reason);
            }
            m_out.endObject();
        }
        m_out.endArray();
    }

    static std::string actionsJson(const Instance &in)
    {
        switch (in.act) {
        case Act::NoOp:
            return "[\"no-op\"]";
        case Act::Create:
            return "[\"create\"]";
        case Act::Read:
            return "[\"read\"]";
        case Act::Update:
            return "[\"update\"]";
        case Act::Delete:
            return "[\"delete\"]";
        case Act::Replace:
            return in.cbd ? "[\"create\",\"delete\"]" : "[\"delete\",\"create\"]";
        }
        return "[]";
    }

    void writePriorState()
    {
        m_out.beginObject();
        m_out.key("format_version");
        m_out.string("1.0");
        m_out.key("terraform_version");
        m_out.string(TerraformVersion);
        m_out.key("values");
        m_out.beginObject();
        writeOutputs();
        m_out.key("root_module");
        writeModule(0, false, true);
        m_out.endObject();
        m_out.endObject();
    }

    // -- configuration --

    void writeExpression(const Expr &e)
    {
        m_out.beginObject();
        if (e.sources.empty()) {
            m_out.key("constant_value");
            m_out.raw(e.constant);
        } else {
            m_out.key("references");
            m_out.beginArray();
            for (const std::string &s : e.sources)
                for (const std::string &r : terraformReferences(s))
                    m_out.string(r);
            m_out.endArray();
        }
        m_out.endObject();
    }

    // Attributes as expressions; "block.attr" grouped into one nested block (a list of one).
    void writeExpressions(const std::vector<Expr> &exprs)
    {
        std::map<std::string, std::vector<const Expr *>> byBlock;
        for (const Expr &e : exprs) {
            const size_t dot = e.attr.find('.');
            byBlock[dot == std::string::npos ? e.attr : e.attr.substr(0, dot)].push_back(&e);
        }
        m_out.beginObject();
        for (const auto &[name, items] : byBlock) {
            m_out.key(name);
            if (items.size() == 1 && items[0]->attr == name) {
                writeExpression(*items[0]);
                continue;
            }
            m_out.beginArray();
            m_out.beginObject();
            for (const Expr *e : items) {
                m_out.key(e->attr.substr(name.size() + 1));
                writeExpression(*e);
            }
            m_out.endObject();
            m_out.endArray();
        }
        m_out.endObject();
    }

    void writeReferencesOnly(const std::string &source)
    {
        writeExpression(Expr {"", {source}, {}});
    }

    void writeConfigModule(const Module &m)
    {
        m_out.beginObject();
        if (!m.outputs.empty()) {
            m_out.key("outputs");
            m_out.beginObject();
            for (const Output &o : m.outputs) {
                m_out.key(o.name);
                m_out.beginObject();
                m_out.key("expression");
                writeExpression(Expr {"", o.sources, {}});
                m_out.endObject();
            }
            m_out.endObject();
        }
        std::vector<const Block *> blocks;
        for (const Block &b : m.blocks)
            if (!b.ghost)
                blocks.push_back(&b);
        std::sort(blocks.begin(), blocks.end(),
            [](const Block *a, const Block *b) { return a->local() < b->local(); });
        m_out.key("resources");
        m_out.beginArray();
        for (const Block *b : blocks) {
            m_out.beginObject();
            m_out.key("address");
            m_out.string(b->local());
            m_out.key("mode");
            m_out.string(b->data ? "data" : "managed");
            m_out.key("type");
            m_out.string(b->type);
            m_out.key("name");
            m_out.string(b->name);
            m_out.key("provider_config_key");
            m_out.string("aws");
            m_out.key("expressions");
            writeExpressions(b->exprs);
            m_out.key("schema_version");
            m_out.number(schemaVersionFor(b->type));
            if (b->count > 0) {
                m_out.key("count_expression");
                m_out.raw("{\"constant_value\":" + std::to_string(b->count) + '}');
            }
            if (!b->keys.empty()) {
                m_out.key("for_each_expression");
                m_out.raw("{\"constant_value\":" + jsonStrings(b->keys) + '}');
            }
            if (!b->dependsOn.empty()) {
                m_out.key("depends_on");
                m_out.raw(jsonStrings(b->dependsOn));
            }
            m_out.endObject();
        }
        m_out.endArray();
        if (!m.calls.empty()) {
            m_out.key("module_calls");
            m_out.beginObject();
            for (const Call &c : m.calls) {
                m_out.key(c.name);
                m_out.beginObject();
                m_out.key("source");
                m_out.string(c.source);
                m_out.key("expressions");
                writeExpressions(c.args);
                if (!c.countSource.empty()) {
                    m_out.key("count_expression");
                    writeReferencesOnly(c.countSource);
                }
                if (!c.forEachSource.empty()) {
                    m_out.key("for_each_expression");
                    writeReferencesOnly(c.forEachSource);
                }
                m_out.key("module");
                writeConfigModule(*c.module);
                m_out.endObject();
            }
            m_out.endObject();
        }
        m_out.key("variables");
        m_out.beginObject();
        for (const Variable &v : m.variables) {
            m_out.key(v.name);
            m_out.beginObject();
            if (!v.defaultJson.empty()) {
                m_out.key("default");
                m_out.raw(v.defaultJson);
            }
            if (v.sensitive) {
                m_out.key("sensitive");
                m_out.boolean(true);
            }
            m_out.endObject();
        }
        m_out.endObject();
        m_out.endObject();
    }

    void writeConfiguration()
    {
        m_out.beginObject();
        m_out.key("provider_config");
        m_out.raw(
            "{\"aws\":{\"name\":\"aws\",\"full_name\":\"registry.terraform.io/hashicorp/aws\","
            "\"version_constraint\":\"~> "
            "5.31\",\"expressions\":{\"region\":{\"constant_value\":\"eu-west-1\"},"
            "\"default_tags\":[{\"tags\":{\"constant_value\":{\"Org\":\"acme\"}}}]}}}");
        m_out.key("root_module");
        writeConfigModule(m_templates.root);
        m_out.endObject();
    }

    void writeRelevantAttributes()
    {
        // The attributes other resources read that Terraform found relevant to the plan.
        m_out.beginArray();
        for (int i : m_sorted) {
            const Instance &in = m_instances[size_t(i)];
            const std::string &t = in.block->type;
            if (!in.inPrior || in.block->data
                || (t != "aws_vpc" && t != "aws_subnet" && t != "aws_security_group"))
                continue;
            m_out.raw("{\"resource\":" + quote(in.address) + ",\"attribute\":[\"id\"]}");
        }
        m_out.endArray();
    }

    const GenOptions m_options;
    const Sizing m_sizing;
    JsonOut m_out;
    Templates m_templates;
    std::unique_ptr<ConfigGraph> m_config;
    std::vector<ModuleInstance> m_modules;
    std::vector<Instance> m_instances;
    std::vector<int> m_sorted; // instances by address
    GenTally m_tally;
    std::set<std::string> m_secretSet;
};

} // namespace

GenTally writePlan(const GenOptions &options, std::ostream &out)
{
    Generator generator(options, out);
    return generator.run();
}

} // namespace bg::tests
