// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model.h"

#include "core/packedbytes.h"

namespace bg::core {

void Resource::setProvider(const QString &provider, SharedValue<ResourceDetail> *shared)
{
    const ResourceDetail &d = detail();
    if (d.provider == provider)
        return;
    // Shared only while the detail holds nothing but the provider, whatever fields it gains.
    ResourceDetail providerAlone;
    providerAlone.provider = d.provider;
    if (!shared || !(d == providerAlone)) {
        editDetail().provider = provider;
        return;
    }
    if (shared->get().provider != provider)
        shared->edit().provider = provider; // a box of its own: those that share the old keep it
    m_detail = *shared;
}

void Resource::setDependencies(QStringList dependencies)
{
    if (!dependencies.isEmpty() || !detail().dependencies.isEmpty())
        editDetail().dependencies = std::move(dependencies);
}

QString actionName(Action action)
{
    static const char *const names[]
        = {"no-op", "create", "read", "update", "delete", "replace", "forget"};
    return QString::fromLatin1(names[int(action)]);
}

QString actionJsonKey(Action action)
{
    return action == Action::NoOp ? QStringLiteral("no_op") : actionName(action);
}

bool actionDestroys(Action action)
{
    return action == Action::Delete || action == Action::Replace;
}

int actionSeverity(Action action)
{
    switch (action) {
    case Action::Delete:
        return 6;
    case Action::Replace:
        return 5;
    case Action::Forget:
        return 4;
    case Action::Update:
        return 3;
    case Action::Create:
        return 2;
    case Action::Read:
        return 1;
    case Action::NoOp:
        return 0;
    }
    return 0;
}

QString documentKindName(DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::Plan:
        return QStringLiteral("plan");
    case DocumentKind::StateJson:
        return QStringLiteral("state");
    case DocumentKind::RawState:
        return QStringLiteral("raw state");
    }
    return {};
}

QByteArray Document::bytesOf(const JsonSlot &slot) const
{
    if (const ByteRange range = slot.range(); range.isValid()) {
        if (packed)
            return packed->read(range.begin, range.end);
        if (range.begin < 0 || range.end > bytes.size())
            return {};
        return QByteArray::fromRawData(bytes.constData() + range.begin, range.end - range.begin);
    }
    switch (const qint32 literal = slot.literal()) {
    case JsonSlot::TrueLiteral:
        return QByteArray::fromRawData("true", 4);
    case JsonSlot::FalseLiteral:
        return QByteArray::fromRawData("false", 5);
    case JsonSlot::NullLiteral:
        return QByteArray::fromRawData("null", 4);
    default:
        return literal >= 0 && size_t(literal) < literals.size() ? literals[size_t(literal)]
                                                                 : QByteArray();
    }
}

qint64 Document::keptSize() const
{
    return packed ? packed->size() : bytes.size();
}

} // namespace bg::core
