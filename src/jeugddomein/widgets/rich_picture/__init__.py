"""The rich picture widget: model, rules, view and anywidget class."""
