// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The calls shape: one module block per queue, written out again for every call (as a stack of
// hundreds of `module "q_name" { source = "./modules/queue" }` blocks is), every instance
// destroyed. Its configuration is many small modules that wait for each other: of N resources,
// in each of (N - 1) / 4 calls cK (module.c00000, module.c00001, ...):
//   aws_sqs_queue.main                  reads the dead-letter queue's arn and var.name
//   aws_sqs_queue.dlq                   var.name
//   aws_sns_topic.alerts                var.upstream: the previous call's output queue_arn
//   aws_cloudwatch_metric_alarm.depth   the topic and the main queue
// with outputs queue_arn and arns; the call cK passes module.c(K-1).queue_arn as upstream and
// depends_on the three calls before it (module.c(K-1), ...), so that every resource inside waits
// for every resource of those. In the root, aws_sns_topic.fanout reads every call's queue_arn.
#include "genshapes_detail.h"

#include <algorithm>

namespace bg::tests::gen {

namespace {

constexpr int PerCall = 4;
constexpr int DependsOnCalls = 3;
constexpr const char *Account = "123456789012";

struct Local {
    const char *type;
    const char *name;
};

// In Terraform's order: by type, then name.
constexpr Local Locals[PerCall] = {{"aws_cloudwatch_metric_alarm", "depth"},
    {"aws_sns_topic", "alerts"}, {"aws_sqs_queue", "dlq"}, {"aws_sqs_queue", "main"}};

// "c00042": at least five digits, so that the calls sort as numbers.
std::string callName(int k, int calls)
{
    const int width = std::max(5, int(std::to_string(std::max(calls - 1, 0)).size()));
    std::string digits = std::to_string(k);
    return 'c' + std::string(size_t(std::max(0, width - int(digits.size()))), '0') + digits;
}

std::string before(const ShapeInstance &in, std::uint64_t seed)
{
    const std::string name = in.module.empty()
        ? in.name
        : in.module.substr(7) + '-' + in.name + '-' + std::to_string(seed % 1000);
    return "{\"arn\":"
        + quote("arn:aws:" + in.type.substr(4) + ":eu-west-1:" + Account + ':' + name) + ",\"id\":"
        + quote(name) + ",\"name\":" + quote(name) + ",\"tags\":{\"Project\":\"queues\"}}";
}

std::string block(const Local &local, const std::string &expressions)
{
    return "{\"address\":" + quote(std::string(local.type) + '.' + local.name)
        + ",\"mode\":\"managed\",\"type\":" + quote(local.type) + ",\"name\":" + quote(local.name)
        + ",\"provider_config_key\":\"aws\",\"expressions\":{" + expressions
        + "},\"schema_version\":0}";
}

// The module block every call repeats.
const std::string &moduleBlock()
{
    static const std::string text = [] {
        const std::string name = R"("name":{"references":["var.name"]})";
        return R"({"resources":[)"
            + block(Locals[0],
                R"("alarm_actions":{"references":[)" + referencePair("aws_sns_topic.alerts", "arn")
                    + R"(]},"dimensions":{"references":[)"
                    + referencePair("aws_sqs_queue.main", "name") + "]}")
            + ',' + block(Locals[1], R"("name":{"references":["var.upstream"]})") + ','
            + block(Locals[2], name) + ','
            + block(Locals[3],
                name + R"(,"redrive_policy":{"references":[)"
                    + referencePair("aws_sqs_queue.dlq", "arn") + "]}")
            + R"(],"outputs":{"arns":{"expression":{"references":[)"
            + referencePair("aws_cloudwatch_metric_alarm.depth", "arn") + ','
            + referencePair("aws_sns_topic.alerts", "arn") + ','
            + referencePair("aws_sqs_queue.dlq", "arn") + ','
            + referencePair("aws_sqs_queue.main", "arn")
            + R"(]}},"queue_arn":{"expression":{"references":[)"
            + referencePair("aws_sqs_queue.main", "arn")
            + R"(]}}},"variables":{"name":{},"upstream":{"default":""}}})";
    }();
    return text;
}

std::string configuration(int calls)
{
    std::string fanout, moduleCalls;
    for (int k = 0; k < calls; ++k) {
        const std::string call = "module." + callName(k, calls);
        fanout += (k ? "," : "") + referencePair(call, "queue_arn");
        std::string expressions = R"("name":{"constant_value":)" + quote(callName(k, calls)) + '}';
        std::string dependsOn;
        if (k > 0) {
            const std::string previous = "module." + callName(k - 1, calls);
            expressions
                += R"(,"upstream":{"references":[)" + referencePair(previous, "queue_arn") + "]}";
        }
        for (int d = 1; d <= DependsOnCalls && k - d >= 0; ++d)
            dependsOn += (d > 1 ? "," : "") + quote("module." + callName(k - d, calls));
        moduleCalls += (k ? "," : "") + quote(callName(k, calls))
            + R"(:{"source":"./modules/queue","expressions":{)" + expressions + '}'
            + (dependsOn.empty() ? std::string() : ",\"depends_on\":[" + dependsOn + ']')
            + ",\"module\":" + moduleBlock() + '}';
    }
    return R"({"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"}},)"
           R"("root_module":{"resources":[)"
        + block({"aws_sns_topic", "fanout"}, R"("policy":{"references":[)" + fanout + "]}")
        + R"(],"module_calls":{)" + moduleCalls + "}}}";
}

} // namespace

ShapeTally writeCalls(const ShapeOptions &options, std::ostream &stream)
{
    const int calls = std::max(1, (std::max(options.resources, 0) - 1) / PerCall);
    ShapeTally tally;
    JsonOut out(stream);
    out.beginObject();
    writeHeader(out, nullptr);
    const ShapeInstance fanout = shapeInstance("", "aws_sns_topic", "fanout");
    const auto eachInCall = [&](int k, auto f) {
        const std::string module = "module." + callName(k, calls);
        for (const Local &local : Locals)
            f(shapeInstance(module, local.type, local.name));
    };
    const auto valuesOf = [&](const ShapeInstance &in) {
        ShapeValues v;
        v.before = before(in, hash(in.address, options.seed));
        v.shape = "{\"tags\":{}}";
        return v;
    };
    out.key("resource_changes");
    out.beginArray();
    const auto change = [&](const ShapeInstance &in) {
        writeChange(out, in, ShapeAct::Delete, valuesOf(in));
        count(tally, ShapeAct::Delete);
    };
    change(fanout);
    for (int k = 0; k < calls; ++k)
        eachInCall(k, change);
    out.endArray();
    beginPriorState(out);
    out.key("resources");
    out.beginArray();
    writeStateResource(out, fanout, valuesOf(fanout).before, "{\"tags\":{}}");
    ++tally.priorManaged;
    out.endArray();
    out.key("child_modules");
    out.beginArray();
    for (int k = 0; k < calls; ++k) {
        out.beginObject();
        out.key("resources");
        out.beginArray();
        eachInCall(k, [&](const ShapeInstance &in) {
            writeStateResource(out, in, valuesOf(in).before, "{\"tags\":{}}");
            ++tally.priorManaged;
        });
        out.endArray();
        out.key("address");
        out.string("module." + callName(k, calls));
        out.endObject();
    }
    out.endArray();
    endPriorState(out);
    endShape(out, configuration(calls).c_str(), &tally); // every address once
    return tally;
}

} // namespace bg::tests::gen
