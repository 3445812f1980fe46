// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core: the pages of a plan's bytes that no slot points into, handed back to the
// kernel; in a large file read on its own, the values kept moved out of it, so that all of it
// goes back. A large plan's peak memory is mostly the file itself, and most of a plan is read
// once and never again: planned_values repeats resource_changes' after values, prior_state the
// before values, and the keys, addresses and actions are read into the resources.
#pragma once

#include "core/loading/loader.h"
#include "core/loading/streamedfile_p.h"
#include "core/model.h"
#include "core/packedbytes.h"

#include <atomic>
#include <memory>
#include <vector>

namespace bg::core::detail {

class UnreadPages {
public:
    // A smaller file keeps its pages: the process's own 15 MiB is most of its peak. From here on
    // a plan is read as it is scanned and compacted, its pages going back in whole 2 MiB pages:
    // a 10,000-resource plan of 4.7 MB peaked 29 MB kept whole, 25 MB so, one of 11.9 MB 39 and
    // 30 MB, in the same time. (At 16 MiB, when parts of 2 MiB pages went back, the first took
    // a fifth more time streamed.)
    static constexpr qint64 MinimumFile = qint64(2) << 20;

    // `hashed`: how far the thread hashing `bytes` has read them. Given (and a file of
    // MinimumFile or more), the values kept move out of the file as they are kept (compacting():
    // see keep), and its pages go back as the scan and the hash leave them behind. Without it,
    // nothing goes back before finish(). `bytes` must be held by the loader alone (and the
    // thread hashing them, or reading them: streamedfile_p.h).
    // `frontier`: the file is read while it is scanned (streamedfile_p.h); passed() tells it
    // how far the scan is, and the read follows.
    UnreadPages(const QByteArray &bytes, const std::atomic<qint64> *hashed,
        ReadFrontier *frontier = nullptr);

    // Marks the slot's bytes as still needed. Compacting, copies them to the end of the values
    // kept (packed: core/packedbytes.h) and points the slot there instead: then no page of the
    // file is needed once the scan has passed it, whatever it held, and the document keeps its
    // values alone. Each slot is kept once.
    void keep(JsonSlot &slot);
    // The same for every slot of `r`; returns the first byte of the file it pointed into
    // (firstByte before the move), -1 when none.
    qint64 keep(Resource &r);

    // The scan has read everything before `offset`, and every slot it keeps there has been
    // kept: every few MiB, the stretches no kept slot touches (compacting: all of them) go
    // back, where the hash is done with them. Their line breaks are counted first
    // (lineBreaksGone): an error later in the file still says its line.
    void passed(qint64 offset);

    // The scan is over: everything no kept slot touches goes back. (Compacting, the caller drops
    // the file instead, taking values().)
    void finish();

    bool compacting() const { return m_hashed != nullptr; }
    // Compacting: the kept values, end to end, which the slots kept now point into; the
    // document's bytes from now on (Document::packed).
    std::shared_ptr<const PackedBytes> takeValues();

    qint64 released() const { return m_released; }
    // The line breaks of the pages gone so far, for lineAndColumn.
    const LineBreaksGone *lineBreaksGone() const { return &m_lineBreaksGone; }

private:
    size_t pageOf(qint64 offset) const;
    qint64 offsetOf(size_t page) const;
    // The nearest page at or before (after) `page` that begins a 2 MiB page in memory within
    // the bytes (memory::largePageFloor, largePageCeil): 0, and the page count, where none does.
    size_t largePageFloor(size_t page) const;
    size_t largePageCeil(size_t page) const;
    void releaseRuns(size_t from, size_t to);
    // Hands back the whole pages between the two offsets, their line breaks counted.
    void discard(qint64 begin, qint64 end);

    const char *m_data;
    qint64 m_size;
    const std::atomic<qint64> *m_hashed;
    ReadFrontier *m_frontier;
    std::shared_ptr<PackedBytes> m_values; // compacting: written as values are kept
    std::vector<bool> m_kept; // a bit a page: 32 KiB for a 1 GiB file
    size_t m_done = 0; // pages before this one are settled
    qint64 m_released = 0;
    LineBreaksGone m_lineBreaksGone;
};

// The first byte of the file `r` points into; -1 when none.
qint64 firstByte(const Resource &r);

// Once `doc` is loaded and hashed: the whole pages of its bytes no slot points into go back to
// the kernel, where only `doc` holds the bytes and they are MinimumFile or more. They read as
// zeros from then on. Returns how many bytes went back.
qint64 releaseUnreadBytes(Document &doc);

} // namespace bg::core::detail
