// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/layout/viewgraph.h"

namespace bg::core::detail {

// The estate around a built view: this stack as one large cluster around everything drawn,
// and each other stack the destroys break as another, holding the broken resources, with a
// dashed cross-stack edge from each to the drawn node it uses. Breaks of nodes not drawn are
// left out. Fills view.breaks for every layout node.
void addEstateToView(const Analysis &analysis, const ViewOptions &options, ViewGraph &view,
    const MeasureLabel &measure);

} // namespace bg::core::detail
