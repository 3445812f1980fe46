// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

namespace bg::core {

// A value most holders leave empty (a resource's ResourceDetail, a node's OutcomeWords): 16
// bytes while empty, where the value itself is around a hundred, and a million holders each
// pay it. Copies share it; a holder that edits a shared value gets its own copy first.
template<typename T>
class SharedValue {
public:
    const T &get() const
    {
        static const T none;
        return m_value ? *m_value : none;
    }
    T &edit()
    {
        if (!m_value || m_value.use_count() > 1)
            m_value = std::make_shared<T>(get());
        return *m_value;
    }

private:
    std::shared_ptr<T> m_value; // null: empty
};

} // namespace bg::core
