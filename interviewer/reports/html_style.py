"""The HTML report's stylesheet, inlined into every file so it needs nothing else to open."""

from __future__ import annotations

CSS = """
:root { color-scheme: light; --ink: #1d232b; --muted: #5b6570; --line: #d5dbe1;
  --good: #1e7b34; --fair: #8a6100; --poor: #b3261e; --hit: #d9f2df; --wrong: #fbe0dc; }
* { box-sizing: border-box; }
body { margin: 0; background: #f5f7f9; color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .25rem; padding-top: 1rem;
  border-top: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .25rem; }
.meta, .qmeta, .note { color: var(--muted); font-size: .92rem; margin: .25rem 0; }
.banner { border-left: 4px solid var(--fair); background: #fff6e0; padding: .5rem .75rem; }
.legend mark { padding: 0 .25rem; }
blockquote { margin: .5rem 0; padding: .5rem .9rem; border-left: 4px solid var(--line);
  background: #fafbfc; white-space: pre-wrap; overflow-wrap: anywhere; }
blockquote.sample { border-left-color: #7aa7d6; }
.empty { color: var(--muted); font-style: italic; }
mark { border-radius: 3px; padding: 0 .1rem; color: inherit; }
mark.concept { background: var(--hit); border-bottom: 2px solid var(--good); }
mark.misconception { background: var(--wrong); border-bottom: 2px dashed var(--poor); }
mark.concept.misconception { background: linear-gradient(var(--hit), var(--wrong)); }
.coverage { font-weight: 700; }
.good { color: var(--good); } .fair { color: var(--fair); } .poor { color: var(--poor); }
.status { font-style: italic; color: var(--muted); }
.rescored { background: #eef3fb; border-left: 4px solid #7aa7d6; padding: .4rem .75rem; }
.attempt { margin: 1rem 0 1.5rem; }
.findings { display: grid; grid-template-columns: 9rem 1fr; gap: .2rem 1rem; margin: .5rem 0; }
.findings dt { color: var(--muted); }
.findings dd { margin: 0; }
.findings ul { margin: 0; padding-left: 1.1rem; }
.quote { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .75rem 0; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { font-size: .85rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
td.num { text-align: right; white-space: nowrap; }
code { font-size: .9em; overflow-wrap: anywhere; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-before: auto; break-after: avoid; }
  h3, .findings, blockquote, tr { break-inside: avoid; }
  mark.concept { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  mark.misconception { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
