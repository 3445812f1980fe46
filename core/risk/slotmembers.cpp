// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/asciitext.h"
#include "core/risk/masking.h"
#include "core/risk/slotmembers_p.h"

#include <algorithm>

namespace bg::core {

SlotMembers::SlotMembers(const Document &document, const JsonSlot &slot)
{
    if (!slot.range().isValid())
        return; // a literal (null, or a scalar the loader kept) or nothing: decodeSlot's to read
    *this = SlotMembers(document.bytesOf(slot));
}

SlotMembers::SlotMembers(QByteArray text)
    : m_text(std::move(text))
{
    // Well inside QJsonDocument's 1024 levels: an object it would refuse whole is never read
    // a member at a time, so that every view of it (findings, details) sees the same nothing.
    constexpr int Deepest = 512;
    m_members = detail::jsonObjectMembers(m_text, Deepest);
    // decodeSlot shows a name past MaxDecodedString as "(a value of N bytes...)"
    if (m_members
        && std::any_of(m_members->begin(), m_members->end(),
            [](const detail::JsonMember &m) { return m.name.size() > MaxDecodedString; }))
        m_members.reset();
}

const QJsonObject &SlotMembers::members(const QStringList &names)
{
    if (!m_members)
        return m_object; // empty
    // A name already asked for is in the object, or member() remembers it is not in the slot.
    for (const QString &name : names) {
        if (m_object.contains(name))
            continue;
        if (std::optional<QJsonValue> value = member(name))
            m_object.insert(name, *value);
    }
    return m_object;
}

std::optional<QJsonValue> SlotMembers::member(const QString &name)
{
    if (!m_members)
        return std::nullopt;
    for (const auto &[asked, value] : m_decoded) {
        if (asked == name)
            return value;
    }
    std::optional<QJsonValue> value;
    // An ASCII name (most are) is compared with the names as written without its UTF-8 made:
    // a name written with a byte past ASCII is never it.
    const bool ascii
        = std::all_of(name.begin(), name.end(), [](QChar c) { return c.unicode() < 0x80; });
    const QByteArray utf8 = ascii ? QByteArray() : name.toUtf8();
    const auto named = [&](QByteArrayView written) {
        return ascii ? equalsAscii(written, name) : written == utf8;
    };
    // The last of a name written twice, as QJsonDocument keeps it.
    for (auto it = m_members->rbegin(); it != m_members->rend(); ++it) {
        if (named(it->name)) {
            value = decodeText(
                QByteArrayView(m_text).sliced(it->value.begin, it->value.end - it->value.begin));
            break;
        }
    }
    m_decoded.emplace_back(name, value);
    return value;
}

} // namespace bg::core
