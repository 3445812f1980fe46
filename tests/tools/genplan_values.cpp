// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Attribute payloads of the generated AWS resources: the attributes the AWS provider 5.x
// really has, with plausible values, 0.6-3 KB of JSON per object. Ids of referenced
// resources are derived from their addresses, so a subnet's vpc_id is its VPC's id.
#include "genplan_detail.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace bg::tests::gen {

// ---- JSON text ----------------------------------------------------------------------------

std::uint64_t mix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::uint64_t hash(std::string_view text, std::uint64_t seed)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text)
        h = (h ^ c) * 0x100000001b3ULL;
    return mix(h ^ mix(seed));
}

std::string hex(std::uint64_t value, int digits)
{
    static const char *const Digits = "0123456789abcdef";
    std::string out(size_t(digits), '0');
    for (int i = digits - 1; i >= 0; --i, value >>= 4)
        out[size_t(i)] = Digits[value & 15];
    return out;
}

std::string quote(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                out += "\\u00" + hex(static_cast<unsigned char>(c), 2);
            else
                out += c;
        }
    }
    out += '"';
    return out;
}

Obj &Obj::raw(std::string_view key, std::string_view json)
{
    if (m_text.size() > 1)
        m_text += ',';
    m_text += quote(key);
    m_text += ':';
    m_text += json;
    return *this;
}

Obj &Obj::strs(std::string_view key, const std::vector<std::string> &values)
{
    return raw(key, jsonStrings(values));
}

std::string jsonArray(const std::vector<std::string> &jsonValues)
{
    std::string out = "[";
    for (size_t i = 0; i < jsonValues.size(); ++i)
        out += (i ? "," : "") + jsonValues[i];
    return out + ']';
}

std::string jsonStrings(const std::vector<std::string> &values)
{
    std::vector<std::string> quoted;
    quoted.reserve(values.size());
    for (const std::string &v : values)
        quoted.push_back(quote(v));
    return jsonArray(quoted);
}

std::string jsonMap(const Pairs &entries)
{
    Obj o;
    for (const auto &[k, v] : entries)
        o.str(k, v);
    return o.done();
}

Values &Values::raw(std::string key, std::string json, std::string shape, bool computed)
{
    attrs.push_back({std::move(key), std::move(json), std::move(shape), computed, false});
    return *this;
}

Values &Values::strs(std::string key, const std::vector<std::string> &values, bool computed)
{
    std::vector<std::string> shape(values.size(), "false");
    return raw(std::move(key), jsonStrings(values), jsonArray(shape), computed);
}

Values &Values::blocks(std::string key, const std::vector<std::string> &objects, bool computed)
{
    std::vector<std::string> shape(objects.size(), "{}");
    return raw(std::move(key), jsonArray(objects), jsonArray(shape), computed);
}

Values &Values::map(std::string key, const Pairs &entries)
{
    return raw(std::move(key), jsonMap(entries), "{}");
}

Values &Values::secret(std::string key, std::string_view value)
{
    raw(std::move(key), quote(value));
    attrs.back().sensitive = true;
    return *this;
}

// ---- JsonOut ------------------------------------------------------------------------------

void JsonOut::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back())
            m_buffer += ',';
        m_first.back() = false;
    }
}

void JsonOut::open(char c)
{
    separate();
    m_buffer += c;
    m_first.push_back(true);
}

void JsonOut::close(char c)
{
    m_buffer += c;
    m_first.pop_back();
    spill();
}

void JsonOut::key(std::string_view key)
{
    separate();
    m_buffer += quote(key);
    m_buffer += ':';
    m_afterKey = true;
}

void JsonOut::string(std::string_view value)
{
    separate();
    m_buffer += quote(value);
    spill();
}

void JsonOut::raw(std::string_view json)
{
    separate();
    m_buffer += json;
    spill();
}

void JsonOut::flush()
{
    m_out.write(m_buffer.data(), std::streamsize(m_buffer.size()));
    m_written += m_buffer.size();
    m_buffer.clear();
}

// ---- the estate's vocabulary --------------------------------------------------------------

namespace {

constexpr std::string_view Region = "eu-west-1";
const std::vector<std::string> Zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"};
const std::vector<std::string> Teams
    = {"payments", "identity", "search", "platform", "growth", "data"};

std::string account(const ValueCtx &c)
{
    return "4"
        + std::to_string(100000000000ULL + hash("account", c.seed) % 899999999999ULL).substr(1);
}

// A resource id such as vpc-0a1b2c3d4e5f60718: derived from the owner's address only.
std::string idOf(
    const ValueCtx &c, std::string_view address, std::string_view prefix, int digits = 17)
{
    const std::uint64_t h = hash(address, c.seed);
    return std::string(prefix)
        + (digits <= 16 ? hex(h, digits) : hex(h, 16) + hex(mix(h), digits - 16));
}

std::string arn(
    const ValueCtx &c, std::string_view service, std::string_view path, bool regional = true)
{
    return "arn:aws:" + std::string(service) + ':'
        + (regional ? std::string(Region) : std::string()) + ':' + account(c) + ':'
        + std::string(path);
}

std::string uuid(const ValueCtx &c, std::string_view address)
{
    const std::string h = hex(hash(address, c.seed), 16) + hex(mix(hash(address, c.seed)), 16);
    return h.substr(0, 8) + '-' + h.substr(8, 4) + '-' + h.substr(12, 4) + '-' + h.substr(16, 4)
        + '-' + h.substr(20, 12);
}

// The name stem of the module instance: the service, the shard, or the shared core.
std::string label(const ValueCtx &c)
{
    if (!c.service.empty())
        return c.service;
    if (c.shard >= 0)
        return "shard-" + std::to_string(c.shard);
    return "core";
}

std::string environment(const ValueCtx &c)
{
    return hash(c.service.empty() ? label(c) : c.service, c.seed) % 5 == 0 ? "staging" : "prod";
}

std::string team(const ValueCtx &c)
{
    return Teams[hash(label(c), c.seed) % Teams.size()];
}

// The enclosing module.app instance (from inside module.db too).
std::string appModule(const ValueCtx &c)
{
    return c.module.find(".module.db") != std::string::npos ? c.parent : c.module;
}

Pairs tagsFor(const ValueCtx &c, std::string_view name, bool dataStore = false)
{
    Pairs t = {{"Environment", environment(c)}, {"ManagedBy", "terraform"},
        {"Name", std::string(name)}, {"Service", label(c)}, {"Team", team(c)}};
    if (dataStore)
        t.push_back(
            {"DataClassification", hash(name, c.seed) % 3 == 0 ? "confidential" : "internal"});
    return t;
}

void tags(Values &v, const ValueCtx &c, std::string_view name, bool dataStore = false)
{
    Pairs t = tagsFor(c, name, dataStore);
    v.map("tags", t);
    t.push_back({"Org", "acme"}); // the provider's default_tags
    v.map("tags_all", t);
}

std::string policy(const ValueCtx &c, const std::vector<std::string> &actions,
    const std::vector<std::string> &resources)
{
    const std::string statement
        = Obj()
              .strs("Action", actions)
              .str("Effect", "Allow")
              .strs("Resource", resources)
              .str("Sid", "Allow" + std::to_string(hash(resources.front(), c.seed) % 100))
              .done();
    return Obj().raw("Statement", "[" + statement + "]").str("Version", "2012-10-17").done();
}

std::string assumeRole(std::string_view service)
{
    const std::string statement = Obj()
                                      .str("Action", "sts:AssumeRole")
                                      .str("Effect", "Allow")
                                      .raw("Principal", Obj().str("Service", service).done())
                                      .done();
    return Obj().raw("Statement", "[" + statement + "]").str("Version", "2012-10-17").done();
}

std::string ingressRule(
    const ValueCtx &c, Rng &rng, int port, const std::vector<std::string> &groups)
{
    return Obj()
        .strs("cidr_blocks",
            groups.empty()
                ? std::vector<std::string> {"10." + std::to_string(rng.below(200)) + ".0.0/16"}
                : std::vector<std::string> {})
        .str("description", "port " + std::to_string(port) + " for " + label(c))
        .num("from_port", port)
        .strs("ipv6_cidr_blocks", {})
        .strs("prefix_list_ids", {})
        .str("protocol", "tcp")
        .strs("security_groups", groups)
        .flag("self", false)
        .num("to_port", port)
        .done();
}

std::string egressAll()
{
    return Obj()
        .strs("cidr_blocks", {"0.0.0.0/0"})
        .str("description", "")
        .num("from_port", 0)
        .strs("ipv6_cidr_blocks", {"::/0"})
        .strs("prefix_list_ids", {})
        .str("protocol", "-1")
        .strs("security_groups", {})
        .flag("self", false)
        .num("to_port", 0)
        .done();
}

std::vector<std::string> networkSubnets(const ValueCtx &c, std::string_view tier)
{
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i)
        ids.push_back(idOf(c,
            "module.network.aws_subnet." + std::string(tier) + '[' + std::to_string(i) + ']',
            "subnet-"));
    return ids;
}

std::string networkVpc(const ValueCtx &c)
{
    return idOf(c, "module.network.aws_vpc.main", "vpc-");
}

// The VPC of the module instance the resource sits in.
std::string ownVpc(const ValueCtx &c)
{
    return c.shard >= 0 ? idOf(c, c.at("aws_vpc.this"), "vpc-") : networkVpc(c);
}

std::string cidrFor(const ValueCtx &c, int third)
{
    const int second = c.shard >= 0 ? 16 + c.shard % 200 : 0;
    return "10." + std::to_string(second) + '.' + std::to_string(third) + ".0/"
        + (third < 0 ? "16" : "24");
}

// ---- one function per type ----------------------------------------------------------------

using Fill = void (*)(Values &, const ValueCtx &, Rng &);

void vpc(Values &v, const ValueCtx &c, Rng &)
{
    const std::string id = idOf(c, c.address, "vpc-");
    v.str("arn", arn(c, "ec2", "vpc/" + id), true)
        .flag("assign_generated_ipv6_cidr_block", false)
        .str(
            "cidr_block", "10." + std::to_string(c.shard >= 0 ? 16 + c.shard % 200 : 0) + ".0.0/16")
        .str("default_network_acl_id", idOf(c, c.address + "/acl", "acl-"), true)
        .str("default_route_table_id", idOf(c, c.address + "/rtb", "rtb-"), true)
        .str("default_security_group_id", idOf(c, c.address + "/sg", "sg-"), true)
        .str("dhcp_options_id", idOf(c, "dhcp", "dopt-"), true)
        .flag("enable_dns_hostnames", true)
        .flag("enable_dns_support", true)
        .flag("enable_network_address_usage_metrics", false)
        .str("id", id, true)
        .str("instance_tenancy", "default")
        .null("ipv4_ipam_pool_id")
        .null("ipv4_netmask_length")
        .str("ipv6_association_id", "", true)
        .str("ipv6_cidr_block", "", true)
        .str("ipv6_cidr_block_network_border_group", "", true)
        .str("ipv6_ipam_pool_id", "")
        .num("ipv6_netmask_length", 0)
        .str("main_route_table_id", idOf(c, c.address + "/rtb", "rtb-"), true)
        .str("owner_id", account(c), true);
    tags(v, c, label(c) + "-vpc");
}

void subnet(Values &v, const ValueCtx &c, Rng &)
{
    const std::string id = idOf(c, c.address, "subnet-");
    const int i = std::max(c.index, 0);
    const bool isPublic = c.name == "public";
    v.str("arn", arn(c, "ec2", "subnet/" + id), true)
        .flag("assign_ipv6_address_on_creation", false)
        .str("availability_zone", Zones[size_t(i) % 3])
        .str("availability_zone_id", "euw1-az" + std::to_string(i % 3 + 1), true)
        .str("cidr_block", cidrFor(c, (isPublic ? 100 : 0) + i))
        .str("customer_owned_ipv4_pool", "")
        .flag("enable_dns64", false)
        .num("enable_lni_at_device_index", 0)
        .flag("enable_resource_name_dns_a_record_on_launch", false)
        .flag("enable_resource_name_dns_aaaa_record_on_launch", false)
        .str("id", id, true)
        .str("ipv6_cidr_block", "")
        .str("ipv6_cidr_block_association_id", "", true)
        .flag("ipv6_native", false)
        .flag("map_customer_owned_ip_on_launch", false)
        .flag("map_public_ip_on_launch", isPublic)
        .str("outpost_arn", "")
        .str("owner_id", account(c), true)
        .str("private_dns_hostname_type_on_launch", "ip-name");
    tags(v, c, label(c) + '-' + c.name + '-' + Zones[size_t(i) % 3]);
    v.null("timeouts").str("vpc_id", ownVpc(c));
}

void securityGroup(Values &v, const ValueCtx &c, Rng &rng)
{
    const std::string id = idOf(c, c.address, "sg-");
    std::vector<std::string> ingress;
    const std::string app = appModule(c);
    if (c.name == "db")
        ingress.push_back(
            ingressRule(c, rng, 5432, {idOf(c, c.parent + ".aws_security_group.svc", "sg-")}));
    else if (c.name == "svc")
        ingress.push_back(
            ingressRule(c, rng, 8080, {idOf(c, app + ".aws_security_group.lb", "sg-")}));
    else
        ingress.push_back(ingressRule(c, rng, 443, {}));
    v.str("arn", arn(c, "ec2", "security-group/" + id), true)
        .str("description", "Managed by Terraform: " + label(c) + ' ' + c.name)
        .blocks("egress", {egressAll()})
        .str("id", id, true)
        .blocks("ingress", ingress)
        .str("name", label(c) + '-' + c.name)
        .str("name_prefix", "")
        .str("owner_id", account(c), true)
        .flag("revoke_rules_on_delete", false);
    tags(v, c, label(c) + '-' + c.name);
    v.null("timeouts").str("vpc_id", ownVpc(c));
}

void securityGroupRule(Values &v, const ValueCtx &c, Rng &rng)
{
    const int port = c.key.empty() ? 443
        : c.key.front() == '"'     ? std::stoi(c.key.substr(1))
                                   : 8000 + c.index;
    const std::string group
        = idOf(c, c.at(c.shard >= 0 ? "aws_security_group.this" : "aws_security_group.svc"), "sg-");
    v.null("cidr_blocks")
        .str("description", "allow " + std::to_string(port))
        .num("from_port", port)
        .str("id", "sgrule-" + std::to_string(hash(c.address, c.seed) % 4000000000ULL), true)
        .null("ipv6_cidr_blocks")
        .null("prefix_list_ids")
        .str("protocol", "tcp")
        .str("security_group_id", group)
        .str("security_group_rule_id", idOf(c, c.address, "sgr-"), true)
        .flag("self", false)
        .str("source_security_group_id",
            c.shard >= 0 ? idOf(c, c.at("aws_vpc.this") + "/sg", "sg-")
                         : idOf(c, c.at("aws_security_group.lb"), "sg-"))
        .null("timeouts")
        .num("to_port", port)
        .str("type", rng.chance(0.9) ? "ingress" : "egress");
}

void internetGateway(Values &v, const ValueCtx &c, Rng &)
{
    const std::string id = idOf(c, c.address, "igw-");
    v.str("arn", arn(c, "ec2", "internet-gateway/" + id), true)
        .str("id", id, true)
        .str("owner_id", account(c), true);
    tags(v, c, "core-igw");
    v.null("timeouts").str("vpc_id", networkVpc(c));
}

void routeTable(Values &v, const ValueCtx &c, Rng &)
{
    const std::string id = idOf(c, c.address, "rtb-");
    const std::string route
        = Obj()
              .str("carrier_gateway_id", "")
              .str("cidr_block", "0.0.0.0/0")
              .str("core_network_arn", "")
              .str("destination_prefix_list_id", "")
              .str("egress_only_gateway_id", "")
              .str("gateway_id", idOf(c, "module.network.aws_internet_gateway.main", "igw-"))
              .str("ipv6_cidr_block", "")
              .str("local_gateway_id", "")
              .str("nat_gateway_id", "")
              .str("network_interface_id", "")
              .str("transit_gateway_id", "")
              .str("vpc_endpoint_id", "")
              .str("vpc_peering_connection_id", "")
              .done();
    v.str("arn", arn(c, "ec2", "route-table/" + id), true)
        .str("id", id, true)
        .str("owner_id", account(c), true)
        .strs("propagating_vgws", {})
        .blocks("route", {route});
    tags(v, c, "core-private");
    v.null("timeouts").str("vpc_id", networkVpc(c));
}

void routeTableAssociation(Values &v, const ValueCtx &c, Rng &)
{
    v.str("gateway_id", "")
        .str("id", idOf(c, c.address, "rtbassoc-"), true)
        .str("route_table_id", idOf(c, "module.network.aws_route_table.private", "rtb-"))
        .str("subnet_id", networkSubnets(c, "private")[size_t(std::max(c.index, 0)) % 3])
        .null("timeouts");
}

void instance(Values &v, const ValueCtx &c, Rng &rng)
{
    static const std::vector<std::string> Types
        = {"m6i.large", "m6i.xlarge", "c6i.2xlarge", "r6i.large", "t3.medium"};
    const std::string id = idOf(c, c.address, "i-");
    const int i = std::max(c.index, 0);
    const std::string octets[] = {"10", std::to_string(16 + std::max(c.shard, 0) % 200),
        std::to_string(i % 2), std::to_string(10 + rng.below(240))};
    const std::string ip = octets[0] + '.' + octets[1] + '.' + octets[2] + '.' + octets[3];
    const std::string dnsName
        = "ip-" + octets[0] + '-' + octets[1] + '-' + octets[2] + '-' + octets[3];
    const std::string kms = arn(c, "kms", "key/" + uuid(c, c.at("aws_kms_key.this")));
    const std::string root = Obj()
                                 .flag("delete_on_termination", true)
                                 .str("device_name", "/dev/xvda")
                                 .flag("encrypted", true)
                                 .num("iops", 3000)
                                 .str("kms_key_id", kms)
                                 .raw("tags", "{}")
                                 .num("throughput", 125)
                                 .str("volume_id", idOf(c, c.address + "/root", "vol-"))
                                 .num("volume_size", 40 + 20 * rng.below(5))
                                 .str("volume_type", "gp3")
                                 .done();
    const std::string metadata = Obj()
                                     .str("http_endpoint", "enabled")
                                     .num("http_put_response_hop_limit", 2)
                                     .str("http_tokens", "required")
                                     .str("instance_metadata_tags", "disabled")
                                     .done();
    v.str("ami", "ami-0" + hex(hash("ami", c.seed), 16))
        .str("arn", arn(c, "ec2", "instance/" + id), true)
        .flag("associate_public_ip_address", false)
        .str("availability_zone", Zones[size_t(i) % 3], true)
        .num("cpu_core_count", 2, true)
        .num("cpu_threads_per_core", 2, true)
        .flag("disable_api_stop", false)
        .flag("disable_api_termination", rng.chance(0.3))
        .blocks("ebs_block_device", {})
        .flag("ebs_optimized", true)
        .str("iam_instance_profile", label(c) + "-worker")
        .str("id", id, true)
        .str("instance_initiated_shutdown_behavior", "stop")
        .str("instance_state", "running", true)
        .str("instance_type", rng.pick(Types))
        .str("key_name", "")
        .blocks("metadata_options", {metadata})
        .flag("monitoring", true)
        .str("password_data", "", true)
        .str("primary_network_interface_id", idOf(c, c.address + "/eni", "eni-"), true)
        .str("private_dns", dnsName + ".eu-west-1.compute.internal", true)
        .str("private_ip", ip, true)
        .str("public_dns", "", true)
        .str("public_ip", "", true)
        .blocks("root_block_device", {root})
        .strs("secondary_private_ips", {})
        .strs("security_groups", {})
        .flag("source_dest_check", true)
        .str("subnet_id",
            idOf(c, c.at("aws_subnet.this[" + std::to_string(i % 2) + "]"), "subnet-"));
    tags(v, c, label(c) + "-worker-" + std::to_string(i));
    v.str("tenancy", "default")
        .null("timeouts")
        .str("user_data",
            hex(hash(label(c) + "/user_data", c.seed), 16) + hex(hash("user_data", c.seed), 16))
        .null("user_data_base64")
        .flag("user_data_replace_on_change", false)
        .null("volume_tags")
        .strs("vpc_security_group_ids", {idOf(c, c.at("aws_security_group.this"), "sg-")});
}

void loadBalancer(Values &v, const ValueCtx &c, Rng &rng)
{
    const std::string name = label(c) + "-alb";
    const std::string suffix = "app/" + name + '/' + hex(hash(c.address, c.seed), 16);
    const std::string a = arn(c, "elasticloadbalancing", "loadbalancer/" + suffix);
    v.blocks("access_logs",
         {Obj().str("bucket", "acme-logs-" + account(c))
                 .flag("enabled", true)
                 .str("prefix", label(c))
                 .done()})
        .str("arn", a, true)
        .str("arn_suffix", suffix, true)
        .str("customer_owned_ipv4_pool", "")
        .str("desync_mitigation_mode", "defensive")
        .str("dns_name",
            "internal-" + name + '-' + std::to_string(hash(c.address, c.seed) % 1000000000)
                + ".eu-west-1.elb.amazonaws.com",
            true)
        .flag("drop_invalid_header_fields", false)
        .flag("enable_cross_zone_load_balancing", true)
        .flag("enable_deletion_protection", rng.chance(0.5))
        .flag("enable_http2", true)
        .flag("enable_waf_fail_open", false)
        .str("id", a, true)
        .num("idle_timeout", 60)
        .flag("internal", true)
        .str("ip_address_type", "ipv4")
        .str("load_balancer_type", "application")
        .str("name", name)
        .null("name_prefix")
        .flag("preserve_host_header", false)
        .strs("security_groups", {idOf(c, c.at("aws_security_group.lb"), "sg-")})
        .strs("subnets", networkSubnets(c, "public"));
    tags(v, c, name);
    v.null("timeouts").str("vpc_id", networkVpc(c), true).str("zone_id", "Z32O12XQLNTSW2", true);
}

void targetGroup(Values &v, const ValueCtx &c, Rng &)
{
    const std::string suffix = "targetgroup/" + label(c) + '/' + hex(hash(c.address, c.seed), 16);
    const std::string a = arn(c, "elasticloadbalancing", suffix);
    const std::string health = Obj()
                                   .flag("enabled", true)
                                   .num("healthy_threshold", 3)
                                   .num("interval", 30)
                                   .str("matcher", "200-399")
                                   .str("path", "/healthz")
                                   .str("port", "traffic-port")
                                   .str("protocol", "HTTP")
                                   .num("timeout", 5)
                                   .num("unhealthy_threshold", 3)
                                   .done();
    v.str("arn", a, true)
        .str("arn_suffix", suffix, true)
        .flag("connection_termination", false)
        .str("deregistration_delay", "30")
        .blocks("health_check", {health})
        .str("id", a, true)
        .str("ip_address_type", "ipv4")
        .flag("lambda_multi_value_headers_enabled", false)
        .str("load_balancing_algorithm_type", "round_robin")
        .str("name", label(c))
        .num("port", 8080)
        .str("protocol", "HTTP")
        .str("protocol_version", "HTTP1")
        .flag("proxy_protocol_v2", false)
        .num("slow_start", 0)
        .blocks("stickiness",
            {Obj().num("cookie_duration", 86400)
                    .str("cookie_name", "")
                    .flag("enabled", false)
                    .str("type", "lb_cookie")
                    .done()});
    tags(v, c, label(c) + "-tg");
    v.str("target_type", "ip").str("vpc_id", networkVpc(c));
}

void listener(Values &v, const ValueCtx &c, Rng &)
{
    const std::string lb = arn(c, "elasticloadbalancing",
        "loadbalancer/app/" + label(c) + "-alb/" + hex(hash(c.at("aws_lb.this"), c.seed), 16));
    const std::string tg = arn(c, "elasticloadbalancing",
        "targetgroup/" + label(c) + '/' + hex(hash(c.at("aws_lb_target_group.this"), c.seed), 16));
    const std::string a = arn(c, "elasticloadbalancing",
        "listener/app/" + label(c) + "-alb/" + hex(hash(c.address, c.seed), 16));
    const std::string action = Obj()
                                   .raw("authenticate_cognito", "[]")
                                   .raw("authenticate_oidc", "[]")
                                   .raw("fixed_response", "[]")
                                   .raw("forward", "[]")
                                   .num("order", 1)
                                   .raw("redirect", "[]")
                                   .str("target_group_arn", tg)
                                   .str("type", "forward")
                                   .done();
    v.null("alpn_policy")
        .str("arn", a, true)
        .str("certificate_arn", arn(c, "acm", "certificate/" + uuid(c, "certificate")))
        .blocks("default_action", {action})
        .str("id", a, true)
        .str("load_balancer_arn", lb)
        .null("mutual_authentication")
        .num("port", 443)
        .str("protocol", "HTTPS")
        .str("ssl_policy", "ELBSecurityPolicy-TLS13-1-2-2021-06");
    tags(v, c, label(c) + "-https");
    v.null("timeouts");
}

void iamRole(Values &v, const ValueCtx &c, Rng &)
{
    const std::string name = label(c) + '-' + c.name;
    const char *service = c.name == "worker" ? "ec2.amazonaws.com" : "ecs-tasks.amazonaws.com";
    v.str("arn", arn(c, "iam", "role/" + name, false), true)
        .str("assume_role_policy", assumeRole(service))
        .str("create_date", "2024-0" + std::to_string(1 + hash(name, c.seed) % 9) + "-14T08:21:07Z",
            true)
        .str("description", "Role for " + name)
        .flag("force_detach_policies", false)
        .str("id", name, true)
        .blocks("inline_policy", {Obj().str("name", name).str("policy", "").done()}, true)
        .strs("managed_policy_arns", {"arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"}, true)
        .num("max_session_duration", 3600)
        .str("name", name)
        .str("name_prefix", "", true)
        .str("path", "/")
        .null("permissions_boundary");
    tags(v, c, name);
    v.str("unique_id", "AROA" + hex(hash(c.address, c.seed), 16), true);
}

void iamRolePolicy(Values &v, const ValueCtx &c, Rng &)
{
    const std::string role = label(c) + '-' + c.name;
    std::vector<std::string> resources;
    if (c.shard >= 0)
        resources = {arn(c, "s3", "acme-" + label(c) + "-data", false),
            arn(c, "kms", "key/" + uuid(c, c.at("aws_kms_key.this")))};
    else
        resources = {"arn:aws:s3:::acme-" + label(c) + "-assets",
            "arn:aws:s3:::acme-" + label(c) + "-assets/*"};
    v.str("id", role + ':' + role, true)
        .str("name", role)
        .null("name_prefix")
        .str("policy",
            policy(c,
                {"s3:GetObject", "s3:PutObject", "s3:ListBucket", "kms:Decrypt",
                    "kms:GenerateDataKey"},
                resources))
        .str("role", role);
}

void instanceProfile(Values &v, const ValueCtx &c, Rng &)
{
    const std::string name = label(c) + "-worker";
    v.str("arn", arn(c, "iam", "instance-profile/" + name, false), true)
        .str("create_date", "2024-03-02T10:00:00Z", true)
        .str("id", name, true)
        .str("name", name)
        .str("name_prefix", "", true)
        .str("path", "/")
        .str("role", name);
    tags(v, c, name);
    v.str("unique_id", "AIPA" + hex(hash(c.address, c.seed), 16), true);
}

std::string containerDefinitions(const ValueCtx &c)
{
    const std::string app = appModule(c);
    const std::string endpoint
        = label(c) + ".c" + hex(hash(app, c.seed), 10) + ".eu-west-1.rds.amazonaws.com:5432";
    Pairs env = {{"DB_HOST", endpoint}, {"LOG_LEVEL", "info"}, {"REGION", std::string(Region)},
        {"SERVICE_NAME", label(c)}, {"OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4317"}};
    std::vector<std::string> environmentJson;
    for (const auto &[k, val] : env)
        environmentJson.push_back(Obj().str("name", k).str("value", val).done());
    const std::string logs = Obj()
                                 .str("logDriver", "awslogs")
                                 .raw("options",
                                     Obj()
                                         .str("awslogs-group", "/ecs/" + label(c))
                                         .str("awslogs-region", Region)
                                         .str("awslogs-stream-prefix", "app")
                                         .done())
                                 .done();
    const std::string container = Obj()
                                      .num("cpu", 0)
                                      .raw("environment", jsonArray(environmentJson))
                                      .flag("essential", true)
                                      .str("image",
                                          account(c) + ".dkr.ecr.eu-west-1.amazonaws.com/"
                                              + label(c) + ":" + hex(hash(c.address, c.seed), 7))
                                      .raw("logConfiguration", logs)
                                      .str("name", label(c))
                                      .raw("portMappings",
                                          "["
                                              + Obj()
                                                    .num("containerPort", 8080)
                                                    .num("hostPort", 8080)
                                                    .str("protocol", "tcp")
                                                    .done()
                                              + "]")
                                      .done();
    return "[" + container + "]";
}

void taskDefinition(Values &v, const ValueCtx &c, Rng &rng)
{
    const int revision = 1 + rng.below(60);
    const std::string family = label(c);
    v.str("arn", arn(c, "ecs", "task-definition/" + family + ':' + std::to_string(revision)), true)
        .str("arn_without_revision", arn(c, "ecs", "task-definition/" + family), true)
        .str("container_definitions", containerDefinitions(c))
        .str("cpu", "512")
        .blocks("ephemeral_storage", {})
        .str("execution_role_arn", arn(c, "iam", "role/core-ecs-execution", false))
        .str("family", family)
        .str("id", family, true)
        .blocks("inference_accelerator", {})
        .str("ipc_mode", "")
        .str("memory", "1024")
        .str("network_mode", "awsvpc")
        .str("pid_mode", "")
        .blocks("placement_constraints", {})
        .blocks("proxy_configuration", {})
        .strs("requires_compatibilities", {"FARGATE"})
        .num("revision", revision, true)
        .blocks("runtime_platform", {})
        .flag("skip_destroy", false);
    tags(v, c, family);
    v.str("task_role_arn", arn(c, "iam", "role/" + family + "-task", false))
        .flag("track_latest", false)
        .blocks("volume", {});
}

void ecsService(Values &v, const ValueCtx &c, Rng &rng)
{
    const std::string tg = arn(c, "elasticloadbalancing",
        "targetgroup/" + label(c) + '/' + hex(hash(c.at("aws_lb_target_group.this"), c.seed), 16));
    const std::string network
        = Obj()
              .flag("assign_public_ip", false)
              .strs("security_groups", {idOf(c, c.at("aws_security_group.svc"), "sg-")})
              .strs("subnets", networkSubnets(c, "private"))
              .done();
    v.blocks("alarms", {})
        .blocks("capacity_provider_strategy", {})
        .str("cluster", arn(c, "ecs", "cluster/main"))
        .blocks("deployment_circuit_breaker",
            {Obj().flag("enable", true).flag("rollback", true).done()})
        .blocks("deployment_controller", {Obj().str("type", "ECS").done()})
        .num("deployment_maximum_percent", 200)
        .num("deployment_minimum_healthy_percent", 100)
        .num("desired_count", 2 + rng.below(6))
        .flag("enable_ecs_managed_tags", false)
        .flag("enable_execute_command", false)
        .null("force_new_deployment")
        .num("health_check_grace_period_seconds", 30)
        .str("iam_role", "/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS", true)
        .str("id", arn(c, "ecs", "service/main/" + label(c)), true)
        .str("launch_type", "FARGATE")
        .blocks("load_balancer",
            {Obj().str("container_name", label(c))
                    .num("container_port", 8080)
                    .str("elb_name", "")
                    .str("target_group_arn", tg)
                    .done()})
        .str("name", label(c))
        .blocks("network_configuration", {network})
        .blocks("ordered_placement_strategy", {})
        .blocks("placement_constraints", {})
        .str("platform_version", "LATEST")
        .str("propagate_tags", "NONE")
        .str("scheduling_strategy", "REPLICA")
        .blocks("service_connect_configuration", {})
        .blocks("service_registries", {});
    tags(v, c, label(c));
    v.str("task_definition", arn(c, "ecs", "task-definition/" + label(c)))
        .null("timeouts")
        .map("triggers", {})
        .flag("wait_for_steady_state", false);
}

void dbInstance(Values &v, const ValueCtx &c, Rng &rng)
{
    static const std::vector<std::string> Classes
        = {"db.r6g.large", "db.r6g.xlarge", "db.m6g.large", "db.t4g.medium"};
    const std::string identifier = label(c) + "-db";
    const std::string host
        = identifier + ".c" + hex(hash(c.parent, c.seed), 10) + ".eu-west-1.rds.amazonaws.com";
    static const std::vector<int> Retention = {0, 1, 7, 7, 14, 35};
    const int retention = rng.pick(Retention);
    const bool skipFinal = rng.chance(0.25);
    const bool protect = rng.chance(0.6);
    const std::string password
        = "pw-" + hex(hash(c.address + "/password", c.seed), 16) + hex(hash("pw", c.seed), 8);
    v.str("address", host, true)
        .num("allocated_storage", 100 + 50 * rng.below(8))
        .null("allow_major_version_upgrade")
        .flag("apply_immediately", false)
        .str("arn", arn(c, "rds", "db:" + identifier), true)
        .flag("auto_minor_version_upgrade", true)
        .str("availability_zone", Zones[hash(identifier, c.seed) % 3], true)
        .num("backup_retention_period", retention)
        .str("backup_target", "region")
        .str("backup_window", "02:30-03:30")
        .blocks("blue_green_update", {})
        .str("ca_cert_identifier", "rds-ca-rsa2048-g1")
        .str("character_set_name", "")
        .flag("copy_tags_to_snapshot", true)
        .str("custom_iam_instance_profile", "")
        .flag("customer_owned_ip_enabled", false)
        .str("db_name", "app")
        .str("db_subnet_group_name", label(c))
        .flag("delete_automated_backups", true)
        .flag("deletion_protection", protect)
        .str("domain", "")
        .strs("enabled_cloudwatch_logs_exports", {"postgresql", "upgrade"})
        .str("endpoint", host + ":5432", true)
        .str("engine", "postgres")
        .str("engine_version", "15.4")
        .str("engine_version_actual", "15.4", true)
        .raw("final_snapshot_identifier", skipFinal ? "null" : quote(identifier + "-final"))
        .str("hosted_zone_id", "Z29XKXDKYMONMX", true)
        .flag("iam_database_authentication_enabled", false)
        .str("id", "db-" + hex(hash(c.address, c.seed), 16), true)
        .str("identifier", identifier)
        .str("identifier_prefix", "", true)
        .str("instance_class", rng.pick(Classes))
        .num("iops", 3000)
        .str("kms_key_id", arn(c, "kms", "key/" + uuid(c, "aws_kms_key.main")))
        .str("latest_restorable_time", "2026-01-15T09:25:00Z", true)
        .str("license_model", "postgresql-license")
        .blocks("listener_endpoint", {}, true)
        .str("maintenance_window", "sun:04:00-sun:05:00")
        .null("manage_master_user_password")
        .blocks("master_user_secret", {}, true)
        .num("max_allocated_storage", 1000)
        .num("monitoring_interval", 60)
        .str("monitoring_role_arn", arn(c, "iam", "role/rds-monitoring", false))
        .flag("multi_az", rng.chance(0.7))
        .str("network_type", "IPV4")
        .str("option_group_name", "default:postgres-15")
        .str("parameter_group_name", "default.postgres15")
        .secret("password", password)
        .flag("performance_insights_enabled", true)
        .str("performance_insights_kms_key_id", arn(c, "kms", "key/" + uuid(c, "aws_kms_key.main")),
            true)
        .num("performance_insights_retention_period", 7)
        .num("port", 5432)
        .flag("publicly_accessible", false)
        .str("replica_mode", "")
        .strs("replicas", {}, true)
        .str("replicate_source_db", "")
        .str("resource_id", "db-" + hex(mix(hash(c.address, c.seed)), 16), true)
        .blocks("restore_to_point_in_time", {})
        .blocks("s3_import", {})
        .flag("skip_final_snapshot", skipFinal)
        .null("snapshot_identifier")
        .str("status", "available", true)
        .flag("storage_encrypted", true)
        .num("storage_throughput", 125)
        .str("storage_type", "gp3");
    tags(v, c, identifier, true);
    v.null("timeouts")
        .str("timezone", "")
        .str("username", "app_admin")
        .strs("vpc_security_group_ids", {idOf(c, c.at("aws_security_group.db"), "sg-")});
}

void dbSubnetGroup(Values &v, const ValueCtx &c, Rng &)
{
    v.str("arn", arn(c, "rds", "subgrp:" + label(c)), true)
        .str("description", "Managed by Terraform")
        .str("id", label(c), true)
        .str("name", label(c))
        .str("name_prefix", "", true)
        .strs("subnet_ids", networkSubnets(c, "private"))
        .strs("supported_network_types", {"IPV4"}, true);
    tags(v, c, label(c) + "-db");
    v.str("vpc_id", networkVpc(c), true);
}

void dbSnapshot(Values &v, const ValueCtx &c, Rng &rng)
{
    const std::string identifier = label(c) + "-baseline";
    v.num("allocated_storage", 100 + 50 * rng.below(8), true)
        .str("availability_zone", Zones[hash(label(c) + "-db", c.seed) % 3], true)
        .str("db_instance_identifier", label(c) + "-db")
        .str("db_snapshot_arn", arn(c, "rds", "snapshot:" + identifier), true)
        .str("db_snapshot_identifier", identifier)
        .flag("encrypted", true)
        .str("engine", "postgres", true)
        .str("engine_version", "15.4", true)
        .str("id", identifier, true)
        .num("iops", 3000, true)
        .str("kms_key_id", arn(c, "kms", "key/" + uuid(c, "aws_kms_key.main")), true)
        .str("license_model", "postgresql-license", true)
        .str("option_group_name", "default:postgres-15", true)
        .num("port", 5432, true)
        .null("shared_accounts")
        .str("snapshot_create_time", "2025-11-0" + std::to_string(1 + rng.below(9)) + "T03:12:44Z",
            true)
        .str("snapshot_type", "manual", true)
        .str("source_db_snapshot_identifier", "", true)
        .str("source_region", "", true)
        .str("status", "available", true)
        .str("storage_type", "gp3", true);
    tags(v, c, identifier, true);
    v.null("timeouts").str("vpc_id", networkVpc(c), true);
}

void s3Bucket(Values &v, const ValueCtx &c, Rng &rng)
{
    const std::string bucket
        = c.module.empty() ? "acme-logs-" + account(c) : "acme-" + label(c) + '-' + c.name;
    const bool forceDestroy = c.module.empty() || rng.chance(0.3);
    const std::string sse
        = Obj()
              .raw("rule",
                  "["
                      + Obj()
                            .raw("apply_server_side_encryption_by_default",
                                "["
                                    + Obj()
                                          .str("kms_master_key_id",
                                              arn(c, "kms", "key/" + uuid(c, "aws_kms_key.main")))
                                          .str("sse_algorithm", "aws:kms")
                                          .done()
                                    + "]")
                            .flag("bucket_key_enabled", true)
                            .done()
                      + "]")
              .done();
    v.str("acceleration_status", "", true)
        .null("acl")
        .str("arn", "arn:aws:s3:::" + bucket, true)
        .str("bucket", bucket)
        .str("bucket_domain_name", bucket + ".s3.amazonaws.com", true)
        .str("bucket_prefix", "")
        .str("bucket_regional_domain_name", bucket + ".s3.eu-west-1.amazonaws.com", true)
        .flag("force_destroy", forceDestroy)
        .blocks("grant",
            {Obj().str("id",
                      hex(hash("canonical", c.seed), 16) + hex(hash("canonical2", c.seed), 16))
                    .strs("permissions", {"FULL_CONTROL"})
                    .str("type", "CanonicalUser")
                    .str("uri", "")
                    .done()},
            true)
        .str("hosted_zone_id", "Z1BKCTXD74EZPE", true)
        .str("id", bucket, true)
        .flag("object_lock_enabled", false)
        .str("policy", "", true)
        .str("region", Region, true)
        .str("request_payer", "BucketOwner", true)
        .blocks("server_side_encryption_configuration", {sse}, true);
    tags(v, c, bucket, true);
    v.null("timeouts")
        .blocks("versioning", {Obj().flag("enabled", true).flag("mfa_delete", false).done()}, true);
}

void kmsKey(Values &v, const ValueCtx &c, Rng &)
{
    const std::string id = uuid(c, c.module.empty() ? "aws_kms_key.main" : c.address);
    const std::string keyPolicy = policy(c, {"kms:*"}, {"*"});
    v.str("arn", arn(c, "kms", "key/" + id), true)
        .flag("bypass_policy_lockout_safety_check", false)
        .str("custom_key_store_id", "")
        .str("customer_master_key_spec", "SYMMETRIC_DEFAULT")
        .num("deletion_window_in_days", 30)
        .str("description", "Key for " + label(c))
        .flag("enable_key_rotation", true)
        .str("id", id, true)
        .flag("is_enabled", true)
        .str("key_id", id, true)
        .str("key_usage", "ENCRYPT_DECRYPT")
        .flag("multi_region", false)
        .str("policy", keyPolicy, true);
    tags(v, c, label(c) + "-key", true);
    v.str("xks_key_id", "");
}

void kmsAlias(Values &v, const ValueCtx &c, Rng &)
{
    const std::string key = uuid(c, "aws_kms_key.main");
    v.str("arn", arn(c, "kms", "alias/core"), true)
        .str("id", "alias/core", true)
        .str("name", "alias/core")
        .str("name_prefix", "", true)
        .str("target_key_arn", arn(c, "kms", "key/" + key), true)
        .str("target_key_id", key);
}

void zone(Values &v, const ValueCtx &c, Rng &)
{
    const std::string id = "Z" + hex(hash(c.address, c.seed), 16);
    std::vector<std::string> servers;
    for (int i = 0; i < 4; ++i)
        servers.push_back("ns-" + std::to_string(100 + i * 411 + hash(c.address, c.seed) % 97)
            + ".awsdns-" + std::to_string(10 + i) + ".org");
    v.str("arn", "arn:aws:route53:::hostedzone/" + id, true)
        .str("comment", "Managed by Terraform")
        .str("delegation_set_id", "")
        .flag("force_destroy", false)
        .str("id", id, true)
        .str("name", "acme.internal")
        .strs("name_servers", servers, true)
        .str("primary_name_server", servers.front(), true);
    tags(v, c, "acme.internal");
    v.blocks("vpc", {}).str("zone_id", id, true);
}

void record(Values &v, const ValueCtx &c, Rng &rng)
{
    const std::string zoneId = "Z" + hex(hash("aws_route53_zone.main", c.seed), 16);
    const bool alias = !c.service.empty();
    std::string name = label(c);
    if (c.index >= 0)
        name = "host-" + std::to_string(c.index);
    const std::string fqdn = name + ".acme.internal";
    std::vector<std::string> records;
    if (!alias) {
        const int n = c.shard >= 0 ? 3 : 1;
        for (int i = 0; i < n; ++i)
            records.push_back("10." + std::to_string(16 + std::max(c.shard, 0) % 200) + '.'
                + std::to_string(i % 2) + '.' + std::to_string(10 + rng.below(240)));
    }
    v.blocks("alias",
         alias ? std::vector<std::string> {Obj()
                                               .flag("evaluate_target_health", true)
                                               .str("name",
                                                   "internal-" + label(c)
                                                       + "-alb.eu-west-1.elb.amazonaws.com")
                                               .str("zone_id", "Z32O12XQLNTSW2")
                                               .done()}
               : std::vector<std::string> {})
        .null("allow_overwrite")
        .blocks("cidr_routing_policy", {})
        .blocks("failover_routing_policy", {})
        .str("fqdn", fqdn, true)
        .blocks("geolocation_routing_policy", {})
        .blocks("geoproximity_routing_policy", {})
        .str("health_check_id", "")
        .str("id", zoneId + '_' + name + "_A", true)
        .blocks("latency_routing_policy", {})
        .flag("multivalue_answer_routing_policy", false)
        .str("name", name);
    if (alias)
        v.null("records");
    else
        v.strs("records", records);
    v.str("set_identifier", "")
        .num("ttl", alias ? 0 : 300)
        .str("type", "A")
        .blocks("weighted_routing_policy", {})
        .str("zone_id", zoneId);
}

void logGroup(Values &v, const ValueCtx &c, Rng &rng)
{
    const std::string name = "/ecs/" + label(c);
    v.str("arn", arn(c, "logs", "log-group:" + name), true)
        .str("id", name, true)
        .str("kms_key_id", arn(c, "kms", "key/" + uuid(c, "aws_kms_key.main")))
        .str("log_group_class", "STANDARD")
        .str("name", name)
        .str("name_prefix", "", true)
        .num("retention_in_days", rng.chance(0.5) ? 30 : 90)
        .flag("skip_destroy", false);
    tags(v, c, name);
}

void publicAccessBlock(Values &v, const ValueCtx &c, Rng &)
{
    const std::string bucket = "acme-" + label(c) + '-' + c.name;
    v.flag("block_public_acls", true)
        .flag("block_public_policy", true)
        .str("bucket", bucket)
        .str("id", bucket, true)
        .flag("ignore_public_acls", true)
        .flag("restrict_public_buckets", true);
}

void bucketVersioning(Values &v, const ValueCtx &c, Rng &)
{
    const std::string bucket = "acme-" + label(c) + '-' + c.name;
    v.str("bucket", bucket)
        .str("expected_bucket_owner", "")
        .str("id", bucket, true)
        .null("mfa")
        .blocks("versioning_configuration",
            {Obj().str("mfa_delete", "").str("status", "Enabled").done()});
}

void policyAttachment(Values &v, const ValueCtx &c, Rng &)
{
    const std::string role = label(c) + '-' + (c.shard >= 0 ? "worker" : "task");
    const char *policyArn = c.shard >= 0 ? "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
                                         : "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess";
    v.str("id",
         role + "-" + std::to_string(20240000000000ULL + hash(c.address, c.seed) % 999999999ULL),
         true)
        .str("policy_arn", policyArn)
        .str("role", role);
}

void callerIdentity(Values &v, const ValueCtx &c, Rng &)
{
    v.str("account_id", account(c))
        .str("arn", arn(c, "sts", "assumed-role/terraform/ci", false))
        .str("id", account(c))
        .str("user_id", "AROA" + hex(hash("ci", c.seed), 16) + ":ci");
}

void region(Values &v, const ValueCtx &, Rng &)
{
    v.str("description", "Europe (Ireland)")
        .str("endpoint", "ec2.eu-west-1.amazonaws.com")
        .str("id", Region)
        .str("name", Region);
}

void zones(Values &v, const ValueCtx &, Rng &)
{
    v.null("all_availability_zones")
        .null("exclude_names")
        .null("exclude_zone_ids")
        .blocks("filter", {})
        .strs("group_names", {"eu-west-1"})
        .str("id", Region)
        .strs("names", Zones)
        .str("state", "available")
        .null("timeouts")
        .strs("zone_ids", {"euw1-az1", "euw1-az2", "euw1-az3"});
}

void policyDocument(Values &v, const ValueCtx &c, Rng &)
{
    const std::string bucket = "arn:aws:s3:::acme-" + label(c) + "-assets";
    const std::string doc = policy(c, {"s3:GetObject", "s3:ListBucket"}, {bucket, bucket + "/*"});
    v.str("id", std::to_string(hash(c.address, c.seed) % 4000000000ULL), true)
        .str("json", doc, true)
        .str("minified_json", doc, true)
        .null("override_policy_documents")
        .null("policy_id")
        .null("source_policy_documents")
        .blocks("statement",
            {Obj().strs("actions", {"s3:GetObject", "s3:ListBucket"})
                    .raw("condition", "[]")
                    .str("effect", "Allow")
                    .raw("principals", "[]")
                    .strs("resources", {bucket, bucket + "/*"})
                    .str("sid", "")
                    .done()})
        .null("version");
}

const std::map<std::string_view, Fill> &fills()
{
    static const std::map<std::string_view, Fill> table = {
        {"aws_vpc", vpc},
        {"aws_subnet", subnet},
        {"aws_security_group", securityGroup},
        {"aws_security_group_rule", securityGroupRule},
        {"aws_internet_gateway", internetGateway},
        {"aws_route_table", routeTable},
        {"aws_route_table_association", routeTableAssociation},
        {"aws_instance", instance},
        {"aws_lb", loadBalancer},
        {"aws_lb_target_group", targetGroup},
        {"aws_lb_listener", listener},
        {"aws_iam_role", iamRole},
        {"aws_iam_role_policy", iamRolePolicy},
        {"aws_iam_instance_profile", instanceProfile},
        {"aws_ecs_task_definition", taskDefinition},
        {"aws_ecs_service", ecsService},
        {"aws_db_instance", dbInstance},
        {"aws_db_subnet_group", dbSubnetGroup},
        {"aws_db_snapshot", dbSnapshot},
        {"aws_s3_bucket", s3Bucket},
        {"aws_kms_key", kmsKey},
        {"aws_kms_alias", kmsAlias},
        {"aws_route53_zone", zone},
        {"aws_route53_record", record},
        {"aws_cloudwatch_log_group", logGroup},
        {"aws_s3_bucket_public_access_block", publicAccessBlock},
        {"aws_s3_bucket_versioning", bucketVersioning},
        {"aws_iam_role_policy_attachment", policyAttachment},
        {"aws_caller_identity", callerIdentity},
        {"aws_region", region},
        {"aws_availability_zones", zones},
        {"aws_iam_policy_document", policyDocument},
    };
    return table;
}

// An in-place update changes the tags (someone reviewed the resource).
void applyUpdate(Values &v)
{
    for (Attr &a : v.attrs) {
        if ((a.key == "tags" || a.key == "tags_all") && a.json.size() >= 2) {
            a.json.insert(a.json.size() - 1,
                std::string(a.json.size() > 2 ? "," : "") + "\"LastReviewed\":\"2026-01-15\"");
        }
    }
}

// A replacement changes the attribute that forces it, and everything computed becomes unknown.
void applyReplace(Values &v, std::string_view path)
{
    for (Attr &a : v.attrs) {
        if (a.key != path)
            continue;
        if (a.json == "true" || a.json == "false")
            a.json = a.json == "true" ? "false" : "true";
        else if (!a.json.empty() && a.json.front() == '"')
            a.json.insert(a.json.size() - 1, "-v2");
        else if (!a.json.empty() && (std::isdigit(static_cast<unsigned char>(a.json.front())) != 0))
            a.json = std::to_string(std::stoll(a.json) + 1);
    }
}

} // namespace

const char *replacePathFor(std::string_view type, bool *createBeforeDestroy)
{
    struct Rule {
        std::string_view type;
        const char *path;
        bool cbd;
    };
    static const Rule Rules[] = {
        {"aws_instance", "ami", false},
        {"aws_db_instance", "kms_key_id", false},
        {"aws_ecs_task_definition", "container_definitions", true},
        {"aws_lb_target_group", "port", true},
        {"aws_security_group", "description", true},
        {"aws_s3_bucket", "bucket", false},
        {"aws_db_subnet_group", "name", false},
        {"aws_iam_role", "name", false},
        {"aws_lb", "internal", false},
        {"aws_db_snapshot", "db_snapshot_identifier", false},
    };
    for (const Rule &r : Rules) {
        if (r.type == type) {
            *createBeforeDestroy = r.cbd;
            return r.path;
        }
    }
    *createBeforeDestroy = false;
    return nullptr;
}

int schemaVersionFor(std::string_view type)
{
    static const std::map<std::string_view, int> versions = {
        {"aws_instance", 1},
        {"aws_security_group", 1},
        {"aws_vpc", 1},
        {"aws_subnet", 1},
        {"aws_db_instance", 2},
        {"aws_route53_record", 2},
        {"aws_ecs_task_definition", 1},
    };
    auto it = versions.find(type);
    return it == versions.end() ? 0 : it->second;
}

Values valuesFor(const ValueCtx &ctx)
{
    Values v;
    Rng rng(hash(
        ctx.address, ctx.seed ^ 0x76616c756573ULL)); // "values": independent of the action draws
    auto it = fills().find(ctx.type);
    if (it != fills().end())
        it->second(v, ctx, rng);
    else
        v.str("id", idOf(ctx, ctx.address, "x-"), true);
    if (ctx.variant == Variant::Update)
        applyUpdate(v);
    if (ctx.variant == Variant::Replace) {
        bool cbd = false;
        if (const char *path = replacePathFor(ctx.type, &cbd))
            applyReplace(v, path);
    }
    return v;
}

} // namespace bg::tests::gen
