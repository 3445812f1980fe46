// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The shared stack (what every platform uses: key, policy, secret, log bucket, certificate,
// zone, topic) and the independent app stacks.
#include "genestate_shapes.h"

namespace bg::tests::estate {

namespace {

Val arnIdentity(const std::string &arn)
{
    return Val::object().str("arn", arn);
}

Res &policy(Build &b, const std::string &name, Val key, const std::string &policyName,
    const std::string &document)
{
    Res &r = b.add("aws_iam_policy", name, std::move(key));
    const std::string arn = std::string("arn:aws:iam::") + Account + ":policy/" + policyName;
    r.attrs.str("arn", arn);
    r.attrs.num("attachment_count", 3);
    r.attrs.str("description", "");
    r.attrs.str("id", arn);
    r.attrs.str("name", policyName);
    r.attrs.str("name_prefix", "");
    r.attrs.str("path", "/");
    r.attrs.str("policy", document);
    r.attrs.str("policy_id", "ANPA" + b.estate.upperId(b.stack, "policy-" + policyName, 17));
    r.attrs.set("tags", b.tags(policyName));
    r.attrs.set("tags_all", b.tags(policyName));
    b.identity(r, arnIdentity(arn));
    return r;
}

Res &topic(Build &b, const std::string &name, Val key, const std::string &arn,
    const std::string &topicName)
{
    Res &r = b.add("aws_sns_topic", name, std::move(key));
    r.attrs.str("arn", arn);
    r.attrs.num("content_based_deduplication", 0);
    r.attrs.str("display_name", "");
    r.attrs.flag("fifo_topic", false);
    r.attrs.str("id", arn);
    r.attrs.str("kms_master_key_id", "alias/aws/sns");
    r.attrs.str("name", topicName);
    r.attrs.str("owner", Account);
    r.attrs.str("policy", policyText({"SNS:Publish"}, arn));
    r.attrs.str("signature_version", "0");
    r.attrs.set("tags", b.tags(topicName));
    b.regional(r);
    b.identity(r, arnIdentity(arn));
    return r;
}

} // namespace

void buildShared(Build &b)
{
    const Estate &e = b.estate;
    const SharedFacts f = sharedFacts(e);
    Res &key = b.add("aws_kms_key", "main");
    key.attrs.str("arn", f.kmsKeyArn.value);
    key.attrs.flag("bypass_policy_lockout_safety_check", false);
    key.attrs.str("customer_master_key_spec", "SYMMETRIC_DEFAULT");
    key.attrs.num("deletion_window_in_days", 30);
    key.attrs.str("description", "shared");
    key.attrs.flag("enable_key_rotation", true);
    key.attrs.str("id", f.kmsKeyId.value);
    key.attrs.flag("is_enabled", true);
    key.attrs.str("key_id", f.kmsKeyId.value);
    key.attrs.str("key_usage", "ENCRYPT_DECRYPT");
    key.attrs.flag("multi_region", false);
    key.attrs.str("policy", policyText({"kms:*"}, "*"));
    key.attrs.num("rotation_period_in_days", 365);
    key.attrs.set("tags", b.tags("shared"));
    b.regional(key);
    Res &alias = b.add("aws_kms_alias", "main");
    alias.attrs.str("arn", e.arn(b.stack, "kms", "alias/shared-main"));
    alias.attrs.str("id", "alias/shared-main");
    alias.attrs.str("name", "alias/shared-main");
    alias.attrs.str("target_key_arn", f.kmsKeyArn.value);
    alias.attrs.str("target_key_id", f.kmsKeyId.value);
    alias.dependencies = {"aws_kms_key.main"};

    policy(b, "read_secrets", {}, "shared-read-secrets",
        policyText({"secretsmanager:GetSecretValue"}, f.secret.value));
    Res &secret = b.add("aws_secretsmanager_secret", "db");
    secret.attrs.str("arn", f.secret.value);
    secret.attrs.str("description", "");
    secret.attrs.flag("force_overwrite_replica_secret", false);
    secret.attrs.str("id", f.secret.value);
    secret.attrs.str("kms_key_id", f.kmsKeyArn.value);
    secret.attrs.str("name", "shared/db");
    secret.attrs.str("policy", "");
    secret.attrs.num("recovery_window_in_days", 30);
    secret.attrs.set("replica", Val::array());
    secret.attrs.set("tags", b.tags("shared/db"));
    b.regional(secret);
    b.identity(secret, arnIdentity(f.secret.value));
    secret.dependencies = {"aws_kms_key.main"};

    bucket(b, "logs", {}, f.logsBucket.value);
    for (const char *type : {"aws_s3_bucket_public_access_block", "aws_s3_bucket_versioning"}) {
        Res &r = b.add(type, "logs");
        r.attrs.str("bucket", f.logsBucket.value);
        r.attrs.str("id", f.logsBucket.value); // the bucket's name, as the provider sets it
        if (r.type == "aws_s3_bucket_versioning")
            r.attrs.set("versioning_configuration",
                Val::array({Val::object().str("mfa_delete", "").str("status", "Enabled")}));
        else
            for (const char *k : {"block_public_acls", "block_public_policy", "ignore_public_acls",
                     "restrict_public_buckets"})
                r.attrs.flag(k, true);
        b.regional(r);
        r.dependencies = {"aws_s3_bucket.logs"};
    }

    Res &cert = b.add("aws_acm_certificate", "wildcard");
    cert.attrs.str("arn", f.certificate.value);
    cert.attrs.str("domain_name", "*.example.com");
    cert.attrs.str("id", f.certificate.value);
    cert.attrs.str("key_algorithm", "RSA_2048");
    cert.attrs.str("not_after", "2026-09-14T23:59:59Z");
    cert.attrs.str("not_before", "2025-08-15T00:00:00Z");
    cert.attrs.str("status", "ISSUED");
    cert.attrs.set("subject_alternative_names", Val::strings({"*.example.com", "example.com"}));
    cert.attrs.set("tags", b.tags("wildcard"));
    cert.attrs.str("type", "AMAZON_ISSUED");
    cert.attrs.str("validation_method", "DNS");
    b.regional(cert);
    b.identity(cert, arnIdentity(f.certificate.value));

    Res &zone = b.add("aws_route53_zone", "public");
    zone.attrs.str("arn", "arn:aws:route53:::hostedzone/" + f.zone.value);
    zone.attrs.str("comment", "Managed by Terraform");
    zone.attrs.flag("force_destroy", false);
    zone.attrs.str("id", f.zone.value);
    zone.attrs.str("name", "example.com");
    zone.attrs.set("name_servers",
        Val::strings({"ns-1093.awsdns-08.org", "ns-1869.awsdns-41.co.uk", "ns-293.awsdns-36.com",
            "ns-775.awsdns-32.net"}));
    zone.attrs.set("tags", b.tags("example.com"));
    zone.attrs.set("vpc", Val::array());
    zone.attrs.str("zone_id", f.zone.value);
    topic(b, "alerts", {}, f.topic.value, "shared-alerts");

    for (int i = 0; b.managedCount() < b.stack.managed; ++i) {
        const std::string n = std::to_string(i / 4);
        switch (i % 4) {
        case 0:
            record(b, "www", eachKey("site" + n + ".example.com"), Val::string(f.zone.value),
                f.zone.value, "site" + n + ".example.com", "A", Val::strings({"203.0.113.10"}))
                .dependencies
                = {"aws_route53_zone.public"};
            break;
        case 1:
            policy(b, "team", countKey(i / 4), "team-policy-" + n,
                policyText({"s3:GetObject"}, "arn:aws:s3:::" + f.logsBucket.value + "/*"));
            break;
        case 2:
            bucket(b, "data", countKey(i / 4),
                "acme-shared-data-" + n + '-' + e.hexId(b.stack, "data" + n, 6));
            break;
        default:
            topic(b, "team", countKey(i / 4), e.arn(b.stack, "sns", "team-" + n), "team-" + n);
            break;
        }
    }
    b.outputs = sharedOutputs(e);
}

void buildApp(Build &b)
{
    const Estate &e = b.estate;
    const std::string &slug = b.stack.slug;
    std::vector<Val> instancePolicies;
    if (b.stack.ssmCore)
        instancePolicies.push_back(b.nonLink(SsmCorePolicy, "foreign key in identity"));
    roleWithPolicies(b, "instance", slug + "-instance", "ec2.amazonaws.com", instancePolicies);
    roleWithPolicies(b, "lambda", slug + "-lambda", "lambda.amazonaws.com",
        {b.nonLink(LambdaBasicPolicy, "foreign key in identity")});
    if (b.stack.accessKey) {
        Res &user = b.add("aws_iam_user", "ci");
        user.attrs.str("arn", std::string("arn:aws:iam::") + Account + ":user/" + slug + "-ci");
        user.attrs.str("id", slug + "-ci");
        user.attrs.str("name", slug + "-ci");
        user.attrs.str("path", "/");
        user.attrs.str("unique_id", "AIDA" + e.upperId(b.stack, "ci-user", 17));
        Res &key = b.add("aws_iam_access_key", "ci");
        key.attrs.str("create_date", b.timestamp("access-key"));
        key.attrs.str("id", accessKeyOf(e).value);
        key.attrs.str("secret", e.upperId(b.stack, "access-secret", 40));
        key.attrs.str("status", "Active");
        key.attrs.str("user", slug + "-ci");
        key.sensitive = {"secret"};
        key.dependencies = {"aws_iam_user.ci"};
    }
    if (b.stack.ordinal % 5 == 0) {
        // A cache subnet group named after the environment: an id that is a generic word.
        Res &group = b.add("aws_elasticache_subnet_group", "main");
        group.attrs.str("arn", e.arn(b.stack, "elasticache", "subnetgroup:production"));
        group.attrs.str("description", "Managed by Terraform");
        group.attrs.str("id", "production");
        group.attrs.str("name", "production");
        group.attrs.set("subnet_ids", Val::strings({"subnet-0a1b2c3d4e5f60718"}));
        group.attrs.set("tags", b.tags("production"));
    }
    const std::string ami
        = b.stack.region == "us-east-1" ? "ami-0453ec754f44f9a4a" : "ami-0c1c30571d2dae5c9";
    for (int i = 0; b.managedCount() < b.stack.managed; ++i) {
        const int k = i / 5;
        const std::string n = slug + '-' + std::to_string(k);
        switch (i % 5) {
        case 0:
            bucket(b, "data", countKey(k), "acme-" + n + '-' + e.hexId(b.stack, "b" + n, 6));
            break;
        case 1: {
            Res &t = b.add("aws_dynamodb_table", "items", countKey(k));
            t.schemaVersion = 1;
            t.attrs.str("arn", e.arn(b.stack, "dynamodb", "table/" + n));
            t.attrs.set(
                "attribute", Val::array({Val::object().str("name", "pk").str("type", "S")}));
            t.attrs.str("billing_mode", "PAY_PER_REQUEST");
            t.attrs.flag("deletion_protection_enabled", false);
            t.attrs.str("hash_key", "pk");
            t.attrs.str("id", n);
            t.attrs.str("name", n);
            t.attrs.set(
                "point_in_time_recovery", Val::array({Val::object().flag("enabled", true)}));
            t.attrs.flag("stream_enabled", false);
            t.attrs.str("table_class", "STANDARD");
            t.attrs.set("tags", b.tags(n, true));
            b.regional(t);
            break;
        }
        case 2:
            queue(b, "work", countKey(k), n, Val::string("alias/aws/sqs"));
            break;
        case 3: {
            Val variables = Val::object();
            variables.str("REGION", b.stack.region);
            variables.str("STAGE", b.stack.env == "prod" ? "production" : "staging");
            variables.str("TABLE", n);
            lambda(b, "handler", countKey(k), n,
                Val::string(std::string("arn:aws:iam::") + Account + ":role/" + slug + "-lambda"),
                std::move(variables), Val::array())
                .dependencies
                = {"aws_iam_role.lambda"};
            break;
        }
        default: {
            Res &r = b.add("aws_instance", "worker", countKey(k));
            const std::string id = "i-" + e.hexId(b.stack, "i-" + n);
            r.schemaVersion = 1;
            r.attrs.str("ami", ami);
            r.attrs.str("arn", e.arn(b.stack, "ec2", "instance/" + id));
            r.attrs.str("availability_zone", b.stack.region + char('a' + k % 3));
            r.attrs.str("iam_instance_profile", b.stack.ssmCore ? slug + "-instance" : "");
            r.attrs.str("id", id);
            r.attrs.str("instance_state", "running");
            r.attrs.str("instance_type", k % 3 ? "t3.medium" : "m6i.large");
            r.attrs.set("metadata_options",
                Val::array({Val::object()
                                .str("http_endpoint", "enabled")
                                .str("http_tokens", "required")}));
            r.attrs.str("private_ip", "172.31." + std::to_string(k % 250) + ".10");
            r.attrs.set("root_block_device",
                Val::array({Val::object()
                                .flag("encrypted", true)
                                .num("iops", 3000)
                                .str("volume_id", "vol-" + e.hexId(b.stack, "vol-" + n))
                                .num("volume_size", 20)
                                .str("volume_type", "gp3")}));
            r.attrs.str("subnet_id", "subnet-0a1b2c3d4e5f60718"); // the account's default subnet
            r.attrs.set("tags", b.tags(n));
            r.attrs.set("vpc_security_group_ids", Val::strings({"sg-0123456789abcdef0"}));
            b.regional(r);
            break;
        }
        }
    }
}

} // namespace bg::tests::estate
