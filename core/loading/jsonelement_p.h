// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core: builds one small element of a plan or state (a resource change, a state
// resource) straight from its bytes, without nlohmann's lexer, which copies every byte of every
// token through a character-at-a-time interface: on plans of small resources it was about a
// sixth of a whole `report` (perf, 100,000 tiny creates). The resource changes and the resources
// of states and prior states are not even built: their members are read into ChangeMembers,
// StateMembers and RawMembers, which took loading 10,000 tiny creates from 20 to 12.5 ms. The
// scanner still uses nlohmann's parser to find the elements, and lets it read any element this
// builder is unsure of.
#pragma once

#include "core/loading/jsonscanner_p.h"
#include "core/loading/jsonskip_p.h"

#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bg::core::detail {

class ElementBuilder {
public:
    // `base` and `end` bound the whole text, so that ranges are offsets into it.
    ElementBuilder(const char *base, const char *end)
        : m_base(base)
        , m_end(end)
    {
    }
    // Where the text read so far ends, for a file read while it is scanned: the readers give
    // up (nullptr) on an element that goes past it, as on one cut short.
    void setEnd(const char *end) { m_end = end; }

    // `from` is just past the '{' (isArray false) or '[' (true) opening an element of
    // `collection`. Builds into `out` exactly the JSON the scanner's handler builds from
    // nlohmann's events for the same bytes: the same members and values, and the values
    // isLeftInFile names as byte ranges (rangeValue). Returns where the bracket closing the
    // element is. Returns nullptr, leaving `out` in no particular state, whenever nlohmann
    // might read the text otherwise: text it refuses (by jsonskip_p.h's rules), a member
    // named twice, nesting past MaxBuildDepth, and any number that is not an integer within
    // 64 bits (nlohmann reads those with the C library, in the locale). Never recurses.
    const char *build(const char *from, bool isArray, Collection collection, json &out);

    // `from` is just past the '{' opening a resource change (Collection::Change). Reads the
    // members resourceFromChange reads into `out`, without building the element: its pointers
    // point into this builder until the next call. Returns where the closing '}' is, or nullptr
    // wherever build() would, and wherever the change holds a container other than `change`,
    // change.actions (a list of scalars), change.replace_paths and change.importing (built
    // whole, as build() builds them) and the values left in the file: build() reads those,
    // checking the members inside them for duplicates as it does.
    const char *readChange(const char *from, ChangeMembers &out);
    // The same for a values-representation resource (PriorResource, StateResource): it gives up
    // on any container but depends_on (a list of scalars) and the values left in the file.
    const char *readStateResource(const char *from, StateMembers &out);
    // The same for a raw state v4 resource (RawResource) and its instances: it gives up on any
    // container but instances, their dependencies and depends_on when those are lists of
    // scalars, their sensitive_attributes (built whole) and the values left in the file.
    const char *readRawResource(const char *from, RawMembers &out);
    // The configuration (Collection::Configuration), from just past its '{': into `out` the
    // module tree configurationFrom makes of the built element (nullptr where it has no
    // root_module), without building it (configbytes.cpp). Returns where its '}' is, or nullptr
    // wherever build() would give up, and past nesting MaxBuildDepth less one.
    const char *readConfiguration(const char *from, std::shared_ptr<ConfigModule> &out);

private:
    friend class ConfigBytes; // readConfiguration's reading, in configbytes.cpp
    const char *string(const char *from, std::string &out) const;
    const char *scalar(const char *from, json &out);
    const char *scalarInto(const char *from, json &out);
    // A list of scalars from its '[', into `list`: past its ']', or nullptr.
    const char *scalarList(const char *from, json &list);
    // The container at `from`, `depth` containers inside an element, built whole as build()
    // builds it there (its nesting limit counted from the element): only for a container in which
    // build() leaves nothing in the file. Past it, or nullptr.
    const char *builtValue(const char *from, int depth, json &value);
    // A value left in the file at `from`: a container's range into `slot`, or a scalar into
    // `value` and `slot` pointing at it. Past it, or nullptr.
    const char *leftInFile(const char *from, SlotMember &slot, json &value);
    // Where m_key is among `names`, or names.size().
    size_t keyIndex(std::span<const std::string_view> names) const;
    // A list of scalars (scalarList) or a scalar, into `value`.
    const char *listOrScalar(const char *from, json &value);
    // The scalar at `from`, of the member m_key names: into values[i] with *members[i] pointing
    // at it where names[i] is that name, else read and dropped. Past it, or nullptr.
    const char *namedScalar(const char *from, std::span<const std::string_view> names,
        std::span<const json **const> members, json *values);
    // The elements of a list from its '[' (each `element(at it)` returns past it, or nullptr to
    // give up): past its ']', or nullptr.
    template<typename F>
    const char *elements(const char *from, F &&element);
    // The members of an object from just past its '{' to its '}' (returned): each one's name in
    // m_key, and `member(at its value)` returns past the value, or nullptr to give up. Gives up
    // on a name seen before in it (`seen` keeps them) and past MaxReadMembers of them.
    template<typename F>
    const char *members(const char *from, std::vector<std::string> &seen, F &&member);

    const char *m_base;
    const char *m_end;
    std::vector<json *> m_stack; // the containers open, the element first; kept for its memory
    std::string m_key; // the last member name read
    std::string m_text; // the last string value read
    std::string m_skipStack; // skipContainer's
    // The member readers': the values read, the names seen at each level (the element's own,
    // its change's or instance's), and other scalars
    static constexpr size_t MemberValues = 19;
    static constexpr size_t MaxReadMembers = 64; // in one object; Terraform writes about 15
    json m_values[MemberValues];
    json m_scratch;
    std::vector<std::string> m_seenOuter, m_seenInner;
    int m_depthBase = 0; // builtValue's depth, while it builds; nothing is left in the file then
    // readRawResource's values, an instance's in each (a deque: those read stay where they are)
    static constexpr size_t InstanceValueCount = 9;
    struct InstanceValues {
        json values[InstanceValueCount];
    };
    std::deque<InstanceValues> m_instanceValues;
};

// Here, not in jsonelement.cpp: configbytes.cpp reads lists with it too.
template<typename F>
const char *ElementBuilder::elements(const char *p, F &&element)
{
    p = skipSpace(p + 1, m_end);
    if (p != m_end && *p != ']') {
        for (;;) {
            if (!(p = element(p)))
                return nullptr;
            p = skipSpace(p, m_end);
            if (p == m_end || *p != ',')
                break;
            p = skipSpace(p + 1, m_end); // no ']' after a comma: element() refuses it
            if (p == m_end)
                return nullptr;
        }
    }
    return p != m_end && *p == ']' ? p + 1 : nullptr;
}

} // namespace bg::core::detail
