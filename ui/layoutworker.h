// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/layout/layout.h"

#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>

namespace bg::ui {

// Runs core::layoutGraph on its own thread so the window never freezes. A new request
// cancels the one before; results come back as values, tagged with their request number,
// so a late result of a cancelled request is recognised and dropped.
class LayoutWorker : public QObject {
    Q_OBJECT

public:
    explicit LayoutWorker(QObject *parent = nullptr);
    ~LayoutWorker() override;

    quint64 request(core::LayoutRequest request);
    void cancel();
    bool isBusy() const { return m_pending > 0; }

signals:
    void finished(quint64 id, const core::LayoutResult &result);

private:
    QThread m_thread;
    QObject *m_context; // lives on m_thread
    quint64 m_next = 0;
    int m_pending = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace bg::ui
