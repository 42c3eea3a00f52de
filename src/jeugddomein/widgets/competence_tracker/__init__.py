"""The competence tracker widget: model, rules, view and anywidget class."""
