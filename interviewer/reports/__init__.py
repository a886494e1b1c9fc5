"""Session reports: one format-neutral Report (build.py) rendered as Markdown, HTML or JSON.

`write.write_report(saved, fmt, path)` writes a file, `write.render(saved, fmt)` gives the
text; `formats.FORMATS` lists the formats. `wording.delivery_overview_line` is shared with
the CLI.
"""
