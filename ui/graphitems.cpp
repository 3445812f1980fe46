// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "graphitems.h"

#include "categoryicons.h"
#include "core/layout/visualstyle.h"
#include "graphview.h"
#include "shown.h"
#include "theme.h"

#include <QGraphicsScene>
#include <QGuiApplication>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <array>
#include <cmath>

namespace bg::ui {

using core::NodeShape;

namespace {

constexpr qreal TextLod = 0.3; // below this zoom, text is unreadable anyway: skip it
// Below this zoom a node is a few pixels: a flat rectangle, edges hairlines without arrows, no
// antialiasing. Ten thousand items then paint in a frame.
constexpr qreal OverviewLod = 0.12;

QColor color(const QString &hex, const char *fallback)
{
    const QColor c(hex);
    return c.isValid() ? c : QColor(QLatin1String(fallback));
}

// `c` faded toward `ground`, keeping `keep` of it: opaque, so a muted picture paints as fast as
// a plain one (translucent strokes and painter opacity cost several times more).
QColor faded(const QColor &c, const QColor &ground, qreal keep)
{
    const auto mix = [keep](int v, int g) {
        return int(v * keep + g * (1 - keep));
    };
    return QColor(
        mix(c.red(), ground.red()), mix(c.green(), ground.green()), mix(c.blue(), ground.blue()));
}

} // namespace

QPainterPath shapePath(NodeShape shape, const QRectF &r)
{
    QPainterPath path;
    const qreal rim = std::min(12.0, r.height() / 5);
    switch (shape) {
    case NodeShape::Database: { // a cylinder: the symbol every operator knows
        path.moveTo(r.left(), r.top() + rim / 2);
        path.lineTo(r.left(), r.bottom() - rim / 2);
        path.arcTo(QRectF(r.left(), r.bottom() - rim, r.width(), rim), 180, 180);
        path.lineTo(r.right(), r.top() + rim / 2);
        path.arcTo(QRectF(r.left(), r.top(), r.width(), rim), 0, 180);
        path.addEllipse(QRectF(r.left(), r.top(), r.width(), rim));
        break;
    }
    case NodeShape::Snapshot: { // stacked pages: a copy behind the front page
        const qreal o = std::min(7.0, r.height() / 5);
        path.moveTo(r.left() + o, r.top() + o);
        path.lineTo(r.left() + o, r.top());
        path.lineTo(r.right(), r.top());
        path.lineTo(r.right(), r.bottom() - o);
        path.lineTo(r.right() - o, r.bottom() - o);
        path.lineTo(r.right() - o, r.top() + o);
        path.closeSubpath();
        path.addRect(QRectF(r.left(), r.top() + o, r.width() - o, r.height() - o));
        break;
    }
    case NodeShape::Storage: { // a box in depth
        const qreal d = std::min(8.0, r.height() / 5);
        path.addRect(QRectF(r.left(), r.top() + d, r.width() - d, r.height() - d));
        path.moveTo(r.left(), r.top() + d);
        path.lineTo(r.left() + d, r.top());
        path.lineTo(r.right(), r.top());
        path.lineTo(r.right(), r.bottom() - d);
        path.lineTo(r.right() - d, r.bottom());
        path.moveTo(r.right() - d, r.top() + d);
        path.lineTo(r.right(), r.top());
        break;
    }
    case NodeShape::Key: { // a hexagon
        const qreal cut = std::min(14.0, r.width() / 6);
        path.moveTo(r.left() + cut, r.top());
        path.lineTo(r.right() - cut, r.top());
        path.lineTo(r.right(), r.center().y());
        path.lineTo(r.right() - cut, r.bottom());
        path.lineTo(r.left() + cut, r.bottom());
        path.lineTo(r.left(), r.center().y());
        path.closeSubpath();
        break;
    }
    case NodeShape::Data:
        path.addRoundedRect(r, r.height() / 2, r.height() / 2);
        break;
    case NodeShape::Module:
        path.addRoundedRect(r, 4, 4);
        path.addRect(QRectF(r.left(), r.top(), std::min(50.0, r.width() / 3), 6));
        break;
    case NodeShape::Box:
        path.addRoundedRect(r, 3, 3);
        break;
    }
    path.setFillRule(Qt::WindingFill); // overlapping outlines (the cylinder's lid) stay filled
    return path;
}

NodeItem::NodeItem(int layoutNode, const core::LayoutNode &node, const QRectF &rect, bool critical,
    const QString &module)
    : m_layoutNode(layoutNode)
    , m_rect(rect)
    , m_path(shapePath(node.shape, rect))
    , m_fill(color(node.fillColor, "#f2f2f2"))
    , m_pen(color(node.penColor, "#8c8c8c"), node.penWidth)
    , m_critical(critical)
    , m_dashed(node.dashed)
{
    // Overview colour: the outline's for what is destroyed or critical, so it stands out, and a
    // darker fill for the rest, so that pale boxes do not vanish into the white.
    m_overview = critical || node.penWidth >= 2 ? m_pen.color() : m_fill.color().darker(125);
    if (critical && isDark())
        m_pen.setColor(Qt::white); // a black outline vanishes into the dark ground
    if (m_dashed)
        m_pen.setStyle(Qt::DashLine);
    const QColor ground = themeColours().background;
    m_faintFill = faded(m_fill.color(), ground, 0.45);
    m_faintPen = m_pen;
    m_faintPen.setColor(faded(m_pen.color(), ground, 0.45));
    m_faintText = faded(Qt::black, m_faintFill.color(), 0.5);
    // Data stores that lose data are drawn larger (viewgraph.h: CriticalScale), text too.
    const qreal scale = critical ? core::CriticalScale : 1.0;
    m_titleFont = QGuiApplication::font();
    m_titleFont.setPointSizeF(m_titleFont.pointSizeF() * scale);
    m_titleFont.setBold(critical);
    m_subtitleFont = QGuiApplication::font();
    m_subtitleFont.setPointSizeF(m_subtitleFont.pointSizeF() * 0.85 * scale);
    m_subtitleFont.setBold(critical);
    // A long address is cut in the middle (its type and its name stay); the tooltip and the
    // accessible name say it whole.
    QStringList lines = node.label.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line = shown(line);
    // The category's icon at the left (categoryicons.h), as tall as the title's line and a
    // quarter; the text beside it.
    if (!node.category.isEmpty() && node.shape != NodeShape::Module) {
        m_icon = &categoryIcon(node.category);
        m_iconSize = QFontMetricsF(m_titleFont).height() * 1.25;
    }
    m_textLeft = 8 + (m_icon ? m_iconSize + 5 : 0);
    const qreal room = rect.width() - m_textLeft - 8;
    const QFontMetricsF titleMetrics(m_titleFont), subtitleMetrics(m_subtitleFont);
    // Inside a module's box the module's address is the box's label: the node says the rest.
    QString title = lines.value(0);
    if (!module.isEmpty() && title.startsWith(module + QLatin1Char('.')))
        title.remove(0, module.size() + 1);
    m_title.setText(titleMetrics.elidedText(title, Qt::ElideMiddle, room));
    m_subtitle.setText(
        subtitleMetrics.elidedText(lines.mid(1).join(QLatin1Char(' ')), Qt::ElideRight, room));
    m_title.setTextFormat(Qt::PlainText);
    m_subtitle.setTextFormat(Qt::PlainText);
    m_title.prepare(QTransform(), m_titleFont);
    m_subtitle.prepare(QTransform(), m_subtitleFont);
    m_titleHeight = titleMetrics.height();
    m_textHeight = m_titleHeight + subtitleMetrics.height();
    setFlag(ItemIsSelectable);
    setFlag(ItemIsFocusable);
    setAcceptHoverEvents(true);
    setToolTip(shownLines(node.label));
    setZValue(critical ? 3 : 2);
}

QRectF NodeItem::boundingRect() const
{
    const qreal m = m_pen.widthF() + 6;
    return m_rect.adjusted(-m, -m - 20, m, m); // 20: room for a mark's badge above
}

void NodeItem::setEmphasis(bool highlighted, bool dimmed)
{
    if (highlighted == m_highlighted && dimmed == m_dimmed)
        return;
    m_highlighted = highlighted;
    m_dimmed = dimmed;
    update();
}

// Hovering lights up the node's chain as selecting does, until the pointer leaves.
void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent *)
{
    if (auto *view = scene() ? qobject_cast<GraphView *>(scene()->views().value(0)) : nullptr)
        view->hoverNode(m_layoutNode);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *)
{
    if (auto *view = scene() ? qobject_cast<GraphView *>(scene()->views().value(0)) : nullptr)
        view->hoverNode(-1);
}

void NodeItem::setMatched(bool matched)
{
    if (matched != m_matched) {
        m_matched = matched;
        update();
    }
}

void NodeItem::setMark(NodeMark mark)
{
    if (mark != m_mark) {
        m_mark = mark;
        update();
    }
}

namespace {

// A word in a small filled tag above the node's top-right corner: marks read without colour.
void drawBadge(QPainter *painter, const QRectF &node, NodeMark mark)
{
    struct Badge {
        QStaticText text;
        QColor fill;
        QFont font;
    };
    static const auto badges = [] {
        std::array<Badge, 6> b;
        const std::pair<const char *, QColor> words[]
            = {{"", QColor()}, {"GONE", QColor(0x55, 0x55, 0x55)},
                {"DESTROYED NOW", QColor(0xd5, 0x5e, 0x00)}, {"SAVED", QColor(0x00, 0x7a, 0x5a)},
                {"DATA KEPT", QColor(0x00, 0x7a, 0x5a)}, {"DATA LOST", QColor(0xb0, 0x1e, 0x1e)}};
        for (size_t i = 0; i < b.size(); ++i) {
            b[i].font = QGuiApplication::font();
            b[i].font.setBold(true);
            b[i].font.setPointSizeF(b[i].font.pointSizeF() * 0.8);
            b[i].text.setText(QLatin1String(words[i].first));
            b[i].text.setTextFormat(Qt::PlainText);
            b[i].text.prepare(QTransform(), b[i].font);
            b[i].fill = words[i].second;
        }
        return b;
    }();
    const Badge &badge = badges[size_t(mark)];
    const QSizeF size = badge.text.size() + QSizeF(10, 4);
    const QRectF box(QPointF(node.right() - size.width(), node.top() - size.height() + 2), size);
    painter->setPen(Qt::NoPen);
    painter->setBrush(badge.fill);
    painter->drawRoundedRect(box, 3, 3);
    painter->setFont(badge.font);
    painter->setPen(Qt::white);
    painter->drawStaticText(box.topLeft() + QPointF(5, 2), badge.text);
}

} // namespace

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    // Dimming makes the chain stand out, but a critical node never fades.
    // Dimming is drawn in faded opaque colours (a critical node never fades); only a node the
    // replay has destroyed is translucent.
    const bool gone = m_mark == NodeMark::Gone || m_mark == NodeMark::DataLost;
    // A lost node stays a little more visible than a gone one: its red cross is the point.
    painter->setOpacity(m_mark == NodeMark::Gone ? 0.3 : m_mark == NodeMark::DataLost ? 0.55 : 1.0);
    const bool faint = m_dimmed && !m_critical && !gone;
    painter->setRenderHint(QPainter::Antialiasing, lod >= OverviewLod);
    if (lod < OverviewLod) {
        const bool marked = m_mark != NodeMark::None && !gone;
        if (m_matched || isSelected() || m_highlighted || marked) {
            static const auto halos = [] { // cosmetic: 5 pixels whatever the zoom
                std::array<QPen, 5> pens;
                const QColor colours[] = {Qt::black, QColor(0x56, 0xb4, 0xe9),
                    QColor(0xe6, 0x9f, 0x00), QColor(0xd5, 0x5e, 0x00), QColor(0x00, 0x9e, 0x73)};
                for (size_t i = 0; i < pens.size(); ++i) {
                    pens[i] = QPen(colours[i], 5);
                    pens[i].setCosmetic(true);
                }
                return pens;
            }();
            const size_t halo = isSelected()  ? 0
                : m_matched                   ? 1
                : m_highlighted               ? 2
                : m_mark == NodeMark::Current ? 3
                                              : 4;
            painter->setPen(halos[halo]);
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(m_rect);
        }
        painter->fillRect(m_rect, m_overview);
        return;
    }
    if (m_mark == NodeMark::Current || m_mark == NodeMark::Saved || m_mark == NodeMark::DataKept) {
        static const QPen markPens[] = {QPen(QColor(0xd5, 0x5e, 0x00), 10),
            QPen(QColor(0x00, 0x9e, 0x73), 10), QPen(QColor(0x00, 0x9e, 0x73), 6, Qt::DashLine)};
        painter->setPen(markPens[int(m_mark) - int(NodeMark::Current)]);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(m_path);
    }
    if (m_matched || isSelected() || m_highlighted) {
        // A halo that does not depend on colour: thick, outside the shape.
        static const auto halos = [] {
            std::array<QPen, 6> pens;
            const QColor colours[]
                = {QColor(0, 0, 0), QColor(0x56, 0xb4, 0xe9), QColor(0xe6, 0x9f, 0x00)};
            for (int i = 0; i < 6; ++i) {
                pens[i] = QPen(colours[i % 3], 6);
                pens[i].setCosmetic(i >= 3);
            }
            return pens;
        }();
        const int colour = isSelected() ? 0 : m_matched ? 1 : 2;
        painter->setPen(halos[colour + (lod < 1 ? 3 : 0)]);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(m_path);
    }
    painter->setPen(faint ? m_faintPen : m_pen);
    painter->setBrush(faint ? m_faintFill : m_fill);
    painter->drawPath(m_path);
    if (gone) { // crossed out: gone reads without colour too
        static const QPen cross(QColor(0x33, 0x33, 0x33), 3);
        static const QPen lost(QColor(0xb0, 0x1e, 0x1e), 5);
        painter->setPen(m_mark == NodeMark::DataLost ? lost : cross);
        painter->drawLine(m_rect.topLeft(), m_rect.bottomRight());
        painter->drawLine(m_rect.bottomLeft(), m_rect.topRight());
    }
    if (lod < TextLod)
        return;
    if (m_mark != NodeMark::None)
        drawBadge(painter, m_rect, m_mark);
    // The view does not save painter state between items: set every font explicitly.
    const qreal top = m_rect.top() + (m_rect.height() - m_textHeight) / 2;
    painter->setFont(m_titleFont);
    painter->setPen(faint ? m_faintText : QColor(Qt::black)); // on the pale fills of either theme
    if (m_icon && !faint) { // a muted node keeps its words, not its icon
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
        painter->drawImage(
            QRectF(m_rect.left() + 7, m_rect.center().y() - m_iconSize / 2, m_iconSize, m_iconSize),
            *m_icon);
    }
    painter->drawStaticText(QPointF(m_rect.left() + m_textLeft, top), m_title);
    painter->setFont(m_subtitleFont);
    static const QPen subtitlePen(QColor(0x22, 0x22, 0x22));
    painter->setPen(faint ? QPen(m_faintText) : subtitlePen);
    painter->drawStaticText(QPointF(m_rect.left() + m_textLeft, top + m_titleHeight), m_subtitle);
}

namespace {

// Cuts `line` to `rect` (Liang-Barsky); false when none of it is inside.
bool clipLine(QLineF &line, const QRectF &rect)
{
    const QPointF d = line.p2() - line.p1();
    double t0 = 0, t1 = 1;
    const double p[] = {-d.x(), d.x(), -d.y(), d.y()};
    const double q[] = {line.x1() - rect.left(), rect.right() - line.x1(), line.y1() - rect.top(),
        rect.bottom() - line.y1()};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
    }
    if (t0 > t1)
        return false;
    line = QLineF(line.pointAt(t0), line.pointAt(t1));
    return true;
}

} // namespace

EdgeItem::EdgeItem(const core::LaidOutEdge &edge, bool inRadius, bool crossStack)
    : m_from(edge.from)
    , m_to(edge.to)
    , m_inRadius(inRadius || crossStack)
    , m_crossStack(crossStack)
{
    const auto &p = edge.points;
    if (!p.empty()) {
        m_path.moveTo(p[0]);
        for (size_t i = 1; i + 2 < p.size(); i += 3) {
            // A straight piece (sfdp's lines, every edge of a large layout) stays a line: Qt
            // flattens a long cubic into thousands of segments on every frame.
            const QLineF chord(p[i - 1], p[i + 2]);
            const auto offLine = [&](const QPointF &c) {
                const QPointF d = chord.p2() - chord.p1();
                const qreal cross = d.x() * (c.y() - chord.y1()) - d.y() * (c.x() - chord.x1());
                return std::abs(cross) > 0.5 * std::max(chord.length(), 1.0);
            };
            if (offLine(p[i]) || offLine(p[i + 1])) {
                m_path.cubicTo(p[i], p[i + 1], p[i + 2]);
                m_straight = false;
            } else {
                m_path.lineTo(p[i + 2]);
            }
        }
    }
    if (edge.hasArrow && !p.empty()) {
        const QPointF tip = edge.arrowTip, base = p.back();
        const QLineF line(base, tip);
        const qreal angle = std::atan2(-line.dy(), line.dx());
        const qreal size = 9;
        m_arrow << tip
                << tip
                - QPointF(std::cos(angle - M_PI / 7) * size, -std::sin(angle - M_PI / 7) * size)
                << tip
                - QPointF(std::cos(angle + M_PI / 7) * size, -std::sin(angle + M_PI / 7) * size);
        m_path.lineTo(tip);
    }
    m_chord = QLineF(
        m_path.elementCount() ? QPointF(m_path.elementAt(0)) : QPointF(), m_path.currentPosition());
    m_bounds = m_path.boundingRect().united(m_arrow.boundingRect()).adjusted(-4, -4, 4, 4);
    setZValue(inRadius ? 1 : 0);
}

void EdgeItem::setEmphasis(bool highlighted, bool dimmed)
{
    if (highlighted == m_highlighted && dimmed == m_dimmed)
        return;
    m_highlighted = highlighted;
    m_dimmed = dimmed;
    setZValue(highlighted ? 4 : (m_inRadius ? 1 : 0));
    update();
}

// Pens and brushes are made once: painting 10,000 items allocates nothing per frame.
struct EdgeStyle {
    QPen pen;
    QBrush arrow;
    QPen overview; // a solid hairline
};

// Far out, thousands of hairlines would bury the nodes. Opaque (blended with the ground
// beforehand at `alpha`): translucent lines cost 3x.
QPen hairlineOf(const QColor &c, qreal alpha, const QColor &ground)
{
    const auto blend = [alpha](int v, int g) {
        return int(v * alpha + g * (1 - alpha));
    };
    QPen hairline(QColor(blend(c.red(), ground.red()), blend(c.green(), ground.green()),
                      blend(c.blue(), ground.blue())),
        0);
    hairline.setCosmetic(true);
    return hairline;
}

// Made once per theme: [0] light, [1] dark.
template<typename Make>
const auto &perTheme(Make make)
{
    static const std::array<decltype(make(ThemeColours {})), 2> styles {
        make(themeColoursFor(false)), make(themeColoursFor(true))};
    return styles[isDark() ? 1 : 0];
}

// A cross-stack edge: the estate's reddish purple, dashed, strong unless dimmed.
const EdgeStyle &crossStackStyle(bool highlighted, bool dimmed)
{
    const auto &styles = perTheme([](const ThemeColours &t) {
        std::array<EdgeStyle, 4> all;
        for (int i = 0; i < 4; ++i) {
            const bool h = i & 1, d = i & 2;
            QColor c(core::style::crossStackStroke());
            if (d)
                c = faded(c, t.background, 0.25);
            all[i] = {QPen(c, h ? 3.5 : 2.2, Qt::DashLine), QBrush(c),
                hairlineOf(c, d ? 0.1 : 0.7, t.background)};
        }
        return all;
    });
    return styles[(highlighted ? 1 : 0) | (dimmed ? 2 : 0)];
}

const EdgeStyle &edgeStyle(bool highlighted, bool inRadius, bool dimmed)
{
    const auto &styles = perTheme([](const ThemeColours &t) {
        std::array<EdgeStyle, 8> all;
        for (int i = 0; i < 8; ++i) {
            const bool h = i & 1, r = i & 2, d = i & 4;
            QColor c = h ? t.chainEdge : r ? t.radiusEdge : t.edge;
            if (d)
                c = faded(c, t.background, 0.22);
            // The chain that pulls a data store in is strong; the rest stays legible.
            QPen pen(c, h ? 4.0 : (r ? 2.4 : 1.2));
            if (!r && !h)
                pen.setStyle(Qt::DashLine); // not only colour tells radius edges apart
            // Far out only the chain stays strong.
            all[i] = {pen, QBrush(c),
                hairlineOf(c,
                    h       ? 1.0
                        : d ? 0.08
                        : r ? 0.55
                            : 0.22,
                    t.background)};
        }
        return all;
    });
    return styles[(highlighted ? 1 : 0) | (inRadius ? 2 : 0) | (dimmed ? 4 : 0)];
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const EdgeStyle &style = m_crossStack ? crossStackStyle(m_highlighted, m_dimmed)
                                          : edgeStyle(m_highlighted, m_inRadius, m_dimmed);
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing, lod >= OverviewLod);
    if (lod < TextLod) { // the chord: at this zoom a curve's bends and arrow are a pixel or two
        painter->setPen(style.overview);
        painter->drawLine(m_chord);
        return;
    }
    if (m_straight && m_path.elementCount() > 1) {
        // Qt's antialiasing rasteriser walks a wide line's whole length, on screen or not: a
        // long straight edge is cut to the window first (a large layout has thousands).
        const QRect device(0, 0, painter->device()->width(), painter->device()->height());
        const QRectF visible
            = painter->worldTransform().inverted().mapRect(QRectF(device)).adjusted(-8, -8, 8, 8);
        QLineF line(m_path.elementAt(0), m_path.currentPosition());
        painter->setPen(style.pen);
        if (clipLine(line, visible))
            painter->drawLine(line);
    } else {
        painter->setPen(style.pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(m_path);
    }
    painter->setBrush(style.arrow);
    painter->drawPolygon(m_arrow);
}

ClusterItem::ClusterItem(const QRectF &rect, const QString &label, bool stack)
    : m_rect(rect)
    , m_label(shown(label))
    , m_font(QGuiApplication::font())
    , m_stack(stack)
{
    m_label.setTextFormat(Qt::PlainText);
    if (stack) {
        m_font.setPointSizeF(m_font.pointSizeF() * 1.4);
        m_font.setBold(true);
    }
    setZValue(stack ? -2 : -1);
}

void ClusterItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    struct Pens {
        QPen border;
        QBrush fill;
        QPen text;
        QPen overviewBorder; // solid hairline
        QBrush overviewFill; // opaque: blending costs
        // A stack: a solid, strong border, so stacks read apart from modules at any zoom.
        QPen stackBorder;
        QBrush stackFill;
        QPen stackText;
        QPen stackOverviewBorder;
    };
    const Pens &pens = perTheme([](const ThemeColours &t) {
        return Pens {QPen(t.clusterBorder, 1, Qt::DashLine), QBrush(t.clusterFill),
            QPen(t.clusterText), QPen(t.clusterBorder, 0), QBrush(t.clusterOverviewFill),
            QPen(t.stackBorder, 2.5), QBrush(t.stackFill), QPen(t.stackText),
            QPen(t.stackBorder, 2)};
    });
    const auto &[border, fill, text, overviewBorder, overviewFill, stackBorder, stackFill,
        stackText, stackOverviewBorder]
        = pens;
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing, lod >= OverviewLod);
    if (m_stack) {
        painter->setPen(lod < OverviewLod ? stackOverviewBorder : stackBorder);
        painter->setBrush(stackFill);
        painter->drawRoundedRect(m_rect, 10, 10);
        // The stack's name stays readable further out than a module's: it is the landmark.
        if (lod >= OverviewLod) {
            painter->setPen(stackText);
            painter->setFont(m_font);
            painter->drawStaticText(m_rect.topLeft() + QPointF(8, 4), m_label);
        }
        return;
    }
    painter->setPen(lod < OverviewLod ? overviewBorder : border);
    painter->setBrush(lod < OverviewLod ? overviewFill : fill);
    if (lod < OverviewLod)
        painter->drawRect(m_rect);
    else
        painter->drawRoundedRect(m_rect, 6, 6);
    if (lod >= TextLod) {
        painter->setPen(text);
        painter->drawStaticText(m_rect.topLeft() + QPointF(6, 4), m_label);
    }
}

} // namespace bg::ui
