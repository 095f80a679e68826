"""Each framing compared with where the person places themself (the lead the essays take, L50)."""

from __future__ import annotations

from hypothesis import given, settings

from model import FramingId, Persona, assess, default_config, frame_all
from tests.strategies import persona_batches


@settings(max_examples=60, deadline=None)
@given(persona_batches(min_size=1, max_size=4))
def test_each_framing_says_whether_it_differs_from_their_own_place(
    personas: list[Persona],
) -> None:
    """Leading with the self-placement compares each framing to where the person stands by
    their own account; with no account there is nothing to compare, never a guessed answer."""
    for a in assess(personas, default_config()):
        for view in frame_all(a):
            if a.self_zone is None:
                assert view.differs_from_self is None
            else:
                assert view.differs_from_self is (view.zone is not a.self_zone)
            # The starting-where-they-are framing places them where they place themselves.
            if view.framing is FramingId.STARTING_WHERE_THEY_ARE and a.self_zone is not None:
                assert view.differs_from_self is False
