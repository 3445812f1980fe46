// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// 2 MiB pages where they pay: a process that reads a large plan touches tens of megabytes of
// fresh memory, and each 4 KiB page of it is a fault (about 1 µs on a quiet machine, 10 µs on a
// busy virtual one; on the benchmark's 10,000-resource plans faults were a fifth of the time
// and more). The kernel backs memory it is advised to (MADV_HUGEPAGE, honoured under
// transparent_hugepage "madvise" or "always") with 2 MiB pages: one fault where there were 512.
#pragma once

#include <QtGlobal>
#include <cstddef>
#include <vector>

// Defined where a sanitizer's allocator stands in for glibc's: there is no heap of glibc's to
// advise (GCC says so with __SANITIZE_ADDRESS__, clang only through __has_feature).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define BG_SANITIZER_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)                            \
    || __has_feature(memory_sanitizer)
#define BG_SANITIZER_ALLOCATOR 1
#endif
#endif

namespace bg::core::memory {

// At process start, before anything large is allocated: the heap grows 64 MiB at a time (glibc's
// M_TOP_PAD; address space, not memory) and the kernel is advised to back it with 2 MiB pages,
// what glibc's own glibc.malloc.hugetlb=1 tunable would do. Costs the untouched parts of the
// 2 MiB pages touched (2 to 5 MiB measured on small plans). Does nothing where the allocator is
// not glibc's (a sanitizer's).
void useLargePages();

// After reading `bytes` of input: past 64 MiB, the heap grows 16 MiB at a time. glibc keeps a
// step's worth free at the heap's top when it trims, memory already touched: with 64 MiB steps
// a million tiny resources peaked 126 MiB higher (1,030 MiB against 904).
void readInput(qint64 bytes);

// Where the heap has grown since it was last advised, the new stretch is advised too: called
// often (per resource read), it costs a comparison, glibc keeping the break at hand.
void keepHeapAdvised();

// A buffer about to be written whole (a file read into memory): its aligned interior is backed
// with 2 MiB pages. Below 4 MiB, or where the kernel says no, nothing changes.
void adviseLargePages(char *data, qint64 size);

// Room for `n` elements in `v` in all, the room past its elements advised as adviseLargePages
// does before anything is written to it. (A large block glibc maps apart is otherwise faulted
// 4 KiB at a time as it is written, at about 10 µs a fault here.) A LargeVector needs none of
// this: its blocks are advised whole as they are made.
template<typename T>
void reserveLargePages(std::vector<T> &v, size_t n)
{
    v.reserve(n);
    adviseLargePages(reinterpret_cast<char *>(v.data() + v.size()),
        qint64((v.capacity() - v.size()) * sizeof(T)));
}

// A vector of n value-initialised elements, advised before they are written (a vector made at
// its size is written as it is allocated: a million nodes' lists were 6,000 page faults).
template<typename T>
std::vector<T> sizedVector(size_t n)
{
    std::vector<T> v;
    reserveLargePages(v, n);
    v.resize(n);
    return v;
}

// The whole 4 KiB pages inside [data, data + size) handed back to the kernel (MADV_DONTNEED):
// the process's memory shrinks by them, and they read as zeros from then on. Only for memory
// nothing else holds and nothing reads again. Returns how many bytes went back.
qint64 discardPages(const char *data, qint64 size);

// Handing back part of a 2 MiB page splits it into 4 KiB ones, which is slow, and memory written
// there later is faulted 4 KiB at a time: where a plan's bytes are in 2 MiB pages, they go back
// in whole ones. largePageFloor: the nearest offset at or before `offset` at which `data +
// offset` begins a 2 MiB page (0 where none does); largePageCeil: at or after (never past
// `size`).
qint64 largePageFloor(const char *data, qint64 offset);
qint64 largePageCeil(const char *data, qint64 offset, qint64 size);

// Memory about to be freed, its pages handed back: what the heap puts there from now on is
// backed by 4 KiB pages (MADV_NOHUGEPAGE on the whole 2 MiB pages inside), where there are 16 MiB
// of it or more. The vectors an analysis reserves and half fills would touch whole 2 MiB pages
// there: a 30 MiB plan of 10,000 data stores peaked 35 MiB after its file went back in 2 MiB
// pages, 33 MiB with this, its time the same. On less, the faults cost more than the pages save
// (a 4.5 MiB plan: 6 ms of its 85 for 1 MiB).
void leaveLargePages(const char *data, qint64 size);

// A block of `bytes`: from 4 MiB up, a mapping of its own that starts on a 2 MiB boundary and is
// advised whole, so that every page of it can be a 2 MiB one. (A block glibc maps apart starts
// anywhere on a 4 KiB page: the 2 MiB pages at its ends are never whole, and were faulted 4 KiB
// at a time, a sixth of the faults of a million tiny resources.) Such a block is address space
// until written (MAP_NORESERVE: not counted against the machine's memory when made), so a room
// far larger than what will be written costs nothing. Freed with releaseBlock, given the same
// `bytes`; throws std::bad_alloc when there is no memory or no address space left for it.
void *allocateBlock(std::size_t bytes);
void releaseBlock(void *block, std::size_t bytes) noexcept;

// An allocator of allocateBlock's blocks, for the vectors that grow large (LargeVector).
template<typename T>
struct LargePageAllocator {
    using value_type = T;
    LargePageAllocator() = default;
    template<typename U>
    LargePageAllocator(const LargePageAllocator<U> &)
    {
    }
    T *allocate(std::size_t n) { return static_cast<T *>(allocateBlock(n * sizeof(T))); }
    void deallocate(T *p, std::size_t n) noexcept { releaseBlock(p, n * sizeof(T)); }
    friend bool operator==(const LargePageAllocator &, const LargePageAllocator &) { return true; }
};

// A vector in allocateBlock's blocks: a document's resources, the per-node arrays of a large
// plan. reserve() is enough: a block of 4 MiB and more is advised as it is made.
template<typename T>
using LargeVector = std::vector<T, LargePageAllocator<T>>;

} // namespace bg::core::memory
