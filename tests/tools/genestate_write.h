// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to the estate generator: a stack's file in each of the kinds Terraform writes.
#pragma once

#include "genestate_model.h"

namespace bg::tests::estate {

std::string rawState(const Build &b, const std::string &lineage, int serial);
std::string stateJson(const Build &b); // terraform show -json of a state
std::string planJson(const Build &b); // terraform show -json of a plan that changes nothing
// .terraform/terraform.tfstate: Terraform's record of the backend settings, not a stack.
std::string backendSettings(const StackPlan &s, const std::string &lineage);

} // namespace bg::tests::estate
