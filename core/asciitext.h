// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Text that is plain ASCII, read without Unicode's machinery: most names a plan holds are
// (attribute names, types, keys), and the loops that read them run for every resource.
#pragma once

#include <QByteArrayView>
#include <QStringView>
#include <algorithm>
#include <array>

namespace bg::core {

// `text` in ASCII lower case into `out`, when all of it is ASCII and it fits; false otherwise
// (with `out` partly written).
template<size_t N>
bool asciiLower(QStringView text, std::array<char16_t, N> &out)
{
    if (text.size() > qsizetype(N))
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x80)
            return false;
        out[size_t(i)] = c >= u'A' && c <= u'Z' ? char16_t(c + (u'a' - u'A')) : c;
    }
    return true;
}

// `utf8` (bytes as a file holds them) is exactly `text`, every byte of it ASCII: compared without
// a string made of either. False wherever a byte is past ASCII, whatever `text` holds.
inline bool equalsAscii(QByteArrayView utf8, QStringView text)
{
    return utf8.size() == text.size()
        && std::equal(utf8.begin(), utf8.end(), text.begin(),
            [](char a, QChar b) { return uchar(a) < 0x80 && b.unicode() == uchar(a); });
}

} // namespace bg::core
