// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A plan's configuration read straight from its bytes (ElementBuilder::readConfiguration): the
// module tree configurationFrom (configreader.cpp) makes of the built element, without the
// element. Built, a configuration of 10,000 resource blocks with their expressions was a third
// of a report's time and most of its memory (a std::map per object). What it reads it reads as
// configurationFrom walks the built element: members in their names' order where that walk
// goes through a map (expressions, outputs, module calls, their arguments), the same depth
// limits. What it does not read (variables, provider configurations, constant values) it
// builds and drops, or skips where build() would (constant_value), so that it gives up
// wherever build() would: a member named twice, nesting past MaxBuildDepth, text nlohmann
// refuses. Giving up costs time only: the element is then built and walked as before.
#include "core/loading/jsonelement_p.h"
#include "core/loading/jsonskip_p.h"
#include "core/loading/readers_p.h"

#include <algorithm>
#include <unordered_set>

namespace bg::core::detail {

namespace {

// The order of a std::map's members by name, which configurationFrom walks: pairs by `first`.
constexpr auto byName = [](const auto &a, const auto &b) {
    return a.first < b.first;
};

} // namespace

// The reading of one configuration; `d` is always the number of containers around the value
// at `p` (the element's members have 1), as build() counts them. A member named constant_value
// is left in the file wherever it is, as build() leaves it: where configurationFrom takes every
// member (outputs, module calls, arguments) it is one with nothing in it.
class ConfigBytes {
public:
    explicit ConfigBytes(ElementBuilder &builder)
        : m_b(builder)
    {
    }

    const char *element(const char *from, std::shared_ptr<ConfigModule> &out)
    {
        out = nullptr;
        return members(from, 1, [&](const std::string &name, const char *p) -> const char * {
            if (name != "root_module")
                return ignore(p, 1);
            out = std::make_shared<ConfigModule>();
            return module(p, 1, 0, *out);
        });
    }

private:
    // The members of an object from just past its '{' (`d` containers around each value):
    // `member(name, at its value)` returns past the value. Returns where its '}' is, or nullptr.
    template<typename F>
    const char *members(const char *p, int d, F &&member)
    {
        if (d > MaxBuildDepth)
            return nullptr;
        Names seen;
        std::string name;
        p = skipSpace(p, m_b.m_end);
        if (p == m_b.m_end)
            return nullptr;
        if (*p == '}')
            return p;
        for (;;) {
            if (*p != '"' || !(p = m_b.string(p + 1, name)) || !seen.add(name))
                return nullptr;
            p = skipSpace(p, m_b.m_end);
            if (p == m_b.m_end || *p != ':')
                return nullptr;
            p = skipSpace(p + 1, m_b.m_end);
            if (p == m_b.m_end || !(p = member(name, p)))
                return nullptr;
            p = skipSpace(p, m_b.m_end);
            if (p == m_b.m_end)
                return nullptr;
            if (*p == '}')
                return p;
            if (*p != ',')
                return nullptr;
            p = skipSpace(p + 1, m_b.m_end);
            if (p == m_b.m_end)
                return nullptr;
        }
    }

    // An object's members at `p` (its '{'), past its '}'; anything else is ignored.
    template<typename F>
    const char *object(const char *p, int d, F &&member)
    {
        if (*p != '{')
            return ignore(p, d);
        const char *close = members(p + 1, d + 1, member);
        return close ? close + 1 : nullptr;
    }

    // A list's elements at `p` (its '['), past its ']'; anything else is ignored.
    template<typename F>
    const char *list(const char *p, int d, F &&element)
    {
        if (*p != '[')
            return ignore(p, d);
        if (d + 1 > MaxBuildDepth)
            return nullptr;
        return m_b.elements(p, element);
    }

    // A value nothing is read from, read as build() reads it (and dropped): past it, or nullptr.
    const char *ignore(const char *p, int d)
    {
        if (*p == '{' || *p == '[')
            return m_b.builtValue(p, d, m_b.m_scratch);
        return m_b.scalar(p, m_b.m_scratch);
    }

    // A member, named `key`, that none of the readers takes (`d` containers around its object):
    // left in the file where build() leaves it, else read as build() reads it and dropped.
    const char *other(const std::string &key, const char *at, int d)
    {
        return key == "constant_value" ? leftInFile(at) : ignore(at, d + 1);
    }

    // A member build() leaves in the file wherever it is: skipped as the scanner skips it.
    const char *leftInFile(const char *p)
    {
        if (*p != '{' && *p != '[')
            return m_b.scalar(p, m_b.m_scratch);
        const char *close
            = skipContainer(p + 1, m_b.m_end, *p == '[', &m_b.m_skipStack, MaxValueDepth);
        return close ? close + 1 : nullptr;
    }

    // A string into `out` (UTF-8 as QString::fromStdString reads it); anything else is ignored
    // and leaves `out` as it was.
    const char *text(const char *p, int d, QString *out)
    {
        if (*p != '"')
            return ignore(p, d);
        const char *past = m_b.string(p + 1, m_b.m_text);
        if (past)
            *out = QString::fromStdString(m_b.m_text);
        return past;
    }

    // A list's strings appended to `out` (its other elements are ignored); anything but a list
    // is ignored.
    const char *strings(const char *p, int d, QStringList &out)
    {
        return list(p, d, [&](const char *at) {
            QString s;
            const char *past = text(at, d + 1, &s);
            if (past && *at == '"')
                out.append(std::move(s));
            return past;
        });
    }

    // An expression's references (appendReferences): its "references" strings.
    const char *references(const char *p, int d, QStringList &out)
    {
        return object(p, d, [&](const std::string &name, const char *at) {
            if (name == "references")
                return strings(at, d + 1, out);
            return other(name, at, d);
        });
    }

    // collectExpressions: an expression (an object with "references" or "constant_value") is one
    // list, when it has references; other objects and lists are walked, `level` deep at most.
    const char *expressions(const char *p, int d, int level, std::vector<QStringList> &out)
    {
        if (level > MaxConfigDepth)
            return *p == '{' || *p == '[' ? walkOver(p, d) : ignore(p, d);
        if (*p == '[')
            return list(
                p, d, [&](const char *at) { return expressions(at, d + 1, level + 1, out); });
        if (*p != '{')
            return ignore(p, d);
        bool expression = false;
        QStringList refs;
        std::vector<std::pair<std::string, std::vector<QStringList>>> children;
        const char *past = object(p, d, [&](const std::string &name, const char *at) {
            if (name == "references" || name == "constant_value")
                expression = true;
            if (name == "constant_value")
                return leftInFile(at);
            if (name == "references")
                return strings(at, d + 1, refs);
            children.emplace_back(name, std::vector<QStringList>());
            return expressions(at, d + 1, level + 1, children.back().second);
        });
        if (!past)
            return nullptr;
        if (expression) {
            if (!refs.isEmpty())
                out.push_back(std::move(refs));
            return past;
        }
        std::sort(children.begin(), children.end(), byName);
        for (auto &[name, lists] : children)
            std::move(lists.begin(), lists.end(), std::back_inserter(out));
        return past;
    }

    // Past the deepest level collectExpressions walks: nothing is collected, but the value is
    // still read as build() reads it, constant values skipped.
    const char *walkOver(const char *p, int d)
    {
        if (*p == '[')
            return list(p, d, [&](const char *at) { return walkOver(at, d + 1); });
        if (*p != '{')
            return ignore(p, d);
        return object(p, d, [&](const std::string &name, const char *at) {
            return name == "constant_value" ? leftInFile(at) : walkOver(at, d + 1);
        });
    }

    const char *resource(const char *p, int d, ConfigResource &out)
    {
        QString mode, type, name;
        std::vector<QStringList> lists[3], provisionerLists; // expressions, count, for_each
        QStringList dependsOn;
        const char *past
            = object(p, d, [&](const std::string &key, const char *at) -> const char * {
                  if (key == "mode")
                      return text(at, d + 1, &mode);
                  if (key == "type")
                      return text(at, d + 1, &type);
                  if (key == "name")
                      return text(at, d + 1, &name);
                  if (key == "expressions")
                      return expressions(at, d + 1, 0, lists[0]);
                  if (key == "count_expression")
                      return expressions(at, d + 1, 0, lists[1]);
                  if (key == "for_each_expression")
                      return expressions(at, d + 1, 0, lists[2]);
                  if (key == "depends_on")
                      return strings(at, d + 1, dependsOn);
                  if (key == "provisioners")
                      return list(at, d + 1, [&](const char *q) {
                          return provisioner(q, d + 2, provisionerLists, out.provisioners);
                      });
                  return other(key, at, d);
              });
        if (!past)
            return nullptr;
        out.localAddress = (mode == QLatin1String("data") ? QStringLiteral("data.") : QString())
            + type + QLatin1Char('.') + name;
        for (std::vector<QStringList> &l : lists)
            std::move(l.begin(), l.end(), std::back_inserter(out.expressions));
        std::move(
            provisionerLists.begin(), provisionerLists.end(), std::back_inserter(out.expressions));
        for (QString &d : dependsOn)
            out.expressions.push_back({std::move(d)});
        return past;
    }

    const char *provisioner(
        const char *p, int d, std::vector<QStringList> &lists, QStringList &types)
    {
        QString type = QStringLiteral("(unnamed)");
        const char *past = object(p, d, [&](const std::string &key, const char *at) {
            if (key == "expressions")
                return expressions(at, d + 1, 0, lists);
            if (key == "type")
                return text(at, d + 1, &type);
            return other(key, at, d);
        });
        if (past)
            types.append(type);
        return past;
    }

    // A module call's "expressions": each argument's references, flattened, by its name.
    const char *arguments(const char *p, int d, std::vector<std::pair<QString, QStringList>> &out)
    {
        std::vector<std::pair<std::string, QStringList>> named;
        const char *past = object(p, d, [&](const std::string &key, const char *at) {
            std::vector<QStringList> lists;
            const char *end
                = key == "constant_value" ? leftInFile(at) : expressions(at, d + 1, 0, lists);
            QStringList refs;
            for (const QStringList &l : lists)
                refs += l;
            named.emplace_back(key, std::move(refs));
            return end;
        });
        if (!past)
            return nullptr;
        std::sort(named.begin(), named.end(), byName);
        for (auto &[key, refs] : named)
            out.emplace_back(QString::fromStdString(key), std::move(refs));
        return past;
    }

    const char *call(const char *p, int d, int level, ConfigModuleCall &out)
    {
        QStringList count, forEach, dependsOn;
        out.module = std::make_shared<ConfigModule>(); // moduleFrom of none: an empty module
        const char *past
            = object(p, d, [&](const std::string &key, const char *at) -> const char * {
                  if (key == "expressions")
                      return arguments(at, d + 1, out.arguments);
                  if (key == "count_expression")
                      return references(at, d + 1, count);
                  if (key == "for_each_expression")
                      return references(at, d + 1, forEach);
                  if (key == "depends_on")
                      return strings(at, d + 1, dependsOn);
                  if (key == "module")
                      return module(at, d + 1, level + 1, *out.module);
                  return other(key, at, d);
              });
        out.dependsOn = count + forEach + dependsOn;
        return past;
    }

    const char *module(const char *p, int d, int level, ConfigModule &out)
    {
        if (level > MaxConfigDepth)
            return ignore(p, d);
        std::vector<std::pair<std::string, QStringList>> outputs;
        std::vector<std::pair<std::string, ConfigModuleCall>> calls;
        const char *past
            = object(p, d, [&](const std::string &key, const char *at) -> const char * {
                  if (key == "resources")
                      return list(at, d + 1, [&](const char *r) {
                          if (*r != '{')
                              return ignore(r, d + 2);
                          ConfigResource res;
                          const char *end = resource(r, d + 2, res);
                          out.resources.push_back(std::move(res));
                          return end;
                      });
                  if (key == "outputs")
                      return object(at, d + 1, [&](const std::string &name, const char *o) {
                          outputs.emplace_back(name, QStringList());
                          return name == "constant_value" ? leftInFile(o)
                                                          : output(o, d + 2, outputs.back().second);
                      });
                  if (key == "module_calls")
                      return object(at, d + 1, [&](const std::string &name, const char *c) {
                          calls.emplace_back(name, ConfigModuleCall());
                          if (name != "constant_value")
                              return call(c, d + 2, level, calls.back().second);
                          calls.back().second.module = std::make_shared<ConfigModule>();
                          return leftInFile(c);
                      });
                  return other(key, at, d);
              });
        if (!past)
            return nullptr;
        std::sort(outputs.begin(), outputs.end(), byName);
        std::sort(calls.begin(), calls.end(), byName);
        for (auto &[name, refs] : outputs)
            out.outputs.emplace_back(QString::fromStdString(name), std::move(refs));
        for (auto &[name, c] : calls)
            out.calls.emplace_back(QString::fromStdString(name), std::move(c));
        return past;
    }

    const char *output(const char *p, int d, QStringList &out)
    {
        QStringList expression, dependsOn;
        const char *past = object(p, d, [&](const std::string &key, const char *at) {
            if (key == "expression")
                return references(at, d + 1, expression);
            if (key == "depends_on")
                return strings(at, d + 1, dependsOn);
            return other(key, at, d);
        });
        out = expression + dependsOn;
        return past;
    }

    // The names of one object's members, to refuse one named twice (build() gives up on it).
    class Names {
    public:
        bool add(const std::string &name)
        {
            if (m_many.empty()) {
                if (std::find(m_few.begin(), m_few.end(), name) != m_few.end())
                    return false;
                m_few.push_back(name);
                if (m_few.size() > 16)
                    m_many.insert(m_few.begin(), m_few.end());
                return true;
            }
            return m_many.insert(name).second;
        }

    private:
        std::vector<std::string> m_few;
        std::unordered_set<std::string> m_many;
    };

    ElementBuilder &m_b;
};

const char *ElementBuilder::readConfiguration(const char *from, std::shared_ptr<ConfigModule> &out)
{
    ConfigBytes reader(*this);
    const char *close = reader.element(from, out);
    if (!close)
        out = nullptr;
    return close;
}

} // namespace bg::core::detail
