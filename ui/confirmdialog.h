// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/gate/signedapproval.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QTimer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace bg::ui {

// The guarded confirm (SECURITY.md, "Approvals: what they prove and what they do not"). The confirm
// button enables only when every kind of critical finding is ticked (one tick per finding code,
// with its count and the list behind it), the typed phrase equals
// confirmationPhrase() exactly (trimmed), and a short hold has then passed with nothing changed.
// Enter never confirms: there is no default button anywhere in the dialog. Confirming writes an
// approval record bound to this exact plan and accepts the dialog. A plan that did not load, is not
// a plan, or has errors can never be approved; the dialog says why.
class ConfirmDialog : public QDialog {
    Q_OBJECT

public:
    // With the rules the analysis was made with (a user's rules may mask more).
    // The policy in force (with `rules`, what the record binds: their fingerprints, the
    // approval's expiry) and the SSH key that signs the record (FILE.sig), which the reviewer
    // can change in the dialog. Where the policy requires signed approvals (the shipped one
    // does) nothing is saved without a key: an unsigned record would only be refused.
    struct Signing {
        core::Policy policy;
        QString key;
    };
    ConfirmDialog(const core::Analysis &analysis, const core::RuleSet &rules,
        const QString &approver = qEnvironmentVariable("USER"), const Signing &signing = {},
        QWidget *parent = nullptr);

    // How long the button stays disabled after everything is in place. 0 enables at once.
    void setHoldDuration(int msec);
    int holdDuration() const { return m_holdMs; }
    // Where the approval goes without asking; empty asks with a file dialog.
    void setSavePath(const QString &path) { m_savePath = path; }
    QString savedPath() const { return m_savedPath; }

    QString phrase() const { return m_phrase; } // what the reviewer must type
    QStringList blockers() const { return m_blockers; } // why this plan cannot be approved

    QPushButton *confirmButton() const { return m_confirm; }
    // One box per kind of critical finding (its code), then one per warning the gate needs
    // acknowledged. A kind of several findings lists them behind a button (kindLists()).
    QList<QCheckBox *> checkBoxes() const { return m_boxes; }
    QList<QLabel *> kindLists() const { return m_kindLists; }
    QLineEdit *phraseEdit() const { return m_phraseEdit; }
    QLineEdit *keyEdit() const { return m_keyEdit; }
    QString signingKey() const; // the key the reviewer chose, as typed
    bool isConfirmEnabled() const;

signals:
    void approvalSaved(const QString &path);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void build(const core::Analysis &analysis, const core::RuleSet &rules);
    QWidget *buildFindings(const core::Analysis &analysis);
    void buildKeyRow(QVBoxLayout *layout);
    bool conditionsMet() const;
    void restartGuard(); // any change: cancel the hold, and start a new one when conditions hold
    void tickHold();
    void confirm();
    QString defaultSavePath() const;
    void neverDefault();

    core::Approval m_approval; // for this plan; its time is set when the reviewer confirms
    QString m_phrase;
    QStringList m_blockers;
    QString m_savePath;
    bool m_signingRequired = true;
    QLineEdit *m_keyEdit = nullptr;
    QString m_savedPath;
    int m_holdMs = 1500;
    bool m_holding = false;
    QElapsedTimer m_holdClock;
    QTimer m_holdTimer;

    QList<QCheckBox *> m_boxes;
    QList<QLabel *> m_kindLists;
    QLineEdit *m_phraseEdit = nullptr;
    QProgressBar *m_holdBar = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_saved = nullptr;
    QPushButton *m_confirm = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace bg::ui
