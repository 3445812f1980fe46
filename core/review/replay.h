// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The destroy replayed step by step, as plain values: for the GUI's replay slider and for the
// reports' destroy-order lists and timelines.
#pragma once

#include "core/risk/analysis.h"

#include <array>
#include <charconv>
#include <functional>
#include <initializer_list>

namespace bg::core {

// Terraform walks the destroy graph up to 10 operations at once (-parallelism): a node may go
// as soon as everything that depends on it has gone. A node's wave is the earliest round it can
// go in: the number of destroyed nodes on the longest chain of dependents above it (the chain
// may pass through nodes that are not destroyed, such as data sources or updates, which add no
// wave). Waves are not barriers Terraform observes: it may take a node of a later wave sooner,
// on another branch, while an earlier wave is still going. The steps are numbered in wave
// order, and within a wave in the order of Impact::destroyOrder: one order Terraform may take,
// not the only one. Nodes caught in a dependency cycle (which Terraform refuses) form one last
// wave, in file order.
struct ReplayStep {
    int node = -1; // the analysis node destroyed at this step (deleted, or replaced)
    int wave = 0; // 0-based; steps of one wave have no dependency between them
    bool dataLoss = false; // a critical data loss the apply carries out (Analysis::lossNodes)
    bool pointOfNoReturn = false; // the first data-loss step in this order (pointOfNoReturn)
    int goneBefore = 0; // steps before this one (nodes already gone in the replay)
    int dataGoneBefore = 0; // data stores (RuleSet::isDataCategory) among them
    // What is lost, in words: "the database; no final snapshot; its automated backups go with
    // it". Empty for a node that holds no data and has no critical finding.
    QString loss;
    // What happens, after the address: "deleted — " and the loss, or "replaced (network)".
    QString what;
    int total = 0; // steps in all
    // "Step 12 of 38: module.database.aws_db_instance.edu deleted — the database; ...". Plain
    // words from the category and the node's critical findings; findings are already masked,
    // so no secret value can appear. Made when asked for: a 10,000-node destroy's sentences are
    // megabytes.
    QString sentence(const Document &document) const;
    // The same sentence as the pieces it is made of, in order, given to `write` at once (an
    // initializer list of QStringView): what a writer that streams them reads (the JSON report).
    template<typename Write>
    void sentencePieces(const Document &document, Write write) const
    {
        const Digits number(goneBefore + 1), all(total);
        write({u"Step ", number.text(), u" of ", all.text(), u": ",
            document.resources[size_t(node)].id, u" ", what});
    }

private:
    // A number's decimal digits, made where they are used (QString::number allocates).
    class Digits {
    public:
        explicit Digits(qint64 n)
        {
            char digits[24];
            const char *end = std::to_chars(digits, digits + sizeof digits, n).ptr;
            for (const char *p = digits; p < end; ++p)
                m_text[m_size++] = char16_t(*p);
        }
        QStringView text() const { return QStringView(m_text.data(), m_size); }

    private:
        std::array<char16_t, 24> m_text {};
        qsizetype m_size = 0;
    };
};

// The destroyed nodes in replay order, and the wave of each (same length, same order).
struct ReplayOrder {
    std::vector<int> nodes;
    std::vector<int> waves;
    int waveCount() const { return waves.empty() ? 0 : waves.back() + 1; }
};
ReplayOrder replayOrder(const Analysis &analysis);

// Every destroyed node once, in replay order. Empty when nothing is destroyed.
std::vector<ReplayStep> destroyReplay(const Analysis &analysis, const RuleSet &rules);
// The same steps one at a time, none kept: a 10,000-node destroy's sentences are megabytes.
void forEachReplayStep(const Analysis &analysis, const RuleSet &rules,
    const std::function<void(ReplayStep &&)> &visit);

} // namespace bg::core
