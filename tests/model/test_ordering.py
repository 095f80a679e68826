"""Row orders: a permutation of what was given, sorted by the key named, stable, and never
dropping a persona who has not said where they stand (they go last)."""

from __future__ import annotations

from hypothesis import given, settings

from model import Persona, assess, default_config
from model.ordering import RowOrder, ordered
from tests.strategies import persona_batches


@settings(max_examples=60, deadline=None)
@given(persona_batches(min_size=1, max_size=8))
def test_every_order_is_a_permutation_sorted_by_its_key(personas: list[Persona]) -> None:
    assessments = {a.persona_id: a for a in assess(personas, default_config())}
    for order in RowOrder:
        rows = ordered(personas, assessments, order)
        assert sorted(p.id for p in rows) == sorted(p.id for p in personas)
        found = [assessments[p.id] for p in rows]
        if order is RowOrder.GIVEN:
            assert rows == list(personas)
        elif order is RowOrder.POSITION:
            assert [a.position for a in found] == sorted(a.position for a in found)
        else:
            stated = [a for a in found if a.self_placement is not None]
            # Those who have not said where they stand come after every one who has.
            assert found[: len(stated)] == stated
            if order is RowOrder.SELF:
                keys = [a.self_placement for a in stated]
                assert keys == sorted(keys)  # type: ignore[type-var]
            else:
                widths = [abs(a.gap) for a in stated if a.gap is not None]
                assert widths == sorted(widths, reverse=True)


@settings(max_examples=30, deadline=None)
@given(persona_batches(min_size=2, max_size=6))
def test_ties_keep_the_given_order(personas: list[Persona]) -> None:
    assessments = {a.persona_id: a for a in assess(personas, default_config())}
    twice = personas + [p.model_copy(update={"id": f"{p.id}-copy"}) for p in personas]
    assessments |= {f"{k}-copy": v for k, v in assessments.items()}
    for order in RowOrder:
        rows = [p.id for p in ordered(twice, assessments, order)]
        for p in personas:  # each original stays before its identical copy
            assert rows.index(p.id) < rows.index(f"{p.id}-copy")


def test_every_order_has_a_label_for_the_control() -> None:
    assert len({order.label for order in RowOrder}) == len(RowOrder)
