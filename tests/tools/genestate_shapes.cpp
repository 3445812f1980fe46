// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "genestate_shapes.h"

namespace bg::tests::estate {

Val countKey(int index)
{
    return Val::number(index);
}

Val eachKey(std::string key)
{
    return Val::string(std::move(key));
}

namespace {

std::string keyTag(const Res &r)
{
    return r.type + '.' + r.name + '[' + r.key.text + ']';
}

} // namespace

Val sgRule(int from, int to, const std::string &protocol, Val cidrs, Val groups,
    const std::string &description)
{
    Val rule = Val::object();
    rule.set("cidr_blocks", std::move(cidrs));
    rule.str("description", description);
    rule.num("from_port", from);
    rule.set("ipv6_cidr_blocks", Val::array());
    rule.set("prefix_list_ids", Val::array());
    rule.str("protocol", protocol);
    rule.set("security_groups", std::move(groups));
    rule.flag("self", false);
    rule.num("to_port", to);
    return rule;
}

Res &securityGroup(Build &b, const std::string &name, const std::string &id,
    const std::string &groupName, Val vpcId, Val ingress)
{
    Res &r = b.add("aws_security_group", name);
    r.schemaVersion = 1;
    r.attrs.str("arn", b.estate.arn(b.stack, "ec2", "security-group/" + id));
    r.attrs.str("description", "Managed by Terraform");
    r.attrs.set(
        "egress", Val::array({sgRule(0, 0, "-1", Val::strings({"0.0.0.0/0"}), Val::array(), "")}));
    r.attrs.str("id", id);
    r.attrs.set("ingress", std::move(ingress));
    r.attrs.str("name", groupName);
    r.attrs.str("name_prefix", "");
    r.attrs.str("owner_id", Account);
    r.attrs.flag("revoke_rules_on_delete", false);
    r.attrs.set("tags", b.tags(groupName));
    r.attrs.set("tags_all", b.tags(groupName));
    r.attrs.nil("timeouts");
    r.attrs.set("vpc_id", std::move(vpcId));
    b.regional(r);
    b.identity(
        r, Val::object().str("account_id", Account).str("id", id).str("region", b.stack.region));
    return r;
}

Res &bucket(Build &b, const std::string &name, Val key, const std::string &bucketName)
{
    Res &r = b.add("aws_s3_bucket", name, std::move(key));
    const std::string &region = b.stack.region;
    r.attrs.str("acceleration_status", "");
    r.attrs.nil("acl");
    r.attrs.str("arn", "arn:aws:s3:::" + bucketName);
    r.attrs.str("bucket", bucketName);
    r.attrs.str("bucket_domain_name", bucketName + ".s3.amazonaws.com");
    r.attrs.str("bucket_prefix", "");
    r.attrs.str("bucket_regional_domain_name", bucketName + ".s3." + region + ".amazonaws.com");
    r.attrs.flag("force_destroy", false);
    r.attrs.str("hosted_zone_id", region == "us-east-1" ? "Z3AQBSTGFYJSTF" : "Z1BKCTXD74EZPE");
    r.attrs.str("id", bucketName);
    r.attrs.flag("object_lock_enabled", false);
    r.attrs.str("policy", "");
    r.attrs.str("region", region);
    r.attrs.str("request_payer", "BucketOwner");
    r.attrs.set("tags", b.tags(bucketName, true));
    r.attrs.set("tags_all", b.tags(bucketName, true));
    r.attrs.nil("timeouts");
    b.identity(r,
        Val::object().str("account_id", Account).str("bucket", bucketName).str("region", region));
    return r;
}

Res &logGroup(Build &b, const std::string &name, Val key, const std::string &logName, Val kms)
{
    Res &r = b.add("aws_cloudwatch_log_group", name, std::move(key));
    r.attrs.str("arn", b.estate.arn(b.stack, "logs", "log-group:" + logName));
    r.attrs.str("id", logName);
    r.attrs.set("kms_key_id", std::move(kms));
    r.attrs.str("log_group_class", "STANDARD");
    r.attrs.str("name", logName);
    r.attrs.str("name_prefix", "");
    r.attrs.num("retention_in_days", 30);
    r.attrs.flag("skip_destroy", false);
    r.attrs.set("tags", b.tags(logName));
    r.attrs.set("tags_all", b.tags(logName));
    b.regional(r);
    b.identity(r,
        Val::object()
            .str("account_id", Account)
            .str("name", logName)
            .str("region", b.stack.region));
    return r;
}

Res &queue(Build &b, const std::string &name, Val key, const std::string &queueName, Val kms)
{
    Res &r = b.add("aws_sqs_queue", name, std::move(key));
    const std::string url
        = "https://sqs." + b.stack.region + ".amazonaws.com/" + Account + '/' + queueName;
    r.attrs.str("arn", b.estate.arn(b.stack, "sqs", queueName));
    r.attrs.flag("content_based_deduplication", false);
    r.attrs.str("deduplication_scope", "");
    r.attrs.num("delay_seconds", 0);
    r.attrs.flag("fifo_queue", false);
    r.attrs.str("fifo_throughput_limit", "");
    r.attrs.str("id", url);
    r.attrs.num("kms_data_key_reuse_period_seconds", 300);
    r.attrs.set("kms_master_key_id", std::move(kms));
    r.attrs.num("max_message_size", 262144);
    r.attrs.num("message_retention_seconds", 345600);
    r.attrs.str("name", queueName);
    r.attrs.str("name_prefix", "");
    r.attrs.str("policy", "");
    r.attrs.num("receive_wait_time_seconds", 0);
    r.attrs.str("redrive_allow_policy", "");
    r.attrs.str("redrive_policy", "");
    r.attrs.flag("sqs_managed_sse_enabled", false);
    r.attrs.set("tags", b.tags(queueName));
    r.attrs.set("tags_all", b.tags(queueName));
    r.attrs.str("url", url);
    r.attrs.num("visibility_timeout_seconds", 30);
    b.regional(r);
    return r;
}

Res &record(Build &b, const std::string &name, Val key, Val zoneId, const std::string &zone,
    const std::string &fqdn, const std::string &type, Val records)
{
    Res &r = b.add("aws_route53_record", name, std::move(key));
    r.schemaVersion = 2;
    r.attrs.set("alias", Val::array());
    r.attrs.nil("allow_overwrite");
    r.attrs.set("cidr_routing_policy", Val::array());
    r.attrs.set("failover_routing_policy", Val::array());
    r.attrs.str("fqdn", fqdn);
    r.attrs.set("geolocation_routing_policy", Val::array());
    r.attrs.set("geoproximity_routing_policy", Val::array());
    r.attrs.str("health_check_id", "");
    r.attrs.str("id", zone + '_' + fqdn + '_' + type);
    r.attrs.set("latency_routing_policy", Val::array());
    r.attrs.flag("multivalue_answer_routing_policy", false);
    r.attrs.str("name", fqdn);
    r.attrs.set("records", std::move(records));
    r.attrs.str("set_identifier", "");
    r.attrs.nil("timeouts");
    r.attrs.num("ttl", 300);
    r.attrs.str("type", type);
    r.attrs.set("weighted_routing_policy", Val::array());
    r.attrs.set("zone_id", std::move(zoneId));
    return r;
}

Res &ssmParameter(Build &b, const std::string &name, Val key, const std::string &path,
    const std::string &type, Val value)
{
    Res &r = b.add("aws_ssm_parameter", name, std::move(key));
    r.attrs.str("allowed_pattern", "");
    r.attrs.str("arn", b.estate.arn(b.stack, "ssm", "parameter" + path));
    r.attrs.str("data_type", "text");
    r.attrs.str("description", "");
    r.attrs.str("id", path);
    r.attrs.nil("insecure_value");
    r.attrs.str("key_id", type == "SecureString" ? "alias/aws/ssm" : "");
    r.attrs.str("name", path);
    r.attrs.nil("overwrite");
    r.attrs.set("tags", b.tags(path));
    r.attrs.set("tags_all", b.tags(path));
    r.attrs.str("tier", "Standard");
    r.attrs.str("type", type);
    r.attrs.set("value", std::move(value));
    r.attrs.num("version", 1);
    b.regional(r);
    if (type == "SecureString")
        r.sensitive.push_back("value");
    return r;
}

Res &lambda(Build &b, const std::string &name, Val key, const std::string &functionName,
    Val roleArn, Val variables, Val vpcConfig)
{
    Res &r = b.add("aws_lambda_function", name, std::move(key));
    const std::string arn = b.estate.arn(b.stack, "lambda", "function:" + functionName);
    r.attrs.set("architectures", Val::strings({"x86_64"}));
    r.attrs.str("arn", arn);
    r.attrs.str(
        "code_sha256", b.estate.hexId(b.stack, "code-" + functionName, 16) + "Q2xhdWRlIGNvZGU=");
    r.attrs.str("description", "");
    r.attrs.set("environment", Val::array({Val::object().set("variables", std::move(variables))}));
    r.attrs.set("ephemeral_storage", Val::array({Val::object().num("size", 512)}));
    r.attrs.str("function_name", functionName);
    r.attrs.str("handler", "app.handler");
    r.attrs.str("id", functionName);
    r.attrs.str("invoke_arn",
        "arn:aws:apigateway:" + b.stack.region + ":lambda:path/2015-03-31/functions/" + arn
            + "/invocations");
    r.attrs.str("last_modified", b.timestamp("lambda-" + functionName));
    r.attrs.num("memory_size", 256);
    r.attrs.str("package_type", "Zip");
    r.attrs.flag("publish", false);
    r.attrs.str("qualified_arn", arn + ":$LATEST");
    r.attrs.set("role", std::move(roleArn));
    r.attrs.str("runtime", "python3.12");
    r.attrs.set("tags", b.tags(functionName));
    r.attrs.set("tags_all", b.tags(functionName));
    r.attrs.num("timeout", 30);
    r.attrs.set("tracing_config", Val::array({Val::object().str("mode", "PassThrough")}));
    r.attrs.str("version", "$LATEST");
    r.attrs.set("vpc_config", std::move(vpcConfig));
    b.regional(r);
    return r;
}

Res &securityGroupRule(Build &b, const std::string &name, int index, Val groupId, Val cidrs)
{
    Res &r = b.add("aws_security_group_rule", name, countKey(index));
    const std::uint64_t h = b.estate.draw(b.stack, keyTag(r));
    r.schemaVersion = 2;
    r.attrs.set("cidr_blocks", std::move(cidrs));
    r.attrs.str("description", "");
    r.attrs.num("from_port", 443 + index % 3);
    r.attrs.str("id", "sgrule-" + std::to_string(1000000000 + h % 3000000000ULL));
    r.attrs.nil("ipv6_cidr_blocks");
    r.attrs.nil("prefix_list_ids");
    r.attrs.str("protocol", "tcp");
    r.attrs.set("security_group_id", std::move(groupId));
    r.attrs.str("security_group_rule_id", "sgr-" + b.estate.hexId(b.stack, keyTag(r)));
    r.attrs.flag("self", false);
    r.attrs.nil("source_security_group_id");
    r.attrs.nil("timeouts");
    r.attrs.num("to_port", 443 + index % 3);
    r.attrs.str("type", "ingress");
    b.regional(r);
    return r;
}

std::string policyText(const std::vector<std::string> &actions, const std::string &resource)
{
    std::string list;
    for (const std::string &a : actions)
        list += (list.empty() ? "" : ",") + quoted(a);
    return R"({"Statement":[{"Action":[)" + list + R"(],"Effect":"Allow","Resource":")" + resource
        + R"("}],"Version":"2012-10-17"})";
}

} // namespace bg::tests::estate
