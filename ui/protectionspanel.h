// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/review/counterfactual.h"
#include "graphitems.h"

#include <QWidget>
#include <memory>

class QCheckBox;
class QTextBrowser;

namespace bg::ui {

// "What would have saved you": one switch per protection in resources/protections. Each
// change asks for the real run to be re-evaluated as if the switched-on protections had been in
// place (ReviewController does it, off the GUI thread); the panel then says, in words, what
// survives, what data is kept and which findings disappear.
class ProtectionsPanel : public QWidget {
    Q_OBJECT

public:
    explicit ProtectionsPanel(QWidget *parent = nullptr);

    // The catalog and the rules outlive the panel. An empty catalog shows `error` instead.
    void setCatalog(
        const core::ProtectionSet *set, const core::RuleSet *rules, const QString &error);
    // The real run the switches apply to; every switch goes off.
    void setAnalysis(std::shared_ptr<const core::Analysis> real);
    void setChecked(const QString &id, bool on);
    QStringList checkedIds() const;
    QStringList checkedTitles() const;
    std::shared_ptr<const core::Analysis> real() const { return m_real; }
    QString resultText() const; // what the panel says, as plain text
    // Says what `counterfactual` (of the real run, for the switches on) changes.
    void showCounterfactual(const core::Counterfactual &counterfactual);
    // Its survivors and kept data, marked per node of the real run.
    std::vector<NodeMark> marksOf(const core::Counterfactual &counterfactual) const;

signals:
    void switchesChanged(const QStringList &ids); // the ids switched on, in catalog order

private:
    void showIntro();
    QStringList checked(QString (QCheckBox::*property)() const) const; // of the boxes ticked

    const core::ProtectionSet *m_set = nullptr;
    const core::RuleSet *m_rules = nullptr;
    std::shared_ptr<const core::Analysis> m_real;
    std::vector<QCheckBox *> m_boxes; // in catalog order
    QWidget *m_switches;
    QTextBrowser *m_text;
};

} // namespace bg::ui
