// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/gate/policy.h"
#include "core/review/counterfactual.h"
#include "core/review/review.h"
#include "core/review/scenarios.h"
#include "core/risk/rules.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace bg::ui {

// What a review is about, without widgets: the file open, its analysis as loaded (the base),
// the real run (the base or a what-if of it), what is shown (the real run or a counterfactual
// of it with protections switched on), and the inputs no export may overwrite. MainWindow is
// its view; tests drive it alone.
//
// Opening runs on the thread pool; what-ifs and counterfactuals on the controller's own
// thread, as values, tagged with a request number like LayoutWorker's: a newer request
// supersedes every older one, whose result is dropped when it arrives (requestDropped). A
// request returns at once; its result comes through the signals, on the GUI thread.
class ReviewController : public QObject {
    Q_OBJECT

public:
    enum class Change : quint8 {
        Real, // a new real run: the file just opened, a what-if, or back to the file
        Counterfactual, // the real run as if the switched-on protections had been in place
        ProtectionsOff, // every switch off: the real run again
    };
    Q_ENUM(Change)

    explicit ReviewController(
        core::RuleSet rules, core::Policy policy = {}, QObject *parent = nullptr);
    ~ReviewController() override;

    const core::RuleSet &rules() const { return m_rules; }
    const core::Policy &policy() const { return m_policy; }
    // The protections' catalog; null (with catalogError) when it could not be read.
    const core::ProtectionSet *protectionSet() const;
    QString catalogError() const { return m_catalogError; }

    // Plans, states (two states are compared). False when an opening is already running.
    // With estate roots the file is reviewed inside that estate (File ▸ Open Estate).
    bool open(const QStringList &paths, const QStringList &estateRoots = {});
    bool isLoading() const { return m_loading; }
    bool isBusy() const { return isLoading() || m_pending > 0; }
    // The scenario the next file opens as (its story and lesson are the view's), or none.
    void setScenario(std::optional<core::Scenario> scenario) { m_scenario = std::move(scenario); }
    const std::optional<core::Scenario> &scenario() const { return m_scenario; }

    std::shared_ptr<const core::Analysis> base() const { return m_base; }
    std::shared_ptr<const core::Analysis> real() const { return m_real; }
    std::shared_ptr<const core::Analysis> shown() const { return m_shown; }
    QString path() const { return m_path; } // of the file open
    QStringList openedPaths() const { return m_paths; } // as given to open(), of what is open
    QString context() const { return m_context; } // what a state diff compares, or empty
    QStringList inputs() const { return m_inputs; }
    // The estate around the file open (null estate: none), and the roots it was read from.
    const core::EstateContext &estate() const { return m_estate; }
    QStringList estateRoots() const { return m_estateRoots; }
    QStringList whatIfTargets() const { return m_targets; } // of the real run; empty: none
    QStringList protectionIds() const { return m_protectionIds; }
    const core::Counterfactual &counterfactual() const { return m_counterfactual; }
    // What a report exports: the real run, since a report cannot say "as if".
    std::shared_ptr<const core::Analysis> reportAnalysis() const { return m_real; }
    bool isApprovable() const;

    // `terraform destroy -target` of these addresses on the base. Returns the request number.
    quint64 requestWhatIf(const QStringList &targets);
    void backToBase(); // drops any request in flight; no-op when the base is shown
    // Re-evaluates the real run with these protections switched on. None: the real run again,
    // at once (returns 0). Returns the request number.
    quint64 requestProtections(const QStringList &ids);

signals:
    void opened(); // base, real and shown are the new file's analysis
    void openFailed(const QString &error); // nothing is open any more
    void shownChanged(bg::ui::ReviewController::Change change);
    void requestFinished(quint64 id); // after shownChanged
    void requestDropped(quint64 id); // superseded: its result was never shown

private:
    struct Outcome {
        std::shared_ptr<const core::Analysis> analysis; // null when skipped as superseded
        core::Counterfactual counterfactual;
    };
    // Runs `job` on the worker unless superseded before it starts, then `apply` on the GUI
    // thread unless superseded before it ends.
    quint64 post(std::function<Outcome()> job, std::function<void(Outcome)> apply);
    void supersede() { m_latest->store(++m_next); }
    void loadFinished();

    core::RuleSet m_rules;
    core::Policy m_policy;
    std::optional<core::ProtectionSet> m_protections;
    QString m_catalogError;
    std::optional<core::Scenario> m_scenario;
    QFutureWatcher<core::Review> m_loader;
    // Until its result is taken: the future may finish well before the watcher says so.
    bool m_loading = false;

    std::shared_ptr<const core::Analysis> m_base;
    std::shared_ptr<const core::Analysis> m_real;
    std::shared_ptr<const core::Analysis> m_shown;
    QString m_path;
    QString m_context;
    QStringList m_inputs;
    core::EstateContext m_estate;
    QStringList m_estateRoots;
    QStringList m_requested; // the paths of the opening in flight
    QStringList m_paths;
    QStringList m_targets;
    QStringList m_protectionIds;
    core::Counterfactual m_counterfactual;

    QThread m_thread;
    QObject *m_worker; // lives on m_thread
    quint64 m_next = 0;
    // The newest request: read by the jobs, so that one superseded before it starts is skipped.
    std::shared_ptr<std::atomic<quint64>> m_latest;
    int m_pending = 0;
};

} // namespace bg::ui
