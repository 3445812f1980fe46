// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The pages of a plan's bytes go back to the kernel (core/loading/unreadbytes_p.h). A large
// file read on its own keeps its values apart, and its pages go while the scan goes on, where
// the hash is done with them and they hold no line break; then the file goes. Without a hash
// to wait for, only pages no slot points into go, at the end. A load that hands pages back
// gives the same document, the same SHA-256 and the same errors, line and column, as one that
// keeps the bytes whole (the caller holding a copy keeps them whole).
#include "core/loading/jsonscanner_p.h"
#include "core/loading/loader.h"
#include "core/loading/unreadbytes_p.h"
#include "core/memory.h"
#include "core/report/report.h"
#include "core/risk/analysis.h"
#include "genplan.h"
#include "loadtext.h"
#include "testutils.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <algorithm>
#include <cstring>
#include <sstream>

using namespace bg::core;
using namespace bg::core::detail;
using namespace bg::tests;

class TestUnreadBytes : public QObject {
    Q_OBJECT
private slots:
    void discardPages();
    void scanStepsBack();
    void longValueGoesAsItIsCopied();
    void finishTakesTheRest();
    void sameDocument_data();
    void sameDocument();
    void sameErrors_data();
    void sameErrors();
    void errorLineAfterLineBreaksWent();
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
            text += ' ' + d.bytesOf(*slot);
        text += '\n';
    };
    std::for_each(d.resources.begin(), d.resources.end(), add);
    std::for_each(d.priorData.begin(), d.priorData.end(), add);
    for (const OutputValue &o : d.outputs)
        text += o.name.toUtf8() + ' ' + d.bytesOf(o.value) + '\n';
    return text;
}

// The offset in `bytes` of the start of the memory page `offset` is in.
qint64 pageStart(const QByteArray &bytes, qint64 offset)
{
    return offset
        - qint64((reinterpret_cast<quintptr>(bytes.constData()) + quintptr(offset)) % Page);
}

// The offset in `bytes` of the start of the 2 MiB page `offset` is in (0 where that is before
// the bytes), and of the next one: compacting, pages go back in whole 2 MiB pages.
qint64 largeStart(const QByteArray &bytes, qint64 offset)
{
    constexpr quintptr Large = quintptr(2) << 20;
    const auto at = reinterpret_cast<quintptr>(bytes.constData());
    const quintptr start = (at + quintptr(offset)) & ~(Large - 1);
    return start > at ? qint64(start - at) : 0;
}

qint64 nextLargeStart(const QByteArray &bytes, qint64 offset)
{
    return std::min<qint64>(largeStart(bytes, offset + (2 << 20) - 1), bytes.size());
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

// While the scan goes on, a large file read on its own: its kept values move out (the slot points
// into values() instead), and every page goes back once the hash and the scan have passed it,
// the kept value's too, and those with a line break (counted first: an error further on still
// says its line), but not the page the scan is in. They go in whole 2 MiB pages of memory (a
// part of one would split it): the bytes before the first such page stay, and so does the one
// the hash or the scan is in.
void TestUnreadBytes::scanStepsBack()
{
    const qint64 size = 24 << 20;
    // Beginning 1 MiB into a 2 MiB page of memory
    QByteArray storage(size + (2 << 20), 'x');
    const qint64 shift = (3 << 20) - qint64(quintptr(storage.constData()) % (2 << 20));
    char *d = storage.data() + shift % (2 << 20);
    const qint64 lineBreak = 10 << 20;
    d[lineBreak] = '\n';
    const ByteRange keptRange {6 << 20, (6 << 20) + 10};
    std::memcpy(d + keptRange.begin, "[\"values\"]", 10);
    const QByteArray bytes = QByteArray::fromRawData(d, size);
    std::atomic<qint64> hashed {0};
    UnreadPages pages(bytes, &hashed);
    QVERIFY(pages.compacting());
    JsonSlot slot(keptRange);
    pages.keep(slot);
    QCOMPARE(slot.range().begin, 0); // it points into the values now
    QCOMPARE(slot.range().end, 10);
    pages.passed(16 << 20);
    QCOMPARE(pages.released(), 0); // the hash has read nothing yet
    QCOMPARE(zeros(bytes), 0);

    hashed = 12 << 20;
    pages.passed(16 << 20); // as far as the hash has gone
    const qint64 first = nextLargeStart(bytes, 0), hashedTo = largeStart(bytes, 12 << 20);
    QCOMPARE(first, 1 << 20);
    QVERIFY(hashedTo > lineBreak);
    QCOMPARE(pages.released(), hashedTo - first);
    QCOMPARE(zeros(bytes, first, hashedTo), hashedTo - first); // the kept value's pages too
    QCOMPARE(zeros(bytes, 0, first), 0); // before the first 2 MiB page
    QCOMPARE(pages.lineBreaksGone()->count, 1); // counted as it went
    QCOMPARE(pages.lineBreaksGone()->last, lineBreak);
    QCOMPARE(zeros(bytes, hashedTo, size), 0); // the 2 MiB page the hash is in, and past it
    int line = 0, column = 0; // an error past it: on the second line
    detail::lineAndColumn(bytes, lineBreak + 100, &line, &column, pages.lineBreaksGone());
    QCOMPARE(line, 2);
    QCOMPARE(column, 100);

    hashed = size;
    const qint64 before = pages.released();
    pages.passed(hashedTo + (1 << 20));
    QCOMPARE(pages.released(), before); // still in the same 2 MiB page: nothing more yet
    pages.passed(size - 100);
    const qint64 scannedTo = largeStart(bytes, size - 100);
    QCOMPARE(zeros(bytes, first, scannedTo), scannedTo - first);
    QCOMPARE(zeros(bytes, scannedTo, size), 0); // the 2 MiB page the scan is in
    QVERIFY(scannedTo >= size - (2 << 20));
    const std::shared_ptr<const PackedBytes> values = pages.takeValues();
    QCOMPARE(values->size(), 10);
    QCOMPARE(values->read(0, 10), QByteArray("[\"values\"]"));
}

// A long value is copied out a step at a time, and its own pages go back behind the copy where
// the hash has passed them: it is never in memory twice. The pages it shares with its
// neighbours stay until the scan passes them.
void TestUnreadBytes::longValueGoesAsItIsCopied()
{
    const qint64 size = 24 << 20;
    QByteArray bytes(size, 'x');
    const ByteRange value {(2 << 20) + 100, (12 << 20) + 100};
    for (qint64 i = value.begin; i < value.end; ++i)
        bytes[i] = char('a' + i % 26);
    const QByteArray expected = bytes.mid(value.begin, value.end - value.begin);
    std::atomic<qint64> hashed {8 << 20};
    UnreadPages pages(bytes, &hashed);
    QVERIFY(pages.compacting());
    JsonSlot slot(value);
    pages.keep(slot);
    // As far as the hash had gone: the whole 2 MiB pages inside the value
    const qint64 first = nextLargeStart(bytes, pageStart(bytes, value.begin) + Page),
                 hashedTo = largeStart(bytes, 8 << 20);
    QVERIFY(hashedTo - first >= (2 << 20));
    QCOMPARE(zeros(bytes, first, hashedTo), hashedTo - first);
    QCOMPARE(zeros(bytes, 0, first), 0); // its first page is shared with what comes before
    QCOMPARE(zeros(bytes, hashedTo, size), 0); // past the hash
    const std::shared_ptr<const PackedBytes> values = pages.takeValues();
    QCOMPARE(values->read(0, values->size()), expected);
    QCOMPARE(values->heldSize(), expected.size()); // kept as it was, not packed
}

void TestUnreadBytes::finishTakesTheRest()
{
    const qint64 size = 4 << 20;
    QByteArray bytes(size, 'x');
    bytes[1 << 20] = '\n';
    const ByteRange keptRange {2 << 20, (2 << 20) + 3 * Page};
    UnreadPages pages(bytes, nullptr);
    QVERIFY(!pages.compacting()); // without a hash, the slots stay where they are
    JsonSlot slot(keptRange);
    pages.keep(slot);
    QCOMPARE(slot.range().begin, keptRange.begin);
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
    QTest::addColumn<bool>("pretty");
    QTest::newRow("mixed") << 4000 << false << false;
    QTest::newRow("full destroy") << 7000 << true << false;
    QTest::newRow("pretty-printed") << 4000 << false << true;
}

// Generated plans of over 16 MiB, well past UnreadPages::MinimumFile and the scan's 2 MiB steps.
void TestUnreadBytes::sameDocument()
{
    QFETCH(int, resources);
    QFETCH(bool, destroy);
    QFETCH(bool, pretty);
    QByteArray plan = generatedPlan(resources, 5, destroy);
    if (pretty) // a line break before every member, as `jq .` writes one a line
        plan.replace(",\"", ",\n\"");
    QVERIFY(plan.size() > UnreadPages::MinimumFile);
    const Result<Document> whole
        = detail::loadDocumentFromBytes(plan, QStringLiteral("t.json"), JsonSkip::Fast);
    const Result<Document> released
        = detail::loadDocumentFromBytes(alone(plan), QStringLiteral("t.json"), JsonSkip::Fast);
    QVERIFY2(whole && released, qPrintable(errorText(whole) + errorText(released)));
    QCOMPARE(whole->bytes, plan); // the caller's copy shares them: kept whole
    // Read on its own, the document keeps its values alone: not planned_values, not the prior
    // state of changed resources, not the keys: a quarter of the file and more goes, pretty-
    // printed too.
    const qsizetype gone = plan.size() - released->keptSize();
    QVERIFY2(
        gone > plan.size() / 4, qPrintable(QStringLiteral("%1 of %2").arg(gone).arg(plan.size())));
    QVERIFY(!whole->packed);
    QVERIFY(released->packed && released->bytes.isEmpty()); // and packed (core/packedbytes.h)
    const qint64 held = released->packed->heldSize();
    QVERIFY2(held < released->keptSize() / 4,
        qPrintable(QStringLiteral("%1 of %2").arg(held).arg(released->keptSize())));
    // The same document, but for where its slots point (BEGIN-END): in the values, not the file
    static const QRegularExpression ranges(QStringLiteral(R"(\d+-\d+)"));
    QCOMPARE(QString::fromUtf8(loadText(released)).replace(ranges, QStringLiteral("[range]")),
        QString::fromUtf8(loadText(whole)).replace(ranges, QStringLiteral("[range]")));
    QCOMPARE(slotBytes(*released), slotBytes(*whole));
    QVERIFY(slotBytes(*whole).size() > plan.size() / 4);
    const QString sha
        = QString::fromLatin1(QCryptographicHash::hash(plan, QCryptographicHash::Sha256).toHex());
    QCOMPARE(fileSha256(*released), sha);
    QCOMPARE(fileSha256(*whole), sha);
    // The same verdict, read from the values packed or from the file: the findings and the
    // values they show.
    const QByteArray report
        = renderReport(analyse(*released, defaultRules()), defaultRules(), ReportFormat::Json);
    QVERIFY(report.contains("\"findings\""));
    QCOMPARE(
        report, renderReport(analyse(*whole, defaultRules()), defaultRules(), ReportFormat::Json));
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
    QTest::newRow("line breaks everywhere, cut in the prior state") << QByteArray("*") << 0.97;
    QTest::newRow("line breaks everywhere, cut in the changes") << QByteArray("*") << 0.6;
}

// A file broken far into it: the error, line and column, is the same whether the pages before
// it went back or not: the line breaks of those that went are counted as they go.
void TestUnreadBytes::sameErrors()
{
    QFETCH(QByteArray, breaks);
    QFETCH(double, cut);
    static const QByteArray generated = generatedPlan(6000, 9, false); // 28 MB
    QByteArray plan = generated;
    if (breaks == "*") { // before every member, as `jq .` writes one a line
        plan.replace(",\"", ",\n  \"");
    } else if (!breaks.isEmpty()) { // JSON's whitespace, between a member and the next key
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

// The same as sameErrors' pretty-printed rows, without the hashing thread's timing: the file
// hashed already, the scan hands pages back behind every resource change it reads, so that
// nearly all the line breaks before the error are gone when it comes; its line and column are
// those of the scan that kept them all.
void TestUnreadBytes::errorLineAfterLineBreaksWent()
{
    QByteArray plan = generatedPlan(6000, 9, false);
    plan.replace(",\"", ",\n  \"");
    plan.truncate(qsizetype(double(plan.size()) * 0.97)); // in the prior state
    QVERIFY(plan.size() > UnreadPages::MinimumFile);
    const auto ignore = [](Collection, json &&) {
    };
    ScanResult kept;
    const Status whole = scanJson(plan, QStringLiteral("t.json"), kept, ignore, JsonSkip::Fast);
    QVERIFY(!whole);
    QVERIFY(whole.error().line > 100000);

    const QByteArray bytes = alone(plan);
    const std::atomic<qint64> hashed {bytes.size()};
    UnreadPages pages(bytes, &hashed);
    MemberSinks members;
    members.change = [&](const ChangeMembers &m) {
        qint64 end = -1; // past the change's last value: the scan has read that far
        for (const SlotMember *slot : {&m.before, &m.after, &m.afterUnknown})
            end = std::max(end, slot->range.end);
        pages.passed(end);
    };
    ScanResult released;
    const Status scanned = scanJson(bytes, QStringLiteral("t.json"), released, ignore,
        JsonSkip::Fast, members, pages.lineBreaksGone());
    QVERIFY(pages.lineBreaksGone()->count > whole.error().line / 4);
    QVERIFY(zeros(bytes) > bytes.size() / 4);
    QVERIFY(!scanned);
    QCOMPARE(scanned.error().toString(), whole.error().toString());
}

// Under UnreadPages::MinimumFile a file keeps every page: handing them back costs more time than
// the memory is worth beside the process's own.
void TestUnreadBytes::smallFilesKeepTheirPages()
{
    const QByteArray plan = generatedPlan(300, 5, false);
    QVERIFY2(plan.size() > (1 << 20) && plan.size() < UnreadPages::MinimumFile,
        qPrintable(QString::number(plan.size())));
    Result<Document> loaded
        = detail::loadDocumentFromBytes(alone(plan), QStringLiteral("t.json"), JsonSkip::Fast);
    QVERIFY(loaded);
    QCOMPARE(zeros(loaded->bytes), 0);
    QCOMPARE(releaseUnreadBytes(*loaded), 0);
}

QTEST_GUILESS_MAIN(TestUnreadBytes)
#include "tst_unreadbytes.moc"
