// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reviewcontroller.h"

#include <QCoreApplication>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace bg::ui {

using namespace core;

ReviewController::ReviewController(RuleSet rules, Policy policy, QObject *parent)
    : QObject(parent)
    , m_rules(std::move(rules))
    , m_policy(std::move(policy))
    , m_worker(new QObject)
    , m_latest(std::make_shared<std::atomic<quint64>>(0))
{
    Result<ProtectionSet> protections = ProtectionSet::loadDefault();
    if (protections)
        m_protections = std::move(protections).value();
    else
        m_catalogError = protections.error().toString();
    connect(&m_loader, &QFutureWatcher<Review>::finished, this, &ReviewController::loadFinished);
    m_thread.setObjectName(QStringLiteral("review"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

ReviewController::~ReviewController()
{
    supersede(); // a job not started yet is skipped
    m_thread.quit();
    m_thread.wait();
    m_loader.waitForFinished();
}

const ProtectionSet *ReviewController::protectionSet() const
{
    return m_protections ? &*m_protections : nullptr;
}

bool ReviewController::open(const QStringList &paths, const QStringList &estateRoots)
{
    if (paths.isEmpty() || m_loading)
        return false;
    m_loading = true;
    m_estateRoots = estateRoots;
    m_requested = paths;
    EstateOptions estate;
    estate.roots = estateRoots;
    for (const QString &root : m_policy.estateRoots) { // the policy's, always (as the gate's)
        if (!estate.roots.contains(root))
            estate.roots.append(root);
    }
    m_loader.setFuture(QtConcurrent::run([paths, rules = m_rules, policy = m_policy, estate] {
        return openForReview(paths, rules, policy, estate);
    }));
    return true;
}

void ReviewController::loadFinished()
{
    m_loading = false;
    supersede(); // a what-if of the file before must not land on this one
    const Review loaded = m_loader.result();
    m_targets.clear();
    m_protectionIds.clear();
    m_counterfactual = {};
    if (!loaded.analysis) {
        m_base = m_real = m_shown = nullptr;
        m_path.clear();
        m_context.clear();
        m_inputs.clear();
        m_estate = {};
        m_estateRoots.clear();
        m_paths.clear();
        emit openFailed(loaded.error.toString());
        return;
    }
    m_base = m_real = m_shown = loaded.analysis;
    m_path = loaded.path;
    m_context = loaded.context;
    m_inputs = loaded.inputs;
    m_estate = loaded.estate;
    m_paths = m_requested;
    emit opened();
}

bool ReviewController::isApprovable() const
{
    return m_base && m_shown == m_base && m_base->mode == AnalysisMode::Plan
        && !m_base->document().errored;
}

quint64 ReviewController::post(std::function<Outcome()> job, std::function<void(Outcome)> apply)
{
    const quint64 id = ++m_next;
    m_latest->store(id);
    ++m_pending;
    QPointer<ReviewController> self(this);
    QMetaObject::invokeMethod(
        m_worker,
        [self, id, latest = m_latest, job = std::move(job), apply = std::move(apply)] {
            Outcome outcome = latest->load() == id ? job() : Outcome {};
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, id, apply, outcome = std::move(outcome)]() mutable {
                    if (!self)
                        return;
                    --self->m_pending;
                    if (id != self->m_latest->load() || !outcome.analysis) {
                        emit self->requestDropped(id);
                        return;
                    }
                    apply(std::move(outcome));
                    emit self->requestFinished(id);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return id;
}

quint64 ReviewController::requestWhatIf(const QStringList &targets)
{
    if (!m_base)
        return 0;
    // The job reads values it owns: the base is immutable and shared, the rules and policy
    // copies (implicitly shared, so copying them is cheap and safe across threads).
    return post(
        [base = m_base, rules = m_rules, policy = m_policy, estate = m_estate, targets] {
            auto whatIf = std::make_shared<Analysis>(analyseWhatIf(*base, rules, targets));
            applyPolicy(*whatIf, policy);
            applyEstateContext(*whatIf, estate); // the same stacks, broken by the what-if
            return Outcome {std::move(whatIf), {}};
        },
        [this, targets](Outcome outcome) {
            m_targets = targets;
            m_protectionIds.clear();
            m_counterfactual = {};
            m_real = m_shown = std::move(outcome.analysis);
            emit shownChanged(Change::Real);
        });
}

void ReviewController::backToBase()
{
    supersede();
    if (!m_base || (m_real == m_base && m_shown == m_base))
        return;
    m_targets.clear();
    m_protectionIds.clear();
    m_counterfactual = {};
    m_real = m_shown = m_base;
    emit shownChanged(Change::Real);
}

quint64 ReviewController::requestProtections(const QStringList &ids)
{
    if (!m_real || !m_protections || ids.isEmpty()) {
        supersede();
        m_protectionIds.clear();
        m_counterfactual = {};
        if (m_real) {
            m_shown = m_real;
            emit shownChanged(Change::ProtectionsOff);
        }
        return 0;
    }
    return post(
        [real = m_real, rules = m_rules, set = *m_protections, ids] {
            Counterfactual cf = whatWouldHaveSaved(*real, rules, set, ids);
            auto analysis = cf.analysis;
            return Outcome {std::move(analysis), std::move(cf)};
        },
        [this, ids](Outcome outcome) {
            m_protectionIds = ids;
            m_counterfactual = std::move(outcome.counterfactual);
            m_shown = std::move(outcome.analysis);
            emit shownChanged(Change::Counterfactual);
        });
}

} // namespace bg::ui
