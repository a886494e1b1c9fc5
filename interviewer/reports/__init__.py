"""Session reports: one format-neutral Report (build.py) rendered as Markdown, HTML or JSON.

`write.write_report(saved, fmt, path)` is the entry point for files; `write.render` gives
the text. `wording.delivery_overview_line` is shared with the CLI.
"""
