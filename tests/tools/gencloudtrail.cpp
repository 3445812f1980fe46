// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "gencloudtrail.h"

#include <array>
#include <cstdio>
#include <random>
#include <string>

namespace bg::tests {

namespace {

struct Call {
    const char *source;
    const char *name;
    bool readOnly;
    const char *request; // %s: a varying identifier
};

// Reads and writes seen in every account's trail; none of them is in the shipped catalog.
constexpr std::array<Call, 12> Common {{
    {"ec2.amazonaws.com", "DescribeInstances", true,
        R"({"instancesSet":{},"filterSet":{"items":[{"name":"tag:Name","valueSet":{"items":[{"value":"%s"}]}}]}})"},
    {"kms.amazonaws.com", "Decrypt", true,
        R"({"encryptionAlgorithm":"SYMMETRIC_DEFAULT","encryptionContext":{"aws:lambda:FunctionArn":"arn:aws:lambda:eu-west-1:483920175566:function:%s"}})"},
    {"sts.amazonaws.com", "AssumeRole", true,
        R"({"roleArn":"arn:aws:iam::483920175566:role/%s","roleSessionName":"session-%s","durationSeconds":3600})"},
    {"rds.amazonaws.com", "DescribeDBInstances", true, R"({"dBInstanceIdentifier":"%s"})"},
    {"s3.amazonaws.com", "GetBucketAcl", true,
        R"({"bucketName":"%s","Host":"%s.s3.eu-west-1.amazonaws.com","acl":""})"},
    {"logs.amazonaws.com", "DescribeLogStreams", true,
        R"({"logGroupName":"/ecs/%s","descending":true,"orderBy":"LastEventTime"})"},
    {"ecs.amazonaws.com", "DescribeServices", true, R"({"cluster":"edu-prod","services":["%s"]})"},
    {"elasticloadbalancing.amazonaws.com", "DescribeTargetHealth", true,
        R"({"targetGroupArn":"arn:aws:elasticloadbalancing:eu-west-1:483920175566:targetgroup/%s/1f9d3b7e5a2c8046"})"},
    {"ssm.amazonaws.com", "GetParameter", true,
        R"({"name":"/edu/prod/%s","withDecryption":false})"},
    {"ec2.amazonaws.com", "CreateTags", false,
        R"({"resourcesSet":{"items":[{"resourceId":"i-%s"}]},"tagSet":{"items":[{"key":"Owner","value":"team"}]}})"},
    {"ecs.amazonaws.com", "UpdateService", false,
        R"({"cluster":"edu-prod","service":"%s","desiredCount":2})"},
    {"cloudwatch.amazonaws.com", "PutMetricAlarm", false,
        R"({"alarmName":"%s-cpu","threshold":80.0})"},
}};

// Calls the shipped catalog knows.
constexpr std::array<Call, 5> Deletes {{
    {"rds.amazonaws.com", "DeleteDBSnapshot", false, R"({"dBSnapshotIdentifier":"%s"})"},
    {"ec2.amazonaws.com", "TerminateInstances", false,
        R"({"instancesSet":{"items":[{"instanceId":"i-%s"}]}})"},
    {"s3.amazonaws.com", "DeleteBucket", false,
        R"({"bucketName":"%s","Host":"%s.s3.eu-west-1.amazonaws.com"})"},
    {"ec2.amazonaws.com", "DeleteSecurityGroup", false, R"({"groupId":"sg-%s"})"},
    {"logs.amazonaws.com", "DeleteLogGroup", false, R"({"logGroupName":"/ecs/%s"})"},
}};

constexpr std::array<const char *, 4> Agents {{
    "aws-cli/2.15.0 Python/3.11.6 Linux/6.1.0-17-amd64 exe/x86_64.debian.12 prompt/off",
    "APN/1.0 HashiCorp/1.0 Terraform/1.5.7 (+https://www.terraform.io) "
    "terraform-provider-aws/5.31.0 "
    "(+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.24.0 os/linux "
    "lang/go#1.21.5 "
    "md/GOOS#linux md/GOARCH#amd64",
    "Boto3/1.34.69 Python/3.11.8 Linux/6.1.79-99.164.amzn2023.x86_64 Botocore/1.34.69",
    "console.amazonaws.com",
}};

std::string fill(const char *pattern, const std::string &id)
{
    std::string out;
    for (const char *p = pattern; *p; ++p) {
        if (p[0] == '%' && p[1] == 's') {
            out += id;
            ++p;
        } else {
            out += *p;
        }
    }
    return out;
}

} // namespace

CloudTrailTally writeCloudTrail(std::ostream &out, const CloudTrailOptions &options)
{
    std::mt19937_64 random(options.seed);
    CloudTrailTally tally;
    auto put = [&](const std::string &text) {
        out << text;
        tally.bytes += std::int64_t(text.size());
    };
    put(options.lines ? "" : "{\"Records\":[");
    char buffer[160];
    for (std::int64_t i = 0; i < options.records; ++i) {
        const bool isDelete = std::int64_t(random() % 1000) < options.deletesPerThousand;
        const Call &call
            = isDelete ? Deletes[random() % Deletes.size()] : Common[random() % Common.size()];
        tally.deletes += isDelete;
        const std::string id = "edu-" + std::to_string(random() % 100000);
        const std::int64_t second = i * 86400 / std::max<std::int64_t>(options.records, 1);
        std::snprintf(buffer, sizeof buffer, "2026-01-14T%02d:%02d:%02dZ", int(second / 3600),
            int(second / 60 % 60), int(second % 60));
        std::string record
            = "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"AssumedRole\","
              "\"principalId\":\"AROAEXAMPLEID:agent-session\",\"arn\":\"arn:aws:sts::"
              "483920175566:assumed-role/agent-admin/agent-session\",\"accountId\":"
              "\"483920175566\",\"accessKeyId\":\"ASIAEXAMPLEKEY\",\"sessionContext\":{"
              "\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROAEXAMPLEID\","
              "\"arn\":\"arn:aws:iam::483920175566:role/agent-admin\",\"accountId\":"
              "\"483920175566\",\"userName\":\"agent-admin\"},\"attributes\":{"
              "\"creationDate\":\"2026-01-14T08:55:12Z\",\"mfaAuthenticated\":\"false\"}}},"
              "\"eventTime\":\"";
        record += buffer;
        record += "\",\"eventSource\":\"";
        record += call.source;
        record += "\",\"eventName\":\"";
        record += call.name;
        record += "\",\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"203.0.113.";
        record += std::to_string(random() % 250 + 1);
        record += "\",\"userAgent\":\"";
        record += Agents[random() % Agents.size()];
        record += "\",\"requestParameters\":";
        record += fill(call.request, id);
        record += ",\"responseElements\":";
        record += call.readOnly
            ? "null"
            : "{\"requestId\":\"" + std::to_string(random()) + "\",\"_return\":true}";
        record += ",\"requestID\":\"";
        record += std::to_string(random());
        record += "\",\"eventID\":\"";
        record += std::to_string(random());
        record += "\",\"readOnly\":";
        record += call.readOnly ? "true" : "false";
        record
            += ",\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":"
               "\"483920175566\",\"eventCategory\":\"Management\",\"tlsDetails\":{\"tlsVersion\":"
               "\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\","
               "\"clientProvidedHostHeader\":\"";
        record += call.source;
        record += "\"}}";
        if (options.lines)
            record += '\n';
        else if (i + 1 < options.records)
            record += ',';
        put(record);
        ++tally.records;
    }
    put(options.lines ? "" : "]}\n");
    return tally;
}

} // namespace bg::tests
