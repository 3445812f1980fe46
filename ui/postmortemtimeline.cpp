// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "postmortemtimeline.h"

#include <QDateTime>
#include <QTimeZone>
#include <algorithm>
#include <numeric>
#include <queue>

namespace bg::ui::timeline {

using namespace core;

namespace {

// A step runs from its start to its end; a call (and a step without an end) is an instant.
qint64 endOf(const TimelineEntry &e)
{
    return std::max(e.time, e.end);
}

int markRank(NodeMark mark)
{
    switch (mark) {
    case NodeMark::Current:
        return 1;
    case NodeMark::Gone:
        return 2;
    case NodeMark::DataLost:
        return 3;
    default:
        return 0;
    }
}

} // namespace

Loaded load(const Request &request)
{
    Loaded out;
    std::optional<ApplyLog> log;
    if (!request.applyLog.isEmpty()) {
        Result<ApplyLog> read = readApplyLog(request.applyLog);
        if (read)
            log = std::move(*read);
        else
            out.unreadable.push_back(read.error());
    }
    // A file that cannot be read must not take the others with it.
    std::optional<CloudLog> cloud;
    if (!request.cloudLogs.isEmpty()) {
        Result<CloudLog> read = readCloudLogs(request.cloudLogs, &out.unreadable);
        if (!read)
            out.unreadable.push_back(read.error());
        else if (!read->files.isEmpty())
            cloud = std::move(*read);
    }
    if (request.analysis)
        out.postmortem = buildPostmortem(
            *request.analysis, request.rules, log ? &*log : nullptr, cloud ? &*cloud : nullptr);
    return out;
}

TimeScale::TimeScale(const std::vector<TimelineEntry> &timeline)
{
    std::vector<std::pair<qint64, qint64>> spans;
    for (const TimelineEntry &e : timeline) {
        if (e.time >= 0)
            spans.emplace_back(e.time, endOf(e));
    }
    if (spans.empty())
        return;
    std::sort(spans.begin(), spans.end());
    // Stretches of activity: overlapping spans merged.
    std::vector<std::pair<qint64, qint64>> active {spans.front()};
    for (const auto &[from, to] : spans) {
        if (from <= active.back().second)
            active.back().second = std::max(active.back().second, to);
        else
            active.emplace_back(from, to);
    }
    const qint64 span = active.back().second - active.front().first;
    const qint64 foldOver = std::max<qint64>(span / 10, 30000);
    for (const auto &[from, to] : active) {
        if (!m_segments.empty() && from - m_segments.back().to <= foldOver) {
            m_segments.back().to = to; // a short pause stays on the scale
            continue;
        }
        if (!m_segments.empty())
            m_segments.push_back({m_segments.back().to, from, 0, 0, true});
        m_segments.push_back({from, to, 0, 0, false});
    }
    // Each fold a sliver; the rest shared by duration (an instant gets a millisecond's share).
    const auto folds = std::count_if(
        m_segments.begin(), m_segments.end(), [](const Segment &s) { return s.folded; });
    const double foldShare = folds ? std::min(0.05, 0.3 / double(folds)) : 0.0;
    double activeTotal = 0;
    for (const Segment &s : m_segments)
        activeTotal += s.folded ? 0 : double(std::max<qint64>(s.to - s.from, 1));
    double at = 0;
    for (Segment &s : m_segments) {
        s.start = at;
        at += s.folded ? foldShare
                       : (1.0 - foldShare * double(folds))
                * double(std::max<qint64>(s.to - s.from, 1)) / activeTotal;
        s.end = at;
    }
    m_segments.back().end = 1.0;
}

double TimeScale::position(qint64 time) const
{
    if (m_segments.empty())
        return 0;
    time = std::clamp(time, first(), last());
    for (const Segment &s : m_segments) {
        if (time > s.to)
            continue;
        if (s.to == s.from)
            return (s.start + s.end) / 2;
        return s.start + (s.end - s.start) * double(time - s.from) / double(s.to - s.from);
    }
    return 1.0;
}

qint64 TimeScale::time(double position) const
{
    if (m_segments.empty())
        return -1;
    position = std::clamp(position, 0.0, 1.0);
    for (const Segment &s : m_segments) {
        if (position > s.end)
            continue;
        if (s.end <= s.start)
            return s.from;
        return s.from
            + qint64(
                std::llround(double(s.to - s.from) * (position - s.start) / (s.end - s.start)));
    }
    return last();
}

std::vector<Tick> ticks(const TimeScale &scale, double minSpacing)
{
    static constexpr qint64 Steps[] = {1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000,
        600000, 900000, 1800000, 3600000, 7200000, 21600000, 43200000, 86400000};
    std::vector<Tick> out;
    double lastAt = -1;
    auto add = [&](qint64 time, qint64 step) {
        const double at = scale.position(time);
        if (lastAt >= 0 && at - lastAt < minSpacing)
            return;
        lastAt = at;
        const QDateTime utc = QDateTime::fromMSecsSinceEpoch(time, QTimeZone::utc());
        out.push_back({time,
            utc.toString(step < 60000 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"))});
    };
    for (const TimeScale::Segment &s : scale.segments()) {
        if (s.folded)
            continue;
        const double perMs = s.to > s.from ? (s.end - s.start) / double(s.to - s.from) : 0;
        qint64 step = Steps[std::size(Steps) - 1];
        for (qint64 candidate : Steps) {
            if (double(candidate) * perMs >= minSpacing) {
                step = candidate;
                break;
            }
        }
        const size_t before = out.size();
        // Multiples of the step since 1970 fall on round UTC clock times.
        for (qint64 t = (s.from + step - 1) / step * step; perMs > 0 && t <= s.to; t += step)
            add(t, step);
        if (out.size() == before) // a stretch too short for a round time says when it was
            add(s.from, 1000);
    }
    return out;
}

std::vector<int> assignLanes(const std::vector<std::pair<double, double>> &intervals)
{
    std::vector<int> order(intervals.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
        [&](int a, int b) { return intervals[a].first < intervals[b].first; });
    // The lowest free lane each time, in n log n: the busy lanes by their end, the free ones by
    // their number (a burst of calls in one second must not cost n x lanes).
    using Busy = std::pair<double, int>; // end, lane
    std::priority_queue<Busy, std::vector<Busy>, std::greater<>> busy;
    std::priority_queue<int, std::vector<int>, std::greater<>> free;
    int laneCount = 0;
    std::vector<int> lanes(intervals.size(), 0);
    for (int i : order) {
        const auto &[from, to] = intervals[i];
        while (!busy.empty() && busy.top().first < from) {
            free.push(busy.top().second);
            busy.pop();
        }
        int lane;
        if (free.empty()) {
            lane = laneCount++;
        } else {
            lane = free.top();
            free.pop();
        }
        lanes[i] = lane;
        busy.emplace(to, lane);
    }
    return lanes;
}

std::vector<NodeMark> marksAt(const std::vector<TimelineEntry> &timeline, qint64 time, int nodes)
{
    const bool started = std::any_of(timeline.begin(), timeline.end(),
        [time](const TimelineEntry &e) { return e.time >= 0 && e.time <= time; });
    if (!started)
        return {};
    std::vector<NodeMark> marks(size_t(std::max(nodes, 0)), NodeMark::None);
    auto raise = [&](int node, NodeMark mark) {
        if (markRank(mark) > markRank(marks[node]))
            marks[node] = mark;
    };
    for (const TimelineEntry &e : timeline) {
        if (e.node < 0 || e.node >= nodes || e.time < 0 || e.time > time)
            continue;
        const NodeMark done = e.dataLoss ? NodeMark::DataLost : NodeMark::Gone;
        if (e.isStep() && e.action == QLatin1String("delete")) {
            if (e.succeeded && e.end >= 0 && e.end <= time)
                raise(e.node, done);
            else if (e.end < 0 || time < e.end)
                raise(e.node, NodeMark::Current); // still running at `time`
        } else if (!e.isStep() && e.succeeded) {
            // A delete is gone; an emptied bucket still stands, but its data is lost.
            if (e.action == QLatin1String("delete") || e.dataLoss)
                raise(e.node, done);
        }
    }
    return marks;
}

std::vector<qint64> eventTimes(const std::vector<TimelineEntry> &timeline)
{
    std::vector<qint64> times;
    for (const TimelineEntry &e : timeline) {
        for (qint64 t : {e.time, e.end}) {
            if (t >= 0)
                times.push_back(t);
        }
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    return times;
}

int entryAt(const std::vector<TimelineEntry> &timeline, qint64 time)
{
    int best = -1;
    qint64 bestAt = -1;
    for (size_t i = 0; i < timeline.size(); ++i) {
        const TimelineEntry &e = timeline[i];
        // A step is news when it ends (what it did is done) and, until then, when it starts.
        const qint64 at = e.end >= 0 && e.end <= time ? e.end : e.time;
        // At one moment the first that lost data is the news; else the last in the record.
        const bool better = at > bestAt || (at == bestAt && !timeline[size_t(best)].dataLoss);
        if (at >= 0 && at <= time && better) {
            best = int(i);
            bestAt = at;
        }
    }
    return best;
}

} // namespace bg::ui::timeline
