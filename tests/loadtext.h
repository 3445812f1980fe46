// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// What one load of a plan or state gave, as text, to compare two ways of loading the same bytes:
// the fast scan (its own reading of the elements, the changes and the values left in the file)
// and nlohmann reading every byte. Used by tst_jsonskip and the loader fuzzer.
#pragma once

#include "core/model.h"
#include "core/result.h"

#include <QByteArray>

namespace bg::tests {

// A range, a code (true, false, null, none) or a literal's own text.
inline QByteArray slotText(const core::Document &d, const core::JsonSlot &slot)
{
    if (slot.range().isValid())
        return QByteArray::number(slot.range().begin) + '-' + QByteArray::number(slot.range().end);
    const qint32 literal = slot.literal();
    if (literal >= 0 && size_t(literal) < d.literals.size())
        return "literal " + d.literals[size_t(literal)];
    return "code " + QByteArray::number(literal);
}

// Everything the reading of an element sets on a resource.
inline QByteArray resourceText(const core::Document &d, const core::Resource &r)
{
    QByteArray text = r.id.toUtf8() + " (" + r.address.type.toUtf8() + ' ' + r.address.name.toUtf8()
        + ' ' + r.address.deposed.toUtf8() + ") " + r.provider().toUtf8() + ' '
        + core::actionName(r.action).toUtf8() + ' '
        + QByteArray::number(r.drift ? int(*r.drift) : -1) + ' '
        + QByteArray::number(r.createBeforeDestroy) + QByteArray::number(r.inChanges)
        + QByteArray::number(r.priorOnly) + QByteArray::number(r.tainted)
        + QByteArray::number(r.importing) + QByteArray::number(r.forgetsPrevious)
        + QByteArray::number(r.actionUnreadable) + " reason " + r.actionReason().toUtf8()
        + " previous " + r.previousAddress().toUtf8() + " replace "
        + r.replacePaths().join('|').toUtf8() + " depends " + r.dependencies().join(',').toUtf8();
    for (const core::JsonSlot *slot : r.jsonSlots())
        text += " [" + slotText(d, *slot) + ']';
    return text + '\n';
}

// A configuration's module tree, every member of it, one line each.
inline QByteArray configText(const core::ConfigModule &m, const QByteArray &indent = "  ")
{
    QByteArray text;
    for (const core::ConfigResource &r : m.resources) {
        text += indent + "resource " + r.localAddress.toUtf8() + " provisioners "
            + r.provisioners.join(',').toUtf8() + '\n';
        for (const QStringList &e : r.expressions)
            text += indent + "  refs " + e.join(',').toUtf8() + '\n';
    }
    for (const auto &[name, refs] : m.outputs)
        text += indent + "output " + name.toUtf8() + ' ' + refs.join(',').toUtf8() + '\n';
    for (const auto &[name, call] : m.calls) {
        text += indent + "call " + name.toUtf8() + " depends " + call.dependsOn.join(',').toUtf8()
            + '\n';
        for (const auto &[arg, refs] : call.arguments)
            text += indent + "  argument " + arg.toUtf8() + ' ' + refs.join(',').toUtf8() + '\n';
        text += call.module ? configText(*call.module, indent + "    ") : indent + "  no module\n";
    }
    return text;
}

// The error in full, or what the document holds that the scan gave.
inline QByteArray loadText(const core::Result<core::Document> &loaded)
{
    if (!loaded)
        return "error " + loaded.error().toString().toUtf8();
    const core::Document &d = loaded.value();
    QByteArray text = QByteArray::number(int(d.kind)) + ' ' + d.formatVersion.toUtf8() + ' '
        + d.terraformVersion.toUtf8() + ' ' + QByteArray::number(d.stateVersion) + ' '
        + QByteArray::number(d.serial) + ' ' + QByteArray::number(d.priorManagedCount) + ' '
        + QByteArray::number(d.deferredTotal) + ' ' + QByteArray::number(d.actionInvocationsTotal)
        + ' ' + QByteArray::number(d.errored) + QByteArray::number(d.incomplete)
        + QByteArray::number(d.hasPriorState) + ' ' + QByteArray::number(bool(d.configuration))
        + '\n' + d.notes.join('\n').toUtf8() + '\n' + d.unreadableChanges.join(',').toUtf8() + '\n';
    for (const core::Resource &r : d.resources)
        text += resourceText(d, r);
    for (const core::Resource &r : d.priorData)
        text += "data " + resourceText(d, r);
    if (d.configuration)
        text += "configuration\n" + configText(*d.configuration);
    for (const core::OutputValue &o : d.outputs)
        text += "output " + o.name.toUtf8() + ' ' + slotText(d, o.value)
            + QByteArray::number(o.sensitive) + '\n';
    return text;
}

} // namespace bg::tests
