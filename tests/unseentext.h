// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A plan whose text is built to fool the person reading it, for the suites of the screens: what
// they show must hold no character that acts unseen (core::actsUnseen), as the reports must not
// (tst_gate: planTextCannotFakeALine).
#pragma once

#include "core/risk/masking.h"
#include "testutils.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTextEdit>

namespace bg::tests {

// A line break, line and paragraph separators, a right-to-left override, an isolate, a
// zero-width space, ESC and CSI sequences, NEL, a carriage return and a tag character.
inline QString unseenText()
{
    const char32_t tag = 0xE0041;
    return QStringLiteral("\ngate: PASSED\u2028\u2029\u202e\u2066\u200b\u001b[32m\u009b32m\u0085\r")
        + QString::fromUcs4(&tag, 1);
}

// The plan, written into `dir` under a file name that holds a right-to-left override too: a
// database deleted (a critical finding) and a bucket replaced, their for_each keys, values,
// action reasons and replace paths, and the Terraform version, each holding unseenText().
inline QString writeUnseenPlan(const QTemporaryDir &dir)
{
    const QString bad = unseenText();
    const auto resource = [&](const QString &type, const QString &key, const QJsonObject &change) {
        return QJsonObject {
            {QStringLiteral("address"), QStringLiteral("%1.main[\"%2\"]").arg(type, key)},
            {QStringLiteral("mode"), QStringLiteral("managed")}, {QStringLiteral("type"), type},
            {QStringLiteral("name"), QStringLiteral("main")}, {QStringLiteral("index"), key},
            {QStringLiteral("provider_name"),
                QStringLiteral("registry.terraform.io/hashicorp/aws")},
            {QStringLiteral("action_reason"),
                QStringLiteral("replace_because_cannot_update") + bad},
            {QStringLiteral("change"), change}};
    };
    const QJsonObject database {{QStringLiteral("actions"), QJsonArray {QStringLiteral("delete")}},
        {QStringLiteral("before"),
            QJsonObject {{QStringLiteral("id"), QStringLiteral("db1")},
                {QStringLiteral("identifier"), QStringLiteral("prod") + bad},
                {QStringLiteral("skip_final_snapshot"), true},
                {QStringLiteral("tags"), QJsonObject {{QStringLiteral("Name") + bad, bad}}}}},
        {QStringLiteral("after"), QJsonValue::Null}};
    const QJsonObject bucket {{QStringLiteral("actions"),
                                  QJsonArray {QStringLiteral("delete"), QStringLiteral("create")}},
        {QStringLiteral("before"),
            QJsonObject {{QStringLiteral("bucket"), QStringLiteral("logs") + bad},
                {QStringLiteral("force_destroy"), true}}},
        {QStringLiteral("after"), QJsonObject {{QStringLiteral("bucket"), QStringLiteral("b")}}},
        {QStringLiteral("after_unknown"), QJsonObject {}},
        {QStringLiteral("replace_paths"),
            QJsonArray {QJsonArray {QStringLiteral("bucket") + bad}}}};
    const QJsonObject plan {{QStringLiteral("format_version"), QStringLiteral("1.2")},
        {QStringLiteral("terraform_version"), QStringLiteral("1.9.8") + bad},
        {QStringLiteral("resource_changes"),
            QJsonArray {
                resource(QStringLiteral("aws_db_instance"), QStringLiteral("prod") + bad, database),
                resource(QStringLiteral("aws_s3_bucket"), QStringLiteral("logs") + bad, bucket)}}};
    return writeBytes(dir, QStringLiteral("plan\u202etxt.json"),
        QJsonDocument(plan).toJson(QJsonDocument::Compact));
}

// "" when every character of `text` but a line break can be seen; else the first that cannot,
// and where it stands.
inline QString unseenIn(const QString &text)
{
    const QList<uint> points = text.toUcs4();
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (points[i] != U'\n' && core::actsUnseen(points[i]))
            return QStringLiteral("U+%1 at %2 in: %3").arg(points[i], 4, 16).arg(i).arg(text);
    }
    return {};
}

// Reads texts for unseen characters and keeps what it found: each problem names where.
struct UnseenCheck {
    QStringList problems;
    int texts = 0;

    void text(const QString &text, const char *where)
    {
        ++texts;
        if (const QString unseen = unseenIn(text); !unseen.isEmpty())
            problems.append(QLatin1String(where) + QStringLiteral(": ") + unseen);
    }

    // Every widget under `root`, itself included: its title, tooltip and accessible name and
    // description; a label's, a button's and a line edit's text; a text view's; and every
    // cell of an item view, shown and as a tooltip.
    void widgets(QWidget &root)
    {
        QList<QWidget *> all = root.findChildren<QWidget *>();
        all.prepend(&root);
        text(root.windowTitle(), "title");
        for (QWidget *w : all) {
            text(w->toolTip(), "tooltip");
            text(w->accessibleName(), "accessible name");
            text(w->accessibleDescription(), "accessible description");
            if (auto *label = qobject_cast<QLabel *>(w))
                text(label->text(), "label");
            if (auto *button = qobject_cast<QAbstractButton *>(w))
                text(button->text(), "button");
            if (auto *edit = qobject_cast<QLineEdit *>(w))
                text(edit->text(), "line edit");
            if (auto *view = qobject_cast<QTextEdit *>(w))
                text(view->toPlainText(), "text view");
            if (auto *view = qobject_cast<QAbstractItemView *>(w); view && view->model()) {
                const QAbstractItemModel *m = view->model();
                for (int row = 0; row < m->rowCount(); ++row) {
                    for (int column = 0; column < m->columnCount(); ++column) {
                        const QModelIndex index = m->index(row, column);
                        text(index.data(Qt::DisplayRole).toString(), "table cell");
                        text(index.data(Qt::ToolTipRole).toString(), "table tooltip");
                    }
                }
            }
        }
    }
};

} // namespace bg::tests
