// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Network stacks, the two legacy networks that hold one VPC and the app that uses it, and the
// account baseline (whose ids are generic values: the region, the account number, a word).
#include "genestate_shapes.h"

namespace bg::tests::estate {

namespace {

std::string octet(const std::string &cidr)
{
    return cidr.substr(3, cidr.find('.', 3) - 3); // "10.17.0.0/16" -> "17"
}

Res &vpc(Build &b, const std::string &name, const std::string &id, const std::string &cidr)
{
    Res &r = b.add("aws_vpc", name);
    r.schemaVersion = 1;
    const std::string mainTable = "rtb-" + b.estate.hexId(b.stack, "rtb-main-" + name);
    r.attrs.str("arn", b.estate.arn(b.stack, "ec2", "vpc/" + id));
    r.attrs.flag("assign_generated_ipv6_cidr_block", false);
    r.attrs.str("cidr_block", cidr);
    r.attrs.str("default_network_acl_id", "acl-" + b.estate.hexId(b.stack, "acl-" + name));
    r.attrs.str("default_route_table_id", mainTable);
    r.attrs.str("default_security_group_id", "sg-" + b.estate.hexId(b.stack, "sg-default-" + name));
    r.attrs.str("dhcp_options_id", "dopt-" + b.estate.hexId(b.stack, "dopt"));
    r.attrs.flag("enable_dns_hostnames", true);
    r.attrs.flag("enable_dns_support", true);
    r.attrs.flag("enable_network_address_usage_metrics", false);
    r.attrs.str("id", id);
    r.attrs.str("instance_tenancy", "default");
    r.attrs.nil("ipv4_ipam_pool_id");
    r.attrs.nil("ipv4_netmask_length");
    r.attrs.str("ipv6_association_id", "");
    r.attrs.str("ipv6_cidr_block", "");
    r.attrs.str("ipv6_cidr_block_network_border_group", "");
    r.attrs.str("ipv6_ipam_pool_id", "");
    r.attrs.num("ipv6_netmask_length", 0);
    r.attrs.str("main_route_table_id", mainTable);
    r.attrs.str("owner_id", Account);
    r.attrs.set("tags", b.tags(b.stack.slug));
    r.attrs.set("tags_all", b.tags(b.stack.slug));
    b.regional(r);
    b.identity(
        r, Val::object().str("account_id", Account).str("id", id).str("region", b.stack.region));
    return r;
}

Res &subnet(Build &b, const std::string &name, int index, const std::string &id,
    const std::string &vpcId, const std::string &cidr, bool isPublic)
{
    Res &r = b.add("aws_subnet", name, countKey(index));
    r.schemaVersion = 1;
    const char zone = char('a' + index % 3);
    const std::string zoneId
        = (b.stack.region == "us-east-1" ? "use1-az" : "euw1-az") + std::to_string(index % 3 + 1);
    Val tags = b.tags(b.stack.slug + '-' + name + '-' + zone);
    tags.str(isPublic ? "kubernetes.io/role/elb" : "kubernetes.io/role/internal-elb", "1");
    r.attrs.str("arn", b.estate.arn(b.stack, "ec2", "subnet/" + id));
    r.attrs.flag("assign_ipv6_address_on_creation", false);
    r.attrs.str("availability_zone", b.stack.region + zone);
    r.attrs.str("availability_zone_id", zoneId);
    r.attrs.str("cidr_block",
        "10." + octet(cidr) + '.' + std::to_string((isPublic ? 0 : 100) + index) + ".0/24");
    r.attrs.str("customer_owned_ipv4_pool", "");
    r.attrs.flag("enable_dns64", false);
    r.attrs.num("enable_lni_at_device_index", 0);
    r.attrs.flag("enable_resource_name_dns_a_record_on_launch", false);
    r.attrs.str("id", id);
    r.attrs.str("ipv6_cidr_block", "");
    r.attrs.flag("map_public_ip_on_launch", isPublic);
    r.attrs.str("outpost_arn", "");
    r.attrs.str("owner_id", Account);
    r.attrs.str("private_dns_hostname_type_on_launch", "ip-name");
    r.attrs.set("tags", tags);
    r.attrs.set("tags_all", tags);
    r.attrs.nil("timeouts");
    r.attrs.str("vpc_id", vpcId);
    b.regional(r);
    b.identity(
        r, Val::object().str("account_id", Account).str("id", id).str("region", b.stack.region));
    r.dependencies
        = {"aws_vpc." + std::string(b.stack.role == Role::LegacyNetB ? "imported" : "main")};
    return r;
}

Res &routeTable(Build &b, const std::string &name, const std::string &id, const std::string &vpcId)
{
    Res &r = b.add("aws_route_table", name);
    r.attrs.str("arn", b.estate.arn(b.stack, "ec2", "route-table/" + id));
    r.attrs.str("id", id);
    r.attrs.str("owner_id", Account);
    r.attrs.set("propagating_vgws", Val::array());
    r.attrs.set("route", Val::array());
    r.attrs.set("tags", b.tags(b.stack.slug + '-' + name));
    r.attrs.set("tags_all", b.tags(b.stack.slug + '-' + name));
    r.attrs.nil("timeouts");
    r.attrs.str("vpc_id", vpcId);
    b.regional(r);
    r.dependencies = {"aws_vpc.main"};
    return r;
}

Res &route(Build &b, const std::string &name, const std::string &table, const std::string &via,
    const std::string &target)
{
    Res &r = b.add("aws_route", name);
    for (const char *k : {"carrier_gateway_id", "core_network_arn", "destination_ipv6_cidr_block",
             "destination_prefix_list_id", "egress_only_gateway_id", "gateway_id", "instance_id",
             "instance_owner_id", "local_gateway_id", "nat_gateway_id", "network_interface_id",
             "transit_gateway_id", "vpc_endpoint_id", "vpc_peering_connection_id"})
        r.attrs.str(k, "");
    r.attrs.str("destination_cidr_block", "0.0.0.0/0");
    r.attrs.str(via, target);
    r.attrs.str("id", "r-" + table + "1080289494");
    r.attrs.str("origin", "CreateRoute");
    r.attrs.str("route_table_id", table);
    r.attrs.str("state", "active");
    r.attrs.nil("timeouts");
    b.regional(r);
    return r;
}

Res &internetGateway(Build &b, const std::string &vpcName, const std::string &vpcId)
{
    Res &igw = b.add("aws_internet_gateway", "main");
    const std::string id = "igw-" + b.estate.hexId(b.stack, "igw");
    igw.attrs.str("arn", b.estate.arn(b.stack, "ec2", "internet-gateway/" + id));
    igw.attrs.str("id", id);
    igw.attrs.str("owner_id", Account);
    igw.attrs.set("tags", b.tags(b.stack.slug));
    igw.attrs.set("tags_all", b.tags(b.stack.slug));
    igw.attrs.nil("timeouts");
    igw.attrs.str("vpc_id", vpcId);
    b.regional(igw);
    igw.dependencies = {"aws_vpc." + vpcName};
    return igw;
}

void networkFiller(Build &b, const NetworkFacts &f)
{
    static const char *services[] = {"ssm", "ssmmessages", "ec2messages", "ecr.api", "ecr.dkr",
        "logs", "sts", "kms", "secretsmanager", "monitoring", "sqs", "sns", "events", "lambda",
        "elasticloadbalancing", "autoscaling", "ecs", "ecs-agent", "ecs-telemetry", "rds"};
    int rules = 0, enis = 0, endpoints = 0;
    const Val privateIds = [&] {
        Val ids = Val::array();
        for (const Named &n : f.privateSubnets)
            ids.push(Val::string(n.value));
        return ids;
    }();
    for (int i = 0; b.managedCount() < b.stack.managed; ++i) {
        if (i % 3 == 2 && endpoints < 20) {
            const std::string service = services[endpoints++];
            Res &r = b.add("aws_vpc_endpoint", "interface", eachKey(service));
            const std::string id = "vpce-" + b.estate.hexId(b.stack, "vpce-" + service);
            r.attrs.str("arn", b.estate.arn(b.stack, "ec2", "vpc-endpoint/" + id));
            r.attrs.set("dns_entry",
                Val::array(
                    {Val::object()
                            .str("dns_name",
                                id + '.' + service + '.' + b.stack.region + ".vpce.amazonaws.com")
                            .str("hosted_zone_id", "Z7HUB22UULQXV")}));
            r.attrs.str("id", id);
            r.attrs.str("owner_id", Account);
            r.attrs.flag("private_dns_enabled", true);
            r.attrs.set("security_group_ids", Val::strings({f.albSg.value}));
            r.attrs.str("service_name", "com.amazonaws." + b.stack.region + '.' + service);
            r.attrs.str("state", "available");
            r.attrs.set("subnet_ids", privateIds);
            r.attrs.set("tags", b.tags(b.stack.slug + '-' + service));
            r.attrs.str("vpc_endpoint_type", "Interface");
            r.attrs.str("vpc_id", f.vpc.value);
            b.regional(r);
            r.dependencies = {"aws_security_group.alb", "aws_subnet.private", "aws_vpc.main"};
        } else if (i % 3 == 1) {
            const int n = enis++;
            Res &r = b.add("aws_network_interface", "appliance", countKey(n));
            const std::string id = "eni-" + b.estate.hexId(b.stack, "eni-" + std::to_string(n));
            const std::string ip = "10." + octet(f.cidr) + '.' + std::to_string(100 + n % 3) + '.'
                + std::to_string(10 + n % 240);
            r.attrs.str("arn", b.estate.arn(b.stack, "ec2", "network-interface/" + id));
            r.attrs.set("attachment", Val::array());
            r.attrs.str("description", "appliance " + std::to_string(n));
            r.attrs.str("id", id);
            r.attrs.str("interface_type", "interface");
            r.attrs.str("mac_address",
                "0a:" + b.estate.hexId(b.stack, "mac" + id, 2)
                    + ":5c:1e:42:" + b.estate.hexId(b.stack, "mac2" + id, 2));
            r.attrs.str("owner_id", Account);
            r.attrs.str("private_ip", ip);
            r.attrs.set("private_ips", Val::strings({ip}));
            r.attrs.set("security_groups", Val::strings({f.albSg.value}));
            r.attrs.flag("source_dest_check", true);
            r.attrs.str("subnet_id", f.privateSubnets[size_t(n % 3)].value);
            r.attrs.set("tags", b.tags("appliance"));
            b.regional(r);
            r.dependencies = {"aws_security_group.alb", "aws_subnet.private"};
        } else {
            Res &r = securityGroupRule(
                b, "extra", rules++, Val::string(f.albSg.value), Val::strings({"10.0.0.0/8"}));
            r.dependencies = {"aws_security_group.alb"};
        }
    }
}

} // namespace

void buildNetwork(Build &b)
{
    const NetworkFacts f = networkFacts(b.estate, b.stack);
    vpc(b, "main", f.vpc.value, f.cidr);
    const std::string igw = internetGateway(b, "main", f.vpc.value).attrs.get("id")->text;
    for (int i = 0; i < 3; ++i) {
        subnet(b, "public", i, f.publicSubnets[size_t(i)].value, f.vpc.value, f.cidr, true);
        subnet(b, "private", i, f.privateSubnets[size_t(i)].value, f.vpc.value, f.cidr, false);
    }
    Res &eip = b.add("aws_eip", "nat");
    const std::string allocation = "eipalloc-" + b.estate.hexId(b.stack, "eip");
    const std::string publicIp = "52." + std::to_string(16 + b.stack.ordinal % 200) + ".7.21";
    eip.attrs.str("allocation_id", allocation);
    eip.attrs.str("association_id", "eipassoc-" + b.estate.hexId(b.stack, "eipassoc"));
    eip.attrs.str("domain", "vpc");
    eip.attrs.str("id", allocation);
    eip.attrs.str("network_border_group", b.stack.region);
    eip.attrs.str("public_ip", publicIp);
    eip.attrs.str("public_ipv4_pool", "amazon");
    eip.attrs.set("tags", b.tags(b.stack.slug + "-nat"));
    b.regional(eip);
    Res &nat = b.add("aws_nat_gateway", "main");
    const std::string natId = "nat-" + b.estate.hexId(b.stack, "nat");
    nat.attrs.str("allocation_id", allocation);
    nat.attrs.str("connectivity_type", "public");
    nat.attrs.str("id", natId);
    nat.attrs.str("network_interface_id", "eni-" + b.estate.hexId(b.stack, "eni-nat"));
    nat.attrs.str("private_ip", "10." + octet(f.cidr) + ".0.14");
    nat.attrs.str("public_ip", publicIp);
    nat.attrs.str("subnet_id", f.publicSubnets[0].value);
    nat.attrs.set("tags", b.tags(b.stack.slug + "-nat"));
    b.regional(nat);
    nat.dependencies = {"aws_eip.nat", "aws_internet_gateway.main", "aws_subnet.public"};

    const std::string publicTable = "rtb-" + b.estate.hexId(b.stack, "rtb-public");
    routeTable(b, "public", publicTable, f.vpc.value);
    routeTable(b, "private", f.privateRouteTable.value, f.vpc.value);
    route(b, "public_internet", publicTable, "gateway_id", igw).dependencies
        = {"aws_internet_gateway.main", "aws_route_table.public"};
    route(b, "private_nat", f.privateRouteTable.value, "nat_gateway_id", natId).dependencies
        = {"aws_nat_gateway.main", "aws_route_table.private"};
    for (int i = 0; i < 6; ++i) {
        const bool isPublic = i < 3;
        Res &r = b.add(
            "aws_route_table_association", isPublic ? "public" : "private", countKey(i % 3));
        r.attrs.str("gateway_id", "");
        r.attrs.str("id", "rtbassoc-" + b.estate.hexId(b.stack, "rtbassoc-" + std::to_string(i)));
        r.attrs.str("route_table_id", isPublic ? publicTable : f.privateRouteTable.value);
        r.attrs.str(
            "subnet_id", (isPublic ? f.publicSubnets : f.privateSubnets)[size_t(i % 3)].value);
        r.attrs.nil("timeouts");
        b.regional(r);
        r.dependencies = {isPublic ? "aws_route_table.public" : "aws_route_table.private",
            isPublic ? "aws_subnet.public" : "aws_subnet.private"};
    }
    securityGroup(b, "alb", f.albSg.value, b.stack.slug + "-alb", Val::string(f.vpc.value),
        Val::array({sgRule(443, 443, "tcp", Val::strings({"0.0.0.0/0"}), Val::array(), "HTTPS")}))
        .dependencies
        = {"aws_vpc.main"};
    securityGroup(b, "db", f.dbSg.value, b.stack.slug + "-db", Val::string(f.vpc.value),
        Val::array({sgRule(5432, 5432, "tcp", Val::strings({f.cidr}), Val::array(), "PostgreSQL")}))
        .dependencies
        = {"aws_vpc.main"};
    b.leaves.push_back(f.dbSg.address);

    Res &group = b.add("aws_db_subnet_group", "main");
    const std::string &groupName = f.dbSubnetGroup.value;
    group.attrs.str("arn", b.estate.arn(b.stack, "rds", "subgrp:" + groupName));
    group.attrs.str("description", "Managed by Terraform");
    group.attrs.str("id", groupName);
    group.attrs.str("name", groupName);
    group.attrs.str("name_prefix", "");
    Val privateIds = Val::array();
    for (const Named &n : f.privateSubnets)
        privateIds.push(Val::string(n.value));
    group.attrs.set("subnet_ids", privateIds);
    group.attrs.set("supported_network_types", Val::strings({"IPV4"}));
    group.attrs.set("tags", b.tags(groupName));
    group.attrs.set("tags_all", b.tags(groupName));
    group.attrs.str("vpc_id", f.vpc.value);
    b.regional(group);
    group.dependencies = {"aws_subnet.private"};
    b.leaves.push_back(f.dbSubnetGroup.address);

    Res &s3 = b.add("aws_vpc_endpoint", "s3");
    const std::string vpce = "vpce-" + b.estate.hexId(b.stack, "vpce-s3");
    s3.attrs.str("arn", b.estate.arn(b.stack, "ec2", "vpc-endpoint/" + vpce));
    s3.attrs.str("id", vpce);
    s3.attrs.str("owner_id", Account);
    s3.attrs.str("policy", policyText({"s3:*"}, "*"));
    s3.attrs.str("prefix_list_id", b.stack.region == "us-east-1" ? "pl-63a5400a" : "pl-6da54004");
    s3.attrs.set("route_table_ids", Val::strings({f.privateRouteTable.value}));
    s3.attrs.str("service_name", "com.amazonaws." + b.stack.region + ".s3");
    s3.attrs.str("state", "available");
    s3.attrs.set("tags", b.tags(b.stack.slug + "-s3"));
    s3.attrs.str("vpc_endpoint_type", "Gateway");
    s3.attrs.str("vpc_id", f.vpc.value);
    b.regional(s3);
    s3.dependencies = {"aws_route_table.private", "aws_vpc.main"};

    const std::string flowLogs = "/aws/vpc/" + b.stack.slug + "-flow-logs";
    logGroup(b, "flow", {}, flowLogs, Val::string(""));
    roleWithPolicies(
        b, "flow_logs", b.stack.slug + "-flow-logs", "vpc-flow-logs.amazonaws.com", {});
    Res &flow = b.add("aws_flow_log", "main");
    flow.attrs.str(
        "arn", b.estate.arn(b.stack, "ec2", "vpc-flow-log/fl-" + b.estate.hexId(b.stack, "fl")));
    flow.attrs.str("iam_role_arn",
        std::string("arn:aws:iam::") + Account + ":role/" + b.stack.slug + "-flow-logs");
    flow.attrs.str("id", "fl-" + b.estate.hexId(b.stack, "fl"));
    flow.attrs.str("log_destination", b.estate.arn(b.stack, "logs", "log-group:" + flowLogs));
    flow.attrs.str("log_destination_type", "cloud-watch-logs");
    flow.attrs.str("log_format", "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr}");
    flow.attrs.num("max_aggregation_interval", 600);
    flow.attrs.str("traffic_type", "ALL");
    flow.attrs.str("vpc_id", f.vpc.value);
    b.regional(flow);
    flow.dependencies = {"aws_cloudwatch_log_group.flow", "aws_iam_role.flow_logs", "aws_vpc.main"};
    networkFiller(b, f);

    b.outputs = networkOutputs(b.estate, b.stack);
}

void buildLegacy(Build &b)
{
    const LegacyFacts f = legacyFacts(b.estate);
    const std::string cidr = "10.0.0.0/16";
    if (b.stack.role == Role::LegacyNetA || b.stack.role == Role::LegacyNetB) {
        const bool a = b.stack.role == Role::LegacyNetA;
        // The same VPC in both: imported into network-b by mistake, still managed by network-a.
        vpc(b, a ? "main" : "imported", f.vpc.value, cidr);
        internetGateway(b, a ? "main" : "imported", f.vpc.value);
        for (int i = 0; i < (a ? 2 : 1); ++i) {
            const std::string id
                = a ? f.subnetsA[size_t(i)].value : "subnet-" + b.estate.hexId(b.stack, "subnet-b");
            subnet(b, a ? "app" : "batch", i, id, f.vpc.value, cidr, false);
        }
        for (int i = 0; b.managedCount() < b.stack.managed; ++i)
            securityGroupRule(b, "legacy", i,
                Val::string("sg-" + b.estate.hexId(b.stack, "sg-legacy")),
                Val::strings({"10.0.0.0/8"}));
        return;
    }
    const std::string sg = "sg-" + b.estate.hexId(b.stack, "sg-app");
    securityGroup(b, "app", sg, "legacy-app", b.ref(b.estate.legacyA, f.vpc, "shared"),
        Val::array({sgRule(22, 22, "tcp", Val::strings({"10.0.0.0/8"}), Val::array(), "ssh")}));
    for (int i = 0; b.managedCount() < b.stack.managed; ++i) {
        Res &r = b.add("aws_instance", "app", countKey(i));
        const std::string id = "i-" + b.estate.hexId(b.stack, "i-" + std::to_string(i));
        r.schemaVersion = 1;
        r.attrs.str("ami", "ami-0c1c30571d2dae5c9");
        r.attrs.str("arn", b.estate.arn(b.stack, "ec2", "instance/" + id));
        r.attrs.str("availability_zone", b.stack.region + char('a' + i % 2));
        r.attrs.str("id", id);
        r.attrs.str("instance_state", "running");
        r.attrs.str("instance_type", i % 2 ? "m5.large" : "t3.medium");
        r.attrs.str(
            "private_ip", "10.0." + std::to_string(i % 2) + '.' + std::to_string(20 + i % 200));
        r.attrs.set("subnet_id", b.ref(b.estate.legacyA, f.subnetsA[size_t(i % 2)]));
        r.attrs.set("tags", b.tags("legacy-app-" + std::to_string(i)));
        r.attrs.set("vpc_security_group_ids", Val::strings({sg}));
        r.dependencies = {"aws_security_group.app"};
    }
}

void buildBaseline(Build &b)
{
    Res &ebs = b.add("aws_ebs_encryption_by_default", "this");
    ebs.attrs.flag("enabled", true);
    ebs.attrs.str("id", b.stack.region); // the provider's id for this setting is the region
    Res &block = b.add("aws_s3_account_public_access_block", "this");
    block.attrs.str("account_id", Account);
    for (const char *k : {"block_public_acls", "block_public_policy", "ignore_public_acls",
             "restrict_public_buckets"})
        block.attrs.flag(k, true);
    block.attrs.str("id", Account);
    Res &user = b.add("aws_iam_user", "terraform");
    user.attrs.str("arn", std::string("arn:aws:iam::") + Account + ":user/terraform");
    user.attrs.flag("force_destroy", false);
    user.attrs.str("id", "terraform");
    user.attrs.str("name", "terraform");
    user.attrs.str("path", "/");
    user.attrs.str("permissions_boundary", "");
    user.attrs.set("tags", b.tags("terraform"));
    user.attrs.str("unique_id", "AIDA" + b.estate.upperId(b.stack, "user-terraform", 17));
    Res &policy = b.add("aws_iam_account_password_policy", "strict");
    policy.attrs.flag("allow_users_to_change_password", true);
    policy.attrs.flag("expire_passwords", false);
    policy.attrs.str("id", "iam-account-password-policy");
    policy.attrs.num("minimum_password_length", 14);
    policy.attrs.num("password_reuse_prevention", 24);
    static const char *first[]
        = {"anna", "ben", "chloe", "david", "emma", "farid", "grace", "hugo"};
    static const char *last[] = {"schmidt", "okafor", "martin", "rossi", "nguyen", "kowalski"};
    for (int i = 0; b.managedCount() < b.stack.managed; ++i) {
        if (i % 2 == 0) {
            const std::string name = std::string(first[i % 8]) + '.' + last[i / 8 % 6]
                + (i >= 48 ? std::to_string(i / 48) : "");
            Res &r = b.add("aws_iam_user", "people", eachKey(name));
            r.attrs.str("arn", std::string("arn:aws:iam::") + Account + ":user/" + name);
            r.attrs.flag("force_destroy", false);
            r.attrs.str("id", name);
            r.attrs.str("name", name);
            r.attrs.str("path", "/people/");
            r.attrs.set("tags", b.tags(name));
            r.attrs.str("unique_id", "AIDA" + b.estate.upperId(b.stack, "user-" + name, 17));
        } else {
            const std::string name = "acme-config-rule-" + std::to_string(i);
            Res &r = b.add("aws_config_config_rule", "rules", countKey(i / 2));
            r.attrs.str("arn", b.estate.arn(b.stack, "config", "config-rule/" + name));
            r.attrs.str("id", name);
            r.attrs.str("name", name);
            r.attrs.str("rule_id", "config-rule-" + b.estate.hexId(b.stack, name, 6));
            r.attrs.set("source",
                Val::array({Val::object()
                                .str("owner", "AWS")
                                .str("source_identifier", "S3_BUCKET_VERSIONING_ENABLED")}));
            r.attrs.set("tags", b.tags(name));
            b.regional(r);
        }
    }
}

} // namespace bg::tests::estate
