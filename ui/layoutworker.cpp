// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "layoutworker.h"

#include <QCoreApplication>
#include <QPointer>

namespace bg::ui {

LayoutWorker::LayoutWorker(QObject *parent)
    : QObject(parent)
    , m_context(new QObject)
{
    m_thread.setObjectName(QStringLiteral("layout"));
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

LayoutWorker::~LayoutWorker()
{
    cancel();
    m_thread.quit();
    m_thread.wait();
}

quint64 LayoutWorker::request(core::LayoutRequest request)
{
    cancel();
    const quint64 id = ++m_next;
    auto flag = std::make_shared<std::atomic_bool>(false);
    m_cancel = flag;
    ++m_pending;
    QPointer<LayoutWorker> self(this);
    QMetaObject::invokeMethod(
        m_context,
        [self, id, flag, request = std::move(request)] {
            core::LayoutResult result = core::layoutGraph(request, flag.get());
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, id, result = std::move(result)] {
                    if (!self)
                        return;
                    --self->m_pending;
                    emit self->finished(id, result);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return id;
}

void LayoutWorker::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

} // namespace bg::ui
