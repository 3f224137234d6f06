"""Draw a compiled quiz Tree as a standalone inline SVG (no JavaScript, no external resources).

Layered layout: a node's layer is its longest distance from the start question, so every
edge points down. An edge that skips layers gets a narrow invisible waypoint in each layer
it crosses, so it runs beside the boxes rather than through them. Within a layer, boxes
and waypoints sit near the mean x of their parents (this keeps chains straight and removes
some crossings). Questions are plain boxes; outcomes are rounded boxes coloured by verdict
AND labelled with the verdict word. Red-flag answers are dashed, in a warning colour.
Every piece of text is XML-escaped. An answer label too long for its line is cut
with "…"; its <title> holds it in full (shown on hover).
"""
from __future__ import annotations

import re
import textwrap
from xml.sax.saxutils import escape

from .model import Tree
from .verdicts import VERDICTS

NODE_W, NODE_H, GAP_X, GAP_Y, MARGIN, WAY_W = 210, 74, 40, 96, 20, 12
TEXT = "#1b1b1b"                      # text on every light fill below (at least 12:1)
WARN = "#b00020"                      # red-flag edges and their labels (7.3:1 on white)
EDGE = "#4d4d4d"                      # other edges and labels (8.5:1 on white)
QUESTION_FILL = "#ffffff"
# verdict -> light fill (verdicts.py); TEXT on each of these is far above WCAG AA's 4.5:1.
VERDICT_FILLS = {v.id: v.fill for v in VERDICTS.values()}


def _esc(text: object) -> str:
    return escape(str(text), {'"': "&quot;", "'": "&#39;"})


def _wrap(text: str, width: int, lines: int) -> list[str]:
    out = textwrap.wrap(" ".join(str(text).split()), width) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "\u2026"
    return out


def _layers(nodes: list[str], children: dict[str, list[str]]) -> dict[str, int]:
    """Longest distance from the roots (Kahn's order); nodes caught in a cycle go last."""
    indeg = {n: 0 for n in nodes}
    for n in nodes:
        for c in children[n]:
            indeg[c] += 1
    layer, ready, done = {n: 0 for n in nodes}, [n for n in nodes if indeg[n] == 0], set()
    while ready:
        n = ready.pop(0)
        done.add(n)
        for c in children[n]:
            layer[c] = max(layer[c], layer[n] + 1)
            indeg[c] -= 1
            if indeg[c] == 0:
                ready.append(c)
    deepest = max(layer.values(), default=0)
    return {n: layer[n] if n in done else deepest + 1 for n in nodes}   # cycles: validator refuses


def _bezier(p0, p1, t):              # vertical-tangent cubic from p0 down to p1, at t
    (x0, y0), (x1, y1) = p0, p1
    c0, c1 = (x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2)
    u = 1 - t
    return tuple(u**3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t**3 * d
                 for a, b, c, d in zip(p0, c0, c1, p1))


def to_svg(tree: Tree) -> str:
    """Return the tree as an accessible, self-contained <svg> element (a string)."""
    nodes = [tree.start] if tree.start in tree.questions else []
    nodes += [n for n in [*tree.questions, *tree.outcomes] if n not in nodes]
    edges = [(q.id, a.next, a.label, a.red_flag) for q in tree.questions.values() for a in q.answers]
    nodes += list(dict.fromkeys(e[1] for e in edges if e[1] not in nodes))   # dangling: still drawn
    children = {n: [e[1] for e in edges if e[0] == n] for n in nodes}
    layer = _layers(nodes, children)

    # Waypoints: edge k crossing layer L gets item (k, L); chains[k] is src, waypoints, dst.
    width = {n: NODE_W for n in nodes}
    preds: dict[object, list[object]] = {n: [] for n in nodes}
    chains = []
    for k, (src, dst, _, _) in enumerate(edges):
        chain = [src, *[(k, depth) for depth in range(layer[src] + 1, layer[dst])], dst]
        for way in chain[1:-1]:
            layer[way], width[way], preds[way] = way[1], WAY_W, []
        for a, b in zip(chain, chain[1:]):
            preds[b].append(a)
        chains.append(chain)

    # Place layer by layer: aim for the parents' mean x, keep items apart, recentre.
    x: dict[object, float] = {}
    for depth in range(max(layer.values(), default=0) + 1):
        row = [n for n in layer if layer[n] == depth]
        want = {n: sum(x[p] for p in preds[n] if p in x) / max(1, sum(p in x for p in preds[n]))
                for n in row}
        row.sort(key=lambda n: want[n])
        placed: list[float] = []
        for i, n in enumerate(row):
            gap = GAP_X if width[n] == NODE_W and width[row[i - 1]] == NODE_W else 10
            placed.append(max(want[n], placed[-1] + (width[row[i - 1]] + width[n]) / 2 + gap)
                          if placed else want[n])
        # Keep the row's first question (in file order) right under its parents, so a
        # chain of questions runs straight down; otherwise centre the row on its parents.
        lead = [i for i, n in enumerate(row) if n in tree.questions]
        lead_i = min(lead, key=lambda i: nodes.index(row[i])) if lead else None
        shift = (want[row[lead_i]] - placed[lead_i] if lead_i is not None
                 else (sum(want.values()) - sum(placed)) / max(1, len(row)))
        x.update({n: px + shift for n, px in zip(row, placed)})
    left = min((x[n] - width[n] / 2 for n in x), default=0.0)
    natural = max((x[n] + width[n] / 2 for n in x), default=0.0) - left + 2 * MARGIN
    full_w = max(natural, 600.0)      # room for the key line; a narrow tree is centred
    x = {n: v - left + MARGIN + (full_w - natural) / 2 for n, v in x.items()}
    top = {n: MARGIN + layer[n] * (NODE_H + GAP_Y) for n in layer}
    full_h = max(top.values(), default=0) + NODE_H + MARGIN + 24

    uid = re.sub(r"[^a-z0-9-]", "-", str(tree.id).lower()) or "tree"
    title_id, desc_id = f"quiz-{uid}-title", f"quiz-{uid}-desc"
    desc = (f"Decision tree with {len(tree.questions)} questions, {len(tree.outcomes)} outcomes "
            f"and {len(edges)} answers. Red-flag answers are dashed red lines.")
    marker = ('<marker id="quiz-{u}-{k}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
              'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>')
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{title_id} '
           f'{desc_id}" viewBox="0 0 {full_w:.0f} {full_h:.0f}" width="{full_w:.0f}" height="{full_h:.0f}" '
           'font-family="sans-serif" font-size="12">',  # no style attribute: pages run under a strict CSP
           f'<title id="{title_id}">{_esc(tree.title)}: decision tree</title>',
           f'<desc id="{desc_id}">{_esc(desc)}</desc>',
           "<defs>" + marker.format(u=uid, k="arrow", c=EDGE)
           + marker.format(u=uid, k="arrow-warn", c=WARN) + "</defs>"]

    # Edges under the boxes. Ends are spread along the box edges, ordered by where the
    # other end is, so "Yes" and "Not sure" to the same outcome stay apart and few cross.
    def far(k, end):                  # x of the next/previous item along edge k
        return x[chains[k][1]] if end == 0 else x[chains[k][-2]]
    anchor = {}
    for n in nodes:
        for end, mine in ((0, [k for k, e in enumerate(edges) if e[0] == n]),
                          (1, [k for k, e in enumerate(edges) if e[1] == n])):
            for i, k in enumerate(sorted(mine, key=lambda k: (far(k, end), k))):
                anchor[k, end] = x[n] - NODE_W / 2 + NODE_W * (i + 1) / (len(mine) + 1)
    labels, boxes = [], []
    for k, (src, dst, label, red) in enumerate(edges):
        pts = [(anchor[k, 0], top[src] + NODE_H)]
        for way in chains[k][1:-1]:
            pts += [(x[way], top[way]), (x[way], top[way] + NODE_H)]
        pts.append((anchor[k, 1], top[dst]))
        d = f"M{pts[0][0]:.1f},{pts[0][1]:.1f}"
        for i in range(0, len(pts) - 1, 2):            # down a gap: curve; through a layer: line
            (x0, y0), (x1, y1) = pts[i], pts[i + 1]
            d += f" C{x0:.1f},{(y0 + y1) / 2:.1f} {x1:.1f},{(y0 + y1) / 2:.1f} {x1:.1f},{y1:.1f}"
            if i + 2 < len(pts):
                d += f" L{pts[i + 2][0]:.1f},{pts[i + 2][1]:.1f}"
        colour, kind = (WARN, "edge red-flag") if red else (EDGE, "edge")
        dash = ' stroke-dasharray="6 4"' if red else ""
        out.append(f'<g class="{kind}" data-from="{_esc(src)}" data-to="{_esc(dst)}" '
                   f'data-red-flag="{str(bool(red)).lower()}"><path d="{d}" fill="none" '
                   f'stroke="{colour}" stroke-width="1.5"{dash} '
                   f'marker-end="url(#quiz-{uid}-{"arrow-warn" if red else "arrow"})"/></g>')
        text = _wrap(label, 32, 1)[0]
        w = 6.4 * len(text) + 8
        for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.5):   # first free spot on its own line
            mx, my = _bezier(pts[0], pts[1], t)
            box = (mx - w / 2, my - 9, mx + w / 2, my + 7)
            if not any(b[0] < box[2] and box[0] < b[2] and b[1] < box[3] and box[1] < b[3]
                       for b in boxes):
                break
        boxes.append(box)
        # The full answer as the label's <title>: a tooltip on hover, where
        # the drawn text may be cut short with "…".
        labels.append(f'<g class="edge-label" data-from="{_esc(src)}" data-to="{_esc(dst)}">'
                      f'<title>{_esc(" ".join(str(label).split()))}</title><rect x="{box[0]:.1f}" y="{box[1]:.1f}" width="{w:.1f}" height="16" rx="3" '
                      f'fill="#ffffff" fill-opacity="0.92"/><text x="{mx:.1f}" y="{my + 3:.1f}" '
                      f'text-anchor="middle" font-size="11" fill="{colour}">{_esc(text)}</text></g>')
    out += labels                     # above every line, so no line runs through a label

    for n in nodes:
        if n in tree.outcomes:
            o = tree.outcomes[n]
            fill, rx = VERDICT_FILLS.get(o.verdict, "#eeeeee"), 14
            cls = f"node outcome verdict-{_esc(o.verdict)}"
            lines = [(o.verdict.upper(), True)] + [(t, False) for t in _wrap(o.title, 30, 3)]
        else:
            q = tree.questions.get(n)
            fill, rx, cls = QUESTION_FILL, 0, "node question" if q else "node missing"
            # A checklist says so, with its warning level: the box a physio signs against.
            kind = ([(f"{len(q.signs)} sign{'s' if len(q.signs) != 1 else ''}"
                      + (f", warning: {q.warning}" if q.warning else ""), True)] if q and q.is_checklist else [])
            text = _wrap(q.text if q else "(missing)", 32, 3 - len(kind))
            lines = [(n, True), *kind] + [(t, False) for t in text]
        out.append(f'<g class="{cls}" data-id="{_esc(n)}"><rect x="{x[n] - NODE_W / 2:.1f}" '
                   f'y="{top[n]:.1f}" width="{NODE_W}" height="{NODE_H}" rx="{rx}" fill="{fill}" '
                   f'stroke="{TEXT}" stroke-width="1"/><text x="{x[n]:.1f}" y="{top[n] + 17:.1f}" '
                   f'text-anchor="middle" fill="{TEXT}">')
        for i, (t, bold) in enumerate(lines):
            weight = ' font-weight="bold"' if bold else ""
            out.append(f'<tspan x="{x[n]:.1f}" dy="{15 if i else 0}"{weight}>{_esc(t)}</tspan>')
        out.append("</text></g>")
    out.append(f'<text x="{MARGIN}" y="{full_h - 10:.0f}" fill="{TEXT}" font-size="11">Key: dashed '
               "red line = red-flag answer. Rounded box = outcome, with its verdict in capitals.</text>")
    out.append("</svg>")
    return "\n".join(out)
