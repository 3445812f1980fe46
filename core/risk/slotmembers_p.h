// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core: one value kept in the file (a resource's object before or after its change)
// with its top-level members decoded one at a time, as they are asked for. A rule reads two or
// three attributes of objects of fifty: decoding the whole object for them was a tenth of a
// report on 10,000 deleted databases.
#pragma once

#include "core/loading/jsonpositions_p.h"
#include "core/model.h"

#include <QJsonObject>
#include <optional>
#include <vector>

namespace bg::core {

class SlotMembers {
public:
    // Walks the object's members once (their names and where their values are), decoding none.
    SlotMembers(const Document &document, const JsonSlot &slot);
    // The same, of the slot's text already read (Document::bytesOf of a slot with a range).
    explicit SlotMembers(QByteArray text);

    // The slot holds an object whose members decodeSlot would read as they are written: no
    // name with an escape or longer than MaxDecodedString, nothing nested near QJsonDocument's
    // limit. Only then does members() stand for decodeSlot; otherwise decode the whole.
    bool readable() const { return m_members.has_value(); }

    // An object of those members named in `names` that the slot's object holds, and of those
    // asked for before. Looked up by any of those names, it finds exactly what decodeSlot's
    // whole object has under it: the same value, decoded the same way, and of a name written
    // twice the last, as QJsonDocument reads it. Empty when not readable().
    const QJsonObject &members(const QStringList &names);

    // The member named `name` as members() would hold it; nullopt when the object has none (or
    // when not readable()). Each member is decoded at most once, whichever of the two asks.
    std::optional<QJsonValue> member(const QString &name);

private:
    QByteArray m_text; // the object's (Document::bytesOf)
    std::optional<std::vector<detail::JsonMember>> m_members;
    QJsonObject m_object;
    std::vector<std::pair<QString, std::optional<QJsonValue>>> m_decoded; // member()'s answers
};

} // namespace bg::core
