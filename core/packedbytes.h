// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Bytes written once, end to end, then read a range at a time: the values a large document keeps
// (core/loading/unreadbytes_p.h). They are JSON, written by Terraform, and every resource's
// names its attributes again: zstd's fastest level packs blocks of 64 KiB of them to a tenth
// (9.6 MB of a 10,000-resource full destroy's values to 1.0 MB, in 15 ms; zlib's fastest took
// 123 ms and left 1.3 MB). Blocks are packed on a thread of their own as they fill, beside the
// scan that keeps the values (on the 50,000-resource plan, 97 MB of them, packing in line added
// a tenth to the load). No more than MostQueued blocks wait for it: one that would be more waits
// until one is packed, so a burst of values (a raw state's resource with 10,000 instances, kept
// at once) is not held twice meanwhile. A range is read from its block, unpacked when first asked
// for and kept among the last few unpacked.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace bg::core {

class PackedBytes {
public:
    PackedBytes();
    ~PackedBytes();
    PackedBytes(const PackedBytes &) = delete;
    PackedBytes &operator=(const PackedBytes &) = delete;

    // A range of these bytes must lie in one block: append() never splits what it is given.
    // A piece of BlockSize or more is a block of its own; of more than LargestPacked, it stays
    // as it is (a 200 MB string is not unpacked whole to read a line of it).
    static constexpr qint64 BlockSize = 64 << 10;
    static constexpr qint64 LargestPacked = 2 << 20;
    // Blocks written and waiting to be packed, at most (2 MiB): on the 24 MB raw state of one
    // resource with 10,000 instances, the median peak of 6 reports went from 75 to 64 MB, their
    // time the same (0.115 and 0.114 s); on the 226 MB 50,000-resource plan, 88 MB either way.
    static constexpr size_t MostQueued = 32;

    // Appends `bytes`; returns where they begin among all appended.
    qint64 append(QByteArrayView bytes);
    // Appends `length` bytes the caller writes, in place, before the next call (a long value
    // copied a step at a time, its file's pages handed back behind the copy); returns where
    // they are. Never packed.
    char *appendInPlace(qint64 length, qint64 *begin);
    // Packs the last block, and waits until every block is packed. Call before reading.
    void finish();

    qint64 size() const { return m_size; }
    // The memory the blocks hold, packed or not.
    qint64 heldSize() const;

    // The bytes [begin, end) (within size(), in one block): where their block is kept as written,
    // a view of it (QByteArray::fromRawData) valid while this lives; otherwise a copy. Safe to
    // call from any thread once finished.
    QByteArray read(qint64 begin, qint64 end) const;

private:
    struct Block {
        qint64 begin = 0; // among all bytes appended
        qint64 size = 0; // unpacked
        QByteArray data; // packed when packed, else the bytes themselves
        bool packed = false;
    };
    void closeOpenBlock();
    // Adds `bytes` as a block, to be packed (mayPack) where that pays.
    void addBlock(qint64 begin, QByteArray bytes, bool mayPack);
    // The packing thread's: packs the blocks queued until finish() says there are no more.
    void packQueued();
    // Waits for the packing thread to pack what is queued, and end.
    void stopPacking() noexcept;
    size_t blockOf(qint64 offset) const;
    // The block unpacked, in the cache; the caller holds m_mutex while it reads it.
    const QByteArray &unpacked(size_t block) const;

    // Held by m_mutex while the packing thread runs (it swaps a block's data for its packing):
    std::deque<Block> m_blocks; // a deque: adding one moves no other
    qint64 m_held = 0;
    std::deque<size_t> m_queue; // blocks to pack
    bool m_finishing = false;

    QByteArray m_open; // the block being written, not packed yet: the last bytes appended
    qint64 m_size = 0;
    std::thread m_packer; // started with the first block to pack
    std::condition_variable m_wake; // the packing thread's: a block is queued, or finish()
    std::condition_variable m_packedOne; // the writer's: a block left the queue

    struct Contexts; // zstd's, one to pack and one to unpack, reused
    std::unique_ptr<Contexts> m_contexts;
    mutable std::mutex m_mutex; // the above, the unpacking context and the cache
    static constexpr size_t CacheSize = 4;
    mutable size_t m_cacheBlock[CacheSize];
    mutable QByteArray m_cache[CacheSize];
    mutable size_t m_cacheNext = 0;
};

} // namespace bg::core
