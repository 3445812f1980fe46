// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to the plan generator: the estate's configuration (one template per module, as
// Terraform's `configuration` section shows it), and which resources each block depends on.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bg::tests::gen {

// One expression of a block: HCL traversals it reads ("aws_vpc.main.id", "var.x",
// "aws_subnet.private[*].id", "aws_subnet.this[count.index].id", "module.network.vpc_id"),
// or a constant. An attr "block.attr" sits in a nested block.
struct Expr {
    std::string attr;
    std::vector<std::string> sources;
    std::string constant; // JSON text, used when sources is empty
};

struct Block {
    std::string type, name;
    bool data = false;
    int count = 0; // > 0: count = N (a constant)
    std::vector<std::string> keys; // for_each keys (a constant set)
    std::vector<Expr> exprs;
    std::vector<std::string> dependsOn; // local addresses
    bool ghost = false; // removed from the configuration: only in the state, planned for deletion
    std::string local() const { return (data ? "data." : "") + type + '.' + name; }
};

struct Module;
struct Call {
    std::string name, source;
    const Module *module = nullptr;
    std::string countSource, forEachSource; // the traversal count/for_each reads, if any
    std::vector<Expr> args;
};

struct Output {
    std::string name;
    std::vector<std::string> sources;
};

struct Variable {
    std::string name;
    std::string defaultJson; // empty: required
    bool sensitive = false;
};

struct Module {
    std::vector<Block> blocks; // in dependency order: a block only reads blocks listed before it
    std::vector<Call> calls;
    std::vector<Output> outputs;
    std::vector<Variable> variables;
};

// The five modules of the estate.
struct Templates {
    Module db, app, network, shard, root;
};

// Fills the templates; `filler` is the count of the root's aws_route53_record.extra (0: absent).
void buildTemplates(Templates &t, int filler);

// The `references` Terraform's jsonconfig writes for one traversal (marshalExpression).
std::vector<std::string> terraformReferences(const std::string &source);

// "aws_subnet.private[0].id" -> {"aws_subnet", "private[0]", "id"}: dots outside brackets.
std::vector<std::string> splitDots(std::string_view source);
std::string stripKey(const std::string &part); // "private[0]" -> "private"
bool isRootSymbol(const std::string &head); // var, each, count, local, path, self, terraform

// The module tree of the configuration, and which configuration resources each one reads.
class ConfigGraph {
public:
    struct Node {
        const Module *module;
        int parent;
        const Call *call; // the call that made this node, nullptr at the root
        std::string path; // "module.app.module.db"
    };

    explicit ConfigGraph(const Module &root)
    {
        add(&root, -1, nullptr, "");
        for (int n = 0; n < int(m_nodes.size()); ++n) {
            for (const Block &b : m_nodes[size_t(n)].module->blocks) {
                std::set<std::string> &direct = m_direct[address(n, b.local())];
                for (const Expr &e : b.exprs)
                    for (const std::string &s : e.sources)
                        resolve(n, s, direct, 0);
                for (const std::string &d : b.dependsOn)
                    resolve(n, d, direct, 0);
            }
        }
    }

    const std::vector<Node> &nodes() const { return m_nodes; }
    int child(int node, const std::string &name) const
    {
        for (int i = 0; i < int(m_nodes.size()); ++i)
            if (m_nodes[size_t(i)].parent == node && m_nodes[size_t(i)].call->name == name)
                return i;
        return -1;
    }
    std::string address(int node, const std::string &local) const
    {
        return m_nodes[size_t(node)].path.empty() ? local
                                                  : m_nodes[size_t(node)].path + '.' + local;
    }

    // Every configuration resource `configAddress` depends on, transitively, as Terraform
    // records it in the state (AttachDependenciesTransformer: ancestors in the graph).
    std::set<std::string> closure(const std::string &configAddress) const
    {
        std::set<std::string> out;
        std::vector<std::string> stack = {configAddress};
        while (!stack.empty()) {
            const std::string top = stack.back();
            stack.pop_back();
            auto it = m_direct.find(top);
            if (it == m_direct.end())
                continue;
            for (const std::string &d : it->second)
                if (d != configAddress && out.insert(d).second)
                    stack.push_back(d);
        }
        return out;
    }
    const std::map<std::string, std::set<std::string>> &direct() const { return m_direct; }

private:
    void add(const Module *module, int parent, const Call *call, const std::string &path)
    {
        const int self = int(m_nodes.size());
        m_nodes.push_back({module, parent, call, path});
        for (const Call &c : module->calls)
            add(c.module, self, &c, (path.empty() ? "" : path + '.') + "module." + c.name);
    }

    void resolve(int node, const std::string &source, std::set<std::string> &out, int depth) const
    {
        if (depth > 16)
            return;
        const Node &n = m_nodes[size_t(node)];
        const std::vector<std::string> parts = splitDots(source);
        const std::string &head = parts[0];
        if (head == "var") {
            if (!n.call)
                return; // a root variable: no resource behind it
            for (const Expr &arg : n.call->args)
                if (arg.attr == parts[1])
                    for (const std::string &s : arg.sources)
                        resolve(n.parent, s, out, depth + 1);
            return;
        }
        if (isRootSymbol(head))
            return;
        if (head == "module") {
            const int c = child(node, stripKey(parts[1]));
            if (c < 0)
                return;
            for (const Output &o : m_nodes[size_t(c)].module->outputs)
                if (parts.size() < 3 || o.name == parts[2])
                    for (const std::string &s : o.sources)
                        resolve(c, s, out, depth + 1);
            return;
        }
        const bool data = head == "data";
        const std::string local
            = (data ? "data." : "") + parts[data ? 1 : 0] + '.' + stripKey(parts[data ? 2 : 1]);
        out.insert(address(node, local));
    }

    std::vector<Node> m_nodes;
    std::map<std::string, std::set<std::string>> m_direct;
};

} // namespace bg::tests::gen
