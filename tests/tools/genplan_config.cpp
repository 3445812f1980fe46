// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The estate's configuration templates, and Terraform's spelling of references.
#include "genplan_config.h"

#include "genplan_detail.h"

#include <cctype>

namespace bg::tests::gen {

namespace {

Expr ref(std::string attr, std::vector<std::string> sources)
{
    return {std::move(attr), std::move(sources), {}};
}
Expr constant(std::string attr, std::string json)
{
    return {std::move(attr), {}, std::move(json)};
}

} // namespace

void buildTemplates(Templates &t, int filler)
{
    t.db.blocks = {
        {"aws_db_subnet_group", "this", false, 0, {},
            {ref("name", {"var.name"}), ref("subnet_ids", {"var.subnet_ids"}),
                ref("tags", {"var.tags"})},
            {}, false},
        {"aws_security_group", "db", false, 0, {},
            {ref("name", {"var.name"}), ref("vpc_id", {"var.vpc_id"}),
                ref("ingress.security_groups", {"var.allowed_security_group_id"}),
                constant("ingress.from_port", "5432"), ref("tags", {"var.tags"})},
            {}, false},
        {"aws_db_instance", "this", false, 0, {},
            {ref("identifier", {"var.name"}), constant("engine", "\"postgres\""),
                constant("engine_version", "\"15.4\""),
                ref("db_subnet_group_name", {"aws_db_subnet_group.this.name"}),
                ref("vpc_security_group_ids", {"aws_security_group.db.id"}),
                ref("kms_key_id", {"var.kms_key_arn"}), ref("password", {"var.password"}),
                ref("skip_final_snapshot", {"var.skip_final_snapshot"}),
                ref("deletion_protection", {"var.deletion_protection"}),
                ref("backup_retention_period", {"var.backup_retention_period"}),
                ref("final_snapshot_identifier", {"var.name"}), ref("tags", {"var.tags"})},
            {}, false},
        {"aws_db_snapshot", "baseline", false, 0, {},
            {ref("db_instance_identifier", {"aws_db_instance.this.identifier"}),
                ref("db_snapshot_identifier", {"var.name"})},
            {}, false},
    };
    t.db.outputs = {{"endpoint", {"aws_db_instance.this.endpoint"}},
        {"security_group_id", {"aws_security_group.db.id"}}};
    t.db.variables
        = {{"allowed_security_group_id", {}, false}, {"backup_retention_period", "7", false},
            {"deletion_protection", "true", false}, {"kms_key_arn", {}, false}, {"name", {}, false},
            {"password", {}, true}, {"skip_final_snapshot", "false", false},
            {"subnet_ids", {}, false}, {"tags", "{}", false}, {"vpc_id", {}, false}};

    t.app.blocks = {
        {"aws_cloudwatch_log_group", "this", false, 0, {},
            {ref("name", {"var.name"}), ref("kms_key_id", {"var.kms_key_arn"}),
                constant("retention_in_days", "30")},
            {}, false},
        {"aws_s3_bucket", "assets", false, 0, {},
            {ref("bucket", {"var.name"}), ref("force_destroy", {"var.environment"}),
                ref("tags", {"var.tags"})},
            {}, false},
        {"aws_iam_policy_document", "task", true, 0, {},
            {ref("statement.resources", {"aws_s3_bucket.assets.arn"}),
                constant("statement.actions", "[\"s3:GetObject\",\"s3:ListBucket\"]")},
            {}, false},
        {"aws_security_group", "lb", false, 0, {},
            {ref("name", {"var.name"}), ref("vpc_id", {"var.vpc_id"}), ref("tags", {"var.tags"})},
            {}, false},
        {"aws_security_group", "svc", false, 0, {},
            {ref("name", {"var.name"}), ref("vpc_id", {"var.vpc_id"}),
                ref("ingress.security_groups", {"aws_security_group.lb.id"}),
                ref("tags", {"var.tags"})},
            {}, false},
        {"aws_security_group_rule", "svc_from_lb", false, 0, {"8080", "9090"},
            {ref("security_group_id", {"aws_security_group.svc.id"}),
                ref("source_security_group_id", {"aws_security_group.lb.id"}),
                ref("from_port", {"each.value"}), ref("to_port", {"each.value"})},
            {}, false},
        {"aws_lb", "this", false, 0, {},
            {ref("name", {"var.name"}), ref("subnets", {"var.public_subnet_ids"}),
                ref("security_groups", {"aws_security_group.lb.id"}),
                ref("access_logs.bucket", {"var.log_bucket"}), ref("tags", {"var.tags"})},
            {}, false},
        {"aws_lb_target_group", "this", false, 0, {},
            {ref("name", {"var.name"}), ref("vpc_id", {"var.vpc_id"}), constant("port", "8080"),
                constant("target_type", "\"ip\"")},
            {}, false},
        {"aws_lb_listener", "https", false, 0, {},
            {ref("load_balancer_arn", {"aws_lb.this.arn"}),
                ref("certificate_arn", {"var.certificate_arn"}),
                ref("default_action.target_group_arn", {"aws_lb_target_group.this.arn"}),
                constant("default_action.type", "\"forward\""), constant("port", "443")},
            {}, false},
        {"aws_iam_role", "task", false, 0, {},
            {ref("name", {"var.name"}),
                constant("assume_role_policy", quote("{\"Version\":\"2012-10-17\"}"))},
            {}, false},
        {"aws_iam_role_policy", "task", false, 0, {},
            {ref("role", {"aws_iam_role.task.id"}),
                ref("policy", {"data.aws_iam_policy_document.task.json"})},
            {}, false},
        {"aws_iam_role_policy_attachment", "task_xray", false, 0, {},
            {ref("role", {"aws_iam_role.task.name"}),
                constant("policy_arn", "\"arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess\"")},
            {}, false},
        {"aws_s3_bucket_public_access_block", "assets", false, 0, {},
            {ref("bucket", {"aws_s3_bucket.assets.id"}), constant("block_public_acls", "true"),
                constant("restrict_public_buckets", "true")},
            {}, false},
        {"aws_ecs_task_definition", "this", false, 0, {},
            {ref("family", {"var.name"}), ref("execution_role_arn", {"var.execution_role_arn"}),
                ref("task_role_arn", {"aws_iam_role.task.arn"}),
                ref("container_definitions",
                    {"var.name", "module.db.endpoint", "aws_cloudwatch_log_group.this.name"})},
            {}, false},
        {"aws_ecs_service", "this", false, 0, {},
            {ref("name", {"var.name"}),
                ref("task_definition", {"aws_ecs_task_definition.this.arn"}),
                ref("load_balancer.target_group_arn", {"aws_lb_target_group.this.arn"}),
                ref("network_configuration.subnets", {"var.private_subnet_ids"}),
                ref("network_configuration.security_groups", {"aws_security_group.svc.id"})},
            {"aws_lb_listener.https"}, false},
        {"aws_route53_record", "this", false, 0, {},
            {ref("zone_id", {"var.zone_id"}), ref("name", {"var.name"}),
                ref("alias.name", {"aws_lb.this.dns_name"}),
                ref("alias.zone_id", {"aws_lb.this.zone_id"})},
            {}, false},
    };
    t.app.calls = {{"db", "./modules/db", &t.db, {}, {},
        {ref("name", {"var.name"}), ref("vpc_id", {"var.vpc_id"}),
            ref("subnet_ids", {"var.private_subnet_ids"}),
            ref("allowed_security_group_id", {"aws_security_group.svc.id"}),
            ref("kms_key_arn", {"var.kms_key_arn"}), ref("password", {"var.db_password"}),
            ref("skip_final_snapshot", {"var.environment"}), ref("tags", {"var.tags"})}}};
    t.app.outputs
        = {{"db_endpoint", {"module.db.endpoint"}}, {"url", {"aws_route53_record.this.fqdn"}}};
    t.app.variables = {{"certificate_arn", {}, false}, {"db_password", {}, true},
        {"environment", "\"prod\"", false}, {"execution_role_arn", {}, false},
        {"kms_key_arn", {}, false}, {"log_bucket", {}, false}, {"name", {}, false},
        {"private_subnet_ids", {}, false}, {"public_subnet_ids", {}, false}, {"tags", "{}", false},
        {"vpc_id", {}, false}, {"zone_id", {}, false}};

    t.network.blocks = {
        {"aws_availability_zones", "available", true, 0, {}, {constant("state", "\"available\"")},
            {}, false},
        {"aws_vpc", "main", false, 0, {},
            {ref("cidr_block", {"var.cidr_block"}), constant("enable_dns_hostnames", "true"),
                ref("tags", {"var.tags"})},
            {}, false},
        {"aws_subnet", "private", false, 3, {},
            {ref("vpc_id", {"aws_vpc.main.id"}),
                ref("cidr_block", {"var.cidr_block", "count.index"}),
                ref("availability_zone",
                    {"data.aws_availability_zones.available.names", "count.index"}),
                ref("tags", {"var.tags"})},
            {}, false},
        {"aws_subnet", "public", false, 3, {},
            {ref("vpc_id", {"aws_vpc.main.id"}),
                ref("cidr_block", {"var.cidr_block", "count.index"}),
                ref("availability_zone",
                    {"data.aws_availability_zones.available.names", "count.index"}),
                constant("map_public_ip_on_launch", "true"), ref("tags", {"var.tags"})},
            {}, false},
        {"aws_internet_gateway", "main", false, 0, {},
            {ref("vpc_id", {"aws_vpc.main.id"}), ref("tags", {"var.tags"})}, {}, false},
        {"aws_route_table", "private", false, 0, {},
            {ref("vpc_id", {"aws_vpc.main.id"}),
                ref("route.gateway_id", {"aws_internet_gateway.main.id"}),
                constant("route.cidr_block", "\"0.0.0.0/0\"")},
            {}, false},
        {"aws_route_table_association", "private", false, 3, {},
            {ref("subnet_id", {"aws_subnet.private[count.index].id"}),
                ref("route_table_id", {"aws_route_table.private.id"})},
            {}, false},
        {"aws_security_group", "default", false, 0, {},
            {ref("vpc_id", {"aws_vpc.main.id"}), constant("name", "\"core-default\"")}, {}, false},
    };
    t.network.outputs = {{"private_subnet_ids", {"aws_subnet.private[*].id"}},
        {"public_subnet_ids", {"aws_subnet.public[*].id"}}, {"vpc_id", {"aws_vpc.main.id"}}};
    t.network.variables = {{"cidr_block", {}, false}, {"tags", "{}", false}};

    t.shard.blocks = {
        {"aws_vpc", "this", false, 0, {},
            {ref("cidr_block", {"var.cidr_block"}), ref("tags", {"var.tags"})}, {}, false},
        {"aws_subnet", "this", false, 2, {},
            {ref("vpc_id", {"aws_vpc.this.id"}),
                ref("cidr_block", {"var.cidr_block", "count.index"}), ref("tags", {"var.tags"})},
            {}, false},
        {"aws_security_group", "this", false, 0, {},
            {ref("vpc_id", {"aws_vpc.this.id"}), ref("name", {"var.name"}),
                ref("tags", {"var.tags"})},
            {}, false},
        {"aws_security_group_rule", "ingress", false, 2, {},
            {ref("security_group_id", {"aws_security_group.this.id"}),
                ref("source_security_group_id", {"aws_vpc.this.default_security_group_id"}),
                ref("from_port", {"count.index"})},
            {}, false},
        {"aws_kms_key", "this", false, 0, {},
            {ref("description", {"var.name"}), constant("enable_key_rotation", "true"),
                ref("tags", {"var.tags"})},
            {}, false},
        {"aws_s3_bucket", "data", false, 0, {},
            {ref("bucket", {"var.name"}), ref("force_destroy", {"var.force_destroy"}),
                ref("tags", {"var.tags"})},
            {}, false},
        {"aws_s3_bucket_public_access_block", "data", false, 0, {},
            {ref("bucket", {"aws_s3_bucket.data.id"}), constant("block_public_acls", "true"),
                constant("restrict_public_buckets", "true")},
            {}, false},
        {"aws_s3_bucket_versioning", "data", false, 0, {},
            {ref("bucket", {"aws_s3_bucket.data.id"}),
                constant("versioning_configuration.status", "\"Enabled\"")},
            {}, false},
        {"aws_iam_role", "worker", false, 0, {},
            {ref("name", {"var.name"}),
                constant("assume_role_policy", quote("{\"Version\":\"2012-10-17\"}"))},
            {}, false},
        {"aws_iam_role_policy_attachment", "worker_ssm", false, 0, {},
            {ref("role", {"aws_iam_role.worker.name"}),
                constant("policy_arn", "\"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore\"")},
            {}, false},
        {"aws_iam_role_policy", "worker", false, 0, {},
            {ref("role", {"aws_iam_role.worker.id"}),
                ref("policy", {"aws_s3_bucket.data.arn", "aws_kms_key.this.arn"})},
            {}, false},
        {"aws_iam_instance_profile", "worker", false, 0, {},
            {ref("role", {"aws_iam_role.worker.name"})}, {}, false},
        {"aws_instance", "worker", false, 3, {},
            {ref("ami", {"var.ami"}), ref("subnet_id", {"aws_subnet.this[count.index].id"}),
                ref("vpc_security_group_ids", {"aws_security_group.this.id"}),
                ref("iam_instance_profile", {"aws_iam_instance_profile.worker.name"}),
                ref("root_block_device.kms_key_id", {"aws_kms_key.this.arn"}),
                ref("tags", {"var.tags"})},
            {}, false},
        {"aws_route53_record", "worker", false, 0, {},
            {ref("zone_id", {"var.zone_id"}), ref("name", {"var.name"}),
                ref("records", {"aws_instance.worker[*].private_ip"}), constant("ttl", "300")},
            {}, false},
        // Was in the configuration once; its instances are left in the state of some shards.
        {"aws_instance", "legacy", false, 0, {},
            {ref("subnet_id", {"aws_subnet.this[0].id"}),
                ref("vpc_security_group_ids", {"aws_security_group.this.id"})},
            {}, true},
    };
    t.shard.outputs
        = {{"instance_ids", {"aws_instance.worker[*].id"}}, {"vpc_id", {"aws_vpc.this.id"}}};
    t.shard.variables
        = {{"ami", {}, false}, {"cidr_block", {}, false}, {"force_destroy", "false", false},
            {"name", {}, false}, {"tags", "{}", false}, {"zone_id", {}, false}};

    t.root.blocks = {
        {"aws_caller_identity", "current", true, 0, {}, {}, {}, false},
        {"aws_region", "current", true, 0, {}, {}, {}, false},
        {"aws_kms_key", "main", false, 0, {},
            {ref("policy", {"data.aws_caller_identity.current.account_id"}),
                constant("enable_key_rotation", "true")},
            {}, false},
        {"aws_kms_alias", "main", false, 0, {},
            {constant("name", "\"alias/core\""), ref("target_key_id", {"aws_kms_key.main.key_id"})},
            {}, false},
        {"aws_route53_zone", "main", false, 0, {}, {constant("name", "\"acme.internal\"")}, {},
            false},
        {"aws_s3_bucket", "logs", false, 0, {},
            {ref("bucket",
                 {"data.aws_caller_identity.current.account_id", "data.aws_region.current.name"}),
                constant("force_destroy", "true")},
            {}, false},
        {"aws_iam_role", "ecs_execution", false, 0, {},
            {constant("name", "\"core-ecs-execution\""),
                constant("assume_role_policy", quote("{\"Version\":\"2012-10-17\"}"))},
            {}, false},
    };
    if (filler > 0)
        t.root.blocks.push_back({"aws_route53_record", "extra", false, filler, {},
            {ref("zone_id", {"aws_route53_zone.main.zone_id"}), ref("name", {"count.index"}),
                constant("ttl", "300")},
            {}, false});
    t.root.calls = {
        {"app", "./modules/app", &t.app, {}, "var.services",
            {ref("name", {"each.key"}), ref("environment", {"var.environment"}),
                ref("vpc_id", {"module.network.vpc_id"}),
                ref("private_subnet_ids", {"module.network.private_subnet_ids"}),
                ref("public_subnet_ids", {"module.network.public_subnet_ids"}),
                ref("kms_key_arn", {"aws_kms_key.main.arn"}),
                ref("zone_id", {"aws_route53_zone.main.zone_id"}),
                ref("log_bucket", {"aws_s3_bucket.logs.id"}),
                ref("execution_role_arn", {"aws_iam_role.ecs_execution.arn"}),
                constant("certificate_arn",
                    "\"arn:aws:acm:eu-west-1:000000000000:certificate/wildcard\""),
                ref("db_password", {"var.db_passwords", "each.key"}), ref("tags", {"local.tags"})}},
        {"network", "./modules/network", &t.network, {}, {},
            {constant("cidr_block", "\"10.0.0.0/16\""), ref("tags", {"local.tags"})}},
        {"shard", "./modules/shard", &t.shard, "var.shard_count", {},
            {ref("name", {"count.index"}), ref("cidr_block", {"count.index"}),
                ref("zone_id", {"aws_route53_zone.main.zone_id"}), ref("ami", {"var.ami"}),
                ref("force_destroy", {"var.environment"}), ref("tags", {"local.tags"})}},
    };
    t.root.outputs = {{"app_urls", {"module.app"}}, {"vpc_id", {"module.network.vpc_id"}}};
    t.root.variables = {{"ami", {}, false}, {"db_passwords", {}, true},
        {"environment", "\"prod\"", false}, {"services", "[]", false}, {"shard_count", "0", false}};
}

// "aws_subnet.private[0].id" -> {"aws_subnet", "private[0]", "id"}: dots outside brackets.
std::vector<std::string> splitDots(std::string_view source)
{
    std::vector<std::string> parts(1);
    int depth = 0;
    for (char c : source) {
        if (c == '.' && depth == 0) {
            parts.emplace_back();
            continue;
        }
        depth += c == '[' ? 1 : c == ']' ? -1 : 0;
        parts.back() += c;
    }
    return parts;
}

std::string stripKey(const std::string &part)
{
    return part.substr(0, part.find('['));
}

namespace {

// "private[0]" -> "0", "private" -> ""
std::string keyOf(const std::string &part)
{
    const size_t open = part.find('[');
    return open == std::string::npos ? std::string()
                                     : part.substr(open + 1, part.size() - open - 2);
}

} // namespace

bool isRootSymbol(const std::string &head)
{
    return head == "var" || head == "each" || head == "count" || head == "local" || head == "path"
        || head == "self" || head == "terraform";
}

// The `references` Terraform's jsonconfig writes for one traversal (marshalExpression): the
// full traversal, then shorter ones down to the referenceable subject, then the subject
// without its instance key. A splat or a dynamic index leaves only the resource itself.
std::vector<std::string> terraformReferences(const std::string &source)
{
    const std::vector<std::string> parts = splitDots(source);
    const std::string &head = parts[0];
    if (isRootSymbol(head))
        return {source};
    if (head == "module") {
        const std::string call = "module." + stripKey(parts[1]);
        if (parts.size() == 2)
            return {call};
        return {"module." + parts[1] + '.' + parts[2], call};
    }
    const size_t nameAt = head == "data" ? 2 : 1;
    const std::string base
        = (head == "data" ? "data." : "") + parts[nameAt - 1] + '.' + stripKey(parts[nameAt]);
    const std::string key = keyOf(parts[nameAt]);
    if (key == "*")
        return {base};
    if (!key.empty() && !std::isdigit(static_cast<unsigned char>(key[0])) && key[0] != '"')
        return {base, key}; // a dynamic index such as [count.index]
    const std::string subject = base + (key.empty() ? "" : '[' + key + ']');
    std::vector<std::string> out;
    for (size_t end = parts.size(); end > nameAt + 1; --end) {
        std::string text = subject;
        for (size_t i = nameAt + 1; i < end; ++i)
            text += '.' + parts[i];
        out.push_back(text);
    }
    out.push_back(subject);
    if (!key.empty())
        out.push_back(base);
    return out;
}

} // namespace bg::tests::gen
