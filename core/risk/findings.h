// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/graph/impact.h"
#include "core/risk/rules.h"

#include <utility>

namespace bg::core {

// A rule's words with their placeholders filled in for one node. The words are the rule's,
// shared by all its findings, and what fills each placeholder is kept beside them: the text is
// put together when it is read. (Each finding's text written out whole was a third of a
// report's memory on a plan of 10,000 deleted databases, and writing it a tenth of its time.)
// 32 bytes: the fills sit in one block of their own, their count at its head (a std::vector of
// them made it 48, and a finding holds two).
class FilledWords {
public:
    FilledWords() = default;
    FilledWords(QString text) // words with nothing to fill in, taken as they are
        : m_words(std::move(text))
    {
    }
    FilledWords(const FilledWords &other);
    FilledWords(FilledWords &&other) noexcept
        : m_words(std::move(other.m_words))
        , m_fills(std::exchange(other.m_fills, nullptr))
    {
    }
    FilledWords &operator=(const FilledWords &other);
    FilledWords &operator=(FilledWords &&other) noexcept;
    ~FilledWords();

    // Replaces words[at, at + length) with `value`; the fills come in the words' order.
    void fill(qsizetype at, qsizetype length, QString value);
    void reserveFills(qsizetype most);
    QString text() const;
    qsizetype size() const;
    bool isEmpty() const { return size() == 0; }
    FilledWords &operator+=(const QString &more); // more words after these
    friend bool operator==(const FilledWords &a, const FilledWords &b)
    {
        return a.text() == b.text();
    }

private:
    struct Fill {
        qint32 at;
        qint32 length;
        QString value;
    };
    struct Fills; // a count, a room, and that many Fill after them
    const Fill *begin() const;
    const Fill *end() const;
    void grow(qsizetype room);

    QString m_words;
    Fills *m_fills = nullptr; // null: nothing filled in
};

// One thing a reviewer must know, in words. Critical findings are data-loss items, and each
// one needs its own acknowledgement before a plan can be approved. 120 bytes: a plan of 10,000
// deleted databases has 50,000 of them (at 160, before the node sat beside the severity and
// FilledWords took 32 bytes, they were 8 MB of its 38 MB peak).
struct Finding {
    Severity severity = Severity::Info;
    int node = -1;
    QString code;
    QString address;
    FilledWords message;
    // The rule's outcome words, filled in (masked) for this node: why it is refused, where its
    // data is kept, or what is lost. Empty when the rule has no outcome.
    FilledWords outcomeWords;
};
static_assert(sizeof(void *) != 8 || sizeof(Finding) == 120);

// One attribute set to a value on every node whose type matches one of `types` (globs), as if
// the configuration had said so: what-if questions such as "with deletion_protection = true".
// Only a top-level attribute, and only on a side where the object exists (never before a
// create, never after a delete).
struct AttributeOverride {
    QStringList types;
    QString attribute;
    QJsonValue value;
};

// Applies the rules to every node by its action in `impact`, with `overrides` applied to the
// values before and after the change. Most severe first, then in document order.
std::vector<Finding> evaluateFindings(const Document &document, const Impact &impact,
    const RuleSet &rules, const std::vector<AttributeOverride> &overrides = {});

// Most severe first, then by node, keeping the order of a node's findings of one severity.
// Each finding is moved once, in place (std::stable_sort's buffer held a second copy of them
// all: on 50,000 findings, 5 MB more at the report's peak).
void sortFindings(std::vector<Finding> &findings);

} // namespace bg::core
