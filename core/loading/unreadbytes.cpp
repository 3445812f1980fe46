// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/loading/unreadbytes_p.h"
#include "core/memory.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace bg::core::detail {

namespace {

constexpr qint64 Page = 4096;
// A stretch of unread pages shorter than this stays. Where the bytes are in 2 MiB pages
// (memory.h), handing back part of one splits it, about 8 µs a 4 KiB page on this machine: at 4
// pages, the prior state of a 10,000-resource full destroy (a data source every 45 resources,
// 58 KB apart, keeps a page each) gave back 12.2 MB, not 6.7, for 4 MB less peak and 25 ms more
// (a tenth of its time).
constexpr size_t MinimumRun = 16;
// How much the scan reads between two looks for pages to hand back.
constexpr size_t StepPages = (2 << 20) / Page;

} // namespace

UnreadPages::UnreadPages(
    const QByteArray &bytes, const std::atomic<qint64> *hashed, ReadFrontier *frontier)
    : m_data(bytes.constData())
    , m_size(bytes.size())
    , m_hashed(m_size >= MinimumFile ? hashed : nullptr)
    , m_frontier(frontier)
    , m_kept(m_size > 0 ? pageOf(m_size - 1) + 1 : 0, false)
{
    if (compacting()) {
        m_values = std::make_shared<PackedBytes>();
        m_done = largePageCeil(0); // the pages before the first 2 MiB page stay
    }
}

// Compacting, pages go back in whole 2 MiB pages (memory.h). In 4 KiB ones they split the 2 MiB
// pages, and what the heap put there once the file was gone (it holds a file of less than its
// 64 MiB step) was faulted 4 KiB at a time: an 11.9 MB plan streamed took 2,400 faults, 730 read
// whole; plans of 25 to 30 MB now take a tenth to a fifth less time.
size_t UnreadPages::largePageFloor(size_t page) const
{
    return pageOf(memory::largePageFloor(m_data, offsetOf(page)));
}

size_t UnreadPages::largePageCeil(size_t page) const
{
    const qint64 at = memory::largePageCeil(m_data, offsetOf(page), m_size);
    return at >= m_size ? m_kept.size() : pageOf(at);
}

size_t UnreadPages::pageOf(qint64 offset) const
{
    const auto address = reinterpret_cast<std::uintptr_t>(m_data);
    return size_t((address + std::uintptr_t(offset)) / Page - address / Page);
}

qint64 UnreadPages::offsetOf(size_t page) const
{
    const auto address = reinterpret_cast<std::uintptr_t>(m_data);
    return std::clamp<qint64>(qint64((address / Page + page) * Page - address), 0, m_size);
}

void UnreadPages::keep(JsonSlot &slot)
{
    const ByteRange r = slot.range();
    if (!r.isValid() || r.end > m_size)
        return;
    if (compacting()) {
        const qint64 length = r.end - r.begin;
        // Values never overlap, so they fit in the file's size; one that did not would be a
        // slot kept twice: the document fails to load rather than point past its bytes.
        if (length > m_size - m_values->size())
            throw std::length_error("the values kept outgrow the file");
        if (length <= PackedBytes::LargestPacked) {
            const qint64 at = m_values->append(QByteArrayView(m_data + r.begin, length));
            slot.setRange({at, at + length});
            return;
        }
        // A long value is copied a step at a time, its own pages going back behind the copy
        // where the hash is done with them: a 200 MB value is not in memory twice. (A page
        // wholly inside one value holds nothing else.)
        qint64 at = 0;
        char *to = m_values->appendInPlace(length, &at);
        constexpr qint64 Step = qint64(StepPages) * Page;
        for (qint64 from = r.begin; from < r.end;) {
            const qint64 n = std::min(r.end - from, Step);
            std::memcpy(to + (from - r.begin), m_data + from, size_t(n));
            from += n;
            const qint64 copied = std::min(from, m_hashed->load(std::memory_order_acquire));
            if (copied > r.begin)
                releaseRuns(largePageCeil(pageOf(r.begin) + 1), largePageFloor(pageOf(copied)));
        }
        slot.setRange({at, at + length});
        return;
    }
    // Slots never overlap: marking them all is a step per page of the file at most.
    for (size_t p = pageOf(r.begin), last = pageOf(r.end - 1); p <= last; ++p)
        m_kept[p] = true;
}

qint64 UnreadPages::keep(Resource &r)
{
    const qint64 first = firstByte(r);
    for (const JsonSlot *slot : r.jsonSlots())
        keep(const_cast<JsonSlot &>(*slot)); // r's own, and r is not const
    return first;
}

std::shared_ptr<const PackedBytes> UnreadPages::takeValues()
{
    m_values->finish();
    m_hashed = nullptr; // nothing compacts from now on
    return std::move(m_values);
}

void UnreadPages::passed(qint64 offset)
{
    if (m_frontier && offset > 0 && offset <= m_size)
        m_frontier->passed(offset);
    if (!m_hashed || offset <= 0 || offset > m_size)
        return;
    offset = std::min(offset, m_hashed->load(std::memory_order_acquire));
    // The page `offset` is in may still be read.
    const size_t to = largePageFloor(pageOf(offset));
    if (to < m_done + StepPages)
        return;
    releaseRuns(m_done, to);
    m_done = to;
}

void UnreadPages::finish()
{
    releaseRuns(0, m_kept.size());
    m_done = m_kept.size();
}

void UnreadPages::releaseRuns(size_t from, size_t to)
{
    for (size_t p = from; p < to;) {
        if (m_kept[p]) {
            ++p;
            continue;
        }
        size_t end = p;
        while (end < to && !m_kept[end])
            ++end;
        if (end - p >= MinimumRun) {
            discard(offsetOf(p), offsetOf(end));
            // Gone pages count as kept: finish() must not hand them back twice.
            std::fill(m_kept.begin() + qsizetype(p), m_kept.begin() + qsizetype(end), true);
        }
        p = end;
    }
}

void UnreadPages::discard(qint64 begin, qint64 end)
{
    // Whole pages only, as discardPages hands them back: the bytes that read as zeros after.
    const auto address = reinterpret_cast<std::uintptr_t>(m_data);
    begin = qint64(
        ((address + std::uintptr_t(begin) + Page - 1) & ~std::uintptr_t(Page - 1)) - address);
    end = qint64(((address + std::uintptr_t(end)) & ~std::uintptr_t(Page - 1)) - address);
    if (end <= begin)
        return;
    // memchr: a file on one line has next to none (std::count, a byte at a time, was 8% of a
    // report on a 226 MB plan), and a pretty-printed one a few in a hundred bytes.
    const char *first = m_data + begin, *last = m_data + end;
    qint64 breaks = 0, lastBreak = -1;
    for (const char *at = first;
         (at = static_cast<const char *>(std::memchr(at, '\n', size_t(last - at)))); ++at) {
        ++breaks;
        lastBreak = at - m_data;
    }
    const qint64 gone = memory::discardPages(first, end - begin);
    if (gone != end - begin)
        return; // refused (madvise failed): the bytes and their line breaks are all still there
    m_released += gone;
    m_lineBreaksGone.count += breaks;
    m_lineBreaksGone.last = std::max(m_lineBreaksGone.last, lastBreak);
}

qint64 firstByte(const Resource &r)
{
    qint64 first = -1;
    for (const JsonSlot *slot : r.jsonSlots()) {
        if (const ByteRange range = slot->range(); range.isValid())
            first = first < 0 ? range.begin : std::min(first, range.begin);
    }
    return first;
}

qint64 releaseUnreadBytes(Document &doc)
{
    // Only a buffer this document alone holds (a caller's copy would read zeros), and only once
    // the file is hashed (fileSha256 would hash what is left).
    if (doc.sha256.isEmpty() || !doc.bytes.isDetached()
        || doc.bytes.size() < UnreadPages::MinimumFile)
        return 0;
    UnreadPages pages(doc.bytes, nullptr); // marks: no slot moves
    for (Resource &r : doc.resources)
        pages.keep(r);
    for (Resource &r : doc.priorData)
        pages.keep(r);
    for (OutputValue &o : doc.outputs)
        pages.keep(o.value);
    pages.finish();
    return pages.released();
}

} // namespace bg::core::detail
