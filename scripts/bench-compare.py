#!/usr/bin/env python3
"""Compares this `make bench` run's figures with the previous run's, kept in docs/performance.md.

    scripts/bench-compare.py FIGURES.tsv docs/performance.md [--record COMMIT]

FIGURES.tsv holds one figure per line, `name<TAB>value<TAB>unit`, as the benchmarks wrote them
(scripts/bench.sh's `figure`, server/benches/support's `figure`). Each figure is printed next to
its previous value; one more than 10 % worse is flagged as a regression. Whether more is better
follows from the unit (requests per second and scores; everything else is a time or a size).
With --record, the run's figures replace the previous ones in docs/performance.md, between the
`bench-figures` markers, with the commit they were measured at; a recorded figure this run did
not measure (BENCH_PARTS) is kept.
"""
import sys
from datetime import date

BEGIN, END = "<!-- bench-figures:begin -->", "<!-- bench-figures:end -->"
HIGHER_IS_BETTER = {"req/s", "score"}
TOLERANCE = 0.10


def read_run(path):
    figures = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3:
                name, value, unit = parts
                try:
                    # A name is a cell of the recorded table: no pipe in it.
                    figures[name.replace("|", "/")] = (float(value), unit)
                except ValueError:
                    print(f"  {name}: not measured ({value!r})")
    return figures


def read_recorded(markdown):
    """The figures of the table between the markers: `| name | value | unit |` rows."""
    if BEGIN not in markdown or END not in markdown:
        return {}
    block = markdown.split(BEGIN, 1)[1].split(END, 1)[0]
    figures = {}
    for row in block.splitlines():
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("figure", "") or set(cells[0]) <= {"-", " "}:
            continue
        try:
            figures[cells[0]] = (float(cells[1]), cells[2])
        except ValueError:
            continue
    return figures


def change(now, before, unit):
    """The relative change, and whether it is a regression beyond the tolerance."""
    if before == 0:
        return None, False
    relative = (now - before) / abs(before)
    worse = -relative if unit in HIGHER_IS_BETTER else relative
    return relative, worse > TOLERANCE


def render_block(figures, commit, kept):
    note = f" ({kept} figure(s) kept from an earlier record: not measured by this run)" if kept else ""
    rows = [
        BEGIN,
        f"Figures of the last recorded run (`BENCH_RECORD=1 make bench`), commit {commit}, {date.today()}{note}:",
        "",
        "| figure | value | unit |",
        "| --- | --- | --- |",
    ]
    rows += [f"| {name} | {value:g} | {unit} |" for name, (value, unit) in figures.items()]
    rows.append(END)
    return "\n".join(rows)


def main(argv):
    if len(argv) not in (3, 5) or (len(argv) == 5 and argv[3] != "--record"):
        sys.exit(__doc__)
    run = read_run(argv[1])
    with open(argv[2], encoding="utf-8") as doc:
        markdown = doc.read()
    recorded = read_recorded(markdown)

    regressions = []
    width = max((len(name) for name in run), default=10)
    for name, (now, unit) in run.items():
        previous = recorded.get(name)
        if previous is None:
            print(f"  {name:<{width}}  {now:>10g} {unit:<6} (new figure)")
            continue
        relative, regression = change(now, previous[0], unit)
        shown = "" if relative is None else f"{relative * 100:+.1f} %"
        flag = "  << REGRESSION (more than 10 % worse)" if regression else ""
        print(f"  {name:<{width}}  {now:>10g} {unit:<6} was {previous[0]:g} ({shown}){flag}")
        if regression:
            regressions.append(name)
    for name in recorded.keys() - run.keys():
        print(f"  {name:<{width}}  not measured in this run (was {recorded[name][0]:g} {recorded[name][1]})")
    print(f"{len(regressions)} regression(s) over 10 % against the recorded run" if recorded else
          "no recorded run to compare with (BENCH_RECORD=1 make bench records this one)")

    if len(argv) == 5:
        merged = {**recorded, **run}
        block = render_block(merged, argv[4], kept=len(merged) - len(run))
        if BEGIN in markdown and END in markdown:
            head, rest = markdown.split(BEGIN, 1)
            markdown = head + block + rest.split(END, 1)[1]
        else:
            markdown = markdown.rstrip("\n") + "\n\n## Recorded figures\n\n" + block + "\n"
        with open(argv[2], "w", encoding="utf-8") as doc:
            doc.write(markdown)
        print(f"recorded in {argv[2]}")


if __name__ == "__main__":
    main(sys.argv)
