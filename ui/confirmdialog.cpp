// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "confirmdialog.h"

#include "shown.h"
#include "theme.h"

#include <QCheckBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStyleOptionButton>
#include <QStylePainter>
#include <QToolButton>
#include <QVBoxLayout>

namespace bg::ui {

using namespace core;

namespace {

// QCheckBox cannot wrap its text. This one draws only its indicator; a word-wrapped label
// beside it shows the text. text() still holds the whole text, so screen readers read it.
class WrappedCheckBox : public QCheckBox {
public:
    using QCheckBox::QCheckBox;
    QSize sizeHint() const override
    {
        QStyleOptionButton option;
        initStyleOption(&option);
        option.text.clear();
        return style()->sizeFromContents(QStyle::CT_CheckBox, &option, QSize(), this);
    }
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QStylePainter painter(this);
        QStyleOptionButton option;
        initStyleOption(&option);
        option.text.clear();
        painter.drawControl(QStyle::CE_CheckBox, option);
    }
};

// Clicking the label ticks its box, as clicking a check box's own text does.
class ClickForwarder : public QObject {
public:
    ClickForwarder(QCheckBox *box, QObject *parent)
        : QObject(parent)
        , m_box(box)
    {
    }
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::MouseButtonRelease && m_box->isEnabled())
            m_box->click();
        return false;
    }

private:
    QCheckBox *m_box;
};

} // namespace

ConfirmDialog::ConfirmDialog(const Analysis &analysis, const RuleSet &rules,
    const QString &approver, const Signing &signing, QWidget *parent)
    : QDialog(parent)
    , m_signingRequired(signing.policy.requireSignedApproval)
{
    m_phrase = confirmationPhrase(analysis, rules);
    m_approval = approvalFor(analysis, approver.isEmpty() ? QStringLiteral("unknown") : approver,
        m_phrase, inForce(rules, signing.policy), signing.policy);
    // An approval made for this very analysis fails only when the plan itself cannot be
    // approved (not loaded, not a plan, errored): the same rules `gate` applies.
    m_blockers = planBlockers(analysis);
    build(analysis, rules);
    m_keyEdit->setText(signing.key);
    m_holdTimer.setInterval(50);
    connect(&m_holdTimer, &QTimer::timeout, this, &ConfirmDialog::tickHold);
    restartGuard();
}

void ConfirmDialog::build(const Analysis &analysis, const RuleSet &rules)
{
    setWindowTitle(tr("Confirm destroy"));
    auto *layout = new QVBoxLayout(this);

    const bool critical = analysis.criticalCount() > 0;
    const QString words = shown(analysis.headline(rules));
    auto *headline = new QLabel(critical ? QStringLiteral("⚠ ") + words : words, this);
    headline->setTextFormat(Qt::PlainText);
    QFont big = headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    headline->setFont(big);
    headline->setWordWrap(true);
    headline->setAccessibleName(tr("What this plan destroys"));
    if (critical)
        headline->setStyleSheet(QStringLiteral("color: %1;").arg(themeColours().danger.name()));
    layout->addWidget(headline);

    if (!m_blockers.isEmpty()) {
        QStringList blockers;
        for (const QString &blocker : m_blockers)
            blockers.append(shown(blocker));
        auto *blocked = new QLabel(
            tr("This plan cannot be approved:\n• %1").arg(blockers.join(QStringLiteral("\n• "))),
            this);
        blocked->setTextFormat(Qt::PlainText);
        blocked->setWordWrap(true);
        blocked->setStyleSheet(
            QStringLiteral("color: %1; font-weight: bold;").arg(themeColours().danger.name()));
        blocked->setAccessibleName(tr("Why this plan cannot be approved"));
        layout->addWidget(blocked);
    }
    if (needsApproval(analysis))
        layout->addWidget(buildFindings(analysis), 1);

    auto *instruction = new QLabel(
        tr("Type <b><code>%1</code></b> to confirm. The phrase names what dies: how many "
           "resources are destroyed and the most important data store among them.")
            .arg(m_phrase.toHtmlEscaped()),
        this);
    instruction->setWordWrap(true);
    instruction->setTextFormat(Qt::RichText);
    layout->addWidget(instruction);
    m_phraseEdit = new QLineEdit(this);
    m_phraseEdit->setPlaceholderText(tr("type the phrase here"));
    m_phraseEdit->setAccessibleName(tr("Confirmation phrase"));
    m_phraseEdit->setAccessibleDescription(tr("Type: %1").arg(m_phrase));
    instruction->setBuddy(m_phraseEdit);
    layout->addWidget(m_phraseEdit);
    m_phraseEdit->setEnabled(m_blockers.isEmpty());
    connect(m_phraseEdit, &QLineEdit::textChanged, this, &ConfirmDialog::restartGuard);

    buildKeyRow(layout);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("What is still missing"));
    layout->addWidget(m_status);
    m_holdBar = new QProgressBar(this);
    m_holdBar->setTextVisible(false);
    m_holdBar->setMaximumHeight(6);
    m_holdBar->setAccessibleName(tr("Hold before the button enables"));
    m_holdBar->setVisible(false);
    layout->addWidget(m_holdBar);
    m_saved = new QLabel(this);
    m_saved->setWordWrap(true);
    m_saved->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_saved->setAccessibleName(tr("Where the approval was saved"));
    m_saved->setVisible(false);
    layout->addWidget(m_saved);

    auto *buttons = new QHBoxLayout; // not a QDialogButtonBox: it makes an accept button default
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_confirm = new QPushButton(tr("Confirm destroy…"), this);
    m_confirm->setAccessibleName(tr("Confirm destroy"));
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_confirm);
    layout->addLayout(buttons);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_confirm, &QPushButton::clicked, this, &ConfirmDialog::confirm);
    neverDefault();
}

// "Sign with SSH key: [path] [Choose…]": a private key file, or the public half of a key held by
// ssh-agent or a FIDO token.
void ConfirmDialog::buildKeyRow(QVBoxLayout *layout)
{
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("Sign with SSH &key:"), this);
    m_keyEdit = new QLineEdit(this);
    m_keyEdit->setPlaceholderText(m_signingRequired
            ? tr("required: a private key, or a public key held by ssh-agent")
            : tr("optional: a private key, or a public key held by ssh-agent"));
    m_keyEdit->setAccessibleName(tr("SSH key that signs the approval"));
    m_keyEdit->setEnabled(m_blockers.isEmpty());
    label->setBuddy(m_keyEdit);
    auto *choose = new QPushButton(tr("Choose…"), this);
    choose->setAccessibleName(tr("Choose the SSH key"));
    choose->setEnabled(m_blockers.isEmpty());
    connect(choose, &QPushButton::clicked, this, [this] {
        const QString start = m_keyEdit->text().isEmpty()
            ? QDir::home().filePath(QStringLiteral(".ssh"))
            : m_keyEdit->text();
        const QString key = QFileDialog::getOpenFileName(this, tr("SSH key that signs"), start);
        if (!key.isEmpty())
            m_keyEdit->setText(key);
    });
    connect(m_keyEdit, &QLineEdit::textChanged, this, &ConfirmDialog::restartGuard);
    row->addWidget(label);
    row->addWidget(m_keyEdit, 1);
    row->addWidget(choose);
    layout->addLayout(row);
}

QString ConfirmDialog::signingKey() const
{
    return m_keyEdit->text().trimmed();
}

namespace {

// The critical findings of one code: one tick acknowledges them all. The data stores come
// first, in the group and among the groups, as the phrase names the most important one.
struct FindingKind {
    QString code;
    std::vector<const Finding *> findings;
    int rank = 2; // 0: holds a database, 1: a snapshot or backup, 2: anything else
};

int dataRank(const Analysis &analysis, int node)
{
    const QString &category = node >= 0 && size_t(node) < analysis.categories.size()
        ? analysis.categories[size_t(node)]
        : QString();
    return category == QLatin1String("database") ? 0
        : category == QLatin1String("snapshot")  ? 1
                                                 : 2;
}

std::vector<FindingKind> criticalKinds(const Analysis &analysis)
{
    std::vector<FindingKind> kinds;
    for (const Finding &f : analysis.findings) {
        if (f.severity != Severity::Critical)
            continue;
        auto kind = std::find_if(
            kinds.begin(), kinds.end(), [&](const FindingKind &k) { return k.code == f.code; });
        if (kind == kinds.end())
            kind = kinds.insert(kinds.end(), FindingKind {f.code, {}, 2});
        kind->findings.push_back(&f);
        kind->rank = std::min(kind->rank, dataRank(analysis, f.node));
    }
    for (FindingKind &k : kinds) {
        std::stable_sort(
            k.findings.begin(), k.findings.end(), [&](const Finding *a, const Finding *b) {
                return dataRank(analysis, a->node) < dataRank(analysis, b->node);
            });
    }
    std::stable_sort(kinds.begin(), kinds.end(),
        [](const FindingKind &a, const FindingKind &b) { return a.rank < b.rank; });
    return kinds;
}

QString findingLine(const Finding &f)
{
    return QStringLiteral("%1 — %2").arg(shown(f.address), shown(f.message.text()));
}

// "12 findings “rds-deleted”: a, b, c and 9 more": what one tick acknowledges, in one line.
QString kindLine(const FindingKind &kind)
{
    if (kind.findings.size() == 1)
        return findingLine(*kind.findings.front());
    constexpr size_t Named = 3;
    QStringList named;
    for (size_t i = 0; i < kind.findings.size() && i < Named; ++i)
        named.append(shown(kind.findings[i]->address));
    QString line = ConfirmDialog::tr("%1 findings “%2”: %3")
                       .arg(kind.findings.size())
                       .arg(kind.code, named.join(QStringLiteral(", ")));
    if (kind.findings.size() > Named)
        line += ConfirmDialog::tr(" and %1 more").arg(kind.findings.size() - Named);
    return line;
}

} // namespace

QWidget *ConfirmDialog::buildFindings(const Analysis &analysis)
{
    auto *box = new QWidget;
    auto *list = new QVBoxLayout(box);
    list->addWidget(new QLabel(
        tr("Tick each kind of data loss and each warning to acknowledge it (the list behind a "
           "kind opens with its button):"),
        box));
    auto addBox = [&](const QString &text, const QStringList &behind) {
        auto *check = new WrappedCheckBox(text, box);
        check->setAccessibleName(text);
        auto *label = new QLabel(text, box);
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setBuddy(check);
        label->installEventFilter(new ClickForwarder(check, label));
        auto *row = new QHBoxLayout;
        row->addWidget(check, 0, Qt::AlignTop);
        auto *column = new QVBoxLayout;
        column->addWidget(label);
        if (!behind.isEmpty()) {
            auto *more = new QToolButton(box);
            more->setText(tr("Show all %1").arg(behind.size()));
            more->setCheckable(true);
            more->setAccessibleName(tr("Show the findings behind: %1").arg(text));
            auto *items
                = new QLabel(QStringLiteral("• ") + behind.join(QStringLiteral("\n• ")), box);
            items->setWordWrap(true);
            items->setTextFormat(Qt::PlainText);
            items->setTextInteractionFlags(Qt::TextSelectableByMouse);
            items->setVisible(false);
            items->setAccessibleName(tr("Findings behind: %1").arg(text));
            connect(
                more, &QToolButton::toggled, items, [more, items, count = behind.size()](bool on) {
                    items->setVisible(on);
                    more->setText(on ? tr("Hide the list") : tr("Show all %1").arg(count));
                });
            column->addWidget(more, 0, Qt::AlignLeft);
            column->addWidget(items);
            m_kindLists.append(items);
        }
        row->addLayout(column, 1);
        list->addLayout(row);
        check->setEnabled(m_blockers.isEmpty());
        connect(check, &QCheckBox::toggled, this, &ConfirmDialog::restartGuard);
        m_boxes.append(check);
    };
    for (const FindingKind &kind : criticalKinds(analysis)) {
        QStringList behind;
        if (kind.findings.size() > 1) {
            for (const Finding *f : kind.findings)
                behind.append(findingLine(*f));
        }
        addBox(kindLine(kind), behind);
    }
    for (const Warning &w : gateWarnings(analysis))
        addBox(tr("Warning %1 — %2").arg(w.code, shown(w.message)), {});
    list->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(box);
    scroll->setWidgetResizable(true);
    scroll->setAccessibleName(tr("Critical findings to acknowledge"));
    return scroll;
}

void ConfirmDialog::setHoldDuration(int msec)
{
    m_holdMs = std::max(0, msec);
    restartGuard();
}

bool ConfirmDialog::isConfirmEnabled() const
{
    return m_confirm->isEnabled();
}

bool ConfirmDialog::conditionsMet() const
{
    return m_blockers.isEmpty() && m_phraseEdit->text().trimmed() == m_phrase
        && (!m_signingRequired || !signingKey().isEmpty())
        && std::all_of(
            m_boxes.begin(), m_boxes.end(), [](const QCheckBox *b) { return b->isChecked(); });
}

void ConfirmDialog::restartGuard()
{
    m_holdTimer.stop();
    m_holding = false;
    m_confirm->setEnabled(false);
    m_confirm->setText(tr("Confirm destroy…"));
    m_holdBar->setVisible(false);
    if (!m_blockers.isEmpty()) {
        m_status->setText(tr("Approval is not possible for this plan."));
        return;
    }
    if (!conditionsMet()) {
        const auto ticked = std::count_if(
            m_boxes.begin(), m_boxes.end(), [](const QCheckBox *b) { return b->isChecked(); });
        QStringList missing;
        if (ticked < m_boxes.size())
            missing.append(tr("%1 of %2 items acknowledged").arg(ticked).arg(m_boxes.size()));
        if (m_phraseEdit->text().trimmed() != m_phrase)
            missing.append(tr("the phrase does not match yet"));
        if (m_signingRequired && signingKey().isEmpty())
            missing.append(tr("no SSH key to sign with (the policy requires signed approvals)"));
        m_status->setText(missing.join(QStringLiteral(" · ")));
        return;
    }
    m_holding = true;
    m_holdClock.start();
    m_holdBar->setRange(0, std::max(1, m_holdMs));
    m_holdBar->setValue(0);
    m_holdBar->setVisible(m_holdMs > 0);
    m_status->setText(tr("Everything is in place. Take a breath: the button enables in a moment."));
    tickHold();
    if (m_holding)
        m_holdTimer.start();
}

void ConfirmDialog::tickHold()
{
    if (!m_holding)
        return;
    const qint64 left = m_holdMs - m_holdClock.elapsed();
    if (left > 0) {
        m_confirm->setText(tr("Confirm destroy… (%1 s)").arg(double(left) / 1000.0, 0, 'f', 1));
        m_holdBar->setValue(int(m_holdMs - left));
        return;
    }
    m_holdTimer.stop();
    m_holding = false;
    m_holdBar->setVisible(false);
    m_confirm->setText(tr("Confirm destroy…"));
    m_confirm->setEnabled(true);
    m_status->setText(tr("Confirming writes an approval record bound to this exact plan."));
}

QString ConfirmDialog::defaultSavePath() const
{
    const QFileInfo plan(m_approval.planPath);
    const QString dir = plan.path().isEmpty() ? QDir::currentPath() : plan.path();
    QString name = plan.completeBaseName() + QStringLiteral(".approval.json");
    if (name == plan.fileName()) // never suggest the plan itself
        name = plan.fileName() + QStringLiteral(".approval.json");
    return QDir(dir).filePath(name);
}

void ConfirmDialog::confirm()
{
    // The button is the only way here; still, check the guard again rather than trust it.
    if (!m_confirm->isEnabled() || !conditionsMet())
        return;
    QString path = m_savePath;
    if (path.isEmpty()) {
        path = QFileDialog::getSaveFileName(
            this, tr("Save the approval"), defaultSavePath(), tr("Approval records (*.json)"));
        if (path.isEmpty())
            return;
    }
    Approval approval = m_approval;
    approval.phrase = m_phraseEdit->text().trimmed();
    dateNow(approval); // when the reviewer confirmed
    // Signing may ask for a passphrase or a touch of a FIDO key: ssh-keygen asks through
    // ssh-askpass when there is no terminal.
    const QString key = signingKey();
    const Status written = key.isEmpty() ? writeApproval(approval, path)
                                         : writeSignedApproval(approval, path, key, {});
    if (!written) {
        m_status->setText(tr("The approval was not saved: %1").arg(written.error().toString()));
        return;
    }
    m_savedPath = path;
    m_saved->setText(key.isEmpty()
            ? tr("Approval saved to %1, unsigned: a gate that requires signed approvals will "
                 "refuse it.")
                  .arg(QDir::toNativeSeparators(path))
            : tr("Approval saved to %1 and signed in %2")
                  .arg(QDir::toNativeSeparators(path),
                      QDir::toNativeSeparators(signaturePath(path, 1))));
    m_saved->setVisible(true);
    emit approvalSaved(path);
    accept();
}

void ConfirmDialog::neverDefault()
{
    for (QPushButton *button : findChildren<QPushButton *>()) {
        button->setAutoDefault(false);
        button->setDefault(false);
    }
}

void ConfirmDialog::keyPressEvent(QKeyEvent *event)
{
    // Enter is a reflex, not a decision: swallow it whatever has focus.
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        event->accept();
        return;
    }
    QDialog::keyPressEvent(event);
}

void ConfirmDialog::showEvent(QShowEvent *event)
{
    neverDefault(); // in case a style or a parent made a button default meanwhile
    QDialog::showEvent(event);
    m_phraseEdit->setFocus();
}

} // namespace bg::ui
