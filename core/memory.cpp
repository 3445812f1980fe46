// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/memory.h"

#include <cstdint>
#include <cstdlib>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

namespace bg::core::memory {

namespace {

constexpr std::uintptr_t LargePage = std::uintptr_t(2) << 20;
constexpr int HeapStep = 64 << 20;
constexpr int DefaultMmapThreshold = 128 << 10; // glibc's: blocks this large are mapped apart
constexpr int MaxMmapThreshold = 32 << 20; // the most glibc takes

void advise(std::uintptr_t begin, std::uintptr_t end)
{
    begin = (begin + LargePage - 1) & ~(LargePage - 1);
    end &= ~(LargePage - 1);
    if (end > begin)
        ::madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
}

} // namespace

void useLargePages()
{
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    // The free space at the heap's top: a block larger than it, taken from the heap (not
    // mapped apart, as a block this large would be), makes the heap grow by the block and a
    // step. The growth is advised before anything in it is touched; later steps, past the first
    // 64 MiB, keep 4 KiB pages.
    const std::size_t room = ::mallinfo2().keepcost;
    if (room >= std::size_t(MaxMmapThreshold) || ::mallopt(M_TOP_PAD, HeapStep) != 1)
        return;
    const auto top = [] {
        return reinterpret_cast<std::uintptr_t>(::sbrk(0));
    };
    const std::uintptr_t before = top();
    ::mallopt(M_MMAP_THRESHOLD, MaxMmapThreshold);
    void *volatile block = std::malloc(room + (64 << 10)); // volatile: not optimised away
    std::free(block);
    ::mallopt(M_MMAP_THRESHOLD, DefaultMmapThreshold);
    if (top() > before)
        advise(before, top());
#endif
}

void adviseLargePages(char *data, qint64 size)
{
    if (size >= qint64(2 * LargePage))
        advise(
            reinterpret_cast<std::uintptr_t>(data), reinterpret_cast<std::uintptr_t>(data) + size);
}

} // namespace bg::core::memory
