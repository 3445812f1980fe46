// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/graph/impact.h"
#include "core/risk/rules.h"

namespace bg::core {

// A rule's words with their placeholders filled in for one node. The words are the rule's,
// shared by all its findings, and what fills each placeholder is kept beside them: the text is
// put together when it is read. (Each finding's text written out whole was a third of a
// report's memory on a plan of 10,000 deleted databases, and writing it a tenth of its time.)
class FilledWords {
public:
    FilledWords() = default;
    FilledWords(QString text) // words with nothing to fill in, taken as they are
        : m_words(std::move(text))
    {
    }
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
    QString m_words;
    std::vector<Fill> m_fills;
};

// One thing a reviewer must know, in words. Critical findings are data-loss items, and each
// one needs its own acknowledgement before a plan can be approved.
struct Finding {
    Severity severity = Severity::Info;
    QString code;
    int node = -1;
    QString address;
    FilledWords message;
    // The rule's outcome words, filled in (masked) for this node: why it is refused, where its
    // data is kept, or what is lost. Empty when the rule has no outcome.
    FilledWords outcomeWords;
};

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
