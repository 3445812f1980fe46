// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/loading/strictjson.h"
#include "core/risk/rules.h"

namespace bg::core::detail {

// The strict reader of blastguard.rules/v1 files, behind RuleSet::load (a friend of RuleSet).
class RulesReader {
public:
    // Reads a rules file already parsed. A member it does not know, a value of the wrong type
    // or an unknown name is an error in StrictJson's words, never a silent default; so are two
    // findings with one code and contradictory conditions. The first problem wins.
    static Result<RuleSet> read(StrictJson &file);
    // Whether `addition`, read from `file`, only adds to `inForce` (RuleSet::addFile says what
    // that allows; resources/rules/README.md says why). Records the first problem in `file`, at
    // the member that makes the rules weaker, and returns false.
    static bool onlyAdds(StrictJson &file, const RuleSet &addition, const RuleSet &inForce);
};

} // namespace bg::core::detail
