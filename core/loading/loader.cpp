// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/loading/loader.h"

#include "core/files.h"
#include "core/loading/readers_p.h"
#include "core/loading/unreadbytes_p.h"
#include "core/memory.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <future>
#include <iterator>
#include <limits>
#include <new>

namespace bg::core {

using namespace detail;

namespace {

Error failure(const QString &path, const QString &message, int line = 0, int column = 0)
{
    return Error {path, line, column, message};
}

// A UTF-8 byte order mark, as editors write it. It stays in the document's bytes (the scan steps
// over it, as nlohmann's lexer does, and offsets stay offsets into the file); what looks at the
// text itself begins after it.
constexpr QByteArrayView Utf8Bom("\xEF\xBB\xBF");

QByteArrayView pastBom(QByteArrayView bytes)
{
    return bytes.startsWith(Utf8Bom) ? bytes.sliced(Utf8Bom.size()) : bytes;
}

// The file as read, while UTF-16 text is converted from it: `frontier` (nullptr: all read)
// tells how far it is read, `hashed` (nullptr: the caller holds it) how far it is hashed. What
// is converted and hashed goes back to the kernel as the conversion goes: only the hash needed
// it, and the text is kept once, as UTF-8.
struct Utf16Source {
    const QByteArray &file;
    ReadFrontier *frontier = nullptr;
    const std::atomic<qint64> *hashed = nullptr;
};

// UTF-16 text (2 bytes a unit) from `skip` on, as UTF-8, a chunk at a time: no second copy of
// the whole text in between. A unit with no other half is written '?', as QString::toUtf8
// writes it. A read that ends early (the file shrank: the load fails for that) ends the text.
QByteArray utf8FromUtf16(const Utf16Source &source, qsizetype skip, bool littleEndian)
{
    constexpr qsizetype Chunk = qsizetype(1) << 15;
    const char *d = source.file.constData();
    const qsizetype total = (source.file.size() - skip) / 2;
    std::vector<char16_t> units(size_t(std::min(Chunk, total)));
    QByteArray out;
    out.reserve(total); // what ASCII takes
    // The file's bytes before this went back (those before its first 2 MiB page stay: memory.h)
    qint64 released = memory::largePageCeil(d, 0, source.file.size());
    for (qsizetype i = 0; i < total;) {
        qsizetype m = std::min(Chunk, total - i);
        const qint64 end = skip + 2 * (i + m);
        if (source.frontier && source.frontier->waitFor(end) < end)
            break;
        for (qsizetype k = 0; k < m; ++k) {
            const auto first = uchar(d[skip + 2 * (i + k)]),
                       second = uchar(d[skip + 2 * (i + k) + 1]);
            units[size_t(k)]
                = littleEndian ? char16_t(first | (second << 8)) : char16_t(second | (first << 8));
        }
        if (i + m < total && QChar::isHighSurrogate(units[size_t(m - 1)]))
            --m; // its other half begins the next chunk
        out += QStringView(units.data(), m).toUtf8();
        i += m;
        if (source.hashed) {
            const qint64 done
                = std::min<qint64>(skip + 2 * i, source.hashed->load(std::memory_order_acquire));
            // In whole 2 MiB pages (memory.h), but all of it at the end.
            const qint64 upTo = i == total ? done : memory::largePageFloor(d, done);
            if (upTo > released) {
                memory::discardPages(d + released, upTo - released);
                released = upTo;
            }
        }
        if (source.frontier)
            source.frontier->passed(skip + 2 * i);
    }
    return out;
}

// Windows shells write UTF-16 (PowerShell's `>`): whether `head` (the file's first bytes, four
// at least where there are) is, and how many bytes its mark takes (0 without one).
std::optional<std::pair<bool, qsizetype>> utf16Start(QByteArrayView head)
{
    const char *d = head.data();
    if (head.startsWith("\xFF\xFE"))
        return std::pair {true, qsizetype(2)};
    if (head.startsWith("\xFE\xFF"))
        return std::pair {false, qsizetype(2)};
    if (head.size() >= 4 && d[1] == '\0' && d[3] == '\0' && d[0] != '\0')
        return std::pair {true, qsizetype(0)};
    if (head.size() >= 4 && d[0] == '\0' && d[2] == '\0' && d[1] != '\0')
        return std::pair {false, qsizetype(0)};
    return std::nullopt;
}

// The UTF-8 text of a UTF-16 file; nullopt for any other (read as it is). Reads through
// constData(): a non-const access would copy the whole file.
std::optional<QByteArray> normaliseEncoding(const Utf16Source &source, QStringList *notes)
{
    const qint64 read = source.frontier ? source.frontier->available() : source.file.size();
    const auto start = utf16Start(QByteArrayView(source.file.constData(), read));
    if (!start)
        return std::nullopt;
    notes->append(QStringLiteral("The file is UTF-16; it was read as such."));
    return utf8FromUtf16(source, start->second, start->first);
}

// Where the first word of `bytes` begins (past the white space before it) and ends: its first
// character is the first one that is not white space, and it runs on over letters, digits and
// underscores. Both are bytes.size() where there is nothing but white space.
std::pair<qsizetype, qsizetype> firstWord(QByteArrayView bytes)
{
    qsizetype i = 0;
    while (i < bytes.size() && QChar::isSpace(uchar(bytes[i])))
        ++i;
    qsizetype end = i;
    while (end < bytes.size() && (std::isalnum(uchar(bytes[end])) || bytes[end] == '_'))
        ++end;
    return {i, end};
}

std::optional<QString> sniffNotJson(QByteArrayView file)
{
    const QByteArrayView bytes = pastBom(file);
    if (bytes.startsWith("PK\x03\x04"))
        return QStringLiteral("this is a binary plan file (a zip archive), not JSON; "
                              "run `terraform show -json PLANFILE > plan.json` and open that");
    const auto [i, end] = firstWord(bytes);
    if (i == bytes.size())
        return bytes.isEmpty() ? QStringLiteral("the file is empty")
                               : QStringLiteral("the file holds only white space");
    // A JSON document starts with a value; a word other than true/false/null is HCL.
    const QByteArrayView word = bytes.sliced(i, end - i);
    const bool literal = word == "true" || word == "false" || word == "null";
    if ((!word.isEmpty() && std::isalpha(uchar(word[0])) && !literal) || bytes[i] == '#'
        || bytes[i] == '/')
        return QStringLiteral("this is not JSON (it looks like Terraform/HCL source); "
                              "Blastguard reads the JSON from `terraform show -json`");
    return std::nullopt;
}

// A file read while it is scanned: whether the bytes read so far (the first 64 KiB waited for)
// settle what normaliseEncoding and sniffNotJson decide on the whole. They do where the file
// starts (past a UTF-8 byte order mark) in ASCII without a NUL (nothing to convert) and its
// first word ends within them.
bool headSettled(const QByteArray &bytes, ReadFrontier *frontier)
{
    const qint64 read = frontier->waitFor(qint64(64) << 10);
    if (read >= bytes.size())
        return true;
    const QByteArrayView head = pastBom(QByteArrayView(bytes.constData(), read));
    const auto plain = [](char c) {
        return c > 0 && uchar(c) < 0x80;
    };
    if (head.size() < 4 || !std::all_of(head.begin(), head.begin() + 4, plain))
        return false;
    return firstWord(head).second < head.size();
}

// "1.2" -> major 1. Returns -1 when it is not "N" or "N.M".
int majorVersion(const QString &version)
{
    bool ok = false;
    const int major = version.section(QLatin1Char('.'), 0, 0).toInt(&ok);
    return ok ? major : -1;
}

// {NAME: {value, type, sensitive}}, as raw states, state JSON and plans write root outputs
// (internal/command/jsonstate/state.go Output; internal/states/statefile/version4.go).
void outputsFrom(const json &element, std::vector<OutputValue> *outputs)
{
    if (!element.is_object())
        return;
    for (const auto &[name, output] : element.items()) {
        if (!output.is_object() || qsizetype(outputs->size()) >= Document::MaxListedEntries)
            continue;
        OutputValue value;
        value.name = QString::fromStdString(name);
        if (auto v = output.find("value"); v != output.end())
            value.value = slotOf(*v);
        if (auto s = output.find("sensitive"); s != output.end())
            value.sensitive = !s->is_boolean() || s->get<bool>(); // unreadable: sensitive
        outputs->push_back(std::move(value));
    }
}

QString scalarString(const ScanResult &scan, const char *key)
{
    auto it = scan.topScalars.find(key);
    if (it == scan.topScalars.end())
        return {};
    if (it->second.is_string())
        return QString::fromStdString(it->second.get_ref<const std::string &>());
    return QString::fromStdString(it->second.dump());
}

// Resources arrive one by one and their count is known only at the end. A vector that grows
// holds its old and its new copy of them all at once; chunks never do. Each chunk's room is
// reserved, not written: pages never written take no memory (memory::allocateBlock maps a large
// room as address space alone), so the first chunk is made as large as the document could need,
// and the document hands it over whole, with no resource moved. (Moving the resources into one
// vector was 7% of loading 10,000 small ones; and while a chunk was moved, it and its copy were
// both in memory: 10 MB over the peak of 100,000 tiny resources, 0.3x their file.)
//
// That room is bounded by the document's size: no resource takes fewer than BytesPerResource
// bytes of the file as Terraform writes it (a raw state's smallest instance,
// {"schema_version":0,"attributes":{}}, is 36), so a small document reserves little, and a
// 1 GiB one 9 GB of address space. A file that holds more, resources written smaller than
// Terraform writes them, gets more chunks: the same resources, moved once. So does a process
// refused that much address space (a ulimit -v, a kernel that never overcommits): its chunks
// are ChunkSize.
class ResourceChunks {
public:
    explicit ResourceChunks(qsizetype documentBytes)
        : m_first(std::max<size_t>(size_t(documentBytes) / BytesPerResource, 16))
    {
    }
    const Resource &add(Resource &&r)
    {
        if (m_chunks.empty() || m_chunks.back().size() == m_chunks.back().capacity()) {
            m_chunks.emplace_back();
            // A LargeVector: advised as it is made.
            try {
                m_chunks.back().reserve(m_chunks.size() == 1 ? m_first : ChunkSize);
            } catch (const std::bad_alloc &) {
                if (m_chunks.size() > 1 || m_first <= ChunkSize)
                    throw; // no memory even for a chunk: as any allocation that fails
                m_chunks.back().reserve(ChunkSize);
            }
        }
        memory::keepHeapAdvised();
        m_chunks.back().push_back(std::move(r));
        ++m_size;
        return m_chunks.back().back();
    }
    template<typename F>
    void forEach(F f) const
    {
        for (const ResourceList &chunk : m_chunks)
            for (const Resource &r : chunk)
                f(r);
    }
    void moveInto(ResourceList *out)
    {
        if (out->empty() && m_chunks.size() == 1) {
            *out = std::move(m_chunks.front());
        } else {
            // Made (and advised, a LargeVector's block) before the resources are moved in: a
            // million of them (280 MB) took 70,000 page faults of 4 KiB unadvised, a sixth of
            // the time on a million tiny resources.
            out->reserve(out->size() + m_size);
            for (ResourceList &chunk : m_chunks) {
                std::move(chunk.begin(), chunk.end(), std::back_inserter(*out));
                ResourceList().swap(chunk);
            }
        }
        m_chunks.clear();
        m_size = 0;
    }

private:
    static constexpr size_t ChunkSize = 1 << 16; // 18 MiB of room, when more was refused
    static constexpr size_t BytesPerResource = 32;
    size_t m_first; // the first chunk's room
    std::vector<ResourceList> m_chunks;
    size_t m_size = 0;
};

} // namespace

namespace detail {

void lineAndColumn(
    const QByteArray &bytes, qint64 offset, int *line, int *column, const LineBreaksGone *gone)
{
    offset = std::clamp<qint64>(offset, 0, bytes.size());
    qint64 l = 1;
    qint64 lineStart = 0;
    if (gone) {
        l += gone->count;
        lineStart = gone->last + 1;
    }
    const char *data = bytes.constData();
    for (qint64 i = 0; i < offset; ++i) {
        if (data[i] == '\n') {
            ++l;
            lineStart = std::max(lineStart, i + 1);
        }
    }
    // A byte order mark is not a column an editor shows.
    if (lineStart == 0 && offset >= Utf8Bom.size() && bytes.startsWith(Utf8Bom))
        lineStart = Utf8Bom.size();
    *line = int(std::min<qint64>(l, std::numeric_limits<int>::max()));
    *column = int(offset - std::min(lineStart, offset)) + 1;
}

} // namespace detail

Result<Document> loadDocument(const QString &path)
{
    Result<std::unique_ptr<StreamedFile>> file = StreamedFile::open(path);
    if (!file)
        return file.error();
    // Below this (and standard input, size 0 here) nothing goes back to the kernel while the
    // file is scanned: read it whole.
    if ((*file)->size() >= UnreadPages::MinimumFile)
        return detail::loadStreamed(**file, path, JsonSkip::Fast);
    Result<QByteArray> bytes = (*file)->readWhole();
    if (!bytes)
        return bytes.error();
    return loadDocumentFromBytes(std::move(bytes).value(), path);
}

Result<Document> loadDocumentFromBytes(QByteArray bytes, const QString &path)
{
    return detail::loadDocumentFromBytes(std::move(bytes), path, JsonSkip::Fast);
}

namespace {

// Reports, approvals and the gate name a plan by its SHA-256: a large file is hashed on another
// core while this one scans it (a 200 MB plan takes about 0.1 s to hash), `*hashed` telling how
// far it has read. `bytes` is shared with the thread, which keeps it alive; the reader only
// reads it, so it never detaches.
std::future<QString> hashAside(const QByteArray &bytes, std::atomic<qint64> *hashed)
{
    if (bytes.size() < (qsizetype(1) << 20))
        return {}; // not worth a thread: fileSha256 hashes it when asked
    try {
        return std::async(
            std::launch::async, [bytes, hashed] { return files::sha256Hex(bytes, hashed); });
    } catch (const std::system_error &) {
        return {}; // no thread to be had: hashed when asked
    } catch (const std::bad_alloc &) {
        return {}; // nor the memory for one
    }
}

// `hashed`: how far the hash of `bytes` has gone, when the loader alone holds them (nullptr:
// none of them goes back to the kernel while they are read). `*compacted` set: the file is gone,
// named by the hash taken as it was read alone: the document's bytes are the values it keeps
// (UnreadPages::takeValues), or the text converted from it.
Result<Document> readDocument(QByteArray bytes, const QString &path, JsonSkip skip,
    const std::atomic<qint64> *hashed, bool *compacted, ReadFrontier *frontier = nullptr)
{
    Document doc;
    doc.path = path;
    // Read whole before anything looks at it, unless it is UTF-16: converted as it is read.
    if (frontier && !headSettled(bytes, frontier)
        && !utf16Start(QByteArrayView(bytes.constData(), frontier->available())))
        frontier->waitFor(bytes.size());
    // Converted, the bytes read are only hashed. Hashed by another thread, they go back as they
    // are converted and hashed, and the text is read as a file would be: its values packed,
    // its pages going back behind the scan. Else they are kept for fileSha256.
    std::atomic<qint64> convertedHashed {0}; // nothing hashes the text: all of it may go
    bool originalGone = false;
    if (auto converted = normaliseEncoding({bytes, frontier, hashed}, &doc.notes)) {
        if (hashed) {
            memory::leaveLargePages(bytes.constData(), bytes.size());
            originalGone = true;
            convertedHashed = converted->size();
            hashed = &convertedHashed;
        } else {
            doc.original = std::move(bytes);
        }
        bytes = std::move(*converted);
        frontier = nullptr; // and they are all read
    }
    if (auto problem = sniffNotJson(bytes)) {
        const int at = pastBom(bytes).isEmpty() ? 0 : 1;
        return failure(path, *problem, at, at);
    }
    doc.bytes = std::move(bytes);
    UnreadPages pages(doc.bytes, hashed, frontier);

    StringPool pool;
    ScanResult scan;
    QHash<QString, QStringList> priorDependencies;
    ResourceChunks changes(doc.bytes.size()), stateResources(doc.bytes.size());
    // A raw state's resources, read a resource (with its instances) at a time into `instances`
    ResourceChunks rawResources(doc.bytes.size());
    std::vector<Resource> instances;
    const auto addInstances = [&] {
        qint64 first = -1;
        for (Resource &r : instances) {
            if (const qint64 at = pages.keep(r); at >= 0)
                first = first < 0 ? at : std::min(first, at);
            rawResources.add(std::move(r));
        }
        pages.passed(first);
        instances.clear();
    };
    bool sawRawModules = false;
    int changeIndex = 0;
    QHash<QString, Action> drift; // by full address, deposed suffix included
    QString shapeError; // the first deferred change or action invocation shaped otherwise
    // Managed resources in prior_state without a resource_changes entry (a -target plan).
    // Terraform writes resource_changes first (internal/command/jsonplan/plan.go), so the set
    // of change addresses is built once, when prior_state begins, and checked again at the end.
    std::vector<Resource> priorOnly;
    std::vector<Resource> priorData; // data sources in prior_state: Document::priorData
    // The changes by id, once prior_state begins (pointers into `changes`, whose chunks never
    // move while the file is read; only the ids are read once they are moved out).
    QHash<QString, const Resource *> changeIds;
    bool changeIdsBuilt = false;
    const auto buildChangeIds = [&] {
        if (!changeIdsBuilt)
            changes.forEach([&](const Resource &c) { changeIds.insert(c.id, &c); });
        changeIdsBuilt = true;
    };
    // Terraform 0.12 wrote prior_state addresses without the instance key (and, in child
    // modules, without the module path): hashicorp/terraform#24110, fixed by #24256. Such
    // addresses name no node, so no prior_state-only node is made from them.
    bool priorAddressesUnreliable = false;
    const auto addChange = [&](std::optional<Resource> &&r) {
        if (r) {
            pages.passed(pages.keep(*r));
            const Resource &added = changes.add(std::move(*r));
            if (changeIdsBuilt)
                changeIds.insert(added.id, &added);
        } else
            doc.unreadableChanges.append(QStringLiteral("resource_changes[%1]").arg(changeIndex));
        ++changeIndex;
    };
    // A prior_state resource; `index` its index member (nullptr: none).
    const auto addPrior = [&](std::optional<Resource> &&r, const json *index) {
        if (!r)
            return;
        // Kept until the end says whether it is a node; the others' bytes are done with.
        const qint64 first = firstByte(*r);
        if (!r->isData())
            ++doc.priorManagedCount;
        // None recorded reads as none found: only lists are kept (a later entry of the same
        // address still replaces an earlier one, as it did).
        if (!r->dependencies().isEmpty() || priorDependencies.contains(r->id))
            priorDependencies.insert(r->id, r->dependencies());
        if (index && !(instanceKeyFrom(*index) == r->address.key))
            priorAddressesUnreliable = true;
        if (!r->isData()) {
            buildChangeIds();
            if (!changeIds.contains(r->id)) {
                pages.keep(*r);
                priorOnly.push_back(std::move(*r));
            }
        } else {
            pages.keep(*r);
            priorData.push_back(std::move(*r));
        }
        pages.passed(first);
    };
    const auto addState = [&](Resource &&r) {
        pages.passed(pages.keep(r));
        stateResources.add(std::move(r));
    };
    auto sink = [&](Collection collection, json &&element) {
        switch (collection) {
        case Collection::Change:
            addChange(resourceFromChange(element, &doc.notes));
            break;
        case Collection::PriorResource: {
            const auto index = element.is_object() ? element.find("index") : element.end();
            addPrior(resourceFromStateValues(element, &doc.notes),
                index != element.end() ? &*index : nullptr);
            break;
        }
        case Collection::StateResource:
            if (auto r = resourceFromStateValues(element, &doc.notes))
                addState(std::move(*r));
            break;
        case Collection::RawResource:
            resourcesFromRawV4(element, &instances, &doc.notes);
            addInstances();
            break;
        case Collection::RawModule:
            sawRawModules = true;
            resourcesFromRawV3(element, &instances, &doc.notes);
            addInstances();
            break;
        case Collection::Configuration:
            doc.configuration = configurationFrom(element);
            break;
        case Collection::Outputs: {
            const size_t kept = doc.outputs.size(); // each slot kept once: it may move
            outputsFrom(element, &doc.outputs);
            for (size_t i = kept; i < doc.outputs.size(); ++i)
                pages.keep(doc.outputs[i].value);
            break;
        }
        case Collection::Deferred: {
            QString problem;
            if (auto d = deferredFrom(element, &problem)) {
                if (d->address.isEmpty())
                    d->address = QStringLiteral("deferred_changes[%1]").arg(doc.deferredTotal);
                if (qsizetype(doc.deferred.size()) < Document::MaxListedEntries)
                    doc.deferred.push_back(std::move(*d));
            } else if (shapeError.isEmpty()) {
                shapeError = QStringLiteral("deferred_changes[%1]: %2")
                                 .arg(QString::number(doc.deferredTotal), problem);
            }
            ++doc.deferredTotal;
            break;
        }
        case Collection::ActionInvocation: {
            QString problem;
            if (auto a = actionInvocationFrom(element, &problem)) {
                if (a->address.isEmpty())
                    a->address
                        = QStringLiteral("action_invocations[%1]").arg(doc.actionInvocationsTotal);
                if (qsizetype(doc.actionInvocations.size()) < Document::MaxListedEntries)
                    doc.actionInvocations.push_back(std::move(*a));
            } else if (shapeError.isEmpty()) {
                shapeError = QStringLiteral("action_invocations[%1]: %2")
                                 .arg(QString::number(doc.actionInvocationsTotal), problem);
            }
            ++doc.actionInvocationsTotal;
            break;
        }
        case Collection::Drift: {
            // internal/command/jsonplan/plan.go writes the non-no-op drifted changes as
            // resource_drift, shaped as resource_changes: an object refresh found gone is a
            // "delete" from its prior value to null.
            QStringList ignored;
            if (auto r = resourceFromChange(element, &ignored); r && !r->actionUnreadable)
                drift.insert(r->id, r->action);
            break;
        }
        }
    };
    MemberSinks members;
    members.change = [&](const ChangeMembers &m) {
        addChange(resourceFromChange(m, &doc.notes));
    };
    members.state = [&](Collection collection, const StateMembers &m) {
        // A prior_state entry of a resource the plan changes is written with that change's
        // address (Terraform writes both from one address): it is not parsed and named again
        // (the prior_state entries of 10,000 deleted databases in modules: 104M instructions
        // to 38M).
        const Resource *written = nullptr;
        if (collection == Collection::PriorResource && m.where.address
            && m.where.address->is_string()) {
            buildChangeIds();
            written = changeIds.value(
                QString::fromStdString(m.where.address->get_ref<const std::string &>()));
        }
        std::optional<Resource> r = resourceFromStateValues(m, &doc.notes, written);
        if (collection == Collection::PriorResource)
            addPrior(std::move(r), m.where.index);
        else if (r)
            addState(std::move(*r));
    };
    members.raw = [&](const RawMembers &m) {
        resourcesFromRawV4(m, &instances, &doc.notes);
        addInstances();
    };
    members.configuration = [&](std::shared_ptr<ConfigModule> module) {
        doc.configuration = std::move(module);
    };
    if (Status scanned
        = scanJson(doc.bytes, path, scan, sink, skip, members, pages.lineBreaksGone(), frontier);
        !scanned)
        return scanned.error();
    if (pages.compacting()) { // the values kept are all the document reads from now on
        doc.packed = pages.takeValues();
        memory::leaveLargePages(doc.bytes.constData(), doc.bytes.size());
        doc.bytes = QByteArray();
        *compacted = true;
    }
    *compacted = *compacted || originalGone;
    changes.moveInto(&doc.resources);
    if (!scan.topIsObject)
        return failure(path,
            QStringLiteral("not a Terraform plan or state: the top-level JSON value "
                           "is not an object"),
            1, 1);

    const auto has = [&](const char *key) {
        return scan.topKeys.count(key) > 0;
    };
    if (has("encryption_version"))
        return failure(path,
            QStringLiteral("this is an OpenTofu encrypted state; decrypt it first "
                           "(tofu show -json) and open the result"));
    doc.formatVersion = scalarString(scan, "format_version");
    doc.terraformVersion = scalarString(scan, "terraform_version");
    const bool planKeys = has("resource_changes") || has("planned_values") || has("prior_state")
        || has("configuration") || has("resource_drift") || has("output_changes")
        || has("deferred_changes") || has("action_invocations");

    if (planKeys) {
        doc.kind = DocumentKind::Plan;
    } else if (has("format_version") && !has("version")) {
        doc.kind = DocumentKind::StateJson;
    } else if (has("version")
        && (has("lineage") || has("serial") || has("resources") || has("modules")
            || has("terraform_version"))) {
        doc.kind = DocumentKind::RawState;
    } else {
        return failure(path,
            QStringLiteral("not a Terraform plan or state: found none of "
                           "format_version, resource_changes, values or version"));
    }

    if (doc.kind != DocumentKind::RawState) {
        if (has("format_version") && !scan.topScalars["format_version"].is_string())
            return failure(path, QStringLiteral("format_version is not a string"));
        const int major = doc.formatVersion.isEmpty() ? 0 : majorVersion(doc.formatVersion);
        if (major < 0 || major > 1)
            return failure(path,
                QStringLiteral("unsupported format_version \"%1\"; Blastguard reads "
                               "versions 0.x and 1.x")
                    .arg(doc.formatVersion));
        if (doc.formatVersion.isEmpty())
            doc.notes.append(
                QStringLiteral("The file has no format_version; it was read as a plan."));
    }

    switch (doc.kind) {
    case DocumentKind::Plan:
        // resource_changes is a list (internal/command/jsonplan/plan.go); as anything else it
        // would read as no change at all.
        if (const auto it = scan.topContainers.find("resource_changes");
            (it != scan.topContainers.end() && !it->second)
            || scan.topScalars.count("resource_changes"))
            return failure(path,
                QStringLiteral("resource_changes is not a list: Terraform writes the changes as "
                               "a JSON array, and this file's cannot be read as changes"));
        // deferred_changes (Terraform 1.9+) and action_invocations (1.14+) are lists of objects
        // (internal/command/jsonplan/plan.go); read otherwise, a deferred change or an action
        // the apply runs would go unseen.
        for (const char *key : {"deferred_changes", "action_invocations"}) {
            if (const auto it = scan.topContainers.find(key);
                (it != scan.topContainers.end() && !it->second)
                || (scan.topScalars.count(key) && !scan.topScalars[key].is_null()))
                return failure(path,
                    QStringLiteral("%1 is not a list: Terraform writes it as a JSON array of "
                                   "objects")
                        .arg(QLatin1String(key)));
        }
        if (!shapeError.isEmpty())
            return failure(
                path, shapeError + QStringLiteral(", which is not how Terraform writes it"));
        // Fail closed: "errored" or "complete" of any other type than a boolean counts as the
        // worse case (internal/command/jsonplan/plan.go writes both as booleans).
        doc.errored = (scan.topScalars.count("errored") && scan.topScalars["errored"] != false)
            || (has("errored") && !scan.topScalars.count("errored"));
        doc.incomplete = has("deferred_changes")
            || (scan.topScalars.count("complete") && scan.topScalars["complete"] != true)
            || (has("complete") && !scan.topScalars.count("complete"));
        doc.hasPriorState = has("prior_state");
        // prior_state-only resources (a -target or a refresh-only plan) are nodes: they are in
        // the radius of a what-if and can be chosen to destroy. Data sources stay out: Terraform
        // never records them as a dependency nor destroys them. A prior_state entry can hold the
        // same address twice only in a malformed file; the first one counts.
        if (doc.terraformVersion.startsWith(QLatin1String("0.11."))
            || doc.terraformVersion.startsWith(QLatin1String("0.12.")))
            priorAddressesUnreliable = true;
        if (!priorAddressesUnreliable)
            doc.resources.reserve(doc.resources.size() + priorOnly.size());
        for (Resource &r : priorOnly) {
            if (priorAddressesUnreliable)
                break;
            if (changeIds.contains(r.id))
                continue;
            changeIds.insert(r.id, nullptr);
            r.priorOnly = true;
            doc.resources.push_back(std::move(r));
        }
        // The data sources Terraform read while planning are in prior_state alone: the plan
        // walk writes each one it reads into the refresh state (dataResourceExecute, "write
        // the data source into both the refresh state and the working state",
        // internal/terraform/node_resource_plan_instance.go), the refresh state becomes the
        // plan's PriorState (planWalk, internal/terraform/context_plan.go), and jsonplan.Marshal
        // writes that as prior_state (internal/command/jsonplan/plan.go); resource_changes has
        // a data source only when its read waits for the apply (action "read"). They are kept
        // apart, never nodes: the analysis is as it was, and the estate links through them (a
        // terraform_remote_state's `outputs`, data_source_state.go in
        // internal/builtin/providers/terraform). One in resource_changes too is read there.
        if (!priorAddressesUnreliable) {
            QSet<QString> dataIds;
            for (const Resource &r : doc.resources) {
                if (r.isData())
                    dataIds.insert(r.id);
            }
            for (Resource &r : priorData) {
                if (!dataIds.contains(r.id)) {
                    dataIds.insert(r.id);
                    doc.priorData.push_back(std::move(r));
                }
            }
        }
        for (Resource &r : doc.resources) {
            // The id is the instance address unless the object is deposed.
            if (!priorDependencies.isEmpty()) {
                auto it = priorDependencies.constFind(
                    r.address.deposed.isEmpty() ? r.id : r.address.instanceString());
                if (it != priorDependencies.constEnd())
                    r.setDependencies(*it);
            }
            if (drift.isEmpty())
                continue;
            if (auto d = drift.constFind(r.id); d != drift.constEnd())
                r.drift = *d;
        }
        break;
    case DocumentKind::StateJson:
        stateResources.moveInto(&doc.resources);
        break;
    case DocumentKind::RawState: {
        const json &version = scan.topScalars["version"];
        if (!version.is_number_integer())
            return failure(path, QStringLiteral("the state's \"version\" is not a whole number"));
        doc.stateVersion = version.get<int>();
        // Versions 1 to 3 share the modules[] layout; 4 has resources[].
        if (doc.stateVersion < 1 || doc.stateVersion > 4)
            return failure(path,
                QStringLiteral("unsupported state file version %1; Blastguard reads "
                               "versions 1 to 4")
                    .arg(doc.stateVersion));
        if (doc.stateVersion < 3)
            doc.notes.append(
                QStringLiteral("A version %1 state (Terraform 0.6 or older), read with the "
                               "version 3 layout.")
                    .arg(doc.stateVersion));
        if (doc.stateVersion < 4 && !sawRawModules && has("resources"))
            doc.notes.append(QStringLiteral("A version %1 state with a version 4 resources list.")
                                 .arg(doc.stateVersion));
        doc.lineage = scalarString(scan, "lineage");
        const json &serial = scan.topScalars["serial"];
        doc.serial = serial.is_number_integer() ? serial.get<qint64>() : -1;
        rawResources.moveInto(&doc.resources);
        break;
    }
    }
    // A resource identity is an object (or null) wherever Terraform writes one: jsonstate and
    // jsonplan marshal it from the identity schema's object type.
    const auto identityOk = [&](const JsonSlot &slot) {
        if (slot.range().isValid())
            return doc.bytesOf(slot).startsWith('{');
        return slot.literal() == JsonSlot::NoLiteral || slot.isNull();
    };
    doc.literals = pool.takeLiterals();
    for (const Resource &r : doc.resources) {
        if (!identityOk(r.beforeIdentity) || !identityOk(r.afterIdentity))
            return failure(path,
                QStringLiteral("%1: its identity is not a JSON object, which is how Terraform "
                               "writes a resource identity")
                    .arg(r.id.left(400)));
    }
    return doc;
}

} // namespace

Result<Document> detail::loadDocumentFromBytes(QByteArray bytes, const QString &path, JsonSkip skip)
{
    // Held by the caller too, the bytes must stay whole.
    const bool alone = bytes.isDetached();
    std::atomic<qint64> hashed {0};
    std::future<QString> sha256 = hashAside(bytes, &hashed);
    const qsizetype size = bytes.size();
    bool compacted = false; // the file is gone: see readDocument
    Result<Document> doc = Error {};
    try {
        doc = readDocument(
            std::move(bytes), path, skip, alone && sha256.valid() ? &hashed : nullptr, &compacted);
    } catch (const std::bad_alloc &) { // a clear error, not an abort (the scan catches its own)
        doc = detail::outOfMemory(path, size);
    }
    if (sha256.valid()) {
        try {
            QString hex = sha256.get();
            if (doc)
                doc->sha256 = std::move(hex);
        } catch (const std::bad_alloc &) { // the thread's hex digest: hashed again when asked
        }
    }
    sha256 = {}; // the hashing thread's copy of the bytes goes with it
    if (doc && compacted && doc->sha256.isEmpty()) // the file is gone: nothing left to hash
        return failure(path, QStringLiteral("not enough memory to hash it"));
    if (doc && !compacted)
        releaseUnreadBytes(*doc);
    return doc;
}

Result<Document> detail::loadStreamed(StreamedFile &file, const QString &path, JsonSkip skip)
{
    file.start();
    bool compacted = false;
    Result<Document> doc = Error {};
    try {
        doc = readDocument(file.bytes(), path, skip, file.hashed(), &compacted, &file);
    } catch (const std::bad_alloc &) {
        doc = detail::outOfMemory(path, file.size());
    }
    // A load that failed stops the read; a read that failed is the reason, whatever the scan
    // made of the bytes it had (cut short, they read as a truncated file).
    Result<QString> read = file.finish(!doc);
    if (!read)
        return read.error();
    if (!doc)
        return doc;
    if (read->isEmpty()) // never without a failure: the file is gone, nothing else to hash
        return failure(path, QStringLiteral("the read stopped before the end of the file"));
    doc->sha256 = *read;
    if (!compacted)
        releaseUnreadBytes(*doc);
    return doc;
}

QString fileSha256(const Document &document)
{
    if (!document.sha256.isEmpty())
        return document.sha256;
    const QByteArray &bytes = document.original.isNull() ? document.bytes : document.original;
    return files::sha256Hex(bytes);
}

} // namespace bg::core
