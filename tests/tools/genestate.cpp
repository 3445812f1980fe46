// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the estate stack by stack, and the truth: the links the generator designed, read off
// the values it wrote (genestate.h says what a link is).
#include "genestate.h"

#include "genestate_model.h"
#include "genestate_write.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace bg::tests {

using namespace estate;
namespace fs = std::filesystem;

namespace {

const char *kindName(Kind kind)
{
    switch (kind) {
    case Kind::RawState:
        return "raw_state";
    case Kind::StateJson:
        return "state_json";
    case Kind::Plan:
        return "plan";
    }
    return "";
}

const char *roleName(Role role)
{
    switch (role) {
    case Role::Shared:
        return "shared";
    case Role::Baseline:
        return "baseline";
    case Role::LegacyNetA:
    case Role::LegacyNetB:
    case Role::LegacyApp:
        return "legacy";
    case Role::Network:
        return "network";
    case Role::Platform:
        return "platform";
    case Role::App:
        return "app";
    }
    return "";
}

const char *fileName(Kind kind)
{
    return kind == Kind::RawState ? "terraform.tfstate"
        : kind == Kind::Plan      ? "plan.json"
                                  : "state.json";
}

void writeFile(const fs::path &path, const std::string &text)
{
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}

// A path with an attribute named like a secret's (DB_SECRET_ARN, kms_master_key_id): words
// secret scanners and maskers look for in names.
bool secretLikeName(std::string path)
{
    std::transform(path.begin(), path.end(), path.begin(),
        [](unsigned char c) { return char(std::tolower(c)); });
    for (const char *word :
        {"secret", "password", "token", "master_key", "private_key", "access_key", "credential"})
        if (path.find(word) != std::string::npos)
            return true;
    return false;
}

struct RemoteLeaf {
    std::string dataSource, output;
    int producer = -1;
    std::string behind;
};

// The links out of one stack, and the values that are no link.
void truthOf(const Build &b, const Estate &e, std::vector<EstateLink> *links,
    std::vector<EstateNonLink> *nonLinks)
{
    const StackPlan &s = b.stack;
    // Values read through terraform_remote_state: the first data source, the first output (by
    // name) that holds the value, and the producer's resource it is.
    std::unordered_map<std::string, RemoteLeaf> remote;
    std::unordered_set<std::string> remoteStrings;
    std::vector<Build::RemoteRead> reads = b.remoteReads;
    std::sort(reads.begin(), reads.end(),
        [](const auto &x, const auto &y) { return x.address < y.address; });
    for (const Build::RemoteRead &read : reads) {
        std::vector<Output> outputs = read.outputs;
        std::sort(outputs.begin(), outputs.end(),
            [](const Output &x, const Output &y) { return x.name < y.name; });
        for (const Output &o : outputs) {
            std::vector<std::string> strings;
            stringLeaves(o.value, &strings);
            for (const std::string &value : strings) {
                remoteStrings.insert(value);
                const auto behind = o.behind.find(value);
                if (behind != o.behind.end())
                    remote.try_emplace(
                        value, RemoteLeaf {read.address, o.name, read.producer, behind->second});
            }
        }
    }
    for (const Res &r : b.resources) {
        if (r.data && r.type == "terraform_remote_state")
            continue; // the copy of the outputs, not a use of them
        const std::string address = r.address();
        std::set<std::pair<int, std::string>> found;
        forEachString(r.attrs, [&](const std::string &path, const Val &leaf) {
            if (leaf.ref < 0) {
                if (remoteStrings.count(leaf.text))
                    nonLinks->push_back(
                        {s.name, address, leaf.text, "generic through remote state"});
                return;
            }
            const Ref &ref = b.refs[size_t(leaf.ref)];
            if (!ref.links) {
                nonLinks->push_back({s.name, address, leaf.text, ref.why});
                return;
            }
            if (ref.stack == s.index || !found.insert({ref.stack, ref.address}).second)
                return;
            EstateLink link;
            link.stack = s.name;
            link.address = address;
            link.via = path;
            link.value = leaf.text;
            link.dependsOnStack = e.at(ref.stack).name;
            link.dependsOn = ref.address;
            link.reason = "identity";
            const auto it = remote.find(leaf.text);
            if (it != remote.end() && it->second.producer == ref.stack
                && it->second.behind == ref.address) {
                link.reason = "remote_state";
                link.dataSource = it->second.dataSource;
                link.output = it->second.output;
                if (s.kind == Kind::RawState)
                    link.traps |= TrapRawRemoteState;
            }
            if (s.kind == Kind::Plan && (r.data || link.reason == "remote_state"))
                link.traps |= TrapPlanPriorState;
            if (secretLikeName(path))
                link.traps |= TrapSecretName;
            if (leaf.text.size() < 8)
                link.traps |= TrapShortValue;
            links->push_back(std::move(link));
        });
    }
}

void build(Build &b)
{
    switch (b.stack.role) {
    case Role::Shared:
        buildShared(b);
        break;
    case Role::Baseline:
        buildBaseline(b);
        break;
    case Role::LegacyNetA:
    case Role::LegacyNetB:
    case Role::LegacyApp:
        buildLegacy(b);
        break;
    case Role::Network:
        buildNetwork(b);
        break;
    case Role::Platform:
        buildPlatform(b);
        break;
    case Role::App:
        buildApp(b);
        break;
    }
    if (b.managedCount() != b.stack.managed)
        throw std::logic_error(b.stack.name + ": " + std::to_string(b.managedCount())
            + " managed resources instead of " + std::to_string(b.stack.managed));
}

} // namespace

std::string linksJson(const std::vector<EstateLink> &links)
{
    Val list = Val::array();
    for (const EstateLink &l : links) {
        Val o = Val::record();
        o.str("stack", l.stack);
        o.str("address", l.address);
        o.str("via", l.via);
        o.str("value", l.value);
        o.str("depends_on_stack", l.dependsOnStack);
        o.str("depends_on", l.dependsOn);
        o.str("reason", l.reason);
        if (!l.dataSource.empty()) {
            o.str("data_source", l.dataSource);
            o.str("output", l.output);
        }
        list.push(std::move(o));
    }
    return json(list, 1) + '\n';
}

EstateTally writeEstate(const EstateOptions &options, const std::string &dirText)
{
    const Estate e = planEstate(options);
    const fs::path dir(dirText);
    if (fs::exists(dir) && !fs::is_empty(dir))
        throw std::runtime_error(dirText + " is not empty");
    fs::create_directories(dir);

    EstateTally tally;
    std::map<std::string, std::set<int>> foreignHolders; // identity value -> stacks
    std::vector<std::pair<int, std::string>> leafCandidates;
    for (const StackPlan &s : e.stacks) {
        Build b(e, s);
        build(b);
        const std::string lineage = e.uuid(s, "lineage");
        const std::string file = s.name + '/' + fileName(s.kind);
        const int serial = 10 + int(e.draw(s, "serial") % 500);
        const std::string text = s.kind == Kind::RawState ? rawState(b, lineage, serial)
            : s.kind == Kind::Plan                        ? planJson(b)
                                                          : stateJson(b);
        writeFile(dir / file, text);
        tally.stackFiles.push_back(file);
        tally.stackBytes += text.size();
        tally.stacks.push_back(
            {s.name, file, kindName(s.kind), roleName(s.role), s.managed, s.identities});
        tally.managed += s.managed;
        if (s.ordinal % 2 == 0 || s.role == Role::Network) {
            const std::string backend = s.name + "/.terraform/terraform.tfstate";
            writeFile(dir / backend, backendSettings(s, e.uuid(s, "backend")));
            tally.backendFiles.push_back(backend);
        }
        if (s.kind == Kind::RawState && s.ordinal % 7 == 3) {
            const std::string backup = s.name + "/terraform.tfstate.backup";
            writeFile(dir / backup, rawState(b, lineage, serial - 1));
            tally.backups.push_back(backup);
        }
        truthOf(b, e, &tally.links, &tally.nonLinks);
        for (const auto &[value, owner] : b.foreignIdentityValues)
            foreignHolders[value].insert(s.index);
        for (const std::string &leaf : b.leaves)
            leafCandidates.emplace_back(s.index, leaf);
    }

    // A value that is also in another stack's identity object is an identity in two stacks.
    for (EstateLink &l : tally.links) {
        const auto it = foreignHolders.find(l.value);
        if (it == foreignHolders.end())
            continue;
        for (int holder : it->second)
            if (e.at(holder).name != l.dependsOnStack)
                l.traps |= TrapIdentityForeignKey;
    }
    std::sort(tally.links.begin(), tally.links.end(), [](const EstateLink &x, const EstateLink &y) {
        return std::tie(x.stack, x.address, x.dependsOnStack, x.dependsOn)
            < std::tie(y.stack, y.address, y.dependsOnStack, y.dependsOn);
    });
    for (const auto &candidate : leafCandidates) {
        // Named, not bound: clang before 16 lets no lambda capture a structured binding.
        const std::string &name = e.at(candidate.first).name;
        const std::string &address = candidate.second;
        if (std::any_of(tally.links.begin(), tally.links.end(), [&](const EstateLink &l) {
                return l.dependsOnStack == name && l.dependsOn == address;
            }))
            tally.leaves.push_back(name + '\t' + address);
    }

    // Files that are no stack: a state cut off mid-write, a JSON file of another tool.
    {
        const StackPlan &s = e.at(e.baseline);
        Build b(e, s);
        buildBaseline(b);
        const std::string whole = rawState(b, e.uuid(s, "broken"), 3);
        const std::string broken = "prod/network-broken/terraform.tfstate";
        writeFile(dir / broken, whole.substr(0, whole.size() * 3 / 5));
        tally.malformed.push_back(broken);
        const std::string renovate = "global/account-baseline/renovate.json";
        writeFile(dir / renovate,
            "{\n  \"$schema\": \"https://docs.renovatebot.com/renovate-schema.json\",\n"
            "  \"extends\": [\"config:recommended\"],\n  \"terraform\": {\"enabled\": true}\n}\n");
        tally.notPlan.push_back(renovate);
    }
    writeFile(fs::path(dirText + ".expected.json"), linksJson(tally.links));
    return tally;
}

} // namespace bg::tests
