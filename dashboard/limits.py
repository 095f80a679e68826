"""What one upload and one session may hold, so that one person cannot freeze their tab or
slow the room's server (issue 14).

A workshop's server is shared: every persona a session holds is scored on every run of every
page, and every problem shown is an element the browser draws. These bounds are generous for
teaching (the bundled library has 14 personas) and small enough that the worst upload costs
seconds, not minutes. They are documented in the README; what passes them is refused, and said.
"""

from __future__ import annotations

FILES_PER_SESSION = 20
"""Persona files read per session; files past this are refused unread (each is at most
``model.documents.MAX_FILE_BYTES``, so one upload costs at most 20 MB of reading)."""

PERSONAS_PER_FILE = 100
"""Personas kept from one file; the rest of the file is refused."""

PERSONAS_PER_SESSION = 200
"""Uploaded personas one session holds, all files together; the rest are refused."""

PROBLEMS_SHOWN = 20
"""Problems listed per file on the page; the rest are counted, and every one is in the
download beside them."""
