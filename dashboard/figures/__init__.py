"""Every chart and table the pages show, by page: each chart with its alt text, its key where it
has one, and the table beside it.

- :mod:`~dashboard.figures.theme`: the registered Plotly template, the zone shading, the row
  layout, and the formats figures and tables share;
- :mod:`~dashboard.figures.spectrum_map`, :mod:`~dashboard.figures.persona`,
  :mod:`~dashboard.figures.interventions`, :mod:`~dashboard.figures.framings`,
  :mod:`~dashboard.figures.adjust`: one module per page.

Figures and tables take the model's values (``Results``, ``Assessment``, ``FramedView``, …) and
only draw what the model computed: nothing here scores, classifies or validates, and nothing
reads the session.
"""
