// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/loading/jsonelement_p.h"
#include "core/loading/jsonscanner_p.h"
#include "core/loading/jsonskip_p.h"
#include "core/loading/loader.h"
#include "core/loading/readers_p.h"

#include <cstring>
#include <iterator>
#include <new>

namespace bg::core::detail {

namespace {

constexpr std::uint8_t RangeSubtype = 0x42;

// How far the scan may read: the file's end, or (a file read while it is scanned) as far as
// the read has gone, moved on as the scan needs more.
struct ReadWindow {
    const char *base;
    const char *limit; // no byte at or past it is read yet
    const char *end; // the file's
    ReadFrontier *frontier; // null: the whole file is there, limit == end

    // Waits until the byte at `needed` is read: whether it is (false at the file's end, or
    // when the read stopped short of it).
    bool reach(const char *needed)
    {
        while (needed >= limit && limit < end)
            if (!extendTo(needed - base + 1))
                return false;
        return needed < limit;
    }
    // A reader that gave up at `limit` on what begins at `from` may have wanted more: the read
    // goes on, by as much again as it has read of it (at least 64 KiB), so that a value read
    // again and again costs at most about twice its length; and while it is read again, the
    // read goes on as far again. False when there is no more.
    bool extendFrom(const char *from)
    {
        if (limit >= end)
            return false;
        const qint64 more = std::max<qint64>(limit - from, qint64(64) << 10);
        return extendTo((limit - base) + more, (limit - base) + 3 * more);
    }
    bool extendTo(qint64 offset, qint64 thenTo = 0)
    {
        const qint64 before = limit - base;
        limit = base + frontier->waitFor(offset, thenTo);
        return limit - base > before;
    }
};

// A char iterator over a read position shared by all its copies, so that the handler can move
// the lexer forward (past the inside of a value it skips) and knows the byte offset of each
// '{' '[' '}' ']' it is told about (the lexer never reads past those). The end iterator holds
// a fixed position of its own. The read position is at the end where no byte is there to read:
// past the last one read so far, it waits for the read (ReadWindow).
struct SharedIterator {
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char *;
    using reference = const char &;

    const char **position = nullptr; // null for the end iterator
    const char *fixed = nullptr;
    ReadWindow *window = nullptr;

    const char *at() const { return position ? *position : fixed; }
    reference operator*() const { return **position; }
    SharedIterator &operator++()
    {
        ++*position;
        return *this;
    }
    // No copy to return: every copy moves with the shared position. nlohmann advances with
    // ++it only (input_adapters.hpp, iterator_input_adapter::get_character).
    void operator++(int) { ++*position; }
    // nlohmann compares the read position with the end before each byte it takes.
    bool operator==(const SharedIterator &other) const
    {
        if (position && !other.position)
            return !window->reach(*position);
        if (!position && other.position)
            return !other.window->reach(*other.position);
        return at() == other.at();
    }
};

bool isModuleResourcesPath(const std::vector<std::string> &path, size_t from)
{
    // root_module (child_modules *)* resources *
    if (path.size() < from + 3 || path[from] != "root_module")
        return false;
    size_t i = from + 1;
    while (i + 1 < path.size() && path[i] == "child_modules" && path[i + 1] == "*")
        i += 2;
    return i + 2 == path.size() && path[i] == "resources" && path[i + 1] == "*";
}

bool isModuleDescent(const std::vector<std::string> &path, size_t from)
{
    // a prefix of the above that still leads somewhere
    if (path.size() <= from)
        return true;
    if (path[from] != "root_module")
        return false;
    size_t i = from + 1;
    while (i < path.size()) {
        if (path[i] == "child_modules") {
            if (i + 1 < path.size() && path[i + 1] != "*")
                return false;
            i += 2;
        } else {
            return path[i] == "resources" && i + 1 == path.size();
        }
    }
    return true;
}

enum class Decision { Descend, Capture, Skip };

Decision decide(const std::vector<std::string> &path, Collection *collection)
{
    const std::string &top = path[0];
    if (path.size() == 1) {
        if (top == "configuration") {
            *collection = Collection::Configuration;
            return Decision::Capture;
        }
        if (top == "outputs") { // a raw state's root outputs
            *collection = Collection::Outputs;
            return Decision::Capture;
        }
        static const std::set<std::string> descend
            = {"resource_changes", "resource_drift", "deferred_changes", "action_invocations",
                "prior_state", "values", "resources", "modules"};
        return descend.count(top) ? Decision::Descend : Decision::Skip;
    }
    if (path.size() == 2 && path[1] == "*") {
        if (top == "resource_changes")
            *collection = Collection::Change;
        else if (top == "resource_drift")
            *collection = Collection::Drift;
        else if (top == "deferred_changes")
            *collection = Collection::Deferred;
        else if (top == "action_invocations")
            *collection = Collection::ActionInvocation;
        else if (top == "resources")
            *collection = Collection::RawResource;
        else if (top == "modules")
            *collection = Collection::RawModule;
        else
            return Decision::Skip;
        return Decision::Capture;
    }
    size_t from = 0;
    if (top == "values")
        from = 1;
    else if (top == "prior_state" && path[1] == "values")
        from = 2;
    else
        return top == "prior_state" && path.size() == 1 ? Decision::Descend : Decision::Skip;
    if (path.size() == from + 1 && path[from] == "outputs") {
        *collection = Collection::Outputs;
        return Decision::Capture;
    }
    if (isModuleResourcesPath(path, from)) {
        *collection = from == 1 ? Collection::StateResource : Collection::PriorResource;
        return Decision::Capture;
    }
    return isModuleDescent(path, from) ? Decision::Descend : Decision::Skip;
}

} // namespace

bool isLeftInFile(Collection collection, int depth, std::string_view key)
{
    switch (collection) {
    case Collection::Change:
    case Collection::Drift:
        return depth == 2
            && (key == "before" || key == "after" || key == "after_unknown"
                || key == "before_sensitive" || key == "after_sensitive" || key == "before_identity"
                || key == "after_identity");
    case Collection::Deferred: // the change sits one level deeper, in resource_change
        return depth == 3
            && (key == "before" || key == "after" || key == "after_unknown"
                || key == "before_sensitive" || key == "after_sensitive" || key == "before_identity"
                || key == "after_identity");
    case Collection::ActionInvocation:
        return depth == 1
            && (key == "config_values" || key == "config_sensitive" || key == "config_unknown");
    case Collection::PriorResource:
    case Collection::StateResource:
        return depth == 1 && (key == "values" || key == "sensitive_values" || key == "identity");
    case Collection::RawResource:
        return depth == 3 && (key == "attributes" || key == "attributes_flat" || key == "identity");
    case Collection::RawModule:
        return depth >= 4 && key == "attributes";
    case Collection::Configuration:
        return key == "constant_value";
    case Collection::Outputs: // {NAME: {value, type, sensitive}}
        return depth == 2 && key == "value";
    }
    return false;
}

namespace {

class Handler : public nlohmann::json_sax<json> {
public:
    Handler(ReadWindow &window, const char **position, JsonSkip skip, ScanResult &result,
        const ElementSink &sink, const MemberSinks &memberSinks)
        : m_base(window.base)
        , m_size(size_t(window.end - window.base))
        , m_window(window)
        , m_position(position)
        , m_skip(skip)
        , m_result(result)
        , m_sink(sink)
        , m_memberSinks(memberSinks)
    {
    }

    std::optional<Error> error;
    qint64 errorOffset = -1;

    bool null() override { return scalar(json(nullptr)); }
    bool boolean(bool v) override { return scalar(json(v)); }
    bool number_integer(number_integer_t v) override { return scalar(json(v)); }
    bool number_unsigned(number_unsigned_t v) override { return scalar(json(v)); }
    bool number_float(number_float_t v, const string_t &) override { return scalar(json(v)); }
    bool string(string_t &v) override { return scalar(json(std::move(v))); }
    bool binary(binary_t &) override { return true; }

    bool start_object(std::size_t) override { return open(false); }
    bool start_array(std::size_t) override { return open(true); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }

    bool key(string_t &k) override
    {
        if (m_skipDepth > 0)
            return true;
        if (m_building) {
            // The member is made here, once: its value, when it comes, goes into m_pendingSlot.
            if (m_stack.back()->is_object()) {
                auto &members = m_stack.back()->get_ref<json::object_t &>();
                const auto [slot, made] = members.try_emplace(k);
                if (!made)
                    return duplicate(k);
                m_pendingSlot = &slot->second;
            }
            m_pendingKey = k;
            return true;
        }
        if (!m_keys.empty() && !m_keys.back().insert(k).second)
            return duplicate(k);
        if (m_path.size() == 1)
            m_result.topKeys.insert(k);
        m_pathKey = k;
        return true;
    }

    bool parse_error(std::size_t position, const std::string &lastToken,
        const nlohmann::detail::exception &ex) override
    {
        std::string message = parseErrorReason(ex.what());
        // The position is one past the offending character; for a number out of range, one
        // past its last digit, so point at its first. nlohmann counts the bytes its lexer
        // read, not those skipped past it.
        const qint64 read = qint64(position) + m_result.skippedFast;
        errorOffset = read - 1;
        if (errorOffset >= 0 && errorOffset < qint64(m_size) && m_base[errorOffset] == '\0')
            message = "a NUL byte, which JSON does not allow";
        else if (errorOffset >= qint64(m_size) - 1)
            message += " (the file ends here: is it truncated?)";
        if (ex.id == 406) {
            message = "number out of range";
            errorOffset = read - qint64(lastToken.size());
        }
        error = Error {{}, 0, 0, QString::fromStdString(message)};
        return false;
    }

private:
    qint64 offset() const { return qint64(*m_position - m_base); }

    bool fail(const QString &message)
    {
        errorOffset = offset() - 1;
        error = Error {{}, 0, 0, message};
        return false;
    }

    bool duplicate(const std::string &k)
    {
        return fail(QStringLiteral("the member \"%1\" appears twice in one object: Terraform "
                                   "never writes that, and readers differ on which one counts")
                        .arg(QString::fromStdString(k).left(100)));
    }

    // The key under which the next value sits, as seen from outside an element.
    std::string childName() const { return m_path.back() == "*" ? "*" : m_pathKey; }

    bool open(bool isArray)
    {
        if (m_skipDepth > 0) {
            if (++m_skipDepth > MaxValueDepth && m_skipStart >= 0)
                return fail(QStringLiteral("a value nested more than %1 levels deep; Terraform "
                                           "writes none so deep, and the values would read as "
                                           "nothing")
                                .arg(MaxValueDepth));
            return true;
        }
        if (m_building) {
            const int depth = int(m_stack.size());
            if (depth > MaxBuildDepth)
                return fail(
                    QStringLiteral("JSON nested more than %1 levels deep").arg(MaxBuildDepth));
            if (m_stack.back()->is_object() && isLeftInFile(m_collection, depth, m_pendingKey)) {
                m_skipDepth = 1;
                m_skipStart = offset() - 1;
                skipInside(isArray);
                return true;
            }
            json *child = insert(isArray ? json::array() : json::object());
            m_stack.push_back(child);
            return true;
        }
        // Outside any element: walk the path and decide.
        if (m_path.empty()) {
            m_result.topIsObject = !isArray;
            m_path.push_back("");
            m_arrayStack.push_back(isArray);
            m_keys.emplace_back();
            return true;
        }
        if (m_path.size() == 1 && !m_arrayStack[0])
            m_result.topContainers[m_pathKey] = isArray;
        std::vector<std::string> path(m_path.begin() + 1, m_path.end());
        path.push_back(m_arrayStack.back() ? std::string("*") : m_pathKey);
        Collection collection = Collection::Change;
        switch (m_arrayStack.size() == 1 && m_arrayStack[0] ? Decision::Skip
                                                            : decide(path, &collection)) {
        case Decision::Skip:
            m_skipDepth = 1;
            m_skipStart = -1;
            skipInside(isArray);
            return true;
        case Decision::Capture:
            m_building = true;
            m_collection = collection;
            m_stack.assign(1, &m_element);
            buildInside(isArray);
            return true;
        case Decision::Descend:
            m_path.push_back(path.back());
            m_arrayStack.push_back(isArray);
            m_keys.emplace_back();
            return true;
        }
        return true;
    }

    // A skip begins: the value's opening bracket was the last byte nlohmann read (checked
    // against nlohmann 3.11.2). The parser calls start_object/start_array as soon as the lexer
    // returns '{' or '[', and asks for the next token only after that (parser.hpp,
    // sax_parse_internal, the begin_object and begin_array cases). The lexer returns those
    // tokens with the bracket as `current`, just taken from the iterator by get(), and no unget
    // pending (lexer.hpp, scan(): only scan_number leaves one, and skip_whitespace's get()
    // consumes it before the bracket is read), so nothing past the bracket is buffered. When
    // the skipper vouches for the inside, the position moves to the closing bracket: nlohmann
    // reads it as the next token and calls end_object/end_array, and the range ends one past
    // it as before. When the skipper is unsure, nothing moves and nlohmann reads the inside
    // itself: its error, or its acceptance, is exactly what it always was. Nothing inside a
    // skipped value reaches the sink either way, so there is nothing to undo and no need to
    // scan the file again from the start.
    void skipInside(bool isArray)
    {
        const char *from = *m_position;
        // The claim above, checked where it is cheap: the byte just read is the bracket.
        if (m_skip != JsonSkip::Fast || from == m_base || from[-1] != (isArray ? '[' : '{'))
            return;
        // A value kept is held to MaxValueDepth (open() refuses it past that); one passed over
        // whole (planned_values) is not.
        const size_t deepest = m_skipStart >= 0 ? size_t(MaxValueDepth) : std::string::npos;
        // Where the file is read while scanned, the skipper gives up at the bytes not read yet,
        // and tries again once more are: it decides nothing on a byte it has not read, and it
        // vouches only for a value it has read to its closing bracket.
        do {
            if (const char *close
                = skipContainer(from, m_window.limit, isArray, &m_skipStack, deepest)) {
                m_result.skippedFast += close - from;
                *m_position = close;
                return;
            }
        } while (m_window.extendFrom(from));
    }

    // An element begins, its opening bracket just read (as for skipInside). When the builder
    // reads the whole element, the position moves to its closing bracket, which nlohmann
    // reads next: close() then hands the element over as if nlohmann had read it all. When
    // the builder is unsure, the element starts empty and nlohmann reads it.
    void buildInside(bool isArray)
    {
        const char *from = *m_position;
        if (m_skip == JsonSkip::Fast && from != m_base && from[-1] == (isArray ? '[' : '{')) {
            // As for skipInside, again where the read had not reached the element's end. The
            // skipper finds that end first (several times faster than the element is read):
            // the element is read once more, whole, not again at each step of the read (under
            // callgrind, where the read lags, a configuration of 10,000 blocks at a file's end
            // was read three times and built twice).
            const auto waitForEnd = [&] {
                while (m_window.limit < m_window.end
                    && !skipContainer(from, m_window.limit, isArray, &m_skipStack, MaxValueDepth)
                    && m_window.extendFrom(from)) { }
            };
            // The configuration, one large element at the file's end, is found whole before it
            // is read at all: its first read, and the build after it, could each stop just
            // short of its end.
            if (m_collection == Collection::Configuration)
                waitForEnd();
            for (;;) {
                if (readOrBuild(from, isArray))
                    return;
                const char *const tried = m_window.limit;
                waitForEnd();
                // Whole and still not read (or never whole): as before, once more with more.
                if (m_window.limit == tried && !m_window.extendFrom(from))
                    break;
            }
        }
        m_element = isArray ? json::array() : json::object();
    }

    bool readOrBuild(const char *from, bool isArray)
    {
        m_builder.setEnd(m_window.limit);
        const bool resource = m_collection == Collection::PriorResource
            || m_collection == Collection::StateResource;
        const char *read = nullptr;
        if (m_collection == Collection::Change && !isArray && m_memberSinks.change)
            read = m_builder.readChange(from, m_changeMembers);
        else if (resource && !isArray && m_memberSinks.state)
            read = m_builder.readStateResource(from, m_stateMembers);
        else if (m_collection == Collection::RawResource && !isArray && m_memberSinks.raw)
            read = m_builder.readRawResource(from, m_rawMembers);
        else if (m_collection == Collection::Configuration && !isArray
            && m_memberSinks.configuration)
            read = m_builder.readConfiguration(from, m_configuration);
        if (read) {
            m_result.skippedFast += read - from;
            *m_position = read;
            m_readMembers = true;
            return true;
        }
        if (const char *close = m_builder.build(from, isArray, m_collection, m_element)) {
            m_result.skippedFast += close - from;
            *m_position = close;
            return true;
        }
        return false;
    }

    bool close()
    {
        if (m_skipDepth > 0) {
            if (--m_skipDepth == 0 && m_skipStart >= 0)
                insert(rangeValue(m_skipStart, offset()));
            return true;
        }
        if (m_building) {
            m_stack.pop_back();
            if (m_stack.empty()) {
                m_building = false;
                if (m_readMembers) {
                    m_readMembers = false;
                    if (m_collection == Collection::Change)
                        m_memberSinks.change(m_changeMembers);
                    else if (m_collection == Collection::RawResource)
                        m_memberSinks.raw(m_rawMembers);
                    else if (m_collection == Collection::Configuration)
                        m_memberSinks.configuration(std::move(m_configuration));
                    else
                        m_memberSinks.state(m_collection, m_stateMembers);
                } else {
                    m_sink(m_collection, std::move(m_element));
                    m_element = json();
                }
            }
            return true;
        }
        m_path.pop_back();
        m_arrayStack.pop_back();
        m_keys.pop_back();
        return true;
    }

    bool scalar(json &&value)
    {
        if (m_skipDepth > 0)
            return true;
        if (m_building) {
            insert(std::move(value));
            return true;
        }
        if (m_path.size() == 1 && !m_arrayStack[0])
            m_result.topScalars[m_pathKey] = std::move(value);
        return true;
    }

    json *insert(json &&value)
    {
        json &parent = *m_stack.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        *m_pendingSlot = std::move(value);
        return m_pendingSlot;
    }

    const char *m_base;
    size_t m_size;
    ReadWindow &m_window; // how far the bytes are read: limits the readers' reads
    const char **m_position; // shared with the iterators nlohmann reads through
    JsonSkip m_skip;
    ScanResult &m_result;
    const ElementSink &m_sink;

    std::vector<std::string> m_path; // keys (or "*") of the containers open outside elements
    std::vector<bool> m_arrayStack;
    std::vector<std::set<std::string>> m_keys; // the members seen in each of them so far
    std::string m_pathKey;

    bool m_building = false;
    Collection m_collection = Collection::Change;
    json m_element;
    std::vector<json *> m_stack;
    std::string m_pendingKey;
    json *m_pendingSlot = nullptr; // the member m_pendingKey made in the object being built

    ElementBuilder m_builder {m_base, m_base + m_size};
    const MemberSinks &m_memberSinks;
    // The members the builder read (readChange, readStateResource, readRawResource), or the
    // configuration it read (readConfiguration), until the closing bracket
    ChangeMembers m_changeMembers;
    StateMembers m_stateMembers;
    RawMembers m_rawMembers;
    std::shared_ptr<ConfigModule> m_configuration; // readConfiguration's
    bool m_readMembers = false;

    int m_skipDepth = 0;
    qint64 m_skipStart = -1;
    std::string m_skipStack; // the skipper's, kept for its memory
};

} // namespace

json rangeValue(qint64 begin, qint64 end)
{
    std::vector<std::uint8_t> bytes(16);
    std::memcpy(bytes.data(), &begin, 8);
    std::memcpy(bytes.data() + 8, &end, 8);
    return json::binary(std::move(bytes), RangeSubtype);
}

ByteRange rangeOf(const json &value)
{
    if (!value.is_binary())
        return {};
    const auto &bin = value.get_binary();
    if (bin.size() != 16 || !bin.has_subtype() || bin.subtype() != RangeSubtype)
        return {};
    ByteRange range;
    std::memcpy(&range.begin, bin.data(), 8);
    std::memcpy(&range.end, bin.data() + 8, 8);
    return range;
}

JsonSlot slotOf(const json &value)
{
    JsonSlot slot;
    if (value.is_binary())
        slot.setRange(rangeOf(value));
    else if (value.is_boolean())
        slot.setLiteral(value.get<bool>() ? JsonSlot::TrueLiteral : JsonSlot::FalseLiteral);
    else if (value.is_null())
        slot.setLiteral(JsonSlot::NullLiteral);
    else if (!value.is_discarded())
        slot.setLiteral(storeLiteral(QByteArray::fromStdString(value.dump())));
    return slot;
}

std::string parseErrorReason(const char *what)
{
    // nlohmann's texts quote what was read last, which may be a secret: keep only the
    // description of the problem.
    std::string message = what;
    if (auto cut = message.find("; last read:"); cut != std::string::npos)
        message.erase(cut);
    if (auto colon = message.find(": ");
        message.rfind("[json.exception", 0) == 0 && colon != std::string::npos)
        message.erase(0, colon + 2);
    return message;
}

Error outOfMemory(const QString &path, qsizetype bytes)
{
    return Error {path, 0, 0,
        QStringLiteral("not enough memory to load it (%1 MB of JSON)").arg(bytes >> 20)};
}

Status scanJson(const QByteArray &bytes, const QString &path, ScanResult &result,
    const ElementSink &sink, JsonSkip skip, const MemberSinks &members, const LineBreaksGone *gone,
    ReadFrontier *frontier)
{
    const char *base = bytes.constData();
    const char *position = base;
    const char *end = base + bytes.size();
    ReadWindow window {base, frontier ? base + frontier->available() : end, end, frontier};
    Handler handler(window, &position, skip, result, sink, members);
    SharedIterator first {&position, nullptr, &window};
    SharedIterator last {nullptr, end, &window};
    try {
        json::sax_parse(first, last, &handler);
    } catch (const std::bad_alloc &) {
        return outOfMemory(path, bytes.size());
    } catch (const std::exception &e) {
        // sax_parse reports through the handler; anything thrown here is a resource failure.
        return Error {
            path, 0, 0, QStringLiteral("cannot parse: %1").arg(QString::fromUtf8(e.what()))};
    }
    if (!handler.error)
        return {};
    Error error = *handler.error;
    error.path = path;
    lineAndColumn(
        bytes, std::max<qint64>(0, handler.errorOffset), &error.line, &error.column, gone);
    return error;
}

} // namespace bg::core::detail
