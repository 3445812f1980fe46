// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The one source of the targets that build the suites' precompiled headers (tests/CMakeLists.txt):
// CMake builds a target's precompiled header only for a target with a source.
