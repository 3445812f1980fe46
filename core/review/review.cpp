// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/review/review.h"

#include "core/loading/loader.h"
#include "core/review/statediff.h"

#include <QFileInfo>

namespace bg::core {

Review openForReview(const QStringList &paths, const RuleSet &rules, const Policy &policy,
    const EstateOptions &estate, const QString &stackName)
{
    std::vector<Document> documents;
    for (const QString &path : paths.mid(0, 2)) {
        Result<Document> loaded = loadDocument(path);
        if (!loaded)
            return {path, nullptr, loaded.error(), {}, {}, {}};
        documents.push_back(std::move(loaded).value());
    }
    if (documents.empty())
        return {{}, nullptr, {{}, 0, 0, QStringLiteral("no file to open")}, {}, {}, {}};
    Review review {paths.first(), nullptr, {}, {}, paths.mid(0, 2), {}};
    const auto isPlan = [](const Document &d) {
        return d.kind == DocumentKind::Plan;
    };
    if (documents.size() == 2 && !isPlan(documents[0]) && !isPlan(documents[1])) {
        StateDiff diff = diffStates(std::move(documents[0]), documents[1], rules);
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
        const auto plan = std::find_if(documents.begin(), documents.end(), isPlan);
        Document &chosen = plan != documents.end() ? *plan : documents.front();
        review.path = chosen.path;
        review.analysis = std::make_shared<Analysis>(analyse(std::move(chosen), rules));
    }
    applyPolicy(*review.analysis, policy);
    if (!estate.roots.isEmpty() || !estate.named.empty()) {
        Result<EstateContext> context
            = surroundWithEstate(*review.analysis, estate, stackName, rules);
        if (!context)
            return {review.path, nullptr, context.error(), {}, {}, {}};
        review.estate = std::move(context).value();
        for (const QString &file : review.estate.files) {
            if (!review.inputs.contains(file))
                review.inputs.append(file);
        }
    }
    return review;
}

} // namespace bg::core
