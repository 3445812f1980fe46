// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A test of a code point's Unicode category, answered for most text without asking Qt for each
// character: whether the test holds for every code point of a block of 256 in the Basic
// Multilingual Plane is worked out (from Qt's own tables) the first time one of the block's code
// points is asked about, and kept. A Cyrillic, Greek or CJK key then costs one load a character;
// asked of each, QChar::category was a twentieth of a report on 10,000 resources with such keys.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

namespace bg::core {

// `Test(c)` for one code point, as it would answer; a block's state is its own atomic, so any
// thread may ask (two working out the same block agree).
template<bool (*Test)(char32_t)>
class UnicodeBlocks {
public:
    static bool holds(char32_t c)
    {
        if (c > 0xffff)
            return Test(c);
        std::atomic<std::uint8_t> &block = m_blocks[c >> 8];
        std::uint8_t state = block.load(std::memory_order_relaxed);
        if (state == Unknown) {
            state = Whole;
            const char32_t first = c & 0xff00;
            for (char32_t u = first; u < first + 256; ++u) {
                if (!Test(u)) {
                    state = Mixed;
                    break;
                }
            }
            block.store(state, std::memory_order_relaxed);
        }
        return state == Whole || Test(c);
    }

private:
    enum : std::uint8_t { Unknown, Whole, Mixed };
    static inline std::array<std::atomic<std::uint8_t>, 256> m_blocks {};
};

} // namespace bg::core
