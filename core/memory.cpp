// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/memory.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <malloc.h>
#include <new>
#include <sys/mman.h>
#include <unistd.h>

// glibc's heap is there to advise: not under a sanitizer's allocator, nor another C library's.
#if defined(__GLIBC__) && !defined(BG_SANITIZER_ALLOCATOR)
#define BG_GLIBC_HEAP 1
#endif

namespace bg::core::memory {

namespace {

constexpr std::uintptr_t LargePage = std::uintptr_t(2) << 20;

void advise(std::uintptr_t begin, std::uintptr_t end)
{
    begin = (begin + LargePage - 1) & ~(LargePage - 1);
    end &= ~(LargePage - 1);
    if (end > begin)
        ::madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
}

#ifdef BG_GLIBC_HEAP
constexpr int HeapStep = 64 << 20;
// After a large input: smaller steps, each advised as the loader finds it (keepHeapAdvised)
constexpr int LargeInputHeapStep = 16 << 20;
constexpr int DefaultMmapThreshold = 128 << 10; // glibc's: blocks this large are mapped apart
constexpr int MaxMmapThreshold = 32 << 20; // the most glibc takes

// Where glibc's heap ends now (its break, which glibc keeps at hand: no system call).
std::uintptr_t heapEnd()
{
    return reinterpret_cast<std::uintptr_t>(::sbrk(0));
}

// The heap's end when last advised (0: never); loads may run on several threads at once
std::atomic<std::uintptr_t> advisedTop {0};
#endif

} // namespace

void useLargePages()
{
#ifdef BG_GLIBC_HEAP
    // All the heap's free space: a block larger than it, taken from the heap (not mapped apart,
    // as a block this large would be), makes the heap grow by the block and a step. The growth
    // is advised before anything in it is touched; later steps are advised as keepHeapAdvised
    // finds them.
    const std::size_t room = ::mallinfo2().fordblks;
    if (room >= std::size_t(MaxMmapThreshold) || ::mallopt(M_TOP_PAD, HeapStep) != 1)
        return;
    const std::uintptr_t before = heapEnd();
    ::mallopt(M_MMAP_THRESHOLD, MaxMmapThreshold);
    void *volatile block = std::malloc(room + (64 << 10)); // volatile: not optimised away
    std::free(block);
    ::mallopt(M_MMAP_THRESHOLD, DefaultMmapThreshold);
    if (const std::uintptr_t after = heapEnd(); after > before) {
        advise(before, after);
        advisedTop.store(after);
    }
#endif
}

void readInput(qint64 bytes)
{
#ifdef BG_GLIBC_HEAP
    if (advisedTop.load(std::memory_order_relaxed) != 0 && bytes > qint64(HeapStep))
        ::mallopt(M_TOP_PAD, LargeInputHeapStep);
#else
    Q_UNUSED(bytes);
#endif
}

void keepHeapAdvised()
{
#ifdef BG_GLIBC_HEAP
    const std::uintptr_t now = heapEnd();
    std::uintptr_t last = advisedTop.load(std::memory_order_relaxed);
    if (last != 0 && now > last && advisedTop.compare_exchange_strong(last, now))
        advise(last, now);
#endif
}

void adviseLargePages(char *data, qint64 size)
{
    if (size >= qint64(2 * LargePage))
        advise(
            reinterpret_cast<std::uintptr_t>(data), reinterpret_cast<std::uintptr_t>(data) + size);
}

qint64 discardPages(const char *data, qint64 size)
{
    constexpr std::uintptr_t Page = 4096;
    const auto at = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t begin = (at + Page - 1) & ~(Page - 1);
    const std::uintptr_t end = (at + std::uintptr_t(size)) & ~(Page - 1);
    if (size <= 0 || end <= begin
        || ::madvise(reinterpret_cast<void *>(begin), end - begin, MADV_DONTNEED) != 0)
        return 0;
    return qint64(end - begin);
}

qint64 largePageFloor(const char *data, qint64 offset)
{
    const auto at = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t boundary = (at + std::uintptr_t(offset)) & ~(LargePage - 1);
    return boundary > at ? qint64(boundary - at) : 0;
}

qint64 largePageCeil(const char *data, qint64 offset, qint64 size)
{
    const auto at = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t boundary
        = (at + std::uintptr_t(offset) + LargePage - 1) & ~(LargePage - 1);
    return std::min(qint64(boundary - at), size);
}

void leaveLargePages(const char *data, qint64 size)
{
    if (size < (qint64(16) << 20))
        return;
    const auto at = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t begin = (at + LargePage - 1) & ~(LargePage - 1);
    const std::uintptr_t end = (at + std::uintptr_t(size)) & ~(LargePage - 1);
    if (end > begin)
        ::madvise(reinterpret_cast<void *>(begin), end - begin, MADV_NOHUGEPAGE);
}

namespace {

bool mapped(std::size_t bytes)
{
    return bytes >= 2 * LargePage;
}

// `bytes` in whole large pages: what a mapped block maps, and unmaps.
std::size_t wholeLargePages(std::size_t bytes)
{
    return (bytes + LargePage - 1) & ~(LargePage - 1);
}

} // namespace

void *allocateBlock(std::size_t bytes)
{
    static_assert(alignof(std::max_align_t) <= LargePage);
    if (mapped(bytes)) {
        // One large page more than needed, then the ends trimmed: what is left starts on one.
        const std::size_t whole = wholeLargePages(bytes);
        if (whole < bytes || whole > SIZE_MAX - LargePage) // wraps round: no such block
            throw std::bad_alloc();
        void *map = ::mmap(nullptr, whole + LargePage, PROT_READ | PROT_WRITE,
            MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (map == MAP_FAILED)
            throw std::bad_alloc();
        const auto at = reinterpret_cast<std::uintptr_t>(map);
        const std::uintptr_t begin = (at + LargePage - 1) & ~(LargePage - 1);
        if (begin > at)
            ::munmap(map, begin - at);
        if (const std::uintptr_t end = at + whole + LargePage; end > begin + whole)
            ::munmap(reinterpret_cast<void *>(begin + whole), end - (begin + whole));
        advise(begin, begin + whole);
        return reinterpret_cast<void *>(begin);
    }
    void *block = std::malloc(bytes ? bytes : 1);
    if (!block)
        throw std::bad_alloc();
    return block;
}

void releaseBlock(void *block, std::size_t bytes) noexcept
{
    if (block && mapped(bytes))
        ::munmap(block, wholeLargePages(bytes));
    else
        std::free(block);
}

} // namespace bg::core::memory
