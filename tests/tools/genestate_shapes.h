// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to the estate generator: resource shapes several roles use, with the attributes
// the AWS provider (5.x, 6.x) records in state. `key` is the instance key (null, a count
// index or a for_each key); `tag` makes the resource's ids unique within its stack.
#pragma once

#include "genestate_model.h"

namespace bg::tests::estate {

Val countKey(int index);
Val eachKey(std::string key);

// An ingress or egress block of aws_security_group.
Val sgRule(int from, int to, const std::string &protocol, Val cidrs, Val groups,
    const std::string &description);

Res &securityGroup(Build &b, const std::string &name, const std::string &id,
    const std::string &groupName, Val vpcId, Val ingress);
Res &bucket(Build &b, const std::string &name, Val key, const std::string &bucketName);
Res &logGroup(Build &b, const std::string &name, Val key, const std::string &logName, Val kms);
Res &queue(Build &b, const std::string &name, Val key, const std::string &queueName, Val kms);
Res &record(Build &b, const std::string &name, Val key, Val zoneId, const std::string &zone,
    const std::string &fqdn, const std::string &type, Val records);
Res &ssmParameter(Build &b, const std::string &name, Val key, const std::string &path,
    const std::string &type, Val value);
Res &lambda(Build &b, const std::string &name, Val key, const std::string &functionName,
    Val roleArn, Val variables, Val vpcConfig);
Res &securityGroupRule(Build &b, const std::string &name, int index, Val groupId, Val cidrs);

// A JSON document as Terraform keeps it in a string attribute (policies, container
// definitions): escaped quotes, so readers comparing raw values never see inside it.
std::string policyText(const std::vector<std::string> &actions, const std::string &resource);

} // namespace bg::tests::estate
