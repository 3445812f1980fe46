// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The pages of a plan's bytes no slot points into go back to the kernel (core/loading/
// unreadbytes_p.h): while the scan goes on, only what the hash is done with and what holds no
// line break; at the end, the rest. A load that hands pages back gives the same document, the
// same SHA-256 and the same errors, line and column, as one that keeps the bytes whole (the
// caller holding a copy keeps them whole).
#include "core/loading/loader.h"
#include "core/loading/unreadbytes_p.h"
#include "core/memory.h"
#include "genplan.h"
#include "loadtext.h"
#include "testutils.h"

#include <QCryptographicHash>
#include <algorithm>
#include <sstream>

using namespace bg::core;
using namespace bg::core::detail;
using namespace bg::tests;

class TestUnreadBytes : public QObject {
    Q_OBJECT
private slots:
    void discardPages();
    void scanStepsBack();
    void finishTakesTheRest();
    void sameDocument_data();
    void sameDocument();
    void sameErrors_data();
    void sameErrors();
    void smallFilesKeepTheirPages();
};

namespace {

constexpr qint64 Page = 4096;

QByteArray generatedPlan(int resources, std::uint64_t seed, bool destroy)
{
    std::ostringstream out;
    writePlan(GenOptions {resources, seed, destroy}, out);
    return QByteArray::fromStdString(out.str());
}

// A copy that nothing else holds: loaded, its unread pages may go back.
QByteArray alone(const QByteArray &bytes)
{
    return QByteArray(bytes.constData(), bytes.size());
}

qsizetype zeros(const QByteArray &bytes, qsizetype from = 0, qsizetype to = -1)
{
    const char *d = bytes.constData();
    return std::count(d + from, d + (to < 0 ? bytes.size() : to), '\0');
}

// Every value the document keeps, as its JSON text.
QByteArray slotBytes(const Document &d)
{
    QByteArray text;
    const auto add = [&](const Resource &r) {
        text += r.id.toUtf8();
        for (const JsonSlot *slot : r.jsonSlots())
            text += ' ' + d.bytesOf(*slot).toByteArray();
        text += '\n';
    };
    std::for_each(d.resources.begin(), d.resources.end(), add);
    std::for_each(d.priorData.begin(), d.priorData.end(), add);
    for (const OutputValue &o : d.outputs)
        text += o.name.toUtf8() + ' ' + d.bytesOf(o.value).toByteArray() + '\n';
    return text;
}

// The offset in `bytes` of the start of the memory page `offset` is in.
qint64 pageStart(const QByteArray &bytes, qint64 offset)
{
    return offset
        - qint64((reinterpret_cast<quintptr>(bytes.constData()) + quintptr(offset)) % Page);
}

QString errorText(const Result<Document> &loaded)
{
    return loaded ? QStringLiteral("loaded") : loaded.error().toString();
}

} // namespace

void TestUnreadBytes::discardPages()
{
    QByteArray block(64 * Page, 'x');
    const qint64 gone = memory::discardPages(block.constData() + 100, 10 * Page);
    // Only the whole pages inside the stretch: 9 of them, or 10 where it starts on one.
    QVERIFY2(gone == 9 * Page || gone == 10 * Page, qPrintable(QString::number(gone)));
    QCOMPARE(zeros(block), qsizetype(gone));
    QCOMPARE(block.at(99), 'x');
    QCOMPARE(block.at(100 + 10 * Page), 'x');
    QCOMPARE(memory::discardPages(block.constData() + 1, Page - 2), 0);
}

// While the scan goes on: nothing the hash has not passed, nothing with a line break (an error
// further on counts lines from the start), nothing a kept slot touches, and not the page the
// scan is in.
void TestUnreadBytes::scanStepsBack()
{
    const qint64 size = 24 << 20;
    QByteArray bytes(size, 'x');
    const qint64 lineBreak = 10 << 20;
    bytes[lineBreak] = '\n';
    const ByteRange keptRange {6 << 20, (6 << 20) + 10};
    std::atomic<qint64> hashed {0};
    UnreadPages pages(bytes, &hashed);
    pages.keep(JsonSlot(keptRange));
    pages.passed(16 << 20);
    QCOMPARE(pages.released(), 0); // the hash has read nothing yet
    QCOMPARE(zeros(bytes), 0);

    hashed = 12 << 20;
    pages.passed(16 << 20); // as far as the hash has gone
    QVERIFY(pages.released() > (4 << 20));
    QVERIFY(zeros(bytes, 1 << 20, 5 << 20) == 4 << 20);
    const qint64 keptPage = pageStart(bytes, keptRange.begin);
    QCOMPARE(zeros(bytes, keptPage, keptPage + Page), 0); // its page stays
    QCOMPARE(bytes.at(keptPage - 1), '\0'); // the page before it goes
    QCOMPARE(zeros(bytes, 8 << 20, size), 0); // the line break's stretch, and past the hash

    hashed = size;
    const qint64 before = pages.released();
    pages.passed(13 << 20);
    QCOMPARE(pages.released(), before); // less than a step further on: nothing more yet
    pages.passed(size - 100);
    QCOMPARE(zeros(bytes, 8 << 20, pageStart(bytes, 12 << 20)), 0); // where it stopped before
    QCOMPARE(zeros(bytes, 13 << 20, (size - 2 * Page)), size - 2 * Page - (13 << 20));
    QCOMPARE(zeros(bytes, pageStart(bytes, size - 100), size), 0); // the page the scan is in
}

void TestUnreadBytes::finishTakesTheRest()
{
    const qint64 size = 4 << 20;
    QByteArray bytes(size, 'x');
    bytes[1 << 20] = '\n';
    const ByteRange keptRange {2 << 20, (2 << 20) + 3 * Page};
    UnreadPages pages(bytes, nullptr);
    pages.keep(JsonSlot(keptRange));
    pages.passed(size); // no hash to wait for: nothing before the end
    QCOMPARE(pages.released(), 0);
    pages.finish();
    QVERIFY(pages.released() >= size - 6 * Page);
    QCOMPARE(bytes.at(1 << 20), '\0'); // line breaks too, once the scan is over
    QCOMPARE(zeros(bytes, keptRange.begin, keptRange.end), 0);
}

void TestUnreadBytes::sameDocument_data()
{
    QTest::addColumn<int>("resources");
    QTest::addColumn<bool>("destroy");
    QTest::newRow("mixed") << 4000 << false;
    QTest::newRow("full destroy") << 7000 << true;
}

// Generated plans of over 16 MiB (UnreadPages::MinimumFile), past the scan's 2 MiB steps.
void TestUnreadBytes::sameDocument()
{
    QFETCH(int, resources);
    QFETCH(bool, destroy);
    const QByteArray plan = generatedPlan(resources, 5, destroy);
    QVERIFY(plan.size() > UnreadPages::MinimumFile);
    const Result<Document> whole
        = detail::loadDocumentFromBytes(plan, QStringLiteral("t.json"), JsonSkip::Fast);
    const Result<Document> released
        = detail::loadDocumentFromBytes(alone(plan), QStringLiteral("t.json"), JsonSkip::Fast);
    QVERIFY2(whole && released, qPrintable(errorText(whole) + errorText(released)));
    QCOMPARE(zeros(whole->bytes), 0); // the caller's copy shares them: kept whole
    // planned_values and the prior state of changed resources: a quarter of the file and more
    QVERIFY2(zeros(released->bytes) > plan.size() / 4,
        qPrintable(QStringLiteral("%1 of %2").arg(zeros(released->bytes)).arg(plan.size())));
    QCOMPARE(loadText(released), loadText(whole));
    QCOMPARE(slotBytes(*released), slotBytes(*whole));
    QVERIFY(slotBytes(*whole).size() > plan.size() / 4);
    const QString sha
        = QString::fromLatin1(QCryptographicHash::hash(plan, QCryptographicHash::Sha256).toHex());
    QCOMPARE(fileSha256(*released), sha);
    QCOMPARE(fileSha256(*whole), sha);
}

void TestUnreadBytes::sameErrors_data()
{
    QTest::addColumn<QByteArray>("breaks"); // the top-level member line breaks go in
    QTest::addColumn<double>("cut");
    QTest::newRow("one line, cut in the prior state") << QByteArray() << 0.97;
    QTest::newRow("one line, cut in the changes") << QByteArray() << 0.6;
    QTest::newRow("line breaks in planned_values, cut in the prior state")
        << QByteArray("planned_values") << 0.97;
    QTest::newRow("line breaks in the changes, cut in them")
        << QByteArray("resource_changes") << 0.6;
}

// A file broken far into it: the error, line and column, is the same whether the pages before
// it went back or not. Line breaks in planned_values keep its pages while the scan goes on.
void TestUnreadBytes::sameErrors()
{
    QFETCH(QByteArray, breaks);
    QFETCH(double, cut);
    static const QByteArray generated = generatedPlan(6000, 9, false); // 28 MB
    QByteArray plan = generated;
    if (!breaks.isEmpty()) { // JSON's whitespace, between a member and the next key
        const qsizetype from = plan.indexOf("\"" + breaks + "\":");
        const QByteArray next = breaks == "planned_values" ? "resource_changes" : "output_changes";
        const qsizetype to = plan.indexOf(",\"" + next + "\":", from); // the member's end
        QVERIFY(from > 0 && to > from + (1 << 20));
        plan = plan.left(from) + plan.mid(from, to - from).replace(",\"", ",\n  \"") + plan.mid(to);
    }
    plan.truncate(qsizetype(double(plan.size()) * cut));
    QVERIFY(plan.size() > UnreadPages::MinimumFile);
    const Result<Document> whole
        = detail::loadDocumentFromBytes(plan, QStringLiteral("t.json"), JsonSkip::Fast);
    const Result<Document> released
        = detail::loadDocumentFromBytes(alone(plan), QStringLiteral("t.json"), JsonSkip::Fast);
    QVERIFY(!whole);
    QCOMPARE(errorText(released), errorText(whole));
    QVERIFY(whole.error().line > (breaks.isEmpty() ? 0 : 1000));
}

// Under UnreadPages::MinimumFile a file keeps every page: handing them back costs more time than
// the memory is worth beside the process's own.
void TestUnreadBytes::smallFilesKeepTheirPages()
{
    const QByteArray plan = generatedPlan(2500, 5, false);
    QVERIFY(plan.size() > (10 << 20) && plan.size() < UnreadPages::MinimumFile);
    Result<Document> loaded
        = detail::loadDocumentFromBytes(alone(plan), QStringLiteral("t.json"), JsonSkip::Fast);
    QVERIFY(loaded);
    QCOMPARE(zeros(loaded->bytes), 0);
    QCOMPARE(releaseUnreadBytes(*loaded), 0);
}

QTEST_GUILESS_MAIN(TestUnreadBytes)
#include "tst_unreadbytes.moc"
