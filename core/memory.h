// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// 2 MiB pages where they pay: a process that reads a large plan touches tens of megabytes of
// fresh memory, and each 4 KiB page of it is a fault (about 1 µs on a quiet machine, 10 µs on a
// busy virtual one; on the benchmark's 10,000-resource plans faults were a fifth of the time
// and more). The kernel backs memory it is advised to (MADV_HUGEPAGE, honoured under
// transparent_hugepage "madvise" or "always") with 2 MiB pages: one fault where there were 512.
#pragma once

#include <QtGlobal>

namespace bg::core::memory {

// At process start, before anything large is allocated: the heap grows 64 MiB at a time (glibc's
// M_TOP_PAD; address space, not memory) and the kernel is advised to back it with 2 MiB pages,
// what glibc's own glibc.malloc.hugetlb=1 tunable would do. Costs at most the unused part of the
// last 2 MiB page touched. Does nothing where the allocator is not glibc's (a sanitizer's).
void useLargePages();

// A buffer about to be written whole (a file read into memory): its aligned interior is backed
// with 2 MiB pages. Below 4 MiB, or where the kernel says no, nothing changes.
void adviseLargePages(char *data, qint64 size);

} // namespace bg::core::memory
