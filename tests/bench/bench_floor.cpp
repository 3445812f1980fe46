// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_floor FILE: the floor under blastguard-cli's peak memory. A Qt program that starts as
// blastguard-cli does (a QCoreApplication) and reads FILE into memory, nothing more: its peak RSS
// is what any Qt program that reads the plan whole pays (Qt Core, ICU, the C and C++ libraries,
// the bytes). bench_load measures it beside every row, so that a memory target below it is seen
// as one no reader of that file can meet, not a miss of Blastguard's. Prints the bytes read.
#include <QCoreApplication>
#include <QFile>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_floor FILE\n");
        return 2;
    }
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_floor: %s: %s\n", argv[1], qPrintable(file.errorString()));
        return 1;
    }
    const QByteArray bytes = file.readAll();
    std::printf("%lld\n", static_cast<long long>(bytes.size()));
    return 0;
}
