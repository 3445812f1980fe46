// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// CloudTrail records in bulk, for the postmortem's benchmark and its scale test: a day of an
// account's management events, mostly reads (Describe*, List*, Get*, KMS Decrypt, STS
// AssumeRole), a few writes, and about one delete a hundred of the calls the shipped catalog
// knows (DeleteDBSnapshot, TerminateInstances, DeleteBucket, DeleteSecurityGroup,
// DeleteLogGroup). Each record has the members of the documented record (CloudTrail User Guide,
// "CloudTrail record contents"): userIdentity with its session context, tlsDetails,
// requestParameters and responseElements of a few hundred bytes; about 1.2 KB a record.
// Plain C++20, deterministic from the seed, streamed: nothing is kept per record.
#pragma once

#include <cstdint>
#include <ostream>

namespace bg::tests {

struct CloudTrailOptions {
    std::int64_t records = 1000;
    bool lines = false; // one record a line; else {"Records": [...]} as CloudTrail delivers
    int deletesPerThousand = 10;
    std::uint64_t seed = 1;
};

struct CloudTrailTally {
    std::int64_t records = 0;
    std::int64_t deletes = 0; // calls the shipped AWS catalog knows
    std::int64_t bytes = 0;
};

CloudTrailTally writeCloudTrail(std::ostream &out, const CloudTrailOptions &options);

} // namespace bg::tests
