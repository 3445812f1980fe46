// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/estate/surround.h"

#include "core/estate/breaks.h"

#include <QFileInfo>

namespace bg::core {

Result<EstateContext> surroundWithEstate(
    Analysis &analysis, const EstateOptions &options, QString ownName, const RuleSet &rules)
{
    Result<Estate> read = readEstate(options);
    if (!read)
        return read.error();
    auto estate = std::make_shared<Estate>(std::move(read).value());
    QStringList files;
    for (const Stack &s : estate->stacks)
        files.append(s.file);
    const Document &own = analysis.document();
    QString how;
    int index = -1;
    if (!ownName.isEmpty()) {
        index = estate->findStack(ownName);
        how = QStringLiteral("named with --stack");
    } else {
        index = recogniseStack(*estate, own, &how);
    }
    if (index < 0) {
        if (ownName.isEmpty())
            ownName = QFileInfo(QFileInfo(own.path).absolutePath()).fileName();
        how = QStringLiteral("not among the estate's stacks: added to it");
    }
    // The document under review stands for its stack: the analysis's own, not a copy.
    const std::shared_ptr<const Document> shared(analysis.shared, &analysis.shared->document);
    index = placeDocument(*estate, index, ownName, shared, own.path);
    linkEstate(*estate, LinkRules::shipped(), rules);
    EstateContext context {std::move(estate), index, how, files};
    applyEstateContext(analysis, context);
    return context;
}

Result<std::shared_ptr<const Estate>> readLinkedEstate(
    const EstateOptions &options, const RuleSet &rules)
{
    Result<Estate> read = readEstate(options);
    if (!read)
        return read.error();
    auto estate = std::make_shared<Estate>(std::move(read).value());
    linkEstate(*estate, LinkRules::shipped(), rules);
    return std::shared_ptr<const Estate>(std::move(estate));
}

void applyEstateContext(Analysis &analysis, const EstateContext &context)
{
    if (context.estate && context.stack >= 0)
        applyEstate(analysis, *context.estate, context.stack, context.recognisedBy);
}

} // namespace bg::core
