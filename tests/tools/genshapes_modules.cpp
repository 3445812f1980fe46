// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The modules shape: a service module called once per service (for_each), with a module of
// its own inside, every instance destroyed; what a stack of many services looks like when it is
// taken down. Its configuration is most of the graph's work: references between siblings,
// through a module's variables and outputs, and one root resource that reads every output of
// every instance (`module.svc`). Of N resources, in each of (N - 2) / 25 services sK:
//   module.svc["sK"]                 aws_sqs_queue.q0..q9        each but the last reads the
//                                                                next queue
//                                    aws_lambda_function.f0..f4  var.role, module.alarms.arns
//                                                                and its queue
//   module.svc["sK"].module.alarms   aws_cloudwatch_metric_alarm.a0..a4, aws_sns_topic.t0..t4
// and in the root aws_iam_role.svc (passed in as var.role) and aws_sns_topic.fanout (reads
// module.svc: 15 outputs' worth of targets in every instance). Each instance is a delete of a
// small object tagged with its service's Project, with its prior_state entry under its module.
#include "genshapes_detail.h"

#include <algorithm>

namespace bg::tests::gen {

namespace {

constexpr int PerService = 25;
constexpr const char *Account = "123456789012";

struct Block {
    const char *type;
    char prefix; // names prefix0, prefix1, ...
    int count;
};

constexpr Block ServiceBlocks[] = {{"aws_lambda_function", 'f', 5}, {"aws_sqs_queue", 'q', 10}};
constexpr Block AlarmBlocks[]
    = {{"aws_cloudwatch_metric_alarm", 'a', 5}, {"aws_sns_topic", 't', 5}};

std::string serviceKey(int k)
{
    return "s" + std::to_string(k);
}

std::string serviceModule(int k)
{
    return "module.svc[\"" + serviceKey(k) + "\"]";
}

// The object one instance held: its id, arn and name, and its service's Project tag.
std::string before(const ShapeInstance &in, const std::string &service, std::uint64_t seed)
{
    const std::string name = service + '-' + in.name + '-' + std::to_string(seed % 1000);
    return "{\"arn\":"
        + quote("arn:aws:" + in.type.substr(4) + ":eu-west-1:" + Account + ':' + name)
        + ",\"id\":" + quote(name) + ",\"name\":" + quote(name)
        + ",\"tags\":{\"Project\":" + quote("svc-" + service) + "}}";
}

// Every instance of one module instance, in Terraform's order (by type, then name).
template<typename F>
void eachInstance(const std::string &module, const Block (&blocks)[2], F f)
{
    for (const Block &b : blocks) {
        std::vector<std::string> names;
        for (int i = 0; i < b.count; ++i)
            names.push_back(std::string(1, b.prefix) + std::to_string(i));
        std::sort(names.begin(), names.end());
        for (const std::string &name : names)
            f(shapeInstance(module, b.type, name));
    }
}

std::string resourceBlock(const char *type, const std::string &name, const std::string &expressions)
{
    return "{\"address\":" + quote(std::string(type) + '.' + name)
        + ",\"mode\":\"managed\",\"type\":" + quote(type) + ",\"name\":" + quote(name)
        + ",\"provider_config_key\":\"aws\",\"expressions\":{" + expressions
        + "},\"schema_version\":0}";
}

std::string configuration()
{
    std::string alarms, alarmArns, queues, queueArns, functions;
    for (int i = 0; i < 5; ++i) {
        const std::string n = std::to_string(i);
        alarms += resourceBlock("aws_cloudwatch_metric_alarm", "a" + n,
                      "\"alarm_actions\":{\"references\":["
                          + referencePair("aws_sns_topic.t" + n, "arn") + "]}")
            + ',';
        alarmArns += (i ? "," : "") + referencePair("aws_cloudwatch_metric_alarm.a" + n, "arn");
        functions += resourceBlock("aws_lambda_function", "f" + n,
                         "\"role\":{\"references\":[\"var.role\"]},\"environment\":{\"references\":"
                         "[\"module.alarms.arns\",\"module.alarms\","
                             + referencePair("aws_sqs_queue.q" + n, "arn") + "]}")
            + ',';
    }
    for (int i = 0; i < 5; ++i)
        alarms += resourceBlock("aws_sns_topic", "t" + std::to_string(i),
                      "\"name\":{\"references\":[\"var.topic_prefix\"]}")
            + (i < 4 ? "," : "");
    for (int i = 0; i < 10; ++i) {
        // A line of dead-letter queues, each the next one's (Terraform refuses a cycle)
        queues
            += resourceBlock("aws_sqs_queue", "q" + std::to_string(i),
                   i == 9 ? std::string()
                          : "\"redrive_policy\":{\"references\":["
                           + referencePair("aws_sqs_queue.q" + std::to_string(i + 1), "arn") + "]}")
            + (i < 9 ? "," : "");
        queueArns += (i ? "," : "") + referencePair("aws_sqs_queue.q" + std::to_string(i), "arn");
    }
    return R"({"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"}},)"
           R"("root_module":{"resources":[)"
        + resourceBlock("aws_iam_role", "svc", "") + ','
        + resourceBlock("aws_sns_topic", "fanout", R"("policy":{"references":["module.svc"]})")
        + R"(],"module_calls":{"svc":{"source":"./modules/svc","expressions":{"role":)"
          R"({"references":["aws_iam_role.svc.arn","aws_iam_role.svc"]}},)"
          R"("for_each_expression":{"references":["var.services"]},"module":{"resources":[)"
        + functions + queues
        + R"(],"outputs":{"alarms":{"expression":{"references":)"
          R"(["module.alarms.arns","module.alarms"]}},"queues":{"expression":)"
          R"({"references":[)"
        + queueArns
        + R"(]}}},"module_calls":{"alarms":{"source":"./modules/alarms","expressions":)"
          R"({"topic_prefix":{"references":["var.role"]}},"module":{"resources":[)"
        + alarms + R"(],"outputs":{"arns":{"expression":{"references":[)" + alarmArns
        + R"(]}}},"variables":{"topic_prefix":{}}}}},"variables":{"role":{}}}}}}})";
}

} // namespace

ShapeTally writeModules(const ShapeOptions &options, std::ostream &stream)
{
    const int services = std::max(1, (std::max(options.resources, 0) - 2) / PerService);
    ShapeTally tally;
    JsonOut out(stream);
    out.beginObject();
    writeHeader(out, nullptr);
    const auto valuesOf = [&](const ShapeInstance &in, const std::string &service) {
        ShapeValues v;
        v.before = before(in, service, hash(in.address, options.seed));
        v.shape = "{\"tags\":{}}";
        return v;
    };
    const ShapeInstance roots[]
        = {shapeInstance("", "aws_iam_role", "svc"), shapeInstance("", "aws_sns_topic", "fanout")};
    const auto everyModule = [&](auto f) {
        inKeyOrder(services, [&](int k) {
            const std::string module = serviceModule(k);
            eachInstance(module, ServiceBlocks, [&](const ShapeInstance &in) { f(in, k); });
            eachInstance(
                module + ".module.alarms", AlarmBlocks, [&](const ShapeInstance &in) { f(in, k); });
        });
    };
    out.key("resource_changes");
    out.beginArray();
    for (const ShapeInstance &in : roots) {
        writeChange(out, in, ShapeAct::Delete, valuesOf(in, "root"));
        count(tally, ShapeAct::Delete);
    }
    everyModule([&](const ShapeInstance &in, int k) {
        writeChange(out, in, ShapeAct::Delete, valuesOf(in, serviceKey(k)));
        count(tally, ShapeAct::Delete);
    });
    out.endArray();
    // prior_state: each module instance's resources under it, its module's inside it.
    beginPriorState(out);
    out.key("resources");
    out.beginArray();
    for (const ShapeInstance &in : roots) {
        writeStateResource(out, in, valuesOf(in, "root").before, "{\"tags\":{}}");
        ++tally.priorManaged;
    }
    out.endArray();
    out.key("child_modules");
    out.beginArray();
    inKeyOrder(services, [&](int k) {
        const std::string module = serviceModule(k);
        out.beginObject();
        out.key("resources");
        out.beginArray();
        eachInstance(module, ServiceBlocks, [&](const ShapeInstance &in) {
            writeStateResource(out, in, valuesOf(in, serviceKey(k)).before, "{\"tags\":{}}");
            ++tally.priorManaged;
        });
        out.endArray();
        out.key("address");
        out.string(module);
        out.key("child_modules");
        out.beginArray();
        out.beginObject();
        out.key("resources");
        out.beginArray();
        eachInstance(module + ".module.alarms", AlarmBlocks, [&](const ShapeInstance &in) {
            writeStateResource(out, in, valuesOf(in, serviceKey(k)).before, "{\"tags\":{}}");
            ++tally.priorManaged;
        });
        out.endArray();
        out.key("address");
        out.string(module + ".module.alarms");
        out.endObject();
        out.endArray();
        out.endObject();
    });
    out.endArray();
    endPriorState(out);
    endShape(out, configuration().c_str(), &tally); // every address once
    return tally;
}

} // namespace bg::tests::gen
