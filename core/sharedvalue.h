// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <utility>

namespace bg::core {

// A value most holders leave empty (a resource's ResourceDetail, a node's OutcomeWords), or
// share with many others: a pointer, 8 bytes, where the value itself is around a hundred, and
// a million holders each pay it (std::shared_ptr took 16). Copies share it; a holder that edits
// a shared value gets its own copy first.
template<typename T>
class SharedValue {
public:
    SharedValue() = default;
    SharedValue(const SharedValue &other) noexcept
        : m_box(other.m_box)
    {
        if (m_box)
            m_box->holders.fetch_add(1, std::memory_order_relaxed);
    }
    SharedValue(SharedValue &&other) noexcept
        : m_box(std::exchange(other.m_box, nullptr))
    {
    }
    SharedValue &operator=(const SharedValue &other) noexcept
    {
        SharedValue(other).swap(*this);
        return *this;
    }
    SharedValue &operator=(SharedValue &&other) noexcept
    {
        SharedValue(std::move(other)).swap(*this);
        return *this;
    }
    ~SharedValue() { release(); }

    const T &get() const
    {
        static const T none;
        return m_box ? m_box->value : none;
    }
    T &edit()
    {
        if (!m_box || m_box->holders.load(std::memory_order_acquire) > 1) {
            Box *own = new Box(get());
            release();
            m_box = own;
        }
        return m_box->value;
    }

private:
    struct Box {
        explicit Box(const T &value)
            : value(value)
        {
        }
        std::atomic<long> holders {1};
        T value;
    };
    void swap(SharedValue &other) noexcept { std::swap(m_box, other.m_box); }
    void release() noexcept
    {
        if (m_box && m_box->holders.fetch_sub(1, std::memory_order_acq_rel) == 1)
            delete m_box;
        m_box = nullptr;
    }

    Box *m_box = nullptr; // null: empty
};

} // namespace bg::core
