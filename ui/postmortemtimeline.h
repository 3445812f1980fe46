// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the postmortem panel shows, computed without widgets: reading the records off the GUI
// thread, the time scale of the axis (idle gaps folded), the lanes of overlapping steps, what is
// gone at a moment. Its words are in postmortemtext.h.
#pragma once

#include "core/postmortem/postmortem.h"
#include "graphitems.h"

#include <memory>
#include <vector>

namespace bg::ui::timeline {

// What to read and what to lay it over. Runs on the thread pool: everything in it is a value or
// shared and const.
struct Request {
    std::shared_ptr<const core::Analysis> analysis;
    core::RuleSet rules;
    QString applyLog; // empty: none
    QStringList cloudLogs;
};

struct Loaded {
    core::Postmortem postmortem;
    // Files that could not be read at all ("path: message"); the postmortem is built from the
    // others. Lines and records that could not be read are in postmortem.errors.
    std::vector<core::Error> unreadable;
};

// Reads the logs and builds the postmortem. Never throws: a bad file is an error value.
Loaded load(const Request &request);

// The axis's time scale: positions 0..1 from time, linear within each stretch of activity; a
// stretch where nothing happens (no call, no step running) longer than a tenth of the span and
// than 30 s is folded to a fixed sliver, so that 19 quiet minutes do not squeeze six busy ones.
class TimeScale {
public:
    struct Segment {
        qint64 from = 0, to = 0; // ms since 1970 UTC
        double start = 0, end = 0; // positions
        bool folded = false;
    };

    TimeScale() = default;
    // From the timeline's calls and steps (a step from its start to its end).
    explicit TimeScale(const std::vector<core::TimelineEntry> &timeline);

    bool isEmpty() const { return m_segments.empty(); }
    qint64 first() const { return m_segments.empty() ? -1 : m_segments.front().from; }
    qint64 last() const { return m_segments.empty() ? -1 : m_segments.back().to; }
    double position(qint64 time) const; // clamped to 0..1
    qint64 time(double position) const; // the inverse, clamped
    const std::vector<Segment> &segments() const { return m_segments; }

private:
    std::vector<Segment> m_segments;
};

// A tick of the axis: its time, and its label ("09:40:00", "09:40").
struct Tick {
    qint64 time;
    QString label;
};
// Ticks on round clock times, at least `minSpacing` (a fraction of the axis) apart, in every
// stretch that is not folded.
std::vector<Tick> ticks(const TimeScale &scale, double minSpacing);

// Greedy interval partitioning: each [from, to] gets the lowest lane free at `from`; lanes
// never hold two intervals that touch. Returns the lane of each, in the order given.
std::vector<int> assignLanes(const std::vector<std::pair<double, double>> &intervals);

// What the record says is gone at `time`, per analysis node (`nodes` of them): Gone once a
// Terraform delete completed or a cloud call deleted it; DataLost once such a step or call lost
// data; Current while a Terraform delete of it runs. Empty before anything happened.
std::vector<NodeMark> marksAt(
    const std::vector<core::TimelineEntry> &timeline, qint64 time, int nodes);

// Every moment something happens (a call, a step's start or end), sorted, without repeats: the
// stops of the step buttons.
std::vector<qint64> eventTimes(const std::vector<core::TimelineEntry> &timeline);
// The entry the cursor stands on: the latest to start (or, for a step, to end) at or before
// `time` (of several at that moment, the first that lost data, else the last); -1 when none.
int entryAt(const std::vector<core::TimelineEntry> &timeline, qint64 time);

} // namespace bg::ui::timeline
