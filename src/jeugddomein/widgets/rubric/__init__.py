"""The rubric widget: model, rules, view and anywidget class."""
