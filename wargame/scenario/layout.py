"""Where every number of a game lives in its flat values tuple: the one place that does slot arithmetic.

The values are one tuple of ints: the turn, every faction meter, every track,
then each region's attributes followed by its controller, then one hidden
counter per action limited by `per_turn`. The loader builds a `Layout` once;
the compiler, the rules, the bots and the screens ask it for slots instead of
computing `region_base + r * stride + offset` themselves.
"""

from __future__ import annotations

import enum
from functools import cached_property

import attrs

TURN_SLOT = 0  # the turn is always slot 0
NO_TARGET = -1  # `t` of an expression evaluated without a target region
NO_REGION = -1  # `r` of an expression evaluated outside count(...), sum(...) or a loop
NOBODY = -1  # a control slot's value when no faction controls the region


class SlotKind(enum.Enum):
    """What a slot holds."""

    TURN = "turn"
    METER = "meter"  # a faction's meter
    TRACK = "track"
    ATTRIBUTE = "attribute"  # a region's attribute
    CONTROL = "control"  # a region's controller: a faction index or NOBODY
    USES = "uses"  # how often an action limited by per_turn was taken this turn (hidden)


@attrs.frozen
class Slot:
    """One slot, named: `owner` is the faction (meter), region (attribute, control) or action (uses)."""

    kind: SlotKind
    owner: str | None
    name: str  # the meter, track or attribute id; "control", "turn" or "uses"

    @property
    def key(self) -> str:
        """The slot's name in events and `scenario.slot_names`: 'gna.treasury', 'oil', 'sirte.control'."""
        if self.kind is SlotKind.TURN or self.kind is SlotKind.TRACK:
            return self.name
        if self.kind is SlotKind.USES:
            return f"uses:{self.owner}"
        return f"{self.owner}.{self.name}"


@attrs.frozen(eq=False, slots=False)
class Layout:
    """The slots of one scenario, and the arithmetic between regions, attributes and slot numbers."""

    slots: tuple[Slot, ...]
    meters: dict[str, dict[str, int]]  # faction -> meter -> slot
    tracks: dict[str, int]  # track -> slot
    regions: tuple[str, ...]
    attributes: tuple[str, ...]  # region attribute ids, in slot order (control follows them)
    region_base: int  # the first region's first attribute
    uses: dict[str, int]  # action -> its per-turn counter slot

    @classmethod
    def build(
        cls,
        meters: dict[str, tuple[str, ...]],
        tracks: tuple[str, ...],
        regions: tuple[str, ...],
        attributes: tuple[str, ...],
        limited: tuple[str, ...] = (),
    ) -> Layout:
        """The layout for these faction meters, tracks, regions, region attributes and limited actions."""
        slots = [Slot(SlotKind.TURN, None, "turn")]
        meter_slots: dict[str, dict[str, int]] = {}
        for fid, names in meters.items():
            meter_slots[fid] = {}
            for name in names:
                meter_slots[fid][name] = len(slots)
                slots.append(Slot(SlotKind.METER, fid, name))
        track_slots = {}
        for name in tracks:
            track_slots[name] = len(slots)
            slots.append(Slot(SlotKind.TRACK, None, name))
        base = len(slots)
        for rid in regions:
            slots += [Slot(SlotKind.ATTRIBUTE, rid, a) for a in attributes]
            slots.append(Slot(SlotKind.CONTROL, rid, "control"))
        uses = {}
        for aid in limited:
            uses[aid] = len(slots)
            slots.append(Slot(SlotKind.USES, aid, "uses"))
        return cls(tuple(slots), meter_slots, track_slots, tuple(regions), tuple(attributes), base, uses)

    # --- regions ---------------------------------------------------------------
    @property
    def stride(self) -> int:
        """Slots per region: its attributes and its controller."""
        return len(self.attributes) + 1

    @property
    def control_offset(self) -> int:
        """The controller's offset within a region's slots (after its attributes)."""
        return len(self.attributes)

    def offset(self, attribute: str) -> int:
        """The offset of an attribute id (or 'control') within a region's slots."""
        return self.control_offset if attribute == "control" else self.attributes.index(attribute)

    def region_slot(self, region: int, offset: int) -> int:
        """The slot of attribute `offset` (or the controller) of region number `region`."""
        return self.region_base + region * self.stride + offset

    def control(self, region: int) -> int:
        return self.region_base + region * self.stride + len(self.attributes)

    def column(self, offset: int) -> tuple[int, ...]:
        """That attribute's (or the controller's) slot in every region, in region order."""
        stride = self.stride
        return tuple(range(self.region_base + offset, self.region_base + len(self.regions) * stride, stride))

    def column_slice(self, offset: int) -> slice:
        """`values[column_slice(k)]` is attribute k of every region (CPython scans a slice in C)."""
        return slice(self.region_base + offset, self.region_base + len(self.regions) * self.stride, self.stride)

    def region_of(self, slot: int) -> int | None:
        """The region number a slot belongs to, or None."""
        k = slot - self.region_base
        return k // self.stride if 0 <= k < len(self.regions) * self.stride else None

    # --- factions and tracks -----------------------------------------------------
    def meter(self, faction: str, meter: str) -> int:
        return self.meters[faction][meter]

    # --- naming ----------------------------------------------------------------
    def kind(self, slot: int) -> SlotKind:
        return self.slots[slot].kind

    def is_control(self, slot: int) -> bool:
        return self.slots[slot].kind is SlotKind.CONTROL

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Every slot's key, in order: what events and `scenario.slot_names` call them."""
        return tuple(s.key for s in self.slots)

    @cached_property
    def index(self) -> dict[str, int]:
        return {n: i for i, n in enumerate(self.names)}

    def __len__(self) -> int:
        return len(self.slots)
