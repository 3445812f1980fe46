// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/layout/viewgraph.h"

#include "core/layout/viewestate_p.h"
#include "core/layout/visualstyle.h"

#include <QHash>
#include <deque>
#include <limits>

namespace bg::core {

namespace {

// The shallowest module of `address` that is not expanded, or empty when all are open.
QString collapsedModuleOf(const Address &address, const QSet<QString> &expanded)
{
    QString path;
    for (const ModuleStep &step : address.module) {
        path += (path.isEmpty() ? QString() : QStringLiteral(".")) + QStringLiteral("module.")
            + step.name + step.key.toString();
        if (!expanded.contains(path))
            return path;
    }
    return {};
}

std::vector<bool> focusSet(const Analysis &a, int focus)
{
    // The focused node, what it depends on (what pulls it in) and what depends on it.
    // Hubs (graph.h) are walked through and dropped at the end.
    std::vector<bool> keep(a.graph().vertexCount(), false);
    std::deque<int> queue {focus};
    keep[focus] = true;
    for (bool up : {true, false}) {
        queue.assign(1, focus);
        while (!queue.empty()) {
            const int n = queue.front();
            queue.pop_front();
            for (int next : up ? a.graph().vertexDependencies(n) : a.graph().vertexDependents(n)) {
                if (!keep[next]) {
                    keep[next] = true;
                    queue.push_back(next);
                }
            }
        }
    }
    keep.resize(size_t(a.graph().size()));
    return keep;
}

// Keeps u -> w only when w is not also reachable through another successor of u.
// Paths back through u itself (cycles) do not count. O(V * (V + E)) on the drawn graph at worst,
// but each search only visits what u reaches: on generated 10,000-resource plans drawn whole
// (ViewOptions::EveryNode) it takes a few milliseconds.
std::vector<std::vector<int>> transitiveReduction(const std::vector<std::vector<int>> &out)
{
    const int n = int(out.size());
    std::vector<std::vector<int>> kept(n);
    std::vector<int> mark(n, -1);
    std::vector<int> stack;
    for (int u = 0; u < n; ++u) {
        // Everything reachable from u in two or more steps.
        stack.clear();
        for (int v : out[u]) {
            for (int w : out[v]) {
                if (w != u && mark[w] != u) {
                    mark[w] = u;
                    stack.push_back(w);
                }
            }
        }
        while (!stack.empty()) {
            const int x = stack.back();
            stack.pop_back();
            for (int w : out[x]) {
                if (w != u && mark[w] != u) {
                    mark[w] = u;
                    stack.push_back(w);
                }
            }
        }
        for (int v : out[u]) {
            if (mark[v] != u)
                kept[u].push_back(v);
        }
    }
    return kept;
}

} // namespace

QSizeF estimateLabelSize(const QString &label)
{
    const QStringList lines = label.split(QLatin1Char('\n'));
    qsizetype widest = 0;
    for (const QString &line : lines)
        widest = std::max(widest, line.size());
    return {std::max(60.0, 7.0 * double(widest) + 20.0), 16.0 * lines.size() + 14.0};
}

QString nodeLabel(const Analysis &a, int node)
{
    const Resource &r = a.document().resources[node];
    QString second = actionName(a.impact.actions[node]).toUpper();
    const QString glyph = style::categoryGlyph(a.categories[node]);
    if (!glyph.isEmpty())
        second += QStringLiteral(" · ") + glyph;
    if (r.isData())
        second += QStringLiteral(" · DATA SOURCE");
    if (size_t(node) < a.outcomes.size()) {
        switch (a.outcomes[size_t(node)].outcome) {
        case Outcome::Refused:
            second += a.outcomes[size_t(node)].certain ? QStringLiteral(" · REFUSED")
                                                       : QStringLiteral(" · REFUSED IF NOT EMPTY");
            break;
        case Outcome::DataKept:
            second += QStringLiteral(" · DATA KEPT");
            break;
        case Outcome::NotReached:
            second += QStringLiteral(" · NOT REACHED");
            break;
        case Outcome::DataLost:
            if (!a.impact.destroys(node))
                second += QStringLiteral(" · DATA LOST");
            break;
        default:
            break;
        }
    }
    return r.id + QLatin1Char('\n') + second;
}

ViewGraph buildViewGraph(const Analysis &a, const ViewOptions &options, const MeasureLabel &measure)
{
    const int n = a.graph().size();
    const std::vector<bool> critical = a.lossNodes();
    std::vector<bool> visible(n, true);
    ViewGraph view;
    if (options.focus >= 0 && options.focus < n) {
        visible = focusSet(a, options.focus);
    }
    const auto inRadius = [&](int i) {
        return a.impact.destroys(i) || critical[i];
    };
    int shown = int(std::count(visible.begin(), visible.end(), true));
    bool radiusOnly = options.radiusOnly;
    if (!radiusOnly && shown > options.maxNodes) {
        radiusOnly = true;
        view.notes.append(
            QStringLiteral("%1 resources are too many to draw at once: showing the blast radius.")
                .arg(shown));
    }
    if (radiusOnly) {
        for (int i = 0; i < n; ++i)
            visible[i] = visible[i] && inRadius(i);
    }
    shown = int(std::count(visible.begin(), visible.end(), true));
    bool collapse = options.collapseModules;
    if (!collapse && shown > options.maxNodes) {
        collapse = true;
        view.notes.append(
            QStringLiteral("Modules are folded into one node each; open one to see inside."));
    }

    // Layout nodes: one per visible resource, or one per folded module.
    view.layoutNodeOf.assign(n, -1);
    QHash<QString, int> moduleNode;
    QHash<QString, int> clusterIndex;
    auto clusterFor = [&](const Address &address) {
        int parent = -1;
        QString path;
        for (const ModuleStep &step : address.module) {
            path += (path.isEmpty() ? QString() : QStringLiteral(".")) + QStringLiteral("module.")
                + step.name + step.key.toString();
            auto it = clusterIndex.constFind(path);
            if (it == clusterIndex.constEnd()) {
                view.request.clusters.push_back({path, path, parent, false});
                it = clusterIndex.insert(path, int(view.request.clusters.size()) - 1);
            }
            parent = *it;
        }
        return parent;
    };
    for (int i = 0; i < n; ++i) {
        if (!visible[i])
            continue;
        const Address &address = a.document().resources[i].address;
        const QString folded
            = collapse ? collapsedModuleOf(address, options.expandedModules) : QString();
        if (!folded.isEmpty()) {
            auto it = moduleNode.constFind(folded);
            if (it == moduleNode.constEnd()) {
                it = moduleNode.insert(folded, int(view.members.size()));
                view.members.emplace_back();
                view.collapsedModule.push_back(folded);
            }
            view.layoutNodeOf[i] = *it;
            view.members[*it].push_back(i);
            continue;
        }
        view.layoutNodeOf[i] = int(view.members.size());
        view.members.push_back({i});
        view.collapsedModule.emplace_back();
    }
    if (int(view.members.size()) > options.maxNodes) {
        // Still too many: keep the critical and destroyed first, then the rest in order.
        std::vector<int> order(view.members.size());
        std::iota(order.begin(), order.end(), 0);
        auto weight = [&](int ln) {
            int w = 0;
            for (int m : view.members[ln])
                w = std::max(w, (critical[m] ? 10 : 0) + actionSeverity(a.impact.actions[m]));
            return w;
        };
        std::stable_sort(
            order.begin(), order.end(), [&](int x, int y) { return weight(x) > weight(y); });
        std::vector<bool> keep(view.members.size(), false);
        for (int k = 0; k < options.maxNodes; ++k)
            keep[order[k]] = true;
        std::vector<int> renumber(view.members.size(), -1);
        std::vector<std::vector<int>> members;
        std::vector<QString> modules;
        for (size_t ln = 0; ln < view.members.size(); ++ln) {
            if (!keep[ln])
                continue;
            renumber[ln] = int(members.size());
            members.push_back(std::move(view.members[ln]));
            modules.push_back(view.collapsedModule[ln]);
        }
        view.notes.append(QStringLiteral(
            "Only the %1 most telling of %2 nodes are drawn; the table lists them all.")
                              .arg(options.maxNodes)
                              .arg(view.members.size()));
        for (int &ln : view.layoutNodeOf)
            ln = ln >= 0 ? renumber[ln] : -1;
        view.members = std::move(members);
        view.collapsedModule = std::move(modules);
    }

    for (size_t ln = 0; ln < view.members.size(); ++ln) {
        const std::vector<int> &m = view.members[ln];
        LayoutNode node;
        int best = m.front();
        bool anyCritical = false;
        for (int i : m) {
            if (actionSeverity(a.impact.actions[i]) > actionSeverity(a.impact.actions[best]))
                best = i;
            anyCritical = anyCritical || critical[i];
        }
        const Action action = a.impact.actions[best];
        if (!view.collapsedModule[ln].isEmpty()) {
            int destroyed = 0;
            for (int i : m)
                destroyed += a.impact.destroys(i);
            node.id = view.collapsedModule[ln];
            node.label = QStringLiteral("%1\n%2 resources, %3 destroyed")
                             .arg(node.id, QString::number(m.size()), QString::number(destroyed));
            node.shape = NodeShape::Module;
            const Address parentOf = [&] {
                Address p = a.document().resources[best].address;
                p.module.resize(
                    std::max<qsizetype>(0, node.id.count(QStringLiteral("module.")) - 1));
                return p;
            }();
            node.cluster = clusterFor(parentOf);
        } else {
            const Resource &r = a.document().resources[best];
            node.id = r.id;
            node.label = nodeLabel(a, best);
            node.shape = style::shapeFor(a.categories[best], r.isData());
            node.category = a.categories[best];
            node.cluster = clusterFor(r.address);
            node.dashed = r.isData();
        }
        node.fillColor = anyCritical ? style::criticalFill() : style::actionFill(action);
        node.penColor = anyCritical ? style::criticalStroke() : style::actionStroke(action);
        node.penWidth = anyCritical ? 3.0 : (a.impact.destroys(best) ? 2.0 : 1.0);
        node.size = measure(node.label) * (anyCritical ? CriticalScale : 1.0);
        view.request.nodes.push_back(std::move(node));
    }
    // Drawn edges: one per pair of drawn nodes, then transitively reduced. Terraform records
    // every ancestor as a dependency (a subnet's instance "depends on" the VPC directly too);
    // drawing those turns the picture into a hairball without telling anything new.
    const int drawn = int(view.members.size());
    std::vector<std::vector<int>> out(drawn);
    // A view Graphviz lays out with dot (up to 1,000 nodes: the radius, a focus) gets every
    // edge; a bigger one (Draw Every Resource) only small hubs.
    const size_t maxHubMembersDrawn = drawn <= 1000 ? std::numeric_limits<size_t>::max() : 8;
    std::vector<int> ownStamp(size_t(n), -1);
    for (int i = 0; i < n; ++i) {
        const int from = view.layoutNodeOf[i];
        if (from < 0)
            continue;
        // A hub (every instance of a configuration address, graph.h) is drawn as its
        // instances; in a big view only where it has a few and the node has no direct edge
        // to one of them.
        // The destroy edges to every instance of a count or for_each set are true for the
        // order, but drawn they are a complete bipartite hairball (tens of seconds of scene
        // at 10,000 resources); the destroy order, the chains and the what-if keep them.
        const auto &direct = a.graph().vertexDependencies(i);
        for (int v : direct) {
            if (!a.graph().isHub(v)) {
                ownStamp[size_t(v)] = i;
            }
        }
        for (int v : direct) {
            if (!a.graph().isHub(v))
                continue;
            const auto &members = a.graph().vertexDependencies(v);
            if (maxHubMembersDrawn < members.size()
                || (drawn > 1000 && std::any_of(members.begin(), members.end(), [&](int m) {
                       return ownStamp[size_t(m)] == i;
                   })))
                continue;
            for (int m : members) {
                const int to = view.layoutNodeOf[m];
                if (to >= 0 && to != from)
                    out[from].push_back(to);
            }
        }
        for (int v : direct) {
            const int to = a.graph().isHub(v) ? -1 : view.layoutNodeOf[v];
            if (to >= 0 && to != from)
                out[from].push_back(to);
        }
    }
    for (auto &targets : out) {
        std::sort(targets.begin(), targets.end());
        targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    }
    const std::vector<std::vector<int>> reduced = transitiveReduction(out);
    for (int from = 0; from < drawn; ++from) {
        for (int to : reduced[from]) {
            const bool destroyed = a.impact.destroys(view.members[from].front())
                && a.impact.destroys(view.members[to].front());
            view.request.edges.push_back({from, to, destroyed, false});
        }
    }
    detail::addEstateToView(a, options, view, measure);
    return view;
}

} // namespace bg::core
