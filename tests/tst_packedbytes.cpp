// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A large document's kept values, packed a block at a time (core/packedbytes.h): every piece
// reads back as it was appended, from any thread, whatever block it landed in.
#include "core/packedbytes.h"

#include <QTest>
#include <cstring>
#include <numeric>
#include <random>
#include <thread>
#include <vector>

using namespace bg::core;

class TestPackedBytes : public QObject {
    Q_OBJECT
private slots:
    void piecesReadBack();
    void packsWhatRepeatsOnly();
    void readsOutsideAPieceAreEmpty();
    void readsFromManyThreads();
    void burstsWaitForThePacker();
};

namespace {

struct Piece {
    qint64 begin;
    QByteArray bytes;
};

// Like the JSON Terraform writes of a resource's values: the same names, other values.
QByteArray jsonPiece(std::mt19937_64 &random, qsizetype length)
{
    QByteArray out = "{";
    while (out.size() < length)
        out += "\"identifier\":\"db-" + QByteArray::number(quint64(random() % 100000)) + "\",";
    return out.left(length); // JSON or not, it is bytes here
}

QByteArray noisePiece(std::mt19937_64 &random, qsizetype length)
{
    QByteArray out(length, Qt::Uninitialized);
    for (char &c : out)
        c = char(random());
    return out;
}

// Pieces of every size that matters: small ones filling blocks, one just under a block, one a
// block long, one past it, one past LargestPacked (written in place), noise among them.
std::vector<Piece> appendPieces(PackedBytes &packed, std::uint64_t seed)
{
    std::mt19937_64 random(seed);
    std::vector<qsizetype> lengths;
    for (int i = 0; i < 400; ++i)
        lengths.push_back(qsizetype(1 + random() % 3000));
    const qsizetype block = PackedBytes::BlockSize;
    for (qsizetype n : {block - 1, block, block + 1, qsizetype(300'000),
             qsizetype(PackedBytes::LargestPacked + 7)})
        lengths.insert(lengths.begin() + qsizetype(random() % lengths.size()), n);
    std::vector<Piece> pieces;
    for (size_t i = 0; i < lengths.size(); ++i) {
        const bool noise = i % 17 == 3;
        QByteArray bytes = noise ? noisePiece(random, lengths[i]) : jsonPiece(random, lengths[i]);
        qint64 begin = 0;
        if (bytes.size() > PackedBytes::LargestPacked) {
            char *to = packed.appendInPlace(bytes.size(), &begin);
            std::memcpy(to, bytes.constData(), size_t(bytes.size()));
        } else {
            begin = packed.append(bytes);
        }
        pieces.push_back({begin, std::move(bytes)});
    }
    packed.finish();
    return pieces;
}

} // namespace

void TestPackedBytes::piecesReadBack()
{
    PackedBytes packed;
    const std::vector<Piece> pieces = appendPieces(packed, 1);
    qint64 at = 0;
    for (const Piece &p : pieces) {
        QCOMPARE(p.begin, at); // end to end
        at += p.bytes.size();
    }
    QCOMPARE(packed.size(), at);
    // In order, backwards (every read a block the cache has lost), and a part of a piece.
    for (const Piece &p : pieces)
        QCOMPARE(packed.read(p.begin, p.begin + p.bytes.size()), p.bytes);
    for (auto p = pieces.rbegin(); p != pieces.rend(); ++p)
        QCOMPARE(packed.read(p->begin, p->begin + p->bytes.size()), p->bytes);
    for (const Piece &p : pieces) {
        if (p.bytes.size() > 10)
            QCOMPARE(packed.read(p.begin + 3, p.begin + p.bytes.size() - 2),
                p.bytes.mid(3, p.bytes.size() - 5));
    }
}

void TestPackedBytes::packsWhatRepeatsOnly()
{
    std::mt19937_64 random(2);
    PackedBytes json, noise;
    for (int i = 0; i < 200; ++i) {
        json.append(jsonPiece(random, 1000));
        noise.append(noisePiece(random, 1000));
    }
    json.finish();
    noise.finish();
    QVERIFY2(json.heldSize() < json.size() / 3,
        qPrintable(QStringLiteral("%1 of %2").arg(json.heldSize()).arg(json.size())));
    QCOMPARE(noise.heldSize(), noise.size()); // kept as written: packing it saves nothing
}

void TestPackedBytes::readsOutsideAPieceAreEmpty()
{
    PackedBytes packed;
    const std::vector<Piece> pieces = appendPieces(packed, 3);
    QVERIFY(packed.read(-1, 5).isNull());
    QVERIFY(packed.read(5, 5).isNull());
    QVERIFY(packed.read(0, packed.size() + 1).isNull());
    // Across two blocks: never one value, so never read (the last small piece before the
    // block-long one ends a block).
    for (size_t i = 1; i < pieces.size(); ++i) {
        if (pieces[i].bytes.size() == PackedBytes::BlockSize) {
            const Piece &before = pieces[i - 1];
            QVERIFY(packed.read(before.begin, pieces[i].begin + 1).isNull());
            return;
        }
    }
    QFAIL("no block-long piece");
}

void TestPackedBytes::readsFromManyThreads()
{
    PackedBytes packed;
    const std::vector<Piece> pieces = appendPieces(packed, 4);
    std::vector<int> wrong(4, 0); // each thread its own count
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            std::mt19937_64 random {std::uint64_t(t)};
            for (int i = 0; i < 3000; ++i) {
                const Piece &p = pieces[random() % pieces.size()];
                if (packed.read(p.begin, p.begin + p.bytes.size()) != p.bytes)
                    ++wrong[size_t(t)];
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    QCOMPARE(std::accumulate(wrong.begin(), wrong.end(), 0), 0);
}

// Blocks appended faster than they are packed (a copy of 64 KiB against packing it) wait for the
// packing thread: what is held as written never passes MostQueued blocks, the one being packed
// and the open one, however far behind the packing is.
void TestPackedBytes::burstsWaitForThePacker()
{
    std::mt19937_64 random(5);
    std::vector<QByteArray> blocks;
    for (int i = 0; i < 300; ++i)
        blocks.push_back(jsonPiece(random, PackedBytes::BlockSize));
    PackedBytes packed;
    qint64 most = 0;
    for (const QByteArray &block : blocks) {
        packed.append(block);
        // Packed, a block of these takes less than a third of itself (packsWhatRepeatsOnly).
        const qint64 bound
            = packed.size() / 3 + qint64(PackedBytes::MostQueued + 2) * PackedBytes::BlockSize;
        most = std::max(most, packed.heldSize() - bound);
    }
    packed.finish();
    QVERIFY2(most <= 0, qPrintable(QStringLiteral("%1 bytes over").arg(most)));
    QVERIFY(packed.heldSize() < packed.size() / 3);
}

QTEST_GUILESS_MAIN(TestPackedBytes)
#include "tst_packedbytes.moc"
