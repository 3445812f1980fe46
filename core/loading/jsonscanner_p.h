// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core: one pass of nlohmann's SAX parser over a whole plan or state file.
// It never builds a DOM of the file. It hands over one small element at a time (a resource
// change, a state resource, the configuration), in which the large values (attributes,
// sensitivity maps) are replaced by the byte range where they sit in the file. With JsonSkip::
// Fast, nlohmann's parser only walks between the elements: each element is read by
// ElementBuilder (jsonelement_p.h), the resource changes and the resources of states and
// prior states without being built at all (their members alone, MemberSinks), and each value
// left in the file by skipContainer (jsonskip_p.h); nlohmann reads only what those are unsure
// of.
#pragma once

#include "core/loading/loader.h"
#include "core/loading/streamedfile_p.h"
#include "core/model.h"

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace bg::core::detail {

using json = nlohmann::json;

enum class Collection : quint8 {
    Change, // plan resource_changes[*]
    PriorResource, // plan prior_state.values.root_module(.child_modules[*])*.resources[*]
    StateResource, // state JSON values.root_module(.child_modules[*])*.resources[*]
    RawResource, // raw state v4 resources[*]
    RawModule, // raw state v3 modules[*]
    Configuration, // plan configuration, with constant values left out
    Drift, // plan resource_drift[*]: what refresh found changed outside Terraform
    Deferred, // plan deferred_changes[*]: {reason, resource_change}
    ActionInvocation, // plan action_invocations[*]
    Outputs, // raw state outputs, state JSON values.outputs, plan prior_state.values.outputs
};

// A value left in the file is stored in the skeleton as a binary value holding its range.
JsonSlot slotOf(const json &value);
ByteRange rangeOf(const json &value);
json rangeValue(qint64 begin, qint64 end);

constexpr int MaxBuildDepth = 256; // nesting of the small elements we materialise
// Nesting of a value left in the file (isLeftInFile), the value itself counting as one: past it
// the file is refused. Terraform writes no value so deep (a provider's blocks nest a few
// levels), and Qt's JSON reader, which reads the values for the rules and shows them, gives up
// on the whole value past 1,024: such a value would be nothing to every view, attributes and all.
constexpr int MaxValueDepth = 512;

// Whether the value under `key`, at `depth` containers inside an element (the element itself
// is 1), stays in the file: those are the values an element holds as byte ranges.
bool isLeftInFile(Collection collection, int depth, std::string_view key);

struct ScanResult {
    bool topIsObject = false;
    std::set<std::string> topKeys;
    std::map<std::string, json> topScalars; // top-level keys whose value is a scalar
    std::map<std::string, bool> topContainers; // top-level keys whose value is an array (true)
                                               // or an object (false)
    qint64 skippedFast = 0; // bytes the fast skipper passed over: tests check that it ran
};

using ElementSink = std::function<void(Collection, json &&)>;

// The members of a resource change or a values-representation resource an address is read from,
// each nullptr when absent.
struct AddressMembers {
    const json *address = nullptr, *mode = nullptr, *type = nullptr, *name = nullptr,
               *index = nullptr, *module = nullptr;
};

// A value an element leaves in the file: its range, or the value itself when it is a scalar or
// was built (a range value, rangeValue), or neither when absent.
struct SlotMember {
    const json *value = nullptr;
    ByteRange range;
};

// The members of one resource change that resourceFromChange reads, each nullptr (or an empty
// SlotMember) when absent. Found in a built element (findMembers), or read straight from the
// bytes (ElementBuilder::readChange) without building the element at all.
struct ChangeMembers {
    AddressMembers where;
    const json *deposed = nullptr, *provider = nullptr, *reason = nullptr, *previous = nullptr;
    // change.*: a change that is not an object has none of them
    const json *actions = nullptr, *replacePaths = nullptr;
    bool importing = false;
    SlotMember before, after, afterUnknown, beforeSensitive, afterSensitive, beforeIdentity,
        afterIdentity;
};

// The members of one values-representation resource (a state JSON's, or a plan's prior_state's)
// that resourceFromStateValues reads, each nullptr (or an empty SlotMember) when absent.
struct StateMembers {
    AddressMembers where;
    const json *deposed = nullptr, *provider = nullptr, *tainted = nullptr, *dependsOn = nullptr;
    SlotMember values, sensitive, identity;
};

// One instance (or deposed object) of a raw state v4 resource: the members resourcesFromRawV4
// reads, each nullptr (or an empty SlotMember) when absent.
struct InstanceMembers {
    const json *indexKey = nullptr, *deposed = nullptr, *status = nullptr, *sensitive = nullptr,
               *dependencies = nullptr, *dependsOn = nullptr;
    SlotMember attributes, attributesFlat, identity;
};

// A raw state v4 resource (resources[*]): its own members, and those of each of its instances
// that is an object (others are not instances), in order.
struct RawMembers {
    const json *module = nullptr, *mode = nullptr, *type = nullptr, *name = nullptr,
               *provider = nullptr;
    std::vector<InstanceMembers> instances;
};

// Where the elements read straight from their bytes go, as their members (JsonSkip::Fast): the
// resource changes, the values-representation resources (PriorResource, StateResource) and the
// raw state v4 resources. Where a sink is empty, those elements are built and go to the
// ElementSink.
struct MemberSinks {
    std::function<void(const ChangeMembers &)> change;
    std::function<void(Collection, const StateMembers &)> state;
    std::function<void(const RawMembers &)> raw; // RawResource
    // The configuration's module tree, as configurationFrom makes it (nullptr: no root_module)
    std::function<void(std::shared_ptr<ConfigModule>)> configuration;
};

// Scans bytes (UTF-8 JSON). Returns an error with line and column on malformed input, and on a
// member named twice in one object (outside the values it leaves in the file): Terraform never
// writes one, and readers differ on which of the two counts. `skip` as in loader.h.
// Why nlohmann's parser stopped, without what it read last (which may be a secret) and without
// its "[json.exception.parse_error.101] parse error at line 1, column 5: " prefix.
std::string parseErrorReason(const char *what);

// The error of a load that ran out of memory on `bytes` of JSON (a std::bad_alloc): it names
// the file, never an abort.
Error outOfMemory(const QString &path, qsizetype bytes);

// With JsonSkip::Fast, each element `members` has a sink for and the builder is sure of goes
// there as its members, read from its bytes; the others go to `sink` built. `gone`: the line
// breaks of pages handed back while the scan went on, which an error's line counts too.
// `frontier`: the file is read while it is scanned (streamedfile_p.h): no byte past what it
// says is read is looked at, and the scan waits for more where it needs them.
Status scanJson(const QByteArray &bytes, const QString &path, ScanResult &result,
    const ElementSink &sink, JsonSkip skip, const MemberSinks &members = {},
    const LineBreaksGone *gone = nullptr, ReadFrontier *frontier = nullptr);

} // namespace bg::core::detail
