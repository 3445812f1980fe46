// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The data shape: a full destroy of data stores, each with every attribute its provider writes,
// the plan Blastguard exists for and the one its rules read most of. Of N resources:
//   aws_db_instance.db["d1"..]   40%  66 attributes (~2.3 KB), as the AWS provider wrote one in
//                                     infracost's terraform-v0.12 plan; skip_final_snapshot on
//                                     about two in three, deletion_protection on one in ten
//   aws_s3_bucket.b["b1"..]      35%  25 attributes (~1 KB), as in snyk-cli's tf-plan-no-op
//                                     plan; force_destroy on about every other one
//   aws_ebs_volume.v["v1"..]     25%  14 attributes, as in infracost's instance-with-
//                                     attachment plan
// (the attribute names and the kinds of their values are those files' facts; the values are
// made up, the flags drawn from the address and the seed). Every instance is a delete, in
// resource_changes and again in prior_state, which Terraform writes whole for a destroy;
// planned_values is left out, as in the other shapes. Written in Terraform's order: by type, then
// key ("d1" < "d10" < "d2").
#include "genshapes_detail.h"

#include <algorithm>
#include <cstdio>

namespace bg::tests::gen {

namespace {

enum class Kind : std::uint8_t { Database, Bucket, Volume };

struct Block {
    const char *type, *name, *keyPrefix;
    Kind kind;
};

constexpr Block Databases {"aws_db_instance", "db", "d", Kind::Database};
constexpr Block Buckets {"aws_s3_bucket", "b", "b", Kind::Bucket};
constexpr Block Volumes {"aws_ebs_volume", "v", "v", Kind::Volume};

std::string flag(bool on)
{
    return on ? "true" : "false";
}

std::string database(const std::string &key, int k, std::uint64_t h)
{
    const std::string id = "db-" + key, host = id + ".c9akciq32.eu-west-1.rds.amazonaws.com";
    const std::string tags = "{\"Name\":" + quote(id) + ",\"Team\":\"data\"}";
    return "{\"address\":" + quote(host) + ",\"allocated_storage\":" + std::to_string(20 + h % 500)
        + ",\"allow_major_version_upgrade\":false,\"apply_immediately\":false,\"arn\":"
        + quote("arn:aws:rds:eu-west-1:123456789012:db:" + id)
        + ",\"auto_minor_version_upgrade\":true,\"availability_zone\":\"eu-west-1b\","
          "\"backup_retention_period\":"
        + std::to_string(h % 4 == 0 ? 0 : 7)
        + ",\"backup_window\":\"03:00-06:00\",\"ca_cert_identifier\":\"rds-ca-2019\","
          "\"character_set_name\":\"\",\"copy_tags_to_snapshot\":false,"
          "\"customer_owned_ip_enabled\":false,\"db_subnet_group_name\":\"data-subnets\","
          "\"delete_automated_backups\":true,\"deletion_protection\":"
        + flag(h % 10 == 0)
        + ",\"domain\":\"\",\"domain_iam_role_name\":\"\",\"enabled_cloudwatch_logs_exports\":[],"
          "\"endpoint\":"
        + quote(host + ":5432")
        + ",\"engine\":\"postgres\",\"engine_version\":\"15.4\",\"engine_version_actual\":\"15.4\","
          "\"final_snapshot_identifier\":"
        + (h % 3 == 0 ? quote(id + "-final") : std::string("null"))
        + ",\"hosted_zone_id\":\"Z29XKXDKYMONMX\",\"iam_database_authentication_enabled\":true,"
          "\"id\":"
        + quote(id) + ",\"identifier\":" + quote(id)
        + ",\"identifier_prefix\":null,\"instance_class\":\"db.t3.medium\",\"iops\":0,"
          "\"kms_key_id\":\"\",\"latest_restorable_time\":\"2026-12-01T10:15:00Z\","
          "\"license_model\":\"postgresql-license\",\"maintenance_window\":\"mon:00:00-mon:03:00\","
          "\"max_allocated_storage\":0,\"monitoring_interval\":0,\"monitoring_role_arn\":\"\","
          "\"multi_az\":false,\"name\":\"app\",\"nchar_character_set_name\":\"\","
          "\"option_group_name\":\"default:postgres-15\",\"parameter_group_name\":"
          "\"default.postgres15\",\"password\":\"not-a-real-password-1\","
          "\"performance_insights_enabled\":false,\"performance_insights_kms_key_id\":\"\","
          "\"performance_insights_retention_period\":0,\"port\":5432,\"publicly_accessible\":false,"
          "\"replicas\":[],\"replicate_source_db\":\"\",\"resource_id\":"
        + quote("db-RES" + std::to_string(100000 + k))
        + ",\"restore_to_point_in_time\":[],\"s3_import\":[],\"security_group_names\":[],"
          "\"skip_final_snapshot\":"
        + flag(h % 3 != 0)
        + ",\"snapshot_identifier\":null,\"status\":\"available\",\"storage_encrypted\":true,"
          "\"storage_type\":\"gp3\",\"tags\":"
        + tags + ",\"tags_all\":" + tags
        + ",\"timeouts\":null,\"timezone\":\"\",\"username\":\"app\","
          "\"vpc_security_group_ids\":[\"sg-0a1b2c3d\"]}";
}

std::string bucket(const std::string &key, std::uint64_t h)
{
    const std::string name = "acme-data-" + key;
    return "{\"acceleration_status\":\"\",\"acl\":\"private\",\"arn\":"
        + quote("arn:aws:s3:::" + name) + ",\"bucket\":" + quote(name)
        + ",\"bucket_domain_name\":" + quote(name + ".s3.amazonaws.com")
        + ",\"bucket_prefix\":null,\"bucket_regional_domain_name\":"
        + quote(name + ".s3.eu-west-1.amazonaws.com")
        + ",\"cors_rule\":[],\"force_destroy\":" + flag(h % 2 == 0)
        + ",\"grant\":[],\"hosted_zone_id\":\"Z1BKCTXD74EZPE\",\"id\":" + quote(name)
        + ",\"lifecycle_rule\":[],\"logging\":[],\"object_lock_configuration\":[],"
          "\"policy\":null,\"region\":\"eu-west-1\",\"replication_configuration\":[],"
          "\"request_payer\":\"BucketOwner\",\"server_side_encryption_configuration\":[{\"rule\":"
          "[{\"apply_server_side_encryption_by_default\":[{\"kms_master_key_id\":\"\","
          "\"sse_algorithm\":\"aws:kms\"}],\"bucket_key_enabled\":false}]}],\"tags\":{},"
          "\"versioning\":[{\"enabled\":"
        + flag(h / 2 % 5 == 0)
        + ",\"mfa_delete\":false}],\"website\":[],\"website_domain\":null,"
          "\"website_endpoint\":null}";
}

std::string volume(int k, std::uint64_t h)
{
    char id[32];
    std::snprintf(id, sizeof id, "vol-%017x", unsigned(k) * 2654435761u);
    return std::string("{\"arn\":")
        + quote(std::string("arn:aws:ec2:eu-west-1:123456789012:volume/") + id)
        + ",\"availability_zone\":\"eu-west-1a\",\"encrypted\":true,\"id\":" + quote(id)
        + ",\"iops\":3000,\"kms_key_id\":\"\",\"multi_attach_enabled\":false,\"outpost_arn\":\"\","
          "\"size\":"
        + std::to_string(8 << (h % 6))
        + ",\"snapshot_id\":\"\",\"tags\":{},\"tags_all\":{},\"throughput\":125,\"type\":\"gp3\"}";
}

// What Terraform marks: the password (Sensitive in the schema), and each list and map as its
// structure (jsonplan's sensitivity values).
const char *sensitivity(Kind kind)
{
    switch (kind) {
    case Kind::Database:
        return R"({"enabled_cloudwatch_logs_exports":[],"password":true,"replicas":[],)"
               R"("restore_to_point_in_time":[],"s3_import":[],"security_group_names":[],)"
               R"("tags":{},"tags_all":{},"vpc_security_group_ids":[false]})";
    case Kind::Bucket:
        return R"({"cors_rule":[],"grant":[],"lifecycle_rule":[],"logging":[],)"
               R"("object_lock_configuration":[],"replication_configuration":[],)"
               R"("server_side_encryption_configuration":[{"rule":[{)"
               R"("apply_server_side_encryption_by_default":[{}]}]}],"tags":{},)"
               R"("versioning":[{}],"website":[]})";
    case Kind::Volume:
        return R"({"tags":{},"tags_all":{}})";
    }
    return "{}";
}

struct Sizing {
    int databases = 0, buckets = 0, volumes = 0;
};

Sizing sizeFor(int n)
{
    Sizing s;
    s.databases = int(std::int64_t(n) * 40 / 100);
    s.buckets = int(std::int64_t(n) * 35 / 100);
    s.volumes = n - s.databases - s.buckets;
    return s;
}

// One block's instances in address order, each through `write` (a change or a state resource).
template<typename F>
void forEachInstance(const Block &b, int n, std::uint64_t seed, F write)
{
    ShapeInstance in;
    in.type = b.type;
    in.name = b.name;
    in.schemaVersion = b.kind == Kind::Database ? 1 : 0;
    inKeyOrder(n, [&](int k) {
        const std::string key = b.keyPrefix + std::to_string(k);
        in.index = quote(key);
        in.address = std::string(b.type) + '.' + b.name + '[' + in.index + ']';
        const std::uint64_t h = hash(in.address, seed);
        const std::string values = b.kind == Kind::Database ? database(key, k, h)
            : b.kind == Kind::Bucket                        ? bucket(key, h)
                                                            : volume(k, h);
        write(in, values, sensitivity(b.kind));
    });
}

const char *const Configuration
    = R"({"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"}},)"
      R"("root_module":{"resources":[)"
      R"({"address":"aws_db_instance.db","mode":"managed","type":"aws_db_instance","name":"db",)"
      R"("provider_config_key":"aws","expressions":{"identifier":{"references":["each.key"]}},)"
      R"("schema_version":1,"for_each_expression":{"references":["local.databases"]}},)"
      R"({"address":"aws_ebs_volume.v","mode":"managed","type":"aws_ebs_volume","name":"v",)"
      R"("provider_config_key":"aws","expressions":{"size":{"references":["each.value"]}},)"
      R"("schema_version":0,"for_each_expression":{"references":["local.volumes"]}},)"
      R"({"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b",)"
      R"("provider_config_key":"aws","expressions":{"bucket":{"references":["each.key"]}},)"
      R"("schema_version":0,"for_each_expression":{"references":["local.buckets"]}}]}})";

} // namespace

ShapeTally writeData(const ShapeOptions &options, std::ostream &stream)
{
    const Sizing s = sizeFor(std::max(options.resources, 0));
    const std::pair<const Block *, int> blocks[]
        = {{&Databases, s.databases}, {&Volumes, s.volumes}, {&Buckets, s.buckets}};
    ShapeTally tally;
    JsonOut out(stream);
    out.beginObject();
    writeHeader(out, nullptr);
    out.key("resource_changes");
    out.beginArray();
    for (const auto &[block, n] : blocks) {
        forEachInstance(*block, n, options.seed,
            [&](const ShapeInstance &in, const std::string &values, const char *sensitive) {
                ShapeValues v;
                v.before = values;
                v.shape = sensitive;
                writeChange(out, in, ShapeAct::Delete, v);
                count(tally, ShapeAct::Delete);
            });
    }
    out.endArray();
    beginPriorState(out);
    out.key("resources");
    out.beginArray();
    for (const auto &[block, n] : blocks) {
        forEachInstance(*block, n, options.seed,
            [&](const ShapeInstance &in, const std::string &values, const char *sensitive) {
                writeStateResource(out, in, values, sensitive);
                ++tally.priorManaged;
            });
    }
    out.endArray();
    endPriorState(out);
    endShape(out, Configuration, &tally); // every address once: one per instance
    return tally;
}

} // namespace bg::tests::gen
