// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/risk/attributediff.h"

#include <QWidget>
#include <memory>
#include <vector>

class QTextBrowser;
class QUrl;

namespace bg::core {
struct Analysis;
class RuleSet;
} // namespace bg::core

namespace bg::ui {

// Everything about one resource: what happens to it and why, the chain that pulls it in, its
// findings, and its attributes as a before/after diff. The diff, and what it masks, is core's
// (core/attributediff.h), computed only for the resource shown; the panel renders its rows.
// All text is HTML-escaped; addresses and values are data, never markup.
class DetailsPanel : public QWidget {
    Q_OBJECT

public:
    static constexpr int MaxRows = 500; // diff rows drawn; more are counted, not drawn
    static constexpr int MaxValueChars = 1000; // longer values are cut, with the length noted
    // A chain names at most this many addresses (as a reason does): a line of 20,000 in full
    // was a paragraph of 20,000 addresses on every selection.
    static constexpr int MaxChainShown = 12;
    static constexpr int MaxBreaks = 50; // other stacks' resources listed; more are counted

    explicit DetailsPanel(QWidget *parent = nullptr);
    ~DetailsPanel() override;

    // `rules` masks the values and must outlive the panel's use of this analysis. Without
    // rules nothing can be masked, so no attribute value is shown. Clears the panel.
    void setAnalysis(std::shared_ptr<const core::Analysis> analysis, const core::RuleSet *rules);
    void showNode(int node); // out of range: clear()
    void clear();
    int currentNode() const { return m_node; }

    // Unchanged attributes are collapsed into a count unless this is on; a link in the panel
    // toggles it too.
    void setShowUnchanged(bool show);
    bool showUnchanged() const { return m_showUnchanged; }

    QString toPlainText() const;
    QString toHtml() const;
    QTextBrowser *browser() const { return m_browser; }

private:
    void render();
    void onAnchorClicked(const QUrl &url);
    QString summaryHtml() const;
    QString diffHtml() const;

    QTextBrowser *m_browser;
    std::shared_ptr<const core::Analysis> m_analysis;
    const core::RuleSet *m_rules = nullptr;
    int m_node = -1;
    bool m_showUnchanged = false;
    std::vector<core::DiffRow> m_diff; // the shown node's, computed once per showNode
};

} // namespace bg::ui
