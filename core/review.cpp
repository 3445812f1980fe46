// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "review.h"

#include "loader.h"
#include "statediff.h"

#include <QFileInfo>

namespace bg::core {

Review openForReview(const QStringList &paths, const RuleSet &rules, const Policy &policy)
{
    std::vector<LoadResult> results;
    for (const QString &path : paths.mid(0, 2)) {
        results.push_back(loadDocument(path));
        if (!results.back().ok())
            return {path, nullptr, results.back().error->toString(), {}, {}};
    }
    if (results.empty())
        return {{}, nullptr, QStringLiteral("no file to open"), {}, {}};
    Review review {paths.first(), nullptr, {}, {}, paths.mid(0, 2)};
    const auto isPlan = [](const LoadResult &r) {
        return r.document.kind == DocumentKind::Plan;
    };
    if (results.size() == 2 && !isPlan(results[0]) && !isPlan(results[1])) {
        StateDiff diff = diffStates(std::move(results[0].document), results[1].document, rules);
        review.context
            = QStringLiteral("State diff: %1 → %2. Lost %3, added %4, changed %5. "
                             "Lineage and serial: %6.")
                  .arg(QFileInfo(paths[0]).fileName(), QFileInfo(paths[1]).fileName(),
                      QString::number(diff.lost.impact.destroyOrder.size()),
                      QString::number(diff.added.size()), QString::number(diff.changed.size()),
                      diff.warnings.empty() ? diff.lineageVerdict
                                            : QStringLiteral("see the warning below"));
        diff.lost.warnings.insert(
            diff.lost.warnings.begin(), diff.warnings.begin(), diff.warnings.end());
        review.analysis = std::make_shared<Analysis>(std::move(diff.lost));
    } else {
        const auto plan = std::find_if(results.begin(), results.end(), isPlan);
        LoadResult &chosen = plan != results.end() ? *plan : results.front();
        review.path = chosen.document.path;
        review.analysis = std::make_shared<Analysis>(analyse(std::move(chosen.document), rules));
    }
    applyPolicy(*review.analysis, policy);
    return review;
}

} // namespace bg::core
