"""The role play widget: model, rules, view and anywidget class."""
