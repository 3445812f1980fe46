// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/layout/layout.h"

#include "core/layout/layoutblocks_p.h"
#include "core/layout/visualstyle.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLineF>
#include <algorithm>
#include <array>
#include <cmath>
#include <dlfcn.h>
#include <functional>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>
#include <mutex>
#include <numeric>
#include <string>
#include <unordered_map>

namespace bg::core {

using detail::arrange;
using detail::Block;
using detail::boxSize;
using detail::outermostCluster;
using detail::straightEdge;

namespace {

constexpr double PointsPerInch = 72.0;
constexpr double ClusterMargin = 12.0; // points
constexpr qint64 DotMaxNodes = 1000; // bounds measured on Debian 12: see chooseEngine
constexpr qint64 DotMaxDensity = 2500; // edges² / nodes
// Past this many nodes a force-directed layout is made in two levels (layoutInBlocks): Graphviz's
// prism overlap removal dominates otherwise (measured on generated plans with Qt-measured boxes:
// 2,000 nodes 5 s, 5,000 16 s, 10,000 40-70 s; its iteration-capped variants leave thousands of
// overlaps), and a module's resources scatter over the whole picture.
constexpr size_t PrismMaxNodes = 1000;

// cgraph is not thread-safe and keeps global state (attribute defaults, the error handler):
// every Graphviz call in the process happens under this one mutex.
std::mutex graphvizMutex;
QByteArray graphvizMessages; // what Graphviz reported, guarded by graphvizMutex

// Graphviz's layout engines and renderers are plugins: these three, from Graphviz's plugin folder
// (core/CMakeLists.txt names it), loaded the first time something is laid out and registered by
// us. Registering them ourselves means layout works even where Debian's generated plugin config
// (config6a) is missing, and never depends on which text or image plugins that config happens to
// list. Loaded, not linked: they and what they link (GTS, GLib, PCRE) were 1.2 MiB of every
// run's memory and 1.7 ms of its start, in the many runs that never draw (a report, a gate).
constexpr std::array<const char *, 3> PluginNames = {
    "dot_layout", // dot
    "neato_layout", // neato, fdp, sfdp, ...
    "core", // svg, dot and canon output
};
QByteArray pluginErrors; // why a plugin could not be loaded; guarded by graphvizMutex

// A plugin's library by full path (never the loader's search path), or nullptr and a reason in
// pluginErrors. `symbol` is its library's name, which Graphviz reads (gvconfig.c installs only
// names ending in _LTX_library). Never unloaded: Graphviz keeps pointers into it.
void *loadPlugin(const char *name, const QByteArray &symbol)
{
    const QByteArray file = QByteArrayLiteral(BG_GRAPHVIZ_PLUGINDIR "/libgvplugin_") + name
        + QByteArrayLiteral(".so.6");
    void *library = ::dlopen(file.constData(), RTLD_NOW | RTLD_LOCAL);
    void *plugin = library ? ::dlsym(library, symbol.constData()) : nullptr;
    if (!plugin) {
        const char *reason = ::dlerror();
        pluginErrors += "cannot load the Graphviz plugin " + file + ": "
            + (reason ? reason : "no reason given") + "; ";
    }
    return plugin;
}

// The one GVC_t, created on first use with the mutex held. It must exist before any agopen:
// creating it declares the default node `label`. Demand loading stays off, so the output does
// not change with the plugins a machine has installed (text widths are Graphviz's estimate).
GVC_t *context()
{
    static GVC_t *gvc = [] {
        // Messages become values (LayoutResult::error), never stderr.
        agseterrf([](char *message) {
            graphvizMessages += message;
            return 0;
        });
        static std::array<QByteArray, PluginNames.size()> symbols;
        static std::array<lt_symlist_t, PluginNames.size() + 1> plugins {}; // ends with nulls
        size_t loaded = 0;
        for (size_t i = 0; i < PluginNames.size(); ++i) {
            symbols[i] = QByteArrayLiteral("gvplugin_") + PluginNames[i] + "_LTX_library";
            if (void *plugin = loadPlugin(PluginNames[i], symbols[i]))
                plugins[loaded++] = {symbols[i].constData(), plugin};
        }
        return gvContextPlugins(plugins.data(), 0);
    }();
    return gvc;
}

void set(void *object, const char *name, const QByteArray &value)
{
    agsafeset(object, const_cast<char *>(name), const_cast<char *>(value.constData()),
        const_cast<char *>(""));
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'f', 4);
}

// A label for Graphviz: a backslash starts an escape (\N, \n, \l), so a literal one is doubled;
// line breaks become centred `\n` breaks.
QByteArray escapeLabel(const QString &label)
{
    QString text = label;
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).remove(QLatin1Char('\r'));
    text.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return text.toUtf8();
}

// A graph built from a request; owns it, so every path frees the layout and the graph (with
// the mutex still held: declare it after the lock).
struct Built {
    explicit Built(GVC_t *context)
        : gvc(context)
    {
    }
    Built(const Built &) = delete;
    ~Built()
    {
        if (graph) {
            gvFreeLayout(gvc, graph); // harmless when no layout was made
            agclose(graph);
        }
    }
    GVC_t *gvc;
    Agraph_t *graph = nullptr;
    std::vector<Agnode_t *> nodes;
    std::vector<Agedge_t *> edges; // per request edge; null for an edge with a bad index
    std::vector<Agraph_t *> clusters;
    std::vector<int> clusterParent; // as built: -1 for a top-level cluster
};

// Object IDs in the order the objects are made. cgraph's default discipline gives a named object
// the address of its interned name as its ID, and keeps subgraphs in ID order: the clusters of a
// view with nested module instances came out in an order that changed from run to run with the
// heap, and Graphviz's layout with it. Here, as in cgraph's own (lib/cgraph/id.c), a name is
// interned with agstrdup once per object that bears it and freed with it, and an anonymous
// object gets the next odd ID; but a name's ID is the next even number, not its address. (Leaving
// the names to cgraph's internal map instead leaks them in Graphviz 2.42.)
struct SequentialIds {
    struct Name {
        char *interned; // agstrdup'd: agwrite asks aghtmlstr of what print returns
        int objects;
    };
    struct State {
        Agraph_t *root;
        std::unordered_map<std::string, IDTYPE> ids;
        std::unordered_map<IDTYPE, Name> names;
        IDTYPE named = 2, anonymous = 1;
    };
    static void *open(Agraph_t *g, Agdisc_t *) { return new State {g, {}, {}}; }
    static long map(void *state, int, char *name, IDTYPE *id, int create)
    {
        State &s = *static_cast<State *>(state);
        if (!name) {
            *id = s.anonymous;
            s.anonymous += 2;
            return 1;
        }
        const auto known = s.ids.find(name);
        if (!create) {
            if (known == s.ids.end())
                return 0;
            *id = known->second;
            return 1;
        }
        if (known != s.ids.end()) {
            *id = known->second;
            Name &n = s.names.at(*id);
            agstrdup(s.root, n.interned); // one reference per object, as cgraph counts
            ++n.objects;
            return 1;
        }
        *id = s.named;
        s.named += 2;
        s.ids.emplace(name, *id);
        s.names.emplace(*id, Name {agstrdup(s.root, name), 1});
        return 1;
    }
    static long alloc(void *, int, IDTYPE) { return 0; } // no ID chosen by the caller
    static void free(void *state, int, IDTYPE id)
    {
        State &s = *static_cast<State *>(state);
        const auto it = s.names.find(id);
        if (it == s.names.end())
            return;
        Name &n = it->second;
        if (--n.objects == 0) {
            s.ids.erase(n.interned);
            agstrfree(s.root, n.interned);
            s.names.erase(it);
        } else {
            agstrfree(s.root, n.interned);
        }
    }
    static char *print(void *state, int, IDTYPE id)
    {
        const State &s = *static_cast<State *>(state);
        const auto it = s.names.find(id);
        return it == s.names.end() ? nullptr : it->second.interned;
    }
    static void close(void *state) { delete static_cast<State *>(state); }
    static void idregister(void *, int, void *) { }
};
Agiddisc_t sequentialIds {SequentialIds::open, SequentialIds::map, SequentialIds::alloc,
    SequentialIds::free, SequentialIds::print, SequentialIds::close, SequentialIds::idregister};
Agdisc_t sequentialDisc {&AgMemDisc, &sequentialIds, &AgIoDisc};

// Builds the graph for `engine`. `styled`: for Graphviz's renderer (labels sized by Graphviz);
// otherwise for the GUI (fixed sizes measured by Qt, empty labels).
void build(Built &b, const LayoutRequest &request, const QString &engine, bool styled)
{
    b.graph = agopen(const_cast<char *>("blastguard"), Agdirected, &sequentialDisc);
    Agraph_t *g = b.graph;
    const bool dot = engine == QLatin1String("dot");
    set(g, "rankdir", request.rankdir.isEmpty() ? QByteArray("LR") : request.rankdir.toUtf8());
    // Tight: a first screen fits a 40-node radius on a laptop's screen (issue 16).
    set(g, "nodesep", "0.15");
    set(g, "ranksep", "0.5");
    // dot routes splines cheaply; the force-directed engines' spline router is quadratic, so
    // they get straight lines (clipped at the node boundaries) and prism overlap removal.
    set(g, "splines", dot ? "spline" : "line");
    if (!dot)
        set(g, "overlap", "prism");
    set(g, "fontname", "Helvetica");
    set(g, "fontsize", "10");
    if (styled)
        set(g, "layout", engine.toUtf8()); // so `dot -Tsvg` on the DOT output picks the same engine

    // Clusters: created parents first; a bad or cyclic parent makes a cluster top-level.
    const int clusterCount = int(request.clusters.size());
    b.clusters.assign(clusterCount, nullptr);
    b.clusterParent.assign(clusterCount, -1);
    std::function<Agraph_t *(int, int)> cluster = [&](int i, int depth) -> Agraph_t * {
        if (b.clusters[i])
            return b.clusters[i];
        const int p = request.clusters[i].parent;
        const bool nested = p >= 0 && p < clusterCount && p != i && depth < clusterCount;
        Agraph_t *parent = nested ? cluster(p, depth + 1) : g;
        if (b.clusters[i]) // made while resolving a cycle of parents
            return b.clusters[i];
        b.clusterParent[i] = nested ? p : -1;
        Agraph_t *sub = agsubg(parent, QByteArray("cluster_" + QByteArray::number(i)).data(), 1);
        set(sub, "label", escapeLabel(request.clusters[i].label));
        set(sub, "labeljust", "l");
        set(sub, "margin", number(ClusterMargin));
        // A stack's label is drawn large (the GUI's ClusterItem too): room is made for it.
        if (request.clusters[i].stack)
            set(sub, "fontsize", "16");
        if (styled) {
            set(sub, "style", "rounded,filled");
            set(sub, "color", request.clusters[i].stack ? "#6a5a8c" : "#b8b8b8");
            set(sub, "fillcolor", request.clusters[i].stack ? "#fbf9fd" : "#f8f8f8");
            set(sub, "fontcolor", "#505050");
            if (request.clusters[i].stack)
                set(sub, "penwidth", "2");
        }
        return b.clusters[i] = sub;
    };
    for (int i = 0; i < clusterCount; ++i)
        cluster(i, 0);

    for (size_t i = 0; i < request.nodes.size(); ++i) {
        const LayoutNode &ln = request.nodes[i];
        Agnode_t *n = agnode(g, QByteArray("n" + QByteArray::number(qulonglong(i))).data(), 1);
        if (ln.cluster >= 0 && ln.cluster < clusterCount)
            agsubnode(b.clusters[ln.cluster], n, 1);
        set(n, "shape", style::shapeName(ln.shape).toUtf8());
        if (styled) {
            set(n, "label", escapeLabel(ln.label));
            set(n, "tooltip", escapeLabel(ln.id));
            set(n, "style", ln.dashed ? "filled,dashed" : "filled");
            set(n, "fillcolor",
                ln.fillColor.isEmpty() ? QByteArray("#f2f2f2") : ln.fillColor.toUtf8());
            set(n, "color", ln.penColor.isEmpty() ? QByteArray("#505050") : ln.penColor.toUtf8());
            set(n, "penwidth", number(ln.penWidth));
            set(n, "fontname", "Helvetica");
            set(n, "fontsize", "10");
            set(n, "margin", "0.15,0.06");
        } else {
            // Qt measured the label: Graphviz lays out boxes of exactly that size.
            const QSizeF size = boxSize(ln);
            set(n, "label", "");
            set(n, "fixedsize", "true");
            set(n, "width", number(size.width() / PointsPerInch));
            set(n, "height", number(size.height() / PointsPerInch));
        }
        b.nodes.push_back(n);
    }

    const int nodeCount = int(b.nodes.size());
    for (const LayoutEdge &le : request.edges) {
        const bool valid = le.from >= 0 && le.from < nodeCount && le.to >= 0 && le.to < nodeCount;
        Agedge_t *e = valid ? agedge(g, b.nodes[le.from], b.nodes[le.to], nullptr, 1) : nullptr;
        if (e && styled && le.crossStack) {
            set(e, "color", style::crossStackStroke().toUtf8());
            set(e, "style", "dashed");
            set(e, "penwidth", "2.2");
        } else if (e && styled) {
            set(e, "color", le.highlighted ? "#202020" : "#8c8c8c");
            set(e, "penwidth", le.highlighted ? "2.2" : "1");
        }
        b.edges.push_back(e);
    }
}

// Lays `b` out; on failure the message Graphviz gave.
QString runLayout(const Built &b, const QString &engine)
{
    graphvizMessages.clear();
    if (gvLayout(b.gvc, b.graph, engine.toUtf8().constData()) == 0)
        return {};
    const QString message = QString::fromUtf8(pluginErrors + graphvizMessages).trimmed();
    return QStringLiteral("Graphviz could not lay out the graph with \"%1\": %2")
        .arg(engine, message.isEmpty() ? QStringLiteral("no reason given") : message);
}

QString engineFor(const LayoutRequest &request)
{
    return request.engine.isEmpty()
        ? chooseEngine(int(request.nodes.size()), int(request.edges.size()))
        : request.engine;
}

} // namespace

QPointF graphvizToScene(const QPointF &point, const QRectF &graphBounds)
{
    // graphBounds holds Graphviz's bb as given: left() = LL.x, top() = LL.y, bottom() = UR.y.
    return {point.x() - graphBounds.left(), graphBounds.bottom() - point.y()};
}

QString chooseEngine(int nodes, int edges)
{
    // dot draws the clearest dependency picture, but its time grows with density (edges² /
    // nodes) more than with size. Measured here on random DAGs, the worst case: 100 nodes with
    // 900 edges took 1.1 s, 300/1,500 2-3 s, while at edges² / nodes = 2,500 it stayed under
    // 0.5 s from 50 to 2,000 nodes. Real plan views are sparser (1,000 nodes: 0.08 s). Past
    // 1,000 nodes a ranked drawing is a very long strip; sfdp (0.5 s per 1,000) reads better.
    const qint64 n = std::max(nodes, 1), e = std::max(edges, 0);
    return n <= DotMaxNodes && e * e <= DotMaxDensity * n ? QStringLiteral("dot")
                                                          : QStringLiteral("sfdp");
}

namespace {

// Copies Graphviz's layout of `b` into `result`, in scene coordinates, before it is freed: the
// GUI never sees an Agraph_t.
void copyResult(const Built &b, const LayoutRequest &request, LayoutResult &result)
{
    const boxf bb = GD_bb(b.graph);
    const QRectF gb(QPointF(bb.LL.x, bb.LL.y), QPointF(bb.UR.x, bb.UR.y));
    const auto scene = [&](pointf p) {
        return graphvizToScene(QPointF(p.x, p.y), gb);
    };
    result.bounds = QRectF(0, 0, gb.width(), gb.height());
    for (Agnode_t *n : b.nodes) {
        const QSizeF size(ND_width(n) * PointsPerInch, ND_height(n) * PointsPerInch);
        const QPointF c = scene(ND_coord(n));
        result.nodes.emplace_back(c - QPointF(size.width() / 2, size.height() / 2), size);
    }
    for (size_t i = 0; i < b.edges.size(); ++i) {
        if (!b.edges[i])
            continue;
        LaidOutEdge out {request.edges[i].from, request.edges[i].to, {}, false, {}};
        if (const splines *spl = ED_spl(b.edges[i])) {
            for (int k = 0; k < spl->size; ++k) {
                const bezier &bz = spl->list[k];
                // A later piece is joined by a straight cubic, so the points stay 3k+1.
                if (!out.points.empty() && bz.size > 0)
                    out.points.insert(out.points.end(), {out.points.back(), scene(bz.list[0])});
                for (int p = 0; p < bz.size; ++p)
                    out.points.push_back(scene(bz.list[p]));
                if (bz.eflag) { // the arrow points at `to`: ep is its tip
                    out.hasArrow = true;
                    out.arrowTip = scene(bz.ep);
                }
            }
        }
        result.edges.push_back(std::move(out));
    }
    // dot lays clusters out: their rects; null where the engine did not.
    for (size_t i = 0; i < b.clusters.size(); ++i) {
        QRectF rect;
        if (aggetrec(b.clusters[i], const_cast<char *>("Agraphinfo_t"), 1)) {
            const boxf cb = GD_bb(b.clusters[i]);
            if (cb.UR.x > cb.LL.x && cb.UR.y > cb.LL.y)
                rect = QRectF(scene(cb.LL), scene(cb.UR)).normalized();
        }
        result.clusters.push_back({int(i), rect});
    }
}

// The parts packComponents moves in the GUI's picture, moved the same way in Graphviz's own
// drawing of `b` (the CLI's SVG): node centres (a node's label is drawn at its centre), edge
// splines and arrow ends, cluster boxes and their labels, and the graph's bounds.
void packForRenderer(Built &b, const LayoutRequest &request)
{
    LayoutResult before;
    copyResult(b, request, before);
    LayoutResult after = before;
    if (!detail::packComponents(request, b.clusterParent, after))
        return;
    const boxf bb = GD_bb(b.graph);
    // Scene y runs down from the old top (bb.UR.y); Graphviz's runs up from the new bottom.
    const double rise = bb.LL.y + after.bounds.height() - bb.UR.y;
    const auto shiftOf = [&](const QRectF &from, const QRectF &to) {
        const QPointF d = to.topLeft() - from.topLeft();
        return pointf {d.x(), rise - d.y()};
    };
    const auto move = [](pointf &p, pointf by) {
        p.x += by.x;
        p.y += by.y;
    };
    std::vector<pointf> nodeShift(b.nodes.size());
    for (size_t i = 0; i < b.nodes.size(); ++i) {
        nodeShift[i] = shiftOf(before.nodes[i], after.nodes[i]);
        move(ND_coord(b.nodes[i]), nodeShift[i]);
    }
    for (size_t i = 0; i < b.edges.size(); ++i) {
        if (!b.edges[i])
            continue;
        const pointf by = nodeShift[size_t(request.edges[i].from)];
        if (splines *spl = ED_spl(b.edges[i])) {
            for (int k = 0; k < spl->size; ++k) {
                bezier &bz = spl->list[k];
                for (int p = 0; p < bz.size; ++p)
                    move(bz.list[p], by);
                move(bz.sp, by);
                move(bz.ep, by);
            }
        }
        if (ED_label(b.edges[i]))
            move(ED_label(b.edges[i])->pos, by);
    }
    for (size_t c = 0; c < b.clusters.size(); ++c) {
        if (before.clusters[c].rect.isNull())
            continue;
        const pointf by = shiftOf(before.clusters[c].rect, after.clusters[c].rect);
        move(GD_bb(b.clusters[c]).LL, by);
        move(GD_bb(b.clusters[c]).UR, by);
        if (GD_label(b.clusters[c]))
            move(GD_label(b.clusters[c])->pos, by);
    }
    GD_bb(b.graph).UR = pointf {bb.LL.x + after.bounds.width(), bb.LL.y + after.bounds.height()};
}

// A large graph for a force-directed engine, in two levels, so that a module reads as one
// compact block and Graphviz sees hundreds of nodes rather than thousands: each outermost module
// becomes a block arranged by arrange(); the loose nodes are blocks of one each (or of one
// resource type each, when they alone would be too many); then sfdp with prism overlap removal
// places the blocks as nodes of their size, joined where their members depend on each other.
// Edges are straight, from outline to outline. False (and result.error) on failure.
bool layoutInBlocks(
    const LayoutRequest &request, LayoutResult &result, const std::function<bool()> &cancelled)
{
    const int n = int(request.nodes.size());
    const std::vector<int> outer = outermostCluster(request);
    const bool looseByType
        = std::count(outer.begin(), outer.end(), -1) > qsizetype(PrismMaxNodes / 2);
    std::vector<int> blockOf(size_t(n), -1), clusterBlock(request.clusters.size(), -1);
    QHash<QString, int> typeBlock;
    std::vector<Block> blocks;
    const auto newBlock = [&] {
        blocks.emplace_back();
        return int(blocks.size()) - 1;
    };
    for (int i = 0; i < n; ++i) {
        int block = -1;
        if (const int c = outer[size_t(i)]; c >= 0) {
            block = clusterBlock[size_t(c)] >= 0 ? clusterBlock[size_t(c)]
                                                 : (clusterBlock[size_t(c)] = newBlock());
        } else if (looseByType) {
            const QString &id = request.nodes[size_t(i)].id;
            const QString type = id.section(QLatin1Char('.'), 0, id.startsWith(u"data.") ? 1 : 0);
            auto it = typeBlock.constFind(type);
            block = it != typeBlock.constEnd() ? *it : *typeBlock.insert(type, newBlock());
        } else {
            block = newBlock();
        }
        blockOf[size_t(i)] = block;
        blocks[size_t(block)].members.push_back(i);
    }
    std::vector<std::vector<int>> out(static_cast<size_t>(n));
    for (const LayoutEdge &e : request.edges) {
        if (e.from >= 0 && e.from < n && e.to >= 0 && e.to < n && e.from != e.to)
            out[size_t(e.from)].push_back(e.to);
    }
    // Room around a block's nodes for the frames of the modules around them.
    const auto depth = [&](int node) {
        int d = 0;
        for (int c = request.nodes[size_t(node)].cluster;
             c >= 0 && c < int(request.clusters.size()) && d <= int(request.clusters.size());
             c = request.clusters[size_t(c)].parent)
            ++d;
        return d;
    };
    std::vector<int> local(static_cast<size_t>(n), -1);
    LayoutRequest top;
    top.engine = QStringLiteral("sfdp");
    for (Block &block : blocks) {
        int d = 0;
        for (size_t k = 0; k < block.members.size(); ++k) {
            local[size_t(block.members[k])] = int(k);
            d = std::max(d, depth(block.members[k]));
        }
        arrange(block, request, local, out, ClusterMargin * d + 8);
        for (int m : block.members)
            local[size_t(m)] = -1;
        LayoutNode node;
        node.size = block.size;
        top.nodes.push_back(node);
    }
    std::vector<std::pair<int, int>> joined;
    for (int from = 0; from < n; ++from) {
        for (int to : out[size_t(from)]) {
            if (blockOf[size_t(from)] != blockOf[size_t(to)])
                joined.emplace_back(blockOf[size_t(from)], blockOf[size_t(to)]);
        }
    }
    std::sort(joined.begin(), joined.end());
    joined.erase(std::unique(joined.begin(), joined.end()), joined.end());
    for (const auto &[from, to] : joined)
        top.edges.push_back({from, to, false, false});
    if (cancelled())
        return false;

    Built b(context());
    build(b, top, top.engine, false);
    result.error = runLayout(b, top.engine);
    if (!result.error.isEmpty() || cancelled())
        return false;
    LayoutResult placed;
    copyResult(b, top, placed);
    result.nodes.assign(size_t(n), QRectF());
    for (size_t k = 0; k < blocks.size(); ++k) {
        for (size_t m = 0; m < blocks[k].members.size(); ++m) {
            const int node = blocks[k].members[m];
            result.nodes[size_t(node)] = QRectF(placed.nodes[k].topLeft() + blocks[k].offsets[m],
                boxSize(request.nodes[size_t(node)]));
        }
    }
    result.bounds = placed.bounds.adjusted(-ClusterMargin, -ClusterMargin, ClusterMargin,
        ClusterMargin); // blocks already hold their frames; this is room for a selection halo
    for (QRectF &node : result.nodes)
        node.translate(-result.bounds.topLeft());
    result.bounds.moveTopLeft(QPointF(0, 0));
    for (const LayoutEdge &e : request.edges) {
        if (e.from >= 0 && e.from < n && e.to >= 0 && e.to < n)
            result.edges.push_back(
                straightEdge(e, result.nodes[size_t(e.from)], result.nodes[size_t(e.to)]));
    }
    for (size_t i = 0; i < request.clusters.size(); ++i)
        result.clusters.push_back({int(i), QRectF()});
    return true;
}

} // namespace

LayoutResult layoutGraph(const LayoutRequest &request, const std::atomic_bool *cancel)
{
    LayoutResult result;
    result.engine = engineFor(request);
    const auto cancelled = [&] {
        result.cancelled = cancel && cancel->load();
        return result.cancelled;
    };
    if (cancelled())
        return result;

    std::lock_guard lock(graphvizMutex);
    QElapsedTimer timer;
    timer.start();
    std::vector<int> clusterParent;
    if (result.engine != QLatin1String("dot") && request.nodes.size() > PrismMaxNodes) {
        if (!layoutInBlocks(request, result, cancelled) || cancelled())
            return result;
        for (const LayoutCluster &c : request.clusters)
            clusterParent.push_back(
                c.parent >= 0 && c.parent < int(request.clusters.size()) ? c.parent : -1);
    } else {
        Built b(context());
        if (cancelled()) // perhaps while waiting for the lock
            return result;
        build(b, request, result.engine, false);
        if (cancelled())
            return result;
        result.error = runLayout(b, result.engine);
        if (!result.error.isEmpty() || cancelled())
            return result;
        copyResult(b, request, result);
        clusterParent = b.clusterParent;
        if (result.engine == QLatin1String("dot"))
            detail::packComponents(request, clusterParent, result);
    }
    // Clusters the engine did not lay out (the force-directed ones ignore them) get what their
    // members cover (nested ones a margin wider); those may overlap others.
    bool covered = true;
    for (const LaidOutCluster &c : result.clusters)
        covered = covered && !c.rect.isNull();
    for (size_t n = 0; !covered && n < request.nodes.size(); ++n) {
        double margin = ClusterMargin;
        for (int c = request.nodes[n].cluster, steps = 0;
             c >= 0 && c < int(result.clusters.size()) && steps < int(result.clusters.size());
             c = clusterParent[size_t(c)], ++steps) {
            result.clusters[size_t(c)].rect
                |= result.nodes[n].adjusted(-margin, -margin, margin, margin);
            margin += ClusterMargin;
        }
    }
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    return result;
}

Result<QByteArray> renderGraph(const LayoutRequest &request, const QString &format)
{
    QString message;
    QByteArray out;
    if (format != QLatin1String("svg") && format != QLatin1String("dot")) {
        message = QStringLiteral("Unknown graph format \"%1\": use svg or dot.").arg(format);
    } else {
        std::lock_guard lock(graphvizMutex);
        Built b(context());
        const QString engine = engineFor(request);
        build(b, request, engine, true);
        message = runLayout(b, engine);
        if (message.isEmpty() && engine == QLatin1String("dot"))
            packForRenderer(b, request);
        char *data = nullptr;
        unsigned int length = 0;
        // "canon" is the graph as written, without coordinates; "svg" is the laid-out picture.
        const char *renderer = format == QLatin1String("svg") ? "svg" : "canon";
        graphvizMessages.clear();
        if (message.isEmpty() && gvRenderData(b.gvc, b.graph, renderer, &data, &length) == 0
            && data)
            out = QByteArray(data, qsizetype(length));
        else if (message.isEmpty())
            message
                = QStringLiteral("Graphviz could not render %1: %2")
                      .arg(format, QString::fromUtf8(pluginErrors + graphvizMessages).trimmed());
        gvFreeRenderData(data);
    }
    if (!message.isEmpty())
        return Error {{}, 0, 0, message};
    return out;
}

} // namespace bg::core
