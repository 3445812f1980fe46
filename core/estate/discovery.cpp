// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Finding and reading an estate's files.
#include "core/estate/estate.h"
#include "core/loading/loader.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <algorithm>
#include <atomic>
#include <thread>

namespace bg::core {

namespace {

// Bounds on what one estate reads: beyond them files are named and skipped, never read.
constexpr qsizetype MaxFiles = 100000;
constexpr qint64 MaxTotalBytes = qint64(8) << 30;

struct Candidate {
    QString file; // absolute
    QString folder; // relative to its root ("." for the root itself)
    QString rootName; // the root folder's own name
    QString named; // --stack NAME
};

struct Loaded {
    Candidate candidate;
    std::optional<Document> document;
    QString error;
};

// Every candidate under `root`, depth first, in name order; other files counted.
void walk(const QString &root, std::vector<Candidate> *out, QStringList *skipped, int *others)
{
    const QString rootName = QFileInfo(root).fileName();
    std::vector<QString> folders {root};
    while (!folders.empty()) {
        const QString folder = folders.back();
        folders.pop_back();
        const QFileInfoList entries = QDir(folder).entryInfoList(
            QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
            QDir::Name | QDir::IgnoreCase);
        std::vector<QString> subfolders;
        for (const QFileInfo &entry : entries) {
            const QString name = entry.fileName();
            if (entry.isSymLink()) {
                // A linked folder is named too: it could hold stacks the reader expects read.
                if (entry.isDir() || name.endsWith(QLatin1String(".tfstate"))
                    || name.endsWith(QLatin1String(".json")))
                    skipped->append(
                        QStringLiteral("%1: a symbolic link, not followed").arg(entry.filePath()));
                continue;
            }
            if (entry.isDir()) {
                // .terraform/ is Terraform's working folder: its terraform.tfstate holds the
                // backend settings, not a stack. Hidden folders (.git) hold no stacks either.
                if (!name.startsWith(QLatin1Char('.')))
                    subfolders.push_back(entry.filePath());
                else if (name == QLatin1String(".terraform"))
                    skipped->append(QStringLiteral("%1: Terraform's working folder (backend "
                                                   "settings and modules), not a stack")
                                        .arg(entry.filePath()));
                continue;
            }
            if (name.endsWith(QLatin1String(".tfstate.backup"))) {
                skipped->append(
                    QStringLiteral("%1: the previous state Terraform keeps as a backup, not a "
                                   "stack")
                        .arg(entry.filePath()));
                continue;
            }
            if (!name.endsWith(QLatin1String(".tfstate"))
                && !name.endsWith(QLatin1String(".json"))) {
                ++*others;
                continue;
            }
            QString relative = QDir(root).relativeFilePath(folder);
            out->push_back({QDir::cleanPath(entry.absoluteFilePath()), relative, rootName, {}});
        }
        // Depth first, in name order: push in reverse.
        for (auto it = subfolders.rbegin(); it != subfolders.rend(); ++it)
            folders.push_back(*it);
    }
}

// Reads the candidates on a few threads: each file on its own, so the order is kept.
std::vector<Loaded> readAll(const std::vector<Candidate> &candidates)
{
    std::vector<Loaded> loaded(candidates.size());
    std::atomic<size_t> next {0};
    std::atomic<qint64> total {0};
    const auto work = [&] {
        for (size_t i = next++; i < candidates.size(); i = next++) {
            loaded[i].candidate = candidates[i];
            const qint64 size = QFileInfo(candidates[i].file).size();
            if (total.fetch_add(size) + size > MaxTotalBytes) {
                loaded[i].error = QStringLiteral("%1: not read: the estate's files pass %2 in all")
                                      .arg(candidates[i].file, files::byteSize(MaxTotalBytes));
                continue;
            }
            Result<Document> document = loadDocument(candidates[i].file);
            if (document)
                loaded[i].document = std::move(document).value();
            else
                loaded[i].error = document.error().toString();
        }
    };
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && t < candidates.size(); ++t)
        pool.emplace_back(work);
    work();
    for (std::thread &t : pool)
        t.join();
    return loaded;
}

// The name of a stack found in a folder: the folder relative to its root, the root's own name
// for a file in the root itself.
QString folderName(const Candidate &c)
{
    return c.folder == QLatin1String(".") ? c.rootName : c.folder;
}

QString fileBase(const QString &file)
{
    return QFileInfo(file).fileName();
}

// The same stack read twice: the same serial and the same resources with the same values.
bool sameContent(const Document &a, const Document &b)
{
    // Not the bytes themselves: a loaded document's unread stretches are zeros (loader.h).
    if (fileSha256(a) == fileSha256(b))
        return true;
    if (a.serial != b.serial || a.resources.size() != b.resources.size())
        return false;
    for (size_t i = 0; i < a.resources.size(); ++i) {
        const Resource &x = a.resources[i], &y = b.resources[i];
        if (x.id != y.id || a.bytesOf(x.before) != b.bytesOf(y.before))
            return false;
    }
    return true;
}

} // namespace

int Stack::nodeCount() const
{
    return int(document->resources.size() + document->priorData.size());
}

const Resource &Stack::node(int n) const
{
    const auto resources = int(document->resources.size());
    return n < resources ? document->resources[size_t(n)]
                         : document->priorData[size_t(n - resources)];
}

int Estate::findStack(const QString &name) const
{
    for (int i = 0; i < int(stacks.size()); ++i) {
        if (stacks[i].name == name)
            return i;
    }
    return -1;
}

Result<Estate> readEstate(const EstateOptions &options)
{
    Estate estate;
    std::vector<Candidate> candidates;
    int others = 0;
    for (const auto &[name, file] : options.named)
        candidates.push_back({QDir::cleanPath(QFileInfo(file).absoluteFilePath()), {}, {}, name});
    for (const QString &root : options.roots) {
        const QFileInfo info(root);
        if (!info.exists())
            return Error {root, 0, 0, QStringLiteral("no such folder")};
        if (!info.isDir())
            return Error {
                root, 0, 0, QStringLiteral("not a folder: an estate is a folder of stacks")};
        if (!info.isReadable() || !info.isExecutable())
            return Error {root, 0, 0, QStringLiteral("cannot list: permission denied")};
        const QString absolute = QDir::cleanPath(info.absoluteFilePath());
        estate.roots.append(absolute);
        walk(absolute, &candidates, &estate.skipped, &others);
    }
    // A file named with --stack and found in a folder too is read once, under its name.
    QSet<QString> seen;
    std::vector<Candidate> unique;
    for (Candidate &c : candidates) {
        if (seen.contains(c.file))
            continue;
        seen.insert(c.file);
        unique.push_back(std::move(c));
    }
    if (qsizetype(unique.size()) > MaxFiles) {
        estate.skipped.append(QStringLiteral("%1 files beyond the first %2 were not read")
                                  .arg(qsizetype(unique.size()) - MaxFiles)
                                  .arg(MaxFiles));
        unique.resize(MaxFiles);
    }
    if (others > 0)
        estate.notes.append(
            QStringLiteral("%1 other files (neither *.tfstate nor *.json) were not read")
                .arg(others));

    std::vector<Loaded> loaded = readAll(unique);
    // The stacks read, each with where it was found, named only once the files that are the
    // same stack again are dropped: the one left in a folder is named by the folder alone.
    struct Found {
        Stack stack;
        Candidate candidate;
    };
    std::vector<Found> found;
    QHash<QString, int> byLineage; // lineage -> the first stack found with it
    for (Loaded &l : loaded) {
        if (!l.document) {
            estate.skipped.append(l.error);
            continue;
        }
        estate.bytesRead += l.document->keptSize();
        if (!l.document->lineage.isEmpty()) {
            // One stack read twice (a copy) is read once. Two files of one lineage that differ
            // are both read: a lineage is only a claim, and keeping the first alone would let a
            // planted file with another stack's lineage hide that stack's links.
            const auto first = byLineage.constFind(l.document->lineage);
            if (first != byLineage.constEnd()) {
                const Document &kept = *found[size_t(*first)].stack.document;
                if (sameContent(kept, *l.document)) {
                    estate.skipped.append(
                        QStringLiteral(
                            "%1: the same stack as %2 (lineage %3, serial %4): read once")
                            .arg(l.candidate.file, found[size_t(*first)].stack.file,
                                l.document->lineage)
                            .arg(l.document->serial));
                    continue;
                }
                estate.notes.append(
                    QStringLiteral("%1 and %2 claim one lineage (%3) but differ: both are read")
                        .arg(found[size_t(*first)].stack.file, l.candidate.file,
                            l.document->lineage));
            } else {
                byLineage.insert(l.document->lineage, int(found.size()));
            }
        }
        Stack stack;
        stack.file = l.candidate.file;
        stack.document = std::make_shared<const Document>(std::move(*l.document));
        found.push_back({std::move(stack), std::move(l.candidate)});
    }
    // A plan beside the state of the same stack (same resources, same ids) is that stack
    // again: keep the state, which says what exists.
    for (int i = 0; i < int(found.size()); ++i) {
        const Stack &plan = found[i].stack;
        if (plan.document->kind != DocumentKind::Plan)
            continue;
        const QString folder = QFileInfo(plan.file).path();
        for (int j = 0; j < int(found.size()); ++j) {
            const Stack &state = found[j].stack;
            if (j == i || state.document->kind == DocumentKind::Plan
                || QFileInfo(state.file).path() != folder)
                continue;
            Estate pair;
            pair.stacks.push_back(state);
            QString how;
            if (recogniseStack(pair, *plan.document, &how) == 0) {
                estate.skipped.append(QStringLiteral("%1: the same stack as %2 (%3): read once")
                                          .arg(plan.file, state.file, how));
                found.erase(found.begin() + i);
                --i;
                break;
            }
        }
    }
    // Stacks per folder name, to name several files of one folder apart.
    QHash<QString, int> perFolder;
    for (const Found &f : found) {
        if (f.candidate.named.isEmpty())
            ++perFolder[folderName(f.candidate)];
    }
    for (Found &f : found) {
        const Candidate &c = f.candidate;
        if (!c.named.isEmpty())
            f.stack.name = c.named;
        else if (perFolder.value(folderName(c)) > 1)
            f.stack.name = c.folder == QLatin1String(".")
                ? fileBase(c.file)
                : c.folder + QLatin1Char('/') + fileBase(c.file);
        else
            f.stack.name = folderName(c);
        estate.stacks.push_back(std::move(f.stack));
    }
    // Names stay unique whatever the folders: a second "x" becomes "x (2)".
    QHash<QString, int> names;
    for (Stack &s : estate.stacks) {
        const int n = ++names[s.name];
        if (n > 1)
            s.name += QStringLiteral(" (%1)").arg(n);
    }
    std::stable_sort(estate.stacks.begin(), estate.stacks.end(),
        [](const Stack &a, const Stack &b) { return a.name < b.name; });
    return estate;
}

int placeDocument(Estate &estate, int index, const QString &name,
    std::shared_ptr<const Document> document, const QString &file)
{
    if (index < 0) {
        QString unique = name;
        for (int n = 2; estate.findStack(unique) >= 0; ++n)
            unique = QStringLiteral("%1 (%2)").arg(name).arg(n);
        estate.stacks.push_back({unique, file, std::move(document)});
        return int(estate.stacks.size()) - 1;
    }
    estate.stacks[index].file = file;
    estate.stacks[index].document = std::move(document);
    return index;
}

} // namespace bg::core
