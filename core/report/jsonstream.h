// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// JSON written as it is made, laid out exactly as QJsonDocument::Indented lays it out (four
// spaces, "key": value, an empty container on two lines), so a report streamed to its output
// reads the same as one built whole. The caller writes an object's members in the order
// QJsonObject would keep them: sorted by key.
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

namespace bg::core {

// Where a report's bytes go as they are made.
using ByteSink = std::function<void(QByteArrayView)>;

class JsonStream {
public:
    explicit JsonStream(const ByteSink &sink);
    ~JsonStream(); // flushes what is left

    void beginObject();
    void beginArray();
    void end(); // the innermost object or array; after the outermost, the closing newline
    void key(QByteArrayView name); // the next member's name (UTF-8), inside an object
    void key(QStringView name);
    void string(QStringView text);
    // One string made of `pieces`, one after another (each split between whole characters).
    void string(std::initializer_list<QStringView> pieces);
    void number(qint64 n);
    void boolean(bool b);
    void null();
    void value(const QJsonValue &v); // any value built the usual way, laid out the same
    void stringList(const QStringList &list);

    void flush();

private:
    void beforeValue();
    void quoted(QStringView text);
    void unquoted(QStringView text); // what quoted() writes between its quotes
    void indent(int level);
    void open(char bracket);
    void writeObject(const QJsonObject &o);
    void writeArray(const QJsonArray &a);

    // The bytes made and not yet handed to the sink are written in place, each piece making
    // room for itself first: room(n) gives where n bytes may go (handing the sink what is
    // made when they would not fit), made(n) says they went there. (std::string's append, a
    // call with checks of its own for every piece, was a sixth of writing a report.)
    char *room(qsizetype n)
    {
        return m_used + n <= qsizetype(m_buffer.size()) ? m_buffer.data() + m_used
                                                        : roomAfterFlush(n);
    }
    char *roomAfterFlush(qsizetype n);
    void made(qsizetype n) { m_used += n; }
    void put(const char *p, qsizetype n)
    {
        std::memcpy(room(n), p, size_t(n));
        m_used += n;
    }
    void put(char c)
    {
        *room(1) = c;
        ++m_used;
    }

    const ByteSink &m_sink;
    std::string m_buffer; // its size is the room; [0, m_used) is made
    qsizetype m_used = 0;
    struct Open {
        int values = 0; // written so far inside it
        char closer; // '}' or ']'
    };
    std::vector<Open> m_open; // the containers open, outermost first
    bool m_afterKey = false;
};

} // namespace bg::core
