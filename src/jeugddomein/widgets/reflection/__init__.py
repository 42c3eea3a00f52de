"""The reflection widget: model, rules, view and anywidget class."""
