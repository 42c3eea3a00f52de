"""The bronstein scan widget: model, rules, view and anywidget class."""
