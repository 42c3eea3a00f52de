"""The knowledge check widget: model, rules, view and anywidget class."""
