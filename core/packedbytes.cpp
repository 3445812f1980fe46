// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/packedbytes.h"

#include "core/memory.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <new>
#include <stdexcept>
#include <system_error>
#include <utility>
#include <zstd.h>

namespace bg::core {

namespace {

// zstd's fastest standard level. Level 3, its default, packed the full destroy's values 3%
// smaller at about the same speed (`zstd -b -B64K`, one run each): not worth measuring further.
constexpr int Level = 1;
constexpr size_t NoBlock = std::numeric_limits<size_t>::max();

} // namespace

struct PackedBytes::Contexts {
    ZSTD_CCtx *pack = ZSTD_createCCtx();
    ZSTD_DCtx *unpack = ZSTD_createDCtx();
    ~Contexts()
    {
        ZSTD_freeCCtx(pack);
        ZSTD_freeDCtx(unpack);
    }
};

PackedBytes::PackedBytes()
    : m_contexts(std::make_unique<Contexts>())
{
    if (!m_contexts->pack || !m_contexts->unpack)
        throw std::bad_alloc();
    std::fill(std::begin(m_cacheBlock), std::end(m_cacheBlock), NoBlock);
}

PackedBytes::~PackedBytes()
{
    stopPacking(); // the packing thread must not outlive the blocks; nothing else is packed
}

qint64 PackedBytes::append(QByteArrayView bytes)
{
    const qint64 begin = m_size;
    const qint64 length = bytes.size();
    if (length >= BlockSize) { // a block of its own
        closeOpenBlock();
        addBlock(begin, bytes.toByteArray(), length <= LargestPacked);
        m_size = begin + length;
        return begin;
    }
    if (m_open.size() + length > BlockSize)
        closeOpenBlock();
    if (m_open.isEmpty())
        m_open.reserve(BlockSize);
    m_open.append(bytes.data(), length);
    m_size += length;
    return begin;
}

char *PackedBytes::appendInPlace(qint64 length, qint64 *begin)
{
    closeOpenBlock();
    *begin = m_size;
    QByteArray bytes(length, Qt::Uninitialized);
    // Written whole: in 2 MiB pages (a 200 MB value faulted in 4 KiB ones took 0.6 s more).
    memory::adviseLargePages(bytes.data(), length);
    char *const at = bytes.data();
    addBlock(*begin, std::move(bytes), false);
    m_size = *begin + length;
    return at;
}

qint64 PackedBytes::heldSize() const
{
    const std::lock_guard lock(m_mutex); // the packing thread changes it
    return m_held;
}

void PackedBytes::finish()
{
    closeOpenBlock();
    stopPacking();
    m_open = QByteArray();
}

void PackedBytes::stopPacking() noexcept
{
    if (!m_packer.joinable())
        return;
    {
        const std::lock_guard lock(m_mutex);
        m_finishing = true;
    }
    m_wake.notify_one();
    m_packer.join(); // after the blocks queued are packed
}

void PackedBytes::closeOpenBlock()
{
    if (m_open.isEmpty())
        return;
    const qint64 begin = m_size - m_open.size(); // before the move below empties it
    addBlock(begin, std::exchange(m_open, QByteArray()), true);
}

void PackedBytes::addBlock(qint64 begin, QByteArray bytes, bool mayPack)
{
    Block block;
    block.begin = begin;
    block.size = bytes.size();
    block.data = std::move(bytes);
    {
        const std::lock_guard lock(m_mutex);
        m_held += block.size;
        m_blocks.push_back(std::move(block));
        if (mayPack)
            m_queue.push_back(m_blocks.size() - 1);
    }
    if (!mayPack)
        return;
    if (m_packer.joinable()) {
        m_wake.notify_one();
        std::unique_lock lock(m_mutex);
        m_packedOne.wait(lock, [this] { return m_queue.size() <= MostQueued; });
        return;
    }
    try {
        m_packer = std::thread([this] { packQueued(); });
    } catch (const std::system_error &) { // no thread to be had: the blocks stay as written
        const std::lock_guard lock(m_mutex);
        m_queue.clear();
    }
}

void PackedBytes::packQueued()
{
    QByteArray scratch;
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_finishing || !m_queue.empty(); });
        if (m_queue.empty())
            return; // finishing, and every block is packed
        const size_t index = m_queue.front();
        m_queue.pop_front();
        m_packedOne.notify_one();
        const QByteArray bytes = m_blocks[index].data; // shared, not copied: it is not written
        lock.unlock();
        QByteArray packed;
        try {
            const size_t bound = ZSTD_compressBound(size_t(bytes.size()));
            if (size_t(scratch.size()) < bound)
                scratch = QByteArray(qsizetype(bound), Qt::Uninitialized);
            const size_t n = ZSTD_compressCCtx(m_contexts->pack, scratch.data(), bound,
                bytes.constData(), size_t(bytes.size()), Level);
            // Kept as written unless packing saves a fifth: unpacking what barely shrinks is
            // waste.
            if (!ZSTD_isError(n) && qint64(n) < bytes.size() - bytes.size() / 5)
                packed = QByteArray(scratch.constData(), qsizetype(n));
        } catch (const std::bad_alloc &) { // the block stays as written: bigger, as right
        }
        lock.lock();
        if (!packed.isNull()) {
            Block &block = m_blocks[index];
            m_held += packed.size() - block.data.size();
            block.data = std::move(packed);
            block.packed = true;
        }
    }
}

size_t PackedBytes::blockOf(qint64 offset) const
{
    const auto after = std::upper_bound(m_blocks.begin(), m_blocks.end(), offset,
        [](qint64 at, const Block &b) { return at < b.begin; });
    return size_t(after - m_blocks.begin()) - 1;
}

QByteArray PackedBytes::read(qint64 begin, qint64 end) const
{
    if (begin < 0 || end > m_size || end <= begin || m_blocks.empty() || begin < m_blocks[0].begin)
        return {};
    const size_t index = blockOf(begin);
    const Block &block = m_blocks[index];
    if (end > block.begin + block.size)
        return {}; // not one range appended, nor inside one
    if (!block.packed)
        return QByteArray::fromRawData(block.data.constData() + (begin - block.begin), end - begin);
    const std::lock_guard lock(m_mutex);
    // A copy of the part asked for, made under the lock: no thread shares the cache's arrays.
    const QByteArray &whole = unpacked(index);
    return QByteArray(whole.constData() + (begin - block.begin), end - begin);
}

const QByteArray &PackedBytes::unpacked(size_t index) const
{
    for (size_t i = 0; i < CacheSize; ++i) {
        if (m_cacheBlock[i] == index)
            return m_cache[i];
    }
    const Block &block = m_blocks[index];
    QByteArray out(block.size, Qt::Uninitialized);
    const size_t n = ZSTD_decompressDCtx(m_contexts->unpack, out.data(), size_t(out.size()),
        block.data.constData(), size_t(block.data.size()));
    if (ZSTD_isError(n) || qint64(n) != block.size) // its own bytes, packed here: never
        throw std::runtime_error("a packed block of a document's values did not unpack");
    const size_t slot = m_cacheNext;
    m_cacheNext = (m_cacheNext + 1) % CacheSize;
    m_cacheBlock[slot] = NoBlock; // until it is there
    m_cache[slot] = std::move(out);
    m_cacheBlock[slot] = index;
    return m_cache[slot];
}

} // namespace bg::core
