// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The one shape of "it worked, or here is why": Result<T> holds a value or an Error, like
// C++23's std::expected<T, Error>. Every loader, reader and writer in core returns one; the
// CLI prints the error, the GUI shows it. Core never talks to the user itself.
#pragma once

#include <QString>
#include <utility>
#include <variant>

namespace bg::core {

// An error that names the file, and the line and column where it can.
struct Error {
    QString path; // the file it is about; empty when it is about no file
    int line = 0; // 1-based, 0 when unknown
    int column = 0; // 1-based, in bytes, 0 when unknown
    QString message;
    // "path:line:column: message", "path: message", or the message alone.
    QString toString() const;
};

// E is Error unless a reader needs to say more (ApprovalError adds why, for the gate's words).
template<typename T, typename E = Error>
class [[nodiscard]] Result {
public:
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    {
    }
    Result(E error)
        : m_state(std::in_place_index<1>, std::move(error))
    {
    }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    // Only when ok().
    T &value() & { return std::get<0>(m_state); }
    const T &value() const & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T &&operator*() && { return std::move(*this).value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    // Only when !ok().
    const E &error() const { return std::get<1>(m_state); }

private:
    std::variant<T, E> m_state;
};

// A Result with no value: done, or the Error.
template<typename E>
class [[nodiscard]] Result<void, E> {
public:
    Result() = default;
    Result(E error)
        : m_error(std::move(error))
        , m_failed(true)
    {
    }
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const E &error() const { return m_error; }

private:
    E m_error;
    bool m_failed = false;
};

using Status = Result<void>;

} // namespace bg::core
