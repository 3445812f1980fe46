// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The estate: many stacks (states and plans of separate Terraform configurations) read
// together, and the links between them. A link is one resource of one stack that uses a
// resource of another: an attribute value equal to that resource's identity (its id, its arn,
// a value of its Terraform 1.12+ identity object), or a value read from the other stack's root
// outputs through a `terraform_remote_state` data source. Linking is linear in the estate's
// size: every identity is indexed once, then every attribute value is looked up once. What
// never links (generic values) is data: resources/estate/links.json (linkrules.h).
#pragma once

#include "core/estate/linkrules.h"
#include "core/model.h"
#include "core/risk/rules.h"

#include <memory>
#include <vector>

namespace bg::core {

struct Stack {
    QString name; // the folder relative to the estate's root, or as named with --stack
    QString file; // the file read
    std::shared_ptr<const Document> document;

    // The stack's nodes as the estate links them: its document's resources, then a plan's data
    // sources read while planning (Document::priorData), which have no node in its analysis.
    // A link's node and a remote state's data source are such nodes; what a link depends on is
    // always a resource.
    int nodeCount() const;
    const Resource &node(int n) const;
};

// SharedIdentity: the value is the identity of resources in several stacks (a VPC imported
// into two states, or a copy of a state planted beside the real one), linked to each of them.
enum class LinkReason : quint8 { Identity, RemoteState, SharedIdentity };
QString linkReasonName(LinkReason reason); // "identity", "remote_state", "shared_identity"

// `node` of `stack` (Stack::node) uses `dependsOnNode` of `dependsOnStack` (one of its
// document's resources): its attribute at `via` holds `value`. A remote-state link names the
// data source and the output it came through; its dependsOnNode is -1 when no resource of the
// other stack is known to be behind the output.
struct StackLink {
    int stack = -1;
    int node = -1;
    QString via; // attribute path: network_configuration[0].subnets[1]
    QString value;
    int dependsOnStack = -1;
    int dependsOnNode = -1;
    LinkReason reason = LinkReason::Identity;
    QString dataSource; // remote state: data.terraform_remote_state.network
    QString output; // remote state: the output's name
};

// A data.terraform_remote_state of one stack and the stack whose outputs it read.
struct RemoteStateLink {
    int stack = -1;
    int node = -1; // the data source (Stack::node)
    int readsStack = -1; // -1: no stack of the estate has these outputs
    QStringList outputs; // the outputs whose values matched, sorted
    QString note; // why it is not linked (ambiguous, no match), when readsStack is -1
};

struct Estate {
    QStringList roots; // the folders given, absolute
    std::vector<Stack> stacks; // sorted by name
    std::vector<StackLink> links; // sorted by stack, node, then dependsOn
    // Values that are the identity of resources in several stacks, linked to each holder: not
    // links (which holder is used cannot be told), but a destroy of any holder counts them as
    // breaks, so that a planted copy of a stack's state hides nothing. Sorted as links.
    std::vector<StackLink> sharedLinks;
    std::vector<RemoteStateLink> remoteStates;
    // Files named and skipped: unreadable, malformed, not a plan or state, the same stack as
    // another file, Terraform's backend settings. "FILE: why".
    QStringList skipped;
    QStringList notes; // what linking left out on purpose (values shared by several stacks)
    qint64 bytesRead = 0;

    int findStack(const QString &name) const;
};

struct EstateOptions {
    QStringList roots; // folders, searched recursively
    std::vector<std::pair<QString, QString>> named; // --stack NAME=FILE
};

// Finds and reads the estate's stacks: in every root, recursively, raw states (*.tfstate), state
// JSON and plan JSON (*.json); `.terraform/` (Terraform's working folder, whose
// terraform.tfstate holds backend settings, not a stack) and hidden folders are skipped, symbolic
// links are not followed, and every file that cannot be read as a plan or state is named in
// `skipped` with the reason. A folder that cannot be listed is an error.
Result<Estate> readEstate(const EstateOptions &options);

// Links the stacks: fills links, remoteStates and notes. A value that is a secret (marked
// sensitive, named or shaped like one: the masking of core/risk/masking.h under `rules`) never
// links, so that no link ever shows it.
void linkEstate(Estate &estate, const LinkRules &links, const RuleSet &rules);

// Which stack of the estate `document` is: the same file, the same lineage, or (a plan, or a
// state of another lineage) the stack holding most of its resources with the same ids (at
// least half of them). -1 when none; *how says "same file", "same lineage" or "same
// resources (12 of 14)".
int recogniseStack(const Estate &estate, const Document &document, QString *how = nullptr);

// Puts `document` in the estate as stack `index`, or as a new stack named `name` when index is
// -1: the plan under review replaces the stack's file. Returns the stack's index. Link after.
int placeDocument(Estate &estate, int index, const QString &name,
    std::shared_ptr<const Document> document, const QString &file);

} // namespace bg::core
