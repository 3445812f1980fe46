// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Platform stacks: ECS services behind a load balancer and a database, in the subnets of a
// network stack whose outputs they read through terraform_remote_state, using the shared
// stack's key, certificate, zone, topic, log bucket, policy and secret.
#include "genestate_shapes.h"

namespace bg::tests::estate {

namespace {

std::string roleArn(const std::string &roleName)
{
    return std::string("arn:aws:iam::") + Account + ":role/" + roleName;
}

std::string lastSegment(const std::string &arn)
{
    return arn.substr(arn.rfind('/') + 1);
}

Res &remoteState(Build &b, const std::string &name, const StackPlan &producer,
    const std::vector<Output> &outputs)
{
    Res &r = b.addData("terraform_remote_state", name);
    r.attrs.str("backend", "s3");
    r.attrs.set("config",
        Val::object()
            .str("bucket", "acme-terraform-state")
            .str("key", producer.name + "/terraform.tfstate")
            .str("region", "eu-west-1"));
    r.attrs.nil("defaults");
    Val values = Val::object();
    for (const Output &o : outputs)
        values.set(o.name, o.value);
    r.attrs.set("outputs", values);
    r.attrs.nil("workspace");
    b.remoteReads.push_back({r.address(), producer.index, outputs});
    return r;
}

// The network's subnet ids as this stack names them.
Val subnetIds(Build &b, int network, const std::vector<Named> &subnets)
{
    Val ids = Val::array();
    for (const Named &n : subnets)
        ids.push(b.ref(network, n));
    return ids;
}

void service(Build &b, const std::string &name, Val key, const std::string &serviceName,
    const std::string &cluster, const std::string &sg, const std::string &targetGroup,
    const std::string &taskDefinition, const NetworkFacts &net)
{
    Res &r = b.add("aws_ecs_service", name, std::move(key));
    r.attrs.set("alarms", Val::array());
    r.attrs.str("availability_zone_rebalancing", "DISABLED");
    r.attrs.set("capacity_provider_strategy", Val::array());
    r.attrs.str("cluster", cluster);
    r.attrs.set("deployment_circuit_breaker",
        Val::array({Val::object().flag("enable", true).flag("rollback", true)}));
    r.attrs.set("deployment_controller", Val::array({Val::object().str("type", "ECS")}));
    r.attrs.num("deployment_maximum_percent", 200);
    r.attrs.num("deployment_minimum_healthy_percent", 100);
    r.attrs.num("desired_count", 2);
    r.attrs.flag("enable_ecs_managed_tags", true);
    r.attrs.flag("enable_execute_command", false);
    r.attrs.num("health_check_grace_period_seconds", 60);
    r.attrs.str("iam_role", "/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS");
    r.attrs.str(
        "id", b.estate.arn(b.stack, "ecs", "service/" + lastSegment(cluster) + '/' + serviceName));
    r.attrs.str("launch_type", "FARGATE");
    r.attrs.set("load_balancer",
        Val::array({Val::object()
                        .str("container_name", "web")
                        .num("container_port", 8080)
                        .str("elb_name", "")
                        .str("target_group_arn", targetGroup)}));
    r.attrs.str("name", serviceName);
    r.attrs.set("network_configuration",
        Val::array({Val::object()
                        .flag("assign_public_ip", false)
                        .set("security_groups", Val::strings({sg}))
                        .set("subnets", subnetIds(b, b.stack.network, net.privateSubnets))}));
    r.attrs.str("platform_version", "LATEST");
    r.attrs.str("propagate_tags", "SERVICE");
    r.attrs.str("scheduling_strategy", "REPLICA");
    r.attrs.set("tags", b.tags(serviceName));
    r.attrs.set("tags_all", b.tags(serviceName));
    r.attrs.str("task_definition", taskDefinition);
    r.attrs.flag("wait_for_steady_state", false);
    b.regional(r);
    r.dependencies
        = {"aws_ecs_cluster.main", "aws_ecs_task_definition.web", "aws_lb_target_group.web",
            "aws_security_group.service", "data.terraform_remote_state.network"};
}

} // namespace

void roleWithPolicies(Build &b, const std::string &name, const std::string &roleName,
    std::string_view service, const std::vector<Val> &policyArns)
{
    Res &role = b.add("aws_iam_role", name);
    role.attrs.str("arn", roleArn(roleName));
    role.attrs.str("assume_role_policy",
        R"({"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":")"
            + std::string(service) + R"("}}],"Version":"2012-10-17"})");
    role.attrs.str("create_date", b.timestamp("role-" + name));
    role.attrs.str("description", "");
    role.attrs.flag("force_detach_policies", false);
    role.attrs.str("id", roleName);
    role.attrs.set("inline_policy", Val::array());
    role.attrs.set("managed_policy_arns", Val::array(policyArns));
    role.attrs.num("max_session_duration", 3600);
    role.attrs.str("name", roleName);
    role.attrs.str("name_prefix", "");
    role.attrs.str("path", "/");
    role.attrs.str("permissions_boundary", "");
    role.attrs.set("tags", b.tags(roleName));
    role.attrs.set("tags_all", b.tags(roleName));
    role.attrs.str("unique_id", "AROA" + b.estate.upperId(b.stack, "role-" + name, 17));
    b.identity(role, Val::object().str("account_id", Account).str("name", roleName));
    for (const Val &policy : policyArns) {
        Res &a = b.add("aws_iam_role_policy_attachment", name, eachKey(lastSegment(policy.text)));
        // AWS provider 6 writes the id as role/policy_arn; 5 as role-<timestamp><counter>.
        a.attrs.str("id",
            b.stack.identities
                ? roleName + '/' + policy.text
                : roleName + "-2025031409265312340000000" + std::to_string(a.key.text.size() % 10));
        a.attrs.set("policy_arn", policy);
        a.attrs.str("role", roleName);
        if (b.stack.identities) {
            a.identity = Val::object()
                             .str("account_id", Account)
                             .str("policy_arn", policy.text)
                             .str("role", roleName);
            const Ref *ref = policy.ref >= 0 ? &b.refs[size_t(policy.ref)] : nullptr;
            b.foreignIdentity(policy.text, ref && ref->links ? ref->stack : -1);
        }
        a.dependencies = {"aws_iam_role." + name};
    }
}

void buildPlatform(Build &b)
{
    const Estate &e = b.estate;
    const StackPlan &network = e.at(b.stack.network);
    const NetworkFacts net = networkFacts(e, network);
    const SharedFacts shared = sharedFacts(e);
    const int n = b.stack.network;
    const int s = e.shared;
    const std::string &slug = b.stack.slug;

    remoteState(b, "network", network, networkOutputs(e, network));
    if (b.stack.readsShared)
        remoteState(b, "shared", e.at(s), sharedOutputs(e));
    Res &vpcData = b.addData("aws_vpc", "network");
    vpcData.attrs.set("arn", b.ref(n, net.vpcArn));
    vpcData.attrs.str("cidr_block", net.cidr);
    vpcData.attrs.flag("default", false);
    vpcData.attrs.str("dhcp_options_id", "dopt-" + e.hexId(network, "dopt"));
    vpcData.attrs.set("id", b.ref(n, net.vpc));
    vpcData.attrs.str("instance_tenancy", "default");
    vpcData.attrs.str("owner_id", Account);
    vpcData.attrs.str("state", "available");
    vpcData.attrs.set("tags", b.tags(network.slug));

    const std::string clusterName = b.stack.clusterMain ? "main" : slug;
    auto clusterValue = [&] {
        return b.stack.clusterMain ? b.nonLink("main", "generic through remote state")
                                   : Val::string(clusterName);
    };
    const std::string cluster = e.arn(b.stack, "ecs", "cluster/" + clusterName);
    Res &c = b.add("aws_ecs_cluster", "main");
    c.attrs.str("arn", cluster);
    c.attrs.set("configuration", Val::array());
    c.attrs.str("id", cluster);
    c.attrs.set("name", clusterValue());
    c.attrs.set("setting",
        Val::array({Val::object().str("name", "containerInsights").str("value", "enabled")}));
    c.attrs.set("tags", b.tags(slug));
    b.regional(c);
    Res &providers = b.add("aws_ecs_cluster_capacity_providers", "main");
    providers.attrs.set("capacity_providers", Val::strings({"FARGATE", "FARGATE_SPOT"}));
    providers.attrs.set("cluster_name", clusterValue());
    providers.attrs.set("default_capacity_provider_strategy",
        Val::array(
            {Val::object().num("base", 1).str("capacity_provider", "FARGATE").num("weight", 100)}));
    providers.attrs.set("id", clusterValue());
    providers.dependencies = {"aws_ecs_cluster.main"};

    roleWithPolicies(b, "task_execution", slug + "-task-exec", "ecs-tasks.amazonaws.com",
        {b.nonLink(EcsExecutionPolicy, "foreign key in identity"), b.ref(s, shared.policy)});
    roleWithPolicies(b, "task", slug + "-task", "ecs-tasks.amazonaws.com", {});

    const std::string sg = "sg-" + e.hexId(b.stack, "sg-service");
    securityGroup(b, "service", sg, slug + "-service", b.ref(n, net.vpc),
        Val::array({sgRule(8080, 8080, "tcp", Val::array(), Val::array({b.ref(n, net.albSg)}),
            "from the load balancer")}))
        .dependencies
        = {"data.terraform_remote_state.network"};

    const std::string lbName = slug.substr(0, 28);
    const std::string lbArn = e.arn(b.stack, "elasticloadbalancing",
        "loadbalancer/app/" + lbName + '/' + e.hexId(b.stack, "lb", 16));
    const std::string dns = lbName + '-' + std::to_string(e.draw(b.stack, "dns") % 2000000000) + '.'
        + b.stack.region + ".elb.amazonaws.com";
    Res &lb = b.add("aws_lb", "main");
    lb.attrs.set("access_logs",
        Val::array({Val::object()
                        .set("bucket", b.ref(s, shared.logsBucket))
                        .flag("enabled", true)
                        .str("prefix", slug)}));
    lb.attrs.str("arn", lbArn);
    lb.attrs.str("arn_suffix", lbArn.substr(lbArn.find("app/")));
    lb.attrs.str("desync_mitigation_mode", "defensive");
    lb.attrs.str("dns_name", dns);
    lb.attrs.flag("drop_invalid_header_fields", true);
    lb.attrs.flag("enable_deletion_protection", true);
    lb.attrs.flag("enable_http2", true);
    lb.attrs.str("id", lbArn);
    lb.attrs.num("idle_timeout", 60);
    lb.attrs.flag("internal", false);
    lb.attrs.str("ip_address_type", "ipv4");
    lb.attrs.str("load_balancer_type", "application");
    lb.attrs.str("name", lbName);
    lb.attrs.set("security_groups", Val::array({b.ref(n, net.albSg)}));
    Val mappings = Val::array();
    for (const Named &subnet : net.publicSubnets)
        mappings.push(Val::object()
                          .str("allocation_id", "")
                          .str("private_ipv4_address", "")
                          .set("subnet_id", b.ref(n, subnet)));
    lb.attrs.set("subnet_mapping", mappings);
    lb.attrs.set("subnets", subnetIds(b, n, net.publicSubnets));
    lb.attrs.set("tags", b.tags(lbName));
    lb.attrs.set("vpc_id", b.ref(n, net.vpc));
    lb.attrs.str("zone_id", b.stack.region == "us-east-1" ? "Z35SXDOTRQ7X7K" : "Z32O12XQLNTSW2");
    b.regional(lb);
    lb.dependencies = {"data.terraform_remote_state.network"};

    const std::string tgArn = e.arn(b.stack, "elasticloadbalancing",
        "targetgroup/" + lbName + '/' + e.hexId(b.stack, "tg", 16));
    Res &tg = b.add("aws_lb_target_group", "web");
    tg.attrs.str("arn", tgArn);
    tg.attrs.str("deregistration_delay", "300");
    tg.attrs.set("health_check",
        Val::array({Val::object()
                        .flag("enabled", true)
                        .num("healthy_threshold", 3)
                        .num("interval", 30)
                        .str("matcher", "200")
                        .str("path", "/health")
                        .str("port", "traffic-port")
                        .str("protocol", "HTTP")}));
    tg.attrs.str("id", tgArn);
    tg.attrs.str("name", lbName);
    tg.attrs.num("port", 8080);
    tg.attrs.str("protocol", "HTTP");
    tg.attrs.str("target_type", "ip");
    tg.attrs.set("tags", b.tags(lbName));
    tg.attrs.set("vpc_id", b.ref(n, net.vpc));
    b.regional(tg);

    Res &listener = b.add("aws_lb_listener", "https");
    const std::string listenerArn = e.arn(b.stack, "elasticloadbalancing",
        "listener/app/" + lbName + '/' + e.hexId(b.stack, "lb", 16) + '/'
            + e.hexId(b.stack, "listener", 16));
    listener.attrs.str("arn", listenerArn);
    listener.attrs.set("certificate_arn", b.ref(s, shared.certificate));
    listener.attrs.set("default_action",
        Val::array(
            {Val::object().num("order", 1).str("target_group_arn", tgArn).str("type", "forward")}));
    listener.attrs.str("id", listenerArn);
    listener.attrs.str("load_balancer_arn", lbArn);
    listener.attrs.num("port", 443);
    listener.attrs.str("protocol", "HTTPS");
    listener.attrs.str("ssl_policy", "ELBSecurityPolicy-TLS13-1-2-2021-06");
    b.regional(listener);
    listener.dependencies = {"aws_lb.main", "aws_lb_target_group.web"};

    const std::string family = slug + "-web";
    const std::string taskDefinition = e.arn(b.stack, "ecs", "task-definition/" + family + ":7");
    Res &td = b.add("aws_ecs_task_definition", "web");
    td.attrs.str("arn", taskDefinition);
    td.attrs.str("arn_without_revision", e.arn(b.stack, "ecs", "task-definition/" + family));
    td.attrs.str("container_definitions",
        R"([{"essential":true,"image":")" + std::string(Account) + ".dkr.ecr." + b.stack.region
            + ".amazonaws.com/" + family
            + R"(:1.4.2","name":"web","portMappings":[{"containerPort":8080}],"secrets":[{"name":"DB","valueFrom":")"
            + shared.secret.value + R"("}]}])");
    td.attrs.str("cpu", "512");
    td.attrs.str("execution_role_arn", roleArn(slug + "-task-exec"));
    td.attrs.str("family", family);
    td.attrs.str("id", family);
    td.attrs.str("memory", "1024");
    td.attrs.str("network_mode", "awsvpc");
    td.attrs.set("requires_compatibilities", Val::strings({"FARGATE"}));
    td.attrs.num("revision", 7);
    td.attrs.set("tags", b.tags(family));
    td.attrs.str("task_role_arn", roleArn(slug + "-task"));
    b.regional(td);
    td.dependencies = {"aws_iam_role.task", "aws_iam_role.task_execution"};
    service(b, "web", {}, "web", cluster, sg, tgArn, taskDefinition, net);

    Res &db = b.add("aws_db_instance", "main");
    db.schemaVersion = 2;
    const std::string address
        = slug + ".c" + e.hexId(b.stack, "rds", 12) + '.' + b.stack.region + ".rds.amazonaws.com";
    const std::string resourceId = "db-" + e.upperId(b.stack, "dbi", 26);
    db.attrs.str("address", address);
    db.attrs.num("allocated_storage", 100);
    db.attrs.str("arn", e.arn(b.stack, "rds", "db:" + slug));
    db.attrs.str("availability_zone", b.stack.region + 'a');
    db.attrs.num("backup_retention_period", 7);
    db.attrs.str("ca_cert_identifier", "rds-ca-rsa2048-g1");
    db.attrs.str("db_name", "app");
    db.attrs.set("db_subnet_group_name", b.ref(n, net.dbSubnetGroup));
    db.attrs.flag("deletion_protection", true);
    db.attrs.str("endpoint", address + ":5432");
    db.attrs.str("engine", "postgres");
    db.attrs.str("engine_version", "15.4");
    db.attrs.str("hosted_zone_id", "Z29XKXDKYMONMX");
    db.attrs.str("id", resourceId);
    db.attrs.str("identifier", slug);
    db.attrs.str("instance_class", "db.t3.medium");
    db.attrs.set("kms_key_id", b.ref(s, shared.kmsKeyArn));
    db.attrs.flag("multi_az", true);
    db.attrs.str("parameter_group_name", "default.postgres15");
    const std::string password = b.stack.sharedPassword
        ? "Xq7!" + e.upperId(e.at(s), "shared-password", 20)
        : e.upperId(b.stack, "password", 24);
    db.attrs.set("password", b.nonLink(password, "sensitive"));
    db.attrs.num("port", 5432);
    db.attrs.str("resource_id", resourceId);
    db.attrs.str("storage_type", "gp3");
    db.attrs.flag("storage_encrypted", true);
    db.attrs.set("tags", b.tags(slug, true));
    db.attrs.str("username", "app");
    db.attrs.set("vpc_security_group_ids", Val::array({b.ref(n, net.dbSg), Val::string(sg)}));
    b.regional(db);
    db.sensitive = {"password"};
    db.dependencies = {"aws_security_group.service", "data.terraform_remote_state.network"};

    logGroup(b, "ecs", {}, "/ecs/" + slug, b.ref(s, shared.kmsKeyArn));
    record(b, "api", {}, b.ref(s, shared.zone), shared.zone.value, slug + ".example.com", "CNAME",
        Val::strings({dns}))
        .dependencies
        = {"aws_lb.main"};
    Res &endpoint = b.add("aws_vpc_endpoint", "dynamodb");
    const std::string vpce = "vpce-" + e.hexId(b.stack, "vpce-dynamodb");
    endpoint.attrs.str("arn", e.arn(b.stack, "ec2", "vpc-endpoint/" + vpce));
    endpoint.attrs.str("id", vpce);
    endpoint.attrs.set("route_table_ids", Val::array({b.ref(n, net.privateRouteTable)}));
    endpoint.attrs.str("service_name", "com.amazonaws." + b.stack.region + ".dynamodb");
    endpoint.attrs.str("vpc_endpoint_type", "Gateway");
    endpoint.attrs.set("vpc_id", b.ref(n, net.vpc));
    b.regional(endpoint);

    if (b.stack.secretArnLambda) {
        roleWithPolicies(b, "worker", slug + "-worker", "lambda.amazonaws.com",
            {b.nonLink(LambdaBasicPolicy, "foreign key in identity")});
        Val variables = Val::object();
        variables.set("DB_SECRET_ARN", b.ref(s, shared.secret));
        variables.str("LOG_LEVEL", "info");
        variables.str("REGION", b.stack.region);
        Val vpcConfig = Val::array({Val::object()
                                        .flag("ipv6_allowed_for_dual_stack", false)
                                        .set("security_group_ids", Val::strings({sg}))
                                        .set("subnet_ids", subnetIds(b, n, net.privateSubnets))
                                        .set("vpc_id", b.ref(n, net.vpc))});
        lambda(b, "worker", {}, slug + "-worker", Val::string(roleArn(slug + "-worker")),
            std::move(variables), std::move(vpcConfig))
            .dependencies
            = {"aws_iam_role.worker"};
    }
    if (b.stack.keepsAccessKey)
        ssmParameter(b, "ci_access_key_id", {}, "/ci/access-key-id", "SecureString",
            b.nonLink(accessKeyOf(e).value, "sensitive"));

    static const char *names[] = {"orders", "billing", "search", "catalogue", "checkout",
        "accounts", "reviews", "shipping", "pricing", "stock"};
    int services = 0, alarms = 0, parameters = 0, queues = 0, records = 0;
    for (int i = 0; b.managedCount() < b.stack.managed; ++i) {
        switch (i % 5) {
        case 0: {
            const int k = services++;
            const std::string svc
                = std::string(names[k % 10]) + (k >= 10 ? std::to_string(k / 10) : "");
            service(b, "svc", eachKey(svc), svc, cluster, sg, tgArn, taskDefinition, net);
            break;
        }
        case 1: {
            const int k = alarms++;
            const std::string alarm = slug + "-cpu-" + std::to_string(k);
            Res &r = b.add("aws_cloudwatch_metric_alarm", "cpu", countKey(k));
            r.attrs.flag("actions_enabled", true);
            r.attrs.set("alarm_actions", Val::array({b.ref(s, shared.topic)}));
            r.attrs.str("alarm_name", alarm);
            r.attrs.str("arn", e.arn(b.stack, "cloudwatch", "alarm:" + alarm));
            r.attrs.str("comparison_operator", "GreaterThanThreshold");
            r.attrs.set("dimensions",
                Val::object().set("ClusterName", clusterValue()).str("ServiceName", names[k % 10]));
            r.attrs.num("evaluation_periods", 3);
            r.attrs.str("id", alarm);
            r.attrs.str("metric_name", "CPUUtilization");
            r.attrs.str("namespace", "AWS/ECS");
            r.attrs.set("ok_actions", Val::array({b.ref(s, shared.topic)}));
            r.attrs.num("period", 300);
            r.attrs.str("statistic", "Average");
            r.attrs.set("tags", b.tags(alarm));
            r.attrs.num("threshold", 80);
            r.attrs.str("treat_missing_data", "missing");
            b.regional(r);
            break;
        }
        case 2: {
            static const char *values[]
                = {"true", "3600", "eu-west-1", "t3.medium", "10.0.0.0/16", "15.4", "main",
                    "2025-01-01T00:00:00Z", "eu-west-1a", "db.t3.medium", "false", "300"};
            const int k = parameters++;
            ssmParameter(b, "config", eachKey("key-" + std::to_string(k)),
                "/" + slug + "/config/key-" + std::to_string(k), "String",
                Val::string(values[k % 12]));
            break;
        }
        case 3: {
            const int k = queues++;
            queue(b, "jobs", countKey(k), slug + "-jobs-" + std::to_string(k),
                b.ref(s, shared.kmsKeyId));
            break;
        }
        default: {
            const int k = records++;
            const std::string fqdn
                = std::string(names[k % 10]) + std::to_string(k) + '.' + slug + ".example.com";
            record(b, "svc", eachKey(fqdn), b.ref(s, shared.zone), shared.zone.value, fqdn, "CNAME",
                Val::strings({dns}));
            break;
        }
        }
    }
}

} // namespace bg::tests::estate
