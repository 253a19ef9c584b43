"""The network of connections as a drawing (for an SVG) and as GraphML (for Gephi, yEd …)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from tsunagaru.matching.selectors import Network, partner_kind_label
from tsunagaru.partners.models import Organisation

SIZE = 640
_MARGIN = 90
# Colours that keep 3:1 against white and differ for common colour blindness (Okabe–Ito).
_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000"]


@dataclass(frozen=True)
class Node:
    organisation: Organisation
    x: float
    y: float
    colour: str
    group: str


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    title: str


@dataclass(frozen=True)
class Drawing:
    size: int
    nodes: list[Node]
    edges: list[Edge]
    legend: list[tuple[str, str]]  # (colour, partner kind)


def layout(network: Network) -> Drawing:
    """Groups on a circle, ordered by partner kind, so links across kinds cross the middle."""
    groups = sorted(
        network.organisations, key=lambda o: (partner_kind_label(o), o.name_sort or o.name)
    )
    kinds = list(dict.fromkeys(partner_kind_label(o) for o in groups))
    colour = {kind: _COLOURS[i % len(_COLOURS)] for i, kind in enumerate(kinds)}
    radius = SIZE / 2 - _MARGIN
    nodes: dict[int, Node] = {}
    for i, organisation in enumerate(groups):
        angle = 2 * math.pi * i / max(1, len(groups)) - math.pi / 2
        kind = partner_kind_label(organisation)
        nodes[organisation.pk] = Node(
            organisation,
            round(SIZE / 2 + radius * math.cos(angle), 1),
            round(SIZE / 2 + radius * math.sin(angle), 1),
            colour[kind],
            kind,
        )
    edges = [
        Edge(
            nodes[c.first_id].x,
            nodes[c.first_id].y,
            nodes[c.second_id].x,
            nodes[c.second_id].y,
            f"{c.first.name} ↔ {c.second.name}",
        )
        for c in network.connections
        if c.first_id in nodes and c.second_id in nodes
    ]
    return Drawing(SIZE, list(nodes.values()), edges, [(colour[k], k) for k in kinds])


def graphml(network: Network) -> str:
    """The connections as GraphML: one node per group, one edge per connection."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
        '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
        '  <key id="area" for="node" attr.name="area" attr.type="string"/>',
        '  <key id="source" for="edge" attr.name="source" attr.type="string"/>',
        '  <key id="date" for="edge" attr.name="date" attr.type="string"/>',
        '  <graph id="connections" edgedefault="undirected">',
    ]
    for o in network.organisations:
        lines += [
            f"    <node id={quoteattr(f'g{o.pk}')}>",
            f'      <data key="name">{escape(o.name)}</data>',
            f'      <data key="kind">{escape(o.kind.name)}</data>',
            f'      <data key="area">{escape(o.area.name if o.area else "")}</data>',
            "    </node>",
        ]
    for c in network.connections:
        lines += [
            f"    <edge id={quoteattr(f'c{c.pk}')} source={quoteattr(f'g{c.first_id}')} "
            f"target={quoteattr(f'g{c.second_id}')}>",
            f'      <data key="source">{escape(c.source)}</data>',
            f'      <data key="date">{c.connected_on.isoformat()}</data>',
            "    </edge>",
        ]
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)
