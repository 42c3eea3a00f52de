"""The worksheet widget: practice tools (preparation sheets, checklists, lesson plans) whose answers go into the
portfolio."""
