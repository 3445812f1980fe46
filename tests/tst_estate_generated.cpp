// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The estate against a generated one (tests/tools/genestate.h): the links Blastguard finds are
// the links the generator designed, and the cross-stack what-if breaks exactly the links into
// what it destroys. Where Blastguard is known to read the data otherwise than the truth (each
// a property of the data the generator names, EstateTrap), the difference is counted under its
// name, exactly (every link carrying the property, no other), and expected to fail, so that
// it shows in every run and a fix shows as XPASS.
#include "core/estate/breaks.h"
#include "core/loading/unreadbytes_p.h"
#include "genestate.h"
#include "testutils.h"

#include <QJsonArray>
#include <map>
#include <optional>
#include <set>

using namespace bg::core;
using bg::tests::EstateLink;
using bg::tests::EstateTally;

namespace {

constexpr int Stacks = 30;
constexpr int Resources = 3000;
constexpr std::uint64_t Seed = 7;

// A link as either side states it.
struct Link {
    QString stack, address, via, value, dependsOnStack, dependsOn, reason, dataSource, output;
    unsigned traps = 0;

    QString key() const
    {
        return stack + u'\t' + address + u'\t' + dependsOnStack + u'\t' + dependsOn;
    }
    QString text() const
    {
        return QStringLiteral("%1 %2 %3=%4 -> %5 %6 (%7%8)")
            .arg(stack, address, via, value, dependsOnStack, dependsOn, reason,
                dataSource.isEmpty() ? QString() : u' ' + dataSource + u' ' + output);
    }
};

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

Link fromTruth(const EstateLink &l)
{
    return {q(l.stack), q(l.address), q(l.via), q(l.value), q(l.dependsOnStack), q(l.dependsOn),
        q(l.reason), q(l.dataSource), q(l.output), l.traps};
}

Link fromEstate(const Estate &e, const StackLink &l)
{
    const Stack &from = e.stacks[size_t(l.stack)];
    const Stack &to = e.stacks[size_t(l.dependsOnStack)];
    return {from.name, from.node(l.node).id, l.via, l.value, to.name,
        l.dependsOnNode >= 0 ? to.node(l.dependsOnNode).id : QString(), linkReasonName(l.reason),
        l.dataSource, l.output, 0};
}

Link fromBreak(const StackBreak &b)
{
    return {b.stack, b.address, b.via, b.value, b.dependsOnStack, b.dependsOn, b.reason,
        b.dataSource, b.output, 0};
}

// The ways Blastguard still reads the data otherwise than the truth, each by the trap (the
// property of the data) behind it, in the order a link carrying several is counted. Fixed
// since, and so asserted like any other link: raw-state remote_state outputs inside their
// {"value", "type"} wrapper, policy ARNs as foreign keys in identity objects (and the false
// links they made), generic values linking through a remote state, a plan's data sources
// (and so its remote states) read from prior_state.
struct Gap {
    unsigned trap;
    QString name, why;
};

const std::vector<Gap> &knownGaps()
{
    static const std::vector<Gap> gaps = {
        {bg::tests::TrapSecretName, QStringLiteral("secret-like name"),
            QStringLiteral("a value under a name like a secret's (kms_master_key_id, "
                           "DB_SECRET_ARN) is masked, so it links nothing")},
        {bg::tests::TrapShortValue, QStringLiteral("short value through remote state"),
            QStringLiteral("an identity shorter than min_length (a db subnet group named "
                           "\"main\") is generic even when a remote state's output names it")},
    };
    return gaps;
}

struct Comparison {
    std::map<QString, QStringList> known; // gap -> the links it explains
    std::map<QString, int> carrying; // gap -> the expected links compared that carry its trap
    QStringList unexplained;
    int agreed = 0;
};

QString gapOf(unsigned traps)
{
    for (const Gap &g : knownGaps()) {
        if (traps & g.trap)
            return g.name;
    }
    return {};
}

// Compares what Blastguard found with the truth, link by (stack, resource, target).
Comparison compare(const std::vector<Link> &found, const std::vector<Link> &expected,
    const EstateTally &tally, const QString &intoStack = {})
{
    std::map<QString, const Link *> byKey;
    for (const Link &l : found)
        byKey[l.key()] = &l;
    std::map<QString, QString> nonLinks; // stack \t address \t value -> why
    for (const auto &n : tally.nonLinks)
        nonLinks[q(n.stack) + u'\t' + q(n.address) + u'\t' + q(n.value)] = q(n.why);
    Comparison c;
    std::set<QString> seen;
    for (const Link &e : expected) {
        if (!intoStack.isEmpty() && e.dependsOnStack != intoStack)
            continue;
        const auto it = byKey.find(e.key());
        seen.insert(e.key());
        const QString gap = gapOf(e.traps);
        if (!gap.isEmpty())
            ++c.carrying[gap];
        const Link *f = it == byKey.end() ? nullptr : it->second;
        const bool same = f && f->via == e.via && f->value == e.value && f->reason == e.reason
            && f->dataSource == e.dataSource && f->output == e.output;
        if (same) {
            ++c.agreed;
            continue;
        }
        if (!gap.isEmpty() && !f)
            c.known[gap].append(e.text());
        else
            c.unexplained.append(QStringLiteral("expected ") + e.text()
                + (f ? QStringLiteral(", found ") + f->text() : QStringLiteral(", not found")));
    }
    for (const Link &f : found) {
        if (seen.count(f.key()))
            continue;
        const QString why = nonLinks[f.stack + u'\t' + f.address + u'\t' + f.value];
        c.unexplained.append(QStringLiteral("not designed: ") + f.text()
            + (why.isEmpty() ? QString() : QStringLiteral(" (") + why + u')'));
    }
    return c;
}

// Every expected link carrying a gap's trap differs, and no other: the gaps are exactly
// as wide as the traps, so a partial fix or a new miss fails as surely as a full fix.
void verifyGaps(const Comparison &c, const char *what)
{
    for (const Gap &g : knownGaps()) {
        const QStringList &list = c.known.count(g.name) ? c.known.at(g.name) : QStringList();
        const int carrying = c.carrying.count(g.name) ? c.carrying.at(g.name) : 0;
        if (carrying > 0 || !list.isEmpty())
            qInfo("%s: %d of %d %s carrying it differ (%s)", qPrintable(g.name), int(list.size()),
                carrying, what, qPrintable(g.why));
        QCOMPARE(int(list.size()), carrying);
    }
}

QString sample(const QStringList &list, int n = 5)
{
    return QStringLiteral("%1: %2").arg(list.size()).arg(list.mid(0, n).join(QStringLiteral("; ")));
}

} // namespace

class TestEstateGenerated : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_root;
    EstateTally m_tally;
    std::optional<Estate> m_estate;
    std::vector<Link> m_expected;

    std::vector<Link> found() const
    {
        std::vector<Link> out;
        for (const StackLink &l : m_estate->links)
            out.push_back(fromEstate(*m_estate, l));
        return out;
    }

    // Destroys `targets` of stack `name` (what-if) and returns the breaks in other stacks.
    std::vector<Link> breaksOf(const QString &name, const QStringList &targets)
    {
        const int s = m_estate->findStack(name);
        if (s < 0)
            qFatal("no stack %s", qPrintable(name));
        QStringList unknown;
        Analysis a = analyseWhatIf(
            *m_estate->stacks[size_t(s)].document, bg::tests::defaultRules(), targets, &unknown);
        if (!unknown.isEmpty())
            qFatal("unknown targets: %s", qPrintable(unknown.join(u' ')));
        applyEstate(a, *m_estate, s, QStringLiteral("named by the test"));
        std::vector<Link> out;
        for (const StackBreak &b : a.estate->breaks)
            out.push_back(fromBreak(b));
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = m_dir.filePath(QStringLiteral("estate"));
        m_tally = bg::tests::writeEstate({Stacks, Resources, Seed}, m_root.toStdString());
        for (const EstateLink &l : m_tally.links)
            m_expected.push_back(fromTruth(l));
        Result<Estate> read = readEstate({{m_root}, {}});
        QVERIFY2(read.ok(), qPrintable(read ? QString() : read.error().toString()));
        m_estate = std::move(read).value();
        linkEstate(*m_estate, LinkRules::shipped(), bg::tests::defaultRules());
    }

    // The expected file holds the truth, and the truth exercises every trap and non-link.
    void theTruthIsWrittenAndNotVacuous()
    {
        QFile file(m_root + QStringLiteral(".expected.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray array = QJsonDocument::fromJson(file.readAll()).array();
        QCOMPARE(array.size(), qsizetype(m_tally.links.size()));
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonObject o = array[i].toObject();
            const Link &e = m_expected[size_t(i)];
            QCOMPARE(o[QLatin1String("stack")].toString(), e.stack);
            QCOMPARE(o[QLatin1String("address")].toString(), e.address);
            QCOMPARE(o[QLatin1String("via")].toString(), e.via);
            QCOMPARE(o[QLatin1String("value")].toString(), e.value);
            QCOMPARE(o[QLatin1String("depends_on_stack")].toString(), e.dependsOnStack);
            QCOMPARE(o[QLatin1String("depends_on")].toString(), e.dependsOn);
            QCOMPARE(o[QLatin1String("reason")].toString(), e.reason);
            QCOMPARE(o[QLatin1String("data_source")].toString(), e.dataSource);
        }
        QCOMPARE(m_tally.managed, Resources);
        std::map<QString, int> reasons, whys;
        unsigned traps = 0;
        for (const Link &e : m_expected) {
            ++reasons[e.reason];
            traps |= e.traps;
        }
        for (const auto &n : m_tally.nonLinks)
            ++whys[q(n.why)];
        QVERIFY(reasons[QStringLiteral("identity")] > 100);
        QVERIFY(reasons[QStringLiteral("remote_state")] > 100);
        QCOMPARE(traps, 31u);
        for (const char *why :
            {"shared", "sensitive", "foreign key in identity", "generic through remote state"})
            QVERIFY2(whys[QLatin1String(why)] > 0, why);
    }

    void everyStackIsReadAndTheRestSkipped()
    {
        QCOMPARE(m_estate->stacks.size(), m_tally.stacks.size());
        for (size_t i = 0; i < m_tally.stacks.size(); ++i) {
            const Stack &s = m_estate->stacks[i];
            QCOMPARE(s.name, q(m_tally.stacks[i].name));
            QCOMPARE(QDir(m_root).relativeFilePath(s.file), q(m_tally.stacks[i].file));
            const int managed = int(std::count_if(s.document->resources.begin(),
                s.document->resources.end(), [](const Resource &r) { return !r.isData(); }));
            QCOMPARE(managed, m_tally.stacks[i].managed);
        }
        const QString skipped = m_estate->skipped.join(u'\n');
        for (const auto &list : {m_tally.malformed, m_tally.notPlan, m_tally.backups})
            for (const std::string &file : list)
                QVERIFY2(skipped.contains(QDir(m_root).filePath(q(file)) + u':'), file.c_str());
        for (const std::string &file : m_tally.backendFiles) // named by their folder
            QVERIFY2(skipped.contains(QDir(m_root).filePath(q(file)).section(u'/', 0, -2) + u':'),
                file.c_str());
        for (const std::string &file : m_tally.stackFiles)
            QVERIFY2(!skipped.contains(QDir(m_root).filePath(q(file)) + u':'), file.c_str());
    }

    void theLinksAreTheDesignedOnes()
    {
        const Comparison c = compare(found(), m_expected, m_tally);
        qInfo("%d of %d designed links found as designed", c.agreed, int(m_expected.size()));
        QVERIFY2(c.unexplained.isEmpty(), qPrintable(sample(c.unexplained, 10)));
        verifyGaps(c, "links");
        for (const Gap &g : knownGaps()) {
            const QStringList &list = c.known.count(g.name) ? c.known.at(g.name) : QStringList();
            QEXPECT_FAIL("", qPrintable(g.name + QStringLiteral(": ") + g.why), Continue);
            QVERIFY2(list.isEmpty(), qPrintable(g.name + QStringLiteral(", ") + sample(list, 3)));
        }
    }

    // Large stacks keep their values packed (core/packedbytes.h), read as copies: the estate
    // links them as it links the files read whole. The stacks most linked to, and the one
    // linking most, are read again with a padding member that takes them past the size from
    // which a file's values are packed.
    void packedStacksLinkTheSame()
    {
        std::map<QString, int> to, from;
        for (const Link &e : m_expected) {
            ++to[e.dependsOnStack];
            ++from[e.stack];
        }
        const auto most = [](const std::map<QString, int> &count, int n) {
            std::vector<std::pair<int, QString>> order;
            for (const auto &[name, c] : count)
                order.push_back({-c, name});
            std::sort(order.begin(), order.end());
            QStringList names;
            for (int i = 0; i < n && i < int(order.size()); ++i)
                names.append(order[size_t(i)].second);
            return names;
        };
        const QStringList chosen = most(to, 3) + most(from, 1);
        Estate packed = *m_estate;
        packed.links.clear();
        packed.sharedLinks.clear();
        packed.remoteStates.clear();
        packed.notes.clear();
        for (const QString &name : chosen) {
            Stack &stack = packed.stacks[size_t(packed.findStack(name))];
            QByteArray bytes = bg::tests::readAll(stack.file);
            const qsizetype open = bytes.indexOf('{');
            QVERIFY(open >= 0);
            bytes.insert(open + 1,
                "\"padding\":\"" + QByteArray(detail::UnreadPages::MinimumFile, 'p') + "\",");
            Result<Document> doc = loadDocumentFromBytes(std::move(bytes), stack.file);
            QVERIFY2(doc.ok(), qPrintable(bg::tests::errorText(doc)));
            QVERIFY2(doc->packed, qPrintable(name));
            stack.document = std::make_shared<const Document>(std::move(doc).value());
        }
        linkEstate(packed, LinkRules::shipped(), bg::tests::defaultRules());
        const auto texts = [](const Estate &e, const std::vector<StackLink> &links) {
            QStringList out;
            for (const StackLink &l : links)
                out.append(fromEstate(e, l).text());
            return out;
        };
        QVERIFY(m_estate->links.size() > 100);
        QCOMPARE(texts(packed, packed.links), texts(*m_estate, m_estate->links));
        QCOMPARE(texts(packed, packed.sharedLinks), texts(*m_estate, m_estate->sharedLinks));
        QCOMPARE(packed.remoteStates.size(), m_estate->remoteStates.size());
        QCOMPARE(packed.notes, m_estate->notes);
    }

    // What was fixed is exercised: the links through raw states' remote states, those to
    // resources whose identity is a foreign key in another stack's identity object, and those
    // of a plan's data sources and through its remote states (prior_state) are found as
    // designed, and the values that only look like links link nothing.
    void theFixedGapsHold()
    {
        const std::vector<Link> all = found();
        std::map<QString, const Link *> byKey;
        for (const Link &l : all)
            byKey[l.key()] = &l;
        for (const auto &[trap, name] :
            {std::pair {bg::tests::TrapRawRemoteState, "raw-state remote state"},
                std::pair {bg::tests::TrapIdentityForeignKey, "identity foreign key"},
                std::pair {bg::tests::TrapPlanPriorState, "plan prior_state"}}) {
            int carrying = 0;
            int agreed = 0;
            for (const Link &e : m_expected) {
                if (!(e.traps & trap) || !gapOf(e.traps).isEmpty())
                    continue;
                ++carrying;
                const auto it = byKey.find(e.key());
                agreed += it != byKey.end() && it->second->text() == e.text();
            }
            qInfo("%s: %d of %d links found as designed", name, agreed, carrying);
            QVERIFY(carrying > 0);
            QCOMPARE(agreed, carrying);
        }
        std::map<QString, int> whys;
        for (const auto &n : m_tally.nonLinks) {
            const QString why = q(n.why);
            if (why != QLatin1String("foreign key in identity")
                && why != QLatin1String("generic through remote state"))
                continue;
            ++whys[why];
            for (const Link &l : all)
                QVERIFY2(
                    l.stack != q(n.stack) || l.address != q(n.address) || l.value != q(n.value),
                    qPrintable(why + QStringLiteral(": ") + l.text()));
        }
        QCOMPARE(int(whys.size()), 2);
    }

    void noLinkShowsASecret()
    {
        std::set<QString> secrets;
        for (const auto &n : m_tally.nonLinks)
            if (n.why == "sensitive")
                secrets.insert(q(n.value));
        for (const Link &l : found())
            QVERIFY2(!secrets.count(l.value), qPrintable(l.text()));
    }

    // Destroying a whole network stack breaks exactly the links into it.
    void whatIfANetworkStackIsDestroyed_data()
    {
        QTest::addColumn<QString>("stack");
        for (const auto &s : m_tally.stacks)
            if (s.role == "network")
                QTest::newRow(s.name.c_str()) << q(s.name);
    }

    void whatIfANetworkStackIsDestroyed()
    {
        QFETCH(QString, stack);
        const Stack &s = m_estate->stacks[size_t(m_estate->findStack(stack))];
        QStringList targets;
        for (const Resource &r : s.document->resources)
            if (!r.isData())
                targets.append(r.id);
        const std::vector<Link> breaks = breaksOf(stack, targets);
        const Comparison c = compare(breaks, m_expected, m_tally, stack);
        QVERIFY(c.agreed > 0);
        QVERIFY2(c.unexplained.isEmpty(), qPrintable(sample(c.unexplained, 10)));
        verifyGaps(c, "breaks");
    }

    // Destroying one resource that nothing in its own stack uses breaks the links into it.
    void whatIfOneResourceIsDestroyed_data()
    {
        QTest::addColumn<QString>("stack");
        QTest::addColumn<QString>("address");
        for (const std::string &leaf : m_tally.leaves) {
            const QStringList parts = q(leaf).split(u'\t');
            QTest::newRow(leaf.c_str()) << parts[0] << parts[1];
        }
    }

    void whatIfOneResourceIsDestroyed()
    {
        QFETCH(QString, stack);
        QFETCH(QString, address);
        const std::vector<Link> breaks = breaksOf(stack, {address});
        std::vector<Link> expected;
        for (const Link &e : m_expected)
            if (e.dependsOnStack == stack && e.dependsOn == address)
                expected.push_back(e);
        QVERIFY(!expected.empty());
        for (const Link &b : breaks)
            QVERIFY2(b.dependsOn == address, qPrintable(b.text()));
        const Comparison c = compare(breaks, expected, m_tally, stack);
        QVERIFY2(c.unexplained.isEmpty(), qPrintable(sample(c.unexplained, 10)));
        verifyGaps(c, "breaks");
    }
};

QTEST_GUILESS_MAIN(TestEstateGenerated)
#include "tst_estate_generated.moc"
