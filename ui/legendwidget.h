// SPDX-FileCopyrightText: 2026 Blastguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace bg::ui {

// What the shapes, colours and lines of the graph mean: drawn with the graph's own painters,
// so the legend cannot drift from the picture.
class LegendWidget : public QWidget {
    Q_OBJECT

public:
    explicit LegendWidget(QWidget *parent = nullptr);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace bg::ui
