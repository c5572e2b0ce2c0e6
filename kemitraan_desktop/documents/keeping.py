"""Layout rules of tata naskah dinas that reportlab does not know: a signature never on a
page of its own (the last rows of the table above it go with it) and a heading never alone
at the foot of a page (it goes to the next with its table's first rows). build_document
applies them to every story."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table


class DataTable(Table):
    """A frame.data_table() that remembers how it was made (`spec`) and can make another
    like it with other rows (`remake`), so the rules can part it."""

    spec: dict
    remake: Callable[[dict, list, list[int], bool], DataTable]

    def like(self, rows: list, emphasis: list[int], with_header: bool = True) -> DataTable:
        return self.remake(self.spec, rows, emphasis, with_header)


class SignatureBlock(KeepTogether):
    """The signature block: kept whole, and on the page of the last rows above it."""

    def __init__(self, parts: list[Flowable]):
        super().__init__(parts)
        self.parts = parts


KEEP_ROWS = 2  # table rows kept with the signature below them, and with the heading above


def layout_rules(flowables: list[Flowable]) -> list[Flowable]:
    """Tata naskah dinas: no signature on a page of its own, no heading alone at the foot
    of a page. The last rows of the table above a signature (with any lines between) go
    with it; with no table right above, the last paragraph does (a letter's "Demikian
    ..."); a heading (a paragraph kept with the next) over a table starts a new page when
    its table's first rows would not fit under it."""
    out: list[Flowable] = []
    for index, item in enumerate(flowables):
        following = flowables[index + 1] if index + 1 < len(flowables) else None
        if (isinstance(item, Paragraph) and getattr(item.style, "keepWithNext", 0)
                and isinstance(following, DataTable)):
            out.append(_HeadingRoom(item, following))
        if isinstance(item, SignatureBlock):
            between: list[Flowable] = []
            while out and (isinstance(out[-1], (Paragraph, Spacer)) or _line(out[-1])) \
                    and len(between) < 6:
                between.insert(0, out.pop())
            if out and isinstance(out[-1], DataTable) and out[-1].spec["rows"]:
                table = out.pop()
                body, tail = _parted(table)
                out += [body] if body is not None else []
                out.append(_Tail(tail, [*between, *item.parts]))
                continue
            blocks = [i for i, f in enumerate(between) if not isinstance(f, Spacer)]
            if blocks:  # the closing paragraph (two blocks: one may be only its spacing)
                first = blocks[-2] if len(blocks) > 1 else blocks[-1]
                out += between[:first]
                out.append(_Tail([between[first], between[first]],
                                 [*between[first + 1:], *item.parts]))
                continue
            out += between
        out.append(item)
    return out


def _line(flowable: Flowable) -> bool:
    """A paragraph laid out in a one-row table (an indented letter paragraph)."""
    return (isinstance(flowable, Table) and not isinstance(flowable, DataTable)
            and getattr(flowable, "_nrows", 0) == 1)


def _parted(table: DataTable) -> tuple[DataTable | None, list[DataTable]]:
    """The table less its last rows, and those rows twice: with the header (for the top of
    a page) and without (right under the rest of the table)."""
    rows, emphasis = table.spec["rows"], table.spec["emphasis"]
    if len(rows) <= KEEP_ROWS:
        return None, [table, table]
    cut = len(rows) - KEEP_ROWS
    body = table.like(rows[:cut], [e for e in emphasis if e < cut])
    tail_emphasis = [e - cut for e in emphasis if e >= cut]
    return body, [table.like(rows[cut:], tail_emphasis),
                  table.like(rows[cut:], tail_emphasis, with_header=False)]


class _Tail(Flowable):
    """A table's last rows and the signature, never parted: right under the rest of the
    table they continue it without a header; at the top of a new page they bring it."""

    def __init__(self, tables: list[Flowable], ending: list[Flowable]):
        super().__init__()
        self.tables, self.ending = tables, ending
        self._parts: list[Flowable] = []

    def _choose(self) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        at_top = frame is None or getattr(frame, "_atTop", 1)
        return [self.tables[0] if at_top else self.tables[1], *self.ending]

    def wrap(self, avail_width, avail_height):
        self._parts = self._choose()
        self._sizes = []
        height = 0.0
        for number, part in enumerate(self._parts):
            _w, h = part.wrapOn(self.canv, avail_width, avail_height)
            before = part.getSpaceBefore() if number else 0
            self._sizes.append((before, h, part.getSpaceAfter()))
            height += before + h + (part.getSpaceAfter() if number < len(self._parts) - 1 else 0)
        self.width, self.height = avail_width, height
        return avail_width, height

    def split(self, avail_width, avail_height):
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", 0):
            return self._choose()  # taller than a page: let it flow rather than fail
        return []  # to the next page, whole

    def draw(self):
        y = self.height
        for part, (before, h, after) in zip(self._parts, self._sizes, strict=True):
            y -= before + h
            part.drawOn(self.canv, 0, y)
            y -= after


class _HeadingRoom(CondPageBreak):
    """Before a heading over a table: a new page unless the heading, the table's header and
    its first rows fit under what is already on this one."""

    def __init__(self, heading: Paragraph, table: DataTable):
        super().__init__(0)
        self.heading, self.table = heading, table

    def wrap(self, avail_width, avail_height):
        spec = self.table.spec
        first = self.table.like(spec["rows"][:KEEP_ROWS],
                                [e for e in spec["emphasis"] if e < KEEP_ROWS])
        needed = (self.heading.wrap(avail_width, avail_height)[1] + self.heading.getSpaceBefore()
                  + self.heading.getSpaceAfter() + first.wrap(avail_width, avail_height)[1])
        self.height = needed
        return super().wrap(avail_width, avail_height)


