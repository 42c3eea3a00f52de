"""The case editor: write a role-play case in the browser."""
