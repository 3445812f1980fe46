// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Plan configuration -> the reduced module tree that reference resolution walks.
#include "core/loading/readers_p.h"

namespace bg::core::detail {

namespace {

void appendReferences(const json &expression, QStringList *out)
{
    auto refs = expression.find("references");
    if (refs == expression.end() || !refs->is_array())
        return;
    for (const json &r : *refs) {
        if (r.is_string())
            out->append(QString::fromStdString(r.get_ref<const std::string &>()));
    }
}

// A block-expressions map: attribute -> expression, or nested blocks as objects, arrays of
// objects, or maps of them. Collects one reference list per expression.
void collectExpressions(const json &block, std::vector<QStringList> *out, int depth = 0)
{
    if (depth > MaxConfigDepth)
        return;
    if (block.is_array()) {
        for (const json &b : block)
            collectExpressions(b, out, depth + 1);
        return;
    }
    if (!block.is_object())
        return;
    if (block.contains("references") || block.contains("constant_value")) {
        QStringList refs;
        appendReferences(block, &refs);
        if (!refs.isEmpty())
            out->push_back(std::move(refs));
        return;
    }
    for (const auto &item : block.items())
        collectExpressions(item.value(), out, depth + 1);
}

QStringList dependsOn(const json &object)
{
    QStringList out;
    if (auto it = object.find("depends_on"); it != object.end() && it->is_array()) {
        for (const json &d : *it) {
            if (d.is_string())
                out.append(QString::fromStdString(d.get_ref<const std::string &>()));
        }
    }
    return out;
}

std::shared_ptr<ConfigModule> moduleFrom(const json &m, int depth)
{
    auto module = std::make_shared<ConfigModule>();
    if (!m.is_object() || depth > MaxConfigDepth)
        return module;
    if (auto resources = m.find("resources"); resources != m.end() && resources->is_array()) {
        for (const json &r : *resources) {
            if (!r.is_object())
                continue;
            ConfigResource res;
            const bool data = stringOr(r, "mode") == QLatin1String("data");
            res.localAddress = (data ? QStringLiteral("data.") : QString()) + stringOr(r, "type")
                + QLatin1Char('.') + stringOr(r, "name");
            for (const char *key : {"expressions", "count_expression", "for_each_expression"}) {
                if (auto it = r.find(key); it != r.end())
                    collectExpressions(*it, &res.expressions);
            }
            if (auto prov = r.find("provisioners"); prov != r.end() && prov->is_array()) {
                for (const json &p : *prov) {
                    if (p.is_object() && p.contains("expressions"))
                        collectExpressions(p["expressions"], &res.expressions);
                    // A provisioner of any shape counts: one Blastguard cannot name still runs.
                    res.provisioners.append(stringOr(p, "type", QStringLiteral("(unnamed)")));
                }
            }
            for (const QString &d : dependsOn(r))
                res.expressions.push_back({d});
            module->resources.push_back(std::move(res));
        }
    }
    if (auto outputs = m.find("outputs"); outputs != m.end() && outputs->is_object()) {
        for (const auto &item : outputs->items()) {
            QStringList refs;
            if (item.value().is_object() && item.value().contains("expression"))
                appendReferences(item.value()["expression"], &refs);
            refs += dependsOn(item.value());
            module->outputs.emplace_back(QString::fromStdString(item.key()), std::move(refs));
        }
    }
    if (auto calls = m.find("module_calls"); calls != m.end() && calls->is_object()) {
        for (const auto &item : calls->items()) {
            const json &c = item.value();
            ConfigModuleCall call;
            if (auto expressions = c.find("expressions");
                expressions != c.end() && expressions->is_object()) {
                for (const auto &arg : expressions->items()) {
                    std::vector<QStringList> lists;
                    collectExpressions(arg.value(), &lists);
                    QStringList refs;
                    for (const QStringList &l : lists)
                        refs += l;
                    call.arguments.emplace_back(QString::fromStdString(arg.key()), std::move(refs));
                }
            }
            for (const char *key : {"count_expression", "for_each_expression"}) {
                if (auto it = c.find(key); it != c.end())
                    appendReferences(*it, &call.dependsOn);
            }
            call.dependsOn += dependsOn(c);
            call.module = moduleFrom(c.contains("module") ? c["module"] : json(), depth + 1);
            module->calls.emplace_back(QString::fromStdString(item.key()), std::move(call));
        }
    }
    return module;
}

} // namespace

std::shared_ptr<ConfigModule> configurationFrom(const json &element)
{
    if (!element.is_object() || !element.contains("root_module"))
        return nullptr;
    return moduleFrom(element["root_module"], 0);
}

} // namespace bg::core::detail
